#!/usr/bin/env python3
"""Turns compare.sh's measurements (JSON lines) into the Markdown table of Benchmarks/results.md.

Every ratio and every target check is computed here, from medians; the spread (min–max over the
runs) is shown beside each median.
"""
import argparse
import datetime
import json
import os
import platform
import statistics
from collections import defaultdict

ap = argparse.ArgumentParser()
ap.add_argument("results")
ap.add_argument("--quick", default="0")
ap.add_argument("--load", nargs=2, default=["?", "?"])
ap.add_argument("--tools", default="")
ap.add_argument("--peers", default="")
args = ap.parse_args()

data = defaultdict(list)
notes = []
for line in open(args.results):
    r = json.loads(line)
    if r["key"] == "note":
        notes.append(r["data"])
    else:
        data[(r["section"], r["key"])].append(r["data"])


def cpu_model():
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def ms(seconds):
    if seconds >= 1:
        return f"{seconds:.2f} s"
    return f"{seconds * 1e3:.1f} ms" if seconds >= 0.01 else f"{seconds * 1e3:.2f} ms"


def spread_ms(times):
    return f"{ms(statistics.median(times))} ({ms(min(times))}–{ms(max(times))})"


def verdict(ok):
    return "**met**" if ok else "**missed**"


def hyperfine(section, key):
    runs = data.get((section, key))
    return {r["command"]: r["times"] for r in runs[0]["results"]} if runs else None


def cpu(section, key, command):
    """Mean CPU time (user + system) of a hyperfine command: steadier than wall time on a loaded machine."""
    for r in data[(section, key)][0]["results"]:
        if r["command"] == command:
            return r["user"] + r["system"]


rows = []


def row(num, what, ours, peer, ratio, target, result):
    rows.append(f"| {num} | {what} | {ours} | {peer} | {ratio} | {target} | {result} |")


# 1. generate
gen = hyperfine("generate", "hyperfine")
if gen:
    files = data[("generate", "files")][0]
    nbytes = data[("generate", "bytes")][0]
    a = statistics.median(gen["archdecide"])
    acpu = cpu("generate", "hyperfine", "archdecide")
    for peer, target in (("cookiecutter", 20), ("copier", 40)):
        p = statistics.median(gen[peer])
        pcpu = cpu("generate", "hyperfine", peer)
        row(1, f"`generate` vs {peer}: the `notes` monolith ({files['archdecide']} vs {files[peer]} files, "
               f"{nbytes['archdecide']:,} vs {nbytes[peer]:,} bytes)",
            f"{spread_ms(gen['archdecide'])}; CPU {ms(acpu)}", f"{spread_ms(gen[peer])}; CPU {ms(pcpu)}",
            f"{p / a:.1f}× (CPU {pcpu / acpu:.1f}×)", f"≥ {target}×", verdict(p / a >= target))

# 1b. update
upd = hyperfine("update", "hyperfine")
if upd:
    out = data[("update", "outcome")][0]
    a, c = statistics.median(upd["archdecide"]), statistics.median(upd["copier"])
    acpu, ccpu = cpu("update", "hyperfine", "archdecide"), cpu("update", "hyperfine", "copier")
    row("1b", "`update` vs `copier update`: the edited `notes` monolith, one changed answer "
              f"(conflicted files {out['archdecide']['conflicts']} vs {out['copier']['conflicts']}; "
              f"team edits kept {str(out['archdecide']['edits_kept']).lower()} vs {str(out['copier']['edits_kept']).lower()})",
        f"{spread_ms(upd['archdecide'])}; CPU {ms(acpu)}", f"{spread_ms(upd['copier'])}; CPU {ms(ccpu)}",
        f"{c / a:.1f}× (CPU {ccpu / acpu:.1f}×)", "faster, no more conflicts",
        verdict(c > a and out['archdecide']['conflicts'] <= out['copier']['conflicts']))

# 2. decide
start = hyperfine("decide", "start")
if start:
    e, d = statistics.median(start["empty"]), statistics.median(start["decide"])
    dc, ec = cpu("decide", "start", "decide"), cpu("decide", "start", "empty")
    row(2, "`decide` one profile, whole process, vs an empty Swift binary",
        f"{spread_ms(start['decide'])}; CPU {ms(dc)}", f"{spread_ms(start['empty'])}; CPU {ms(ec)}",
        f"{d / e:.1f}× (CPU {dc / ec:.1f}×)", "≤ 2.5×", verdict(d / e <= 2.5))
batch = data.get(("decide", "batch"))
if batch:
    b = batch[0]
    n = b["profiles"]
    times = b["results"][0]["times"]
    rate = n / statistics.median(times)
    row(2, f"`decide --format jsonl` on {n:,} profiles, one process",
        f"{rate:,.0f} profiles/s ({n / max(times):,.0f}–{n / min(times):,.0f})", "", "", "≥ 20,000/s", verdict(rate >= 20000))


def wrk(section, key):
    runs = data.get((section, key))
    if not runs:
        return None
    rps = [r["rps"] for r in runs]
    p99 = [r["p99_us"] / 1e3 for r in runs]
    errors = sum(sum(r["errors"].values()) for r in runs)
    return {"rps": statistics.median(rps), "lo": min(rps), "hi": max(rps), "p99": statistics.median(p99),
            "p99lo": min(p99), "p99hi": max(p99), "errors": errors, "n": len(runs)}


def cell(m):
    text = (f"{m['rps']:,.0f} req/s ({m['lo']:,.0f}–{m['hi']:,.0f}); "
            f"p99 {m['p99']:.2f} ms ({m['p99lo']:.2f}–{m['p99hi']:.2f})")
    return text + (f"; **{m['errors']} errors**" if m["errors"] else "")


# 3. service
labels = {"healthz": "GET /healthz", "embeddings": "POST /v1/embeddings, 384 floats as JSON",
          "embeddings-base64": "POST /v1/embeddings, `encoding_format: base64`", "sse": "POST /v1/chat/completions, SSE, 20 events"}
targets = {"healthz": 2.5, "embeddings": 2, "embeddings-base64": None, "sse": 5}
for key, label in labels.items():
    g, f = wrk("service", f"{key}/generated"), wrk("service", f"{key}/fastapi")
    if not (g and f):
        continue
    ratio = g["rps"] / f["rps"]
    t = targets[key]
    p99ok = g["p99"] < f["p99"]
    result = (verdict(ratio >= t) + " req/s; " if t else "no req/s target; ") + verdict(p99ok) + " p99"
    row(3, f"generated Hummingbird vs FastAPI (uvicorn, 2 workers): {label}", cell(g), cell(f), f"{ratio:.2f}×",
        (f"≥ {t}×, " if t else "") + "p99 lower", result)
    if key == "healthz":
        bare = wrk("service", "healthz/bare")
        if bare:
            share = g["rps"] / bare["rps"]
            row(3, "generated Hummingbird vs bare Hummingbird 2 (the ceiling): GET /healthz", cell(g), cell(bare),
                f"{share * 100:.0f}%", "≥ 85%", verdict(share >= 0.85))
payloads = data.get(("service", "payloads"))

# 4. monolith
for key, label in (("healthz", "GET /healthz"), ("items", "GET /items: one row through the ORM, rendered as HTML")):
    g, d = wrk("monolith", f"{key}/generated"), wrk("monolith", f"{key}/django")
    if g and d:
        ratio = g["rps"] / d["rps"]
        row(4, f"generated Vapor vs Django (gunicorn, 2 workers), SQLite: {label}", cell(g), cell(d),
            f"{ratio:.2f}×", "≥ 3×", verdict(ratio >= 3))

now = datetime.datetime.now(datetime.timezone.utc)
print(f"Taken {now:%Y-%m-%d %H:%M} UTC on {os.cpu_count()} cores ({cpu_model()}), "
      f"load average {args.load[0]} at the start and {args.load[1]} at the end"
      + (" — **--quick smoke run: not numbers to quote**" if args.quick == "1" else "") + ".")
print(f"Tools: {args.tools}.")
if args.peers:
    print(f"Peers: {args.peers}.")
print("Medians of the runs, min–max in brackets; ratios of medians. wrk -t2 -c64 on 127.0.0.1, the load "
      "generator sharing the cores with the server.\n")
print("| # | comparison | archdecide / generated | peer | ratio | target | result |")
print("|---|---|---|---|---:|---|---|")
for r in rows:
    print(r)
if payloads:
    print(f"\nSame work, checked before measuring: {payloads[0]}.")
if notes:
    print()
    for n in notes:
        print(f"- {n}")
