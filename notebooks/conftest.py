"""The notebook checks (nbval) compare outputs computed on the pinned seeds, and write nothing into the
checkout.

Documents added to seeds/ would change every notebook's numbers; during a test run the notebooks'
kernels therefore read, through POLICYTEXT_SEEDS, a copy of just the pinned seeds (tests/support.py:
the documents the committed notebooks were run on, checked against their sha256, and seeds/reference/).
Their charts go, through POLICYTEXT_FIGURES, to a temporary folder instead of the committed figures/,
which the site tests read and which a different matplotlib would otherwise leave modified.
A value the caller set is left alone. Every notebook is marked `slow` (left out by `make test-fast`).
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_CREATED: list[tuple[str, Path]] = []


def pytest_configure(config) -> None:
    """Point POLICYTEXT_SEEDS at a fresh copy of the pinned seeds and POLICYTEXT_FIGURES at an empty
    temporary folder (kernels started later inherit both)."""
    sys.path.insert(0, str(ROOT / "tests"))
    from support import pinned_seeds

    if not os.environ.get("POLICYTEXT_SEEDS"):
        root = Path(tempfile.mkdtemp(prefix="policytext-seeds-"))
        pinned_seeds(root / "seeds")
        os.environ["POLICYTEXT_SEEDS"] = str(root / "seeds")
        _CREATED.append(("POLICYTEXT_SEEDS", root))
    if not os.environ.get("POLICYTEXT_FIGURES"):
        root = Path(tempfile.mkdtemp(prefix="policytext-figures-"))
        os.environ["POLICYTEXT_FIGURES"] = str(root / "figures")
        _CREATED.append(("POLICYTEXT_FIGURES", root))


def pytest_collection_modifyitems(config, items) -> None:
    """Each notebook's cells are slow tests: they run the whole analysis in a kernel."""
    for item in items:
        if item.path.suffix == ".ipynb":
            item.add_marker(pytest.mark.slow)


def pytest_unconfigure(config) -> None:
    """Remove the copies and the charts."""
    while _CREATED:
        name, root = _CREATED.pop()
        shutil.rmtree(root, ignore_errors=True)
        os.environ.pop(name, None)
