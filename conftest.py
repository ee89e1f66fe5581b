"""The notebook checks (nbval) compare outputs computed on the five pinned seeds.

Documents added to seeds/ (and sub-folders such as seeds/reference/) would change every notebook's
numbers; during a test run the notebooks' kernels therefore read a copy of just the seeds named in
seeds/catalog.csv, checked against their sha256, through POLICYTEXT_SEEDS. A value the caller set
is left alone.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

SEEDS = Path(__file__).resolve().parent / "seeds"
_COPY: list[Path] = []


def pytest_configure(config) -> None:
    """Point POLICYTEXT_SEEDS at a fresh copy of the pinned seeds (kernels started later inherit it)."""
    if os.environ.get("POLICYTEXT_SEEDS"):
        return
    from policytext.catalog import read_catalog

    root = Path(tempfile.mkdtemp(prefix="policytext-seeds-"))
    target = root / "seeds"
    target.mkdir()
    shutil.copyfile(SEEDS / "catalog.csv", target / "catalog.csv")
    for row in read_catalog(SEEDS / "catalog.csv"):
        data = (SEEDS / row["file"]).read_bytes()
        if row["sha256"] and hashlib.sha256(data).hexdigest() != row["sha256"]:
            raise RuntimeError(f"seeds/{row['file']} differs from its sha256 in seeds/catalog.csv")
        (target / row["file"]).write_bytes(data)
    os.environ["POLICYTEXT_SEEDS"] = str(target)
    _COPY.append(root)


def pytest_unconfigure(config) -> None:
    """Remove the copy."""
    while _COPY:
        root = _COPY.pop()
        shutil.rmtree(root, ignore_errors=True)
        os.environ.pop("POLICYTEXT_SEEDS", None)
