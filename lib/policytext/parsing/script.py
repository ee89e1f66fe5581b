"""Traditional-to-Simplified script: detection and conversion with OpenCC, then phrase fixes.

OpenCC t2s leaves a few phrases in a form that is not mainland standard (著力 for 着力); the
same-length fixes of data/script_fixes.tsv are applied after it, so offsets stay valid.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import opencc

from ..datafiles import rows

SIMPLIFIED = "Simplified"
TRADITIONAL = "Traditional"
# A Simplified text quoting a few Traditional names stays well below this share
# of changed characters; a Traditional text is typically at 15-30 %.
_TRADITIONAL_SHARE = 0.04


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@lru_cache(maxsize=1)
def phrase_fixes() -> dict[str, str]:
    """Converted phrase -> standard Simplified phrase (data/script_fixes.tsv), each pair of equal length."""
    fixes = {}
    for cols in rows("script_fixes.tsv"):
        if len(cols) != 3:
            raise ValueError(f"script_fixes.tsv: expected 3 TAB-separated columns, found {len(cols)} in {cols!r}")
        source, target = cols[0].strip(), cols[1].strip()
        if len(source) != len(target) or not source:
            raise ValueError(f"script_fixes.tsv: {source!r} -> {target!r} must keep the length (offsets would shift)")
        fixes[source] = target
    return fixes


@lru_cache(maxsize=1)
def _fix_pattern() -> re.Pattern:
    return re.compile("|".join(re.escape(p) for p in sorted(phrase_fixes(), key=lambda p: (-len(p), p))))


def fix_phrases(text: str) -> str:
    """Apply the phrase fixes of data/script_fixes.tsv (same length, so offsets stay valid)."""
    return _fix_pattern().sub(lambda m: phrase_fixes()[m.group(0)], text)


def _opencc(text: str) -> str:
    converted = _t2s().convert(text)
    if len(converted) != len(text):  # a phrase mapping changed the length: fall back to characters
        converted = "".join(_t2s().convert(c) for c in text)
    return converted


def to_simplified(text: str) -> str:
    """Convert Traditional characters and phrases to Simplified (OpenCC t2s, then phrase fixes); length-preserving."""
    return fix_phrases(_opencc(text))


def traditional_share(text: str) -> float:
    """Share of Han characters that OpenCC t2s would change (phrase fixes are variants, not script)."""
    codes = _code_points(text)
    han = (codes >= 0x4E00) & (codes <= 0x9FFF)
    total = int(han.sum())
    if not total:
        return 0.0
    changed = int((han & (_code_points(_opencc(text)) != codes)).sum())  # t2s keeps the length
    return changed / total


def _code_points(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)


def detect_script(text: str) -> str:
    """'Traditional' or 'Simplified', from the share of characters t2s would change."""
    return TRADITIONAL if traditional_share(text) >= _TRADITIONAL_SHARE else SIMPLIFIED
