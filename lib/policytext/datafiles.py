"""The package's data files (rules, dictionaries, lexicons), read with comments and blank lines dropped."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def rows(name: str) -> list[list[str]]:
    """Tab-separated fields of every line of data/`name` that is neither blank nor a '#' comment."""
    text = files("policytext").joinpath(f"data/{name}").read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


def numbered_rows(name: str) -> list[tuple[int, list[str]]]:
    """(1-based line number, tab-separated fields) of every line of data/`name` that is neither blank nor a
    '#' comment: for errors that name the line."""
    text = files("policytext").joinpath(f"data/{name}").read_text(encoding="utf-8")
    return [(n, line.split("\t")) for n, line in enumerate(text.splitlines(), 1)
            if line.strip() and not line.startswith("#")]


def gold_dir(name: str) -> Path:
    """The folder of the gold the library and the notebooks measure against, data/gold/`name` (e.g.
    "independent", the blind hand coding of units read by `validation.agreement.stage_agreement`). It ships
    with the package, so nothing needs the tests; gold used by the tests alone stays in tests/data/gold."""
    path = Path(str(files("policytext").joinpath("data/gold", name)))
    if not (path / "README.md").is_file():
        raise FileNotFoundError(f"{path}: no such gold folder in the package (data/gold holds one folder per gold)")
    return path
