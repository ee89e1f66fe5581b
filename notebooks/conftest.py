"""The notebook checks (nbval) compare outputs computed on the pinned seeds.

Documents added to seeds/ would change every notebook's numbers; during a test run the notebooks'
kernels therefore read, through POLICYTEXT_SEEDS, a copy of just the documents named in
seeds/catalog.csv and in the catalogs of its sub-folders (seeds/reference/), checked against their
sha256. A value the caller set is left alone.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
_COPY: list[Path] = []


def pytest_configure(config) -> None:
    """Point POLICYTEXT_SEEDS at a fresh copy of the pinned seeds (kernels started later inherit it)."""
    if os.environ.get("POLICYTEXT_SEEDS"):
        return
    from policytext.corpus import copy_catalogued

    root = Path(tempfile.mkdtemp(prefix="policytext-seeds-"))
    copy_catalogued(SEEDS, root / "seeds")
    os.environ["POLICYTEXT_SEEDS"] = str(root / "seeds")
    _COPY.append(root)


def pytest_unconfigure(config) -> None:
    """Remove the copy."""
    while _COPY:
        root = _COPY.pop()
        shutil.rmtree(root, ignore_errors=True)
        os.environ.pop("POLICYTEXT_SEEDS", None)
