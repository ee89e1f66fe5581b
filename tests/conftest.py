"""Shared fixtures on the pinned seeds (paths and the pinned copy live in support.py)."""

import pytest
from support import SEED_FILES, SEEDS, pinned_seeds


@pytest.fixture(scope="session")
def seeds_copy(tmp_path_factory):
    """A read-only copy of the pinned seeds, for tests that hand a folder to a subprocess."""
    return pinned_seeds(tmp_path_factory.mktemp("pinned") / "seeds")


@pytest.fixture(scope="session")
def corpus():
    import policytext

    return policytext.load_corpus(SEEDS, files=SEED_FILES)
