"""One truth for dependencies: pyproject.toml and environment.yml name the same packages."""

import re
import tomllib

from support import ROOT

CONDA_NAMES = {"python", "pip"}


def _name(spec: str) -> str:
    return re.split(r"[<>=!~ \[;]", spec.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _environment_names() -> set[str]:
    names = set()
    text = (ROOT / "environment.yml").read_text(encoding="utf-8")
    for line in text.split("dependencies:", 1)[1].splitlines():
        m = re.match(r"^\s*-\s+([^#\s].*?)\s*$", line)
        if not m or m.group(1).endswith(":") or m.group(1).startswith("-e"):
            continue
        names.add(_name(m.group(1)))
    return names - CONDA_NAMES


def test_environment_yml_lists_exactly_the_pyproject_dependencies():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = {_name(d) for d in project["dependencies"]}
    for extra in ("test", "lab"):
        declared |= {_name(d) for d in project["optional-dependencies"][extra]}
    assert _environment_names() == declared


def test_environment_installs_the_package_itself():
    assert "- -e ." in (ROOT / "environment.yml").read_text(encoding="utf-8")


def test_constraints_pin_every_declared_dependency():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pinned = {
        _name(line) for line in (ROOT / "constraints.txt").read_text().splitlines() if "==" in line
    }
    extras = project["optional-dependencies"]
    declared = {_name(d) for d in project["dependencies"] + extras["test"] + extras["lab"]}
    assert declared <= pinned
