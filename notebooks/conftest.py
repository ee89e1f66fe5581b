"""The notebook checks (nbval) compare outputs computed on the pinned seeds.

Documents added to seeds/ would change every notebook's numbers; during a test run the notebooks'
kernels therefore read, through POLICYTEXT_SEEDS, a copy of just the documents named in
seeds/catalog.csv and in the catalogs of its sub-folders (seeds/reference/), checked against their
sha256. A value the caller set is left alone.
"""

from __future__ import annotations

import hashlib
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
    from policytext.catalog import read_catalog

    def copy(source: Path, target: Path) -> None:
        target.mkdir(parents=True)
        shutil.copyfile(source / "catalog.csv", target / "catalog.csv")
        for row in read_catalog(source / "catalog.csv"):
            data = (source / row["file"]).read_bytes()
            if row["sha256"] and hashlib.sha256(data).hexdigest() != row["sha256"]:
                raise RuntimeError(f"{source / row['file']} differs from its sha256 in {source / 'catalog.csv'}")
            (target / row["file"]).write_bytes(data)
        for sub in sorted(p for p in source.iterdir() if (p / "catalog.csv").is_file()):  # seeds/reference/
            copy(sub, target / sub.name)

    root = Path(tempfile.mkdtemp(prefix="policytext-seeds-"))
    copy(SEEDS, root / "seeds")
    os.environ["POLICYTEXT_SEEDS"] = str(root / "seeds")
    _COPY.append(root)


def pytest_unconfigure(config) -> None:
    """Remove the copy."""
    while _COPY:
        root = _COPY.pop()
        shutil.rmtree(root, ignore_errors=True)
        os.environ.pop("POLICYTEXT_SEEDS", None)
