"""CITATION.cff's version, date-released, repository-code and url, filled from the one place that holds them:
pyproject.toml's version (policytext.__version__) and lib/policytext/data/release.tsv.

    python scripts/write_citation.py           # rewrite CITATION.cff (only those keys change)
    python scripts/write_citation.py --check   # exit 1 when CITATION.cff disagrees with them
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

from policytext.pipeline.citation import filled_cff, release

ROOT = Path(__file__).resolve().parent.parent
CFF = ROOT / "CITATION.cff"


def main(argv: list[str]) -> int:
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    if version != release()["version"]:
        print(f"pyproject.toml says version {version}, policytext.__version__ {release()['version']}: make them "
              "agree first", file=sys.stderr)
        return 1
    text = CFF.read_text(encoding="utf-8")
    filled = filled_cff(text)
    if "--check" in argv:
        if filled != text:
            print(f"{CFF.name} disagrees with pyproject.toml and data/release.tsv: run make citation", file=sys.stderr)
            return 1
        return 0
    CFF.write_text(filled, encoding="utf-8")
    print(f"{CFF.name}: version {release()['version']}, released {release()['date-released']}")
    return 0


if __name__ == "__main__":
    from policytext.errors import show_warnings_plainly

    show_warnings_plainly()  # each warning on one line, as the command line prints them
    sys.exit(main(sys.argv[1:]))
