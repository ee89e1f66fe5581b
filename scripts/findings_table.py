"""Write the README's findings table from the notebooks: one line per notebook, its computed headline.

    .venv/bin/python scripts/findings_table.py          # rewrite the table in README.md
    .venv/bin/python scripts/findings_table.py --check  # exit 1 when README.md differs from the notebooks

Each notebook's Findings section displays `policytext.findings.Finding` objects; each stores its data in
the executed notebook as JSON (mime type `application/vnd.policytext.finding+json`). The one marked
`headline` gives the notebook's row: its claim, or "Not stated on this corpus: …" when its guard fails.
The table sits in README.md between the two FINDINGS markers below, so re-executing the notebooks and
running this script (`make readme`) keeps the README true.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat
from policytext.findings import collect

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
NOTEBOOKS = ROOT / "notebooks"
START = "<!-- FINDINGS:START (written by scripts/findings_table.py from the notebooks; do not edit) -->"
END = "<!-- FINDINGS:END -->"


def notebook_title(nb: nbformat.NotebookNode, fallback: str) -> str:
    """The notebook's first heading without its '#' marks and without the part after a colon."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].split(":")[0].strip()
    return fallback


def headline(nb: nbformat.NotebookNode, path: Path) -> str:
    """The statement of the notebook's headline finding (from its JSON output); an error names what is missing."""
    found = [f for f in collect(nb) if f.get("headline")]
    if len(found) != 1:
        raise ValueError(f"{path.name}: needs exactly one headline finding in its outputs, has {len(found)} "
                         "(run `make notebooks`)")
    return " ".join(found[0]["statement"].split())


def table(notebooks: Path = NOTEBOOKS) -> str:
    """The findings table in Markdown: one row per notebook, linked, with its headline."""
    rows = ["| notebook | what it finds |", "| --- | --- |"]
    for path in sorted(notebooks.glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        cell = headline(nb, path).replace("|", "\\|")
        rows.append(f"| [{notebook_title(nb, path.stem)}](notebooks/{path.name}) | {cell} |")
    return "\n".join(rows)


def with_table(readme: str, rendered: str) -> str:
    """`readme` with the text between the markers replaced by `rendered`."""
    if START not in readme or END not in readme:
        raise ValueError(f"README.md lacks the markers {START!r} and {END!r}")
    head, rest = readme.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n{rendered}\n{END}{tail}"


def main(argv: list[str] | None = None) -> int:
    """Rewrite (or with --check, compare) the table in README.md."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only compare; exit 1 when README.md is out of date")
    args = parser.parse_args(argv)
    current = README.read_text(encoding="utf-8")
    wanted = with_table(current, table())
    if args.check:
        if wanted != current:
            print("README.md's findings table differs from the notebooks: run `make readme`", file=sys.stderr)
            return 1
        return 0
    if wanted != current:
        README.write_text(wanted, encoding="utf-8")
    print(README)
    return 0


if __name__ == "__main__":
    from policytext.errors import show_warnings_plainly

    show_warnings_plainly()  # each warning on one line, as the command line prints them
    sys.exit(main())
