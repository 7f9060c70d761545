#!/usr/bin/env python3
"""Writes the cookiecutter and copier peers of `archdecide generate` from one generated repo.

    python3 make-templates.py GENERATED_DIR MODULE

GENERATED_DIR is what `archdecide generate --no-git --profile profile.yaml` wrote (Benchmarks/
peers/profile.yaml, the `notes` monolith); MODULE is its Swift module (NotesApp). Every file
becomes a template rendered through the tool's engine (Jinja2 for both), with the same paths and
bytes as archdecide's output, plus what the comparison asks of each tool:
  - variables: name, module, description, and one choice variable, `starter_model`
    (items | none), which decides the conditional files and the lines that register the model;
  - two conditional files: the Item model and its migration exist only when starter_model is
    items (cookiecutter: a post-generation hook removes them; copier: their names render empty).
Re-run it when the generator's templates change, so the peers keep writing the same repo.
"""
import json
import os
import shutil
import sys

here = os.path.dirname(os.path.abspath(__file__))
src, module = sys.argv[1], sys.argv[2]
CONDITIONAL = {f"Sources/{module}/Models/Item.swift", f"Sources/{module}/Migrations/CreateItem.swift"}


def files(root):
    for base, _, names in os.walk(root):
        for name in sorted(names):
            path = os.path.join(base, name)
            yield os.path.relpath(path, root)


def templated(text, engine):
    # The tool's own syntax in a Swift/Leaf/YAML file is kept verbatim; the project's names are variables.
    var = "cookiecutter." if engine == "cookiecutter" else ""
    text = text.replace("{{", "{{ '{{' }}").replace("{%", "{{ '{%' }}").replace("{#", "{{ '{#' }}")
    text = text.replace(module, "{{ " + var + "module }}")
    text = text.replace("name: notes", "name: {{ " + var + "name }}")
    # The choice variable decides the lines that register the items model, as in archdecide's templates.
    lines = text.splitlines(keepends=True)
    for i, line in enumerate(lines):
        if "ItemController()" in line or "CreateItem()" in line:
            lines[i] = "{% if " + var + "starter_model == 'items' %}" + line + "{% endif %}"
    return "".join(lines)


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


paths = sorted(files(src))
description = "Notes kept by a small team"

# cookiecutter: {{cookiecutter.project_dir}}/..., cookiecutter.json, hooks/post_gen_project.py
cc = os.path.join(here, "cookiecutter")
shutil.rmtree(cc, ignore_errors=True)
write(os.path.join(cc, "cookiecutter.json"), json.dumps({
    "name": "notes", "module": "NotesApp", "description": description,
    "starter_model": ["items", "none"],
    "project_dir": "{{ cookiecutter.name }}",
}, indent=2) + "\n")
write(os.path.join(cc, "hooks", "post_gen_project.py"),
      "# The two conditional files exist only with the items starter model.\nimport os\n\n"
      "if \"{{ cookiecutter.starter_model }}\" != \"items\":\n"
      + "".join(f"    os.remove(\"{p.replace(module, '{{ cookiecutter.module }}')}\")\n" for p in sorted(CONDITIONAL)))
for rel in paths:
    text = open(os.path.join(src, rel)).read()
    write(os.path.join(cc, "{{cookiecutter.project_dir}}", rel.replace(module, "{{cookiecutter.module}}")),
          templated(text, "cookiecutter"))

# copier: copier.yml and template/..., every file a .jinja template
cp = os.path.join(here, "copier")
shutil.rmtree(cp, ignore_errors=True)
write(os.path.join(cp, "copier.yml"),
      "_subdirectory: template\n_templates_suffix: .jinja\n"
      "name:\n  type: str\n  default: notes\n"
      "module:\n  type: str\n  default: NotesApp\n"
      f"description:\n  type: str\n  default: {description}\n"
      "starter_model:\n  type: str\n  help: The first model of the app\n  choices: [items, none]\n  default: items\n")
for rel in paths:
    text = open(os.path.join(src, rel)).read()
    out = rel.replace(module, "{{ module }}")
    if rel in CONDITIONAL:
        head, tail = os.path.split(out)
        out = os.path.join(head, "{% if starter_model == 'items' %}" + tail + "{% endif %}")
    write(os.path.join(cp, "template", out + ".jinja"), templated(text, "copier"))
print(f"{len(paths)} files per peer template")
