"""Traditional-to-Simplified script: detection and conversion with OpenCC."""

from __future__ import annotations

from functools import lru_cache

import opencc

SIMPLIFIED = "Simplified"
TRADITIONAL = "Traditional"
# A Simplified text quoting a few Traditional names stays well below this share
# of changed characters; a Traditional text is typically at 15-30 %.
_TRADITIONAL_SHARE = 0.04


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Convert Traditional characters and phrases to Simplified (OpenCC t2s); length-preserving."""
    converted = _t2s().convert(text)
    if len(converted) != len(text):  # a phrase mapping changed the length: fall back to characters
        converted = "".join(_t2s().convert(c) for c in text)
    return converted


def traditional_share(text: str) -> float:
    """Share of Han characters that OpenCC t2s would change."""
    han = [i for i, c in enumerate(text) if "\u4e00" <= c <= "\u9fff"]
    if not han:
        return 0.0
    converted = to_simplified(text)
    changed = sum(1 for i in han if converted[i] != text[i])
    return changed / len(han)


def detect_script(text: str) -> str:
    """'Traditional' or 'Simplified', from the share of characters t2s would change."""
    return TRADITIONAL if traditional_share(text) >= _TRADITIONAL_SHARE else SIMPLIFIED
