"""Shared fixtures: paths of the real seeds and of the hand-made inputs.

The tests are about the five seeds named in seeds/catalog.csv, pinned by file name and checksum:
anything else dropped into seeds/ (a new document, a sub-folder with its own catalog) is ignored,
so adding documents never breaks the tests.
"""

import hashlib
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DATA = Path(__file__).resolve().parent / "data"
GOLD = DATA / "gold"


def _pinned() -> dict[str, str]:
    """File name -> sha256 of every document catalogued in seeds/catalog.csv."""
    from policytext.catalog import read_catalog

    return {row["file"]: row["sha256"] for row in read_catalog(SEEDS / "catalog.csv")}


SEED_SHA256 = _pinned()
SEED_FILES = sorted(SEED_SHA256)


def pinned_seeds(target: Path) -> Path:
    """A copy of the pinned seeds and their catalog in `target` (checksums checked); nothing else."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SEEDS / "catalog.csv", target / "catalog.csv")
    for name, sha in SEED_SHA256.items():
        data = (SEEDS / name).read_bytes()
        assert hashlib.sha256(data).hexdigest() == sha, f"seeds/{name} differs from its catalog sha256"
        (target / name).write_bytes(data)
    return target


@pytest.fixture(scope="session")
def seeds_copy(tmp_path_factory):
    """A read-only copy of the pinned seeds, for tests that hand a folder to a subprocess."""
    return pinned_seeds(tmp_path_factory.mktemp("pinned") / "seeds")


@pytest.fixture(scope="session")
def corpus():
    import policytext

    return policytext.load_corpus(SEEDS, files=SEED_FILES)
