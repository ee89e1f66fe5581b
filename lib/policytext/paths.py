"""Where the notebooks read documents and write charts (overridable, so tests can run on a copy)."""

from __future__ import annotations

import os
from pathlib import Path

SEEDS_ENV = "POLICYTEXT_SEEDS"
FIGURES_ENV = "POLICYTEXT_FIGURES"


def seeds_dir() -> Path:
    """$POLICYTEXT_SEEDS, else ../seeds (notebooks run inside notebooks/)."""
    return Path(os.environ.get(SEEDS_ENV, "../seeds"))


def figures_dir() -> Path:
    """$POLICYTEXT_FIGURES, else ../figures."""
    return Path(os.environ.get(FIGURES_ENV, "../figures"))
