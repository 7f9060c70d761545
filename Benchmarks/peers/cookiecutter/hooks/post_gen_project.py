# The two conditional files exist only with the items starter model.
import os

if "{{ cookiecutter.starter_model }}" != "items":
    os.remove("Sources/{{ cookiecutter.module }}/Migrations/CreateItem.swift")
    os.remove("Sources/{{ cookiecutter.module }}/Models/Item.swift")
