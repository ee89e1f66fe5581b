"""Shared fixtures: paths of the real seeds and of the hand-made inputs."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DATA = Path(__file__).resolve().parent / "data"
GOLD = DATA / "gold"


@pytest.fixture(scope="session")
def corpus():
    import policytext

    return policytext.load_corpus(SEEDS)
