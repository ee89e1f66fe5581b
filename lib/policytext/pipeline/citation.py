"""How to cite the collection: its release facts (data/release.tsv and the package version), the fields of
CITATION.cff they fill, and the one-line citation of a table printed in the exported workbook."""

from __future__ import annotations

import re

from ..datafiles import rows

# CITATION.cff keys filled from the release facts; every other line of the file is written by hand.
CFF_FILLED = ("title", "version", "date-released", "repository-code", "url")
# Keys the Citation File Format 1.2.0 requires of every file.
CFF_REQUIRED = ("cff-version", "message", "title", "authors")


def release() -> dict[str, str]:
    """The release facts: title, author, date-released, repository-code (data/release.tsv) and version."""
    import policytext  # at call time: the package imports this module before it sets its version

    facts = {key: value for key, value in rows("release.tsv")}
    return facts | {"version": policytext.__version__}


def cff_values() -> dict[str, str]:
    """The values of the CITATION.cff keys in CFF_FILLED, from release()."""
    facts = release()
    return {"title": facts["title"], "version": facts["version"], "date-released": facts["date-released"],
            "repository-code": facts["repository-code"], "url": facts["repository-code"]}


def filled_cff(text: str) -> str:
    """CITATION.cff's text with each key of CFF_FILLED set from cff_values(): a key already there keeps its
    place, a missing one is added at the end; comments and every other line stay as written."""
    for key, value in cff_values().items():
        line = f"{key}: {_yaml_scalar(value)}"
        pattern = re.compile(rf"^{re.escape(key)}:.*$", re.MULTILINE)
        text = pattern.sub(line, text, count=1) if pattern.search(text) else text.rstrip("\n") + f"\n{line}\n"
    return text


def _yaml_scalar(value: str) -> str:
    # a date or a version must stay a string for CFF validators; quoting keeps it one
    return f'"{value}"'


def cite_table(table: str | None = None) -> str:
    """One line to cite the collection, or one table of its export: author (year), title, version, address."""
    facts = release()
    what = f"table '{table}' of " if table else ""
    return (f"{facts['author']} ({facts['date-released'][:4]}). {what}{facts['title']}, version {facts['version']}. "
            f"{facts['repository-code']}")
