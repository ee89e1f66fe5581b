"""The package's data files (rules, dictionaries, lexicons), read with comments and blank lines dropped."""

from __future__ import annotations

from importlib.resources import files


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
