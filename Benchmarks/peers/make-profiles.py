#!/usr/bin/env python3
"""Writes the decide batch's profiles without building archdecide-bench (BENCH_PROFILES).

    python3 make-profiles.py COUNT FOLDER [QUESTIONNAIRE]

The same profiles as `archdecide-bench generate-profiles COUNT FOLDER`: its LCG (seed 0x5EED),
the questions in the questionnaire's order, each answered four times in five, values drawn the
same way (bool, choice, int = rand % 5000 + minimum, multi/tags = each choice one time in three).
Its release build is a cold build of swift-crypto; this needs only PyYAML.
"""
import os
import sys

import yaml

count, folder = int(sys.argv[1]), sys.argv[2]
here = os.path.dirname(os.path.abspath(__file__))
questionnaire = sys.argv[3] if len(sys.argv) > 3 else os.path.join(here, "..", "..", "Rules", "questionnaire.yaml")
questions = yaml.safe_load(open(questionnaire))["questions"]

MASK = (1 << 64) - 1
seed = 0x5EED


def rand():
    global seed
    seed = (seed * 6364136223846793005 + 1442695040888963407) & MASK
    return seed >> 33


def choices(q):
    return [c["value"] if isinstance(c, dict) else str(c) for c in q.get("choices", [])]


os.makedirs(folder, exist_ok=True)
for i in range(count):
    text, traffic, team = f"version: 1\nname: bench-{i}\n", "", ""
    for q in questions:
        if rand() % 5 == 0:
            continue
        kind = q["type"]
        if kind == "bool":
            value = "true" if rand() % 2 == 0 else "false"
        elif kind == "choice":
            pool = choices(q)
            value = pool[rand() % len(pool)]
        elif kind == "int":
            value = str(rand() % 5000 + (q.get("minimum") or 0))
        else:  # multi, tags
            value = "[" + ", ".join(c for c in choices(q) if rand() % 3 == 0) + "]"
        path = q["id"].split(".")
        if len(path) == 2 and path[0] == "traffic":
            traffic += f"  {path[1]}: {value}\n"
        elif len(path) == 2 and path[0] == "team":
            team += f"  {path[1]}: {value}\n"
        else:
            text += f"{q['id']}: {value}\n"
    if traffic:
        text += "traffic:\n" + traffic
    if team:
        text += "team:\n" + team
    with open(os.path.join(folder, f"p{i:05d}.yaml"), "w") as f:
        f.write(text)
print(f"{count} profiles in {folder}")
