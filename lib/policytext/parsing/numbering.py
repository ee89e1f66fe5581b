"""Numbering labels of Chinese policy texts (一、 /（一）/ 一是 / 1. / (1) / 第X条) and line shapes.

Shared by cleaning (where does the body start?) and structure (which level is this?).
"""

from __future__ import annotations

import re

CN_DIGITS = "一二三四五六七八九十百零〇两"
_CN = f"[{CN_DIGITS}]+"
# Level 1: section headings.
SECTION_LABEL = re.compile(rf"^(?:{_CN}、|第{_CN}[章节部分篇]\s*)")
# Level 2: numbered clauses.
CLAUSE_LABEL = re.compile(
    rf"^(?:[（(]{_CN}[)）]|[（(]\d{{1,2}}[)）]|第{_CN}条\s*|{_CN}是[、，,:：]?|\d{{1,2}}[.．、](?!\d))"
)
# "一是" inside a paragraph, at a sentence start.
INLINE_ENUM = re.compile(rf"(?:(?<=^)|(?<=[。；;！？!?]))({_CN})是")
ARABIC_HEADING = re.compile(r"^\d{1,2}[.．、](?!\d)")

TERMINAL = "。！？!?；;…"
CLOSERS = "”’」』)）】》\"'"
HEADING_MAX = 45


def ends_sentence(text: str) -> bool:
    """True if `text` ends with sentence-final punctuation (closing quotes allowed after it)."""
    s = text.rstrip().rstrip(CLOSERS)
    return bool(s) and s[-1] in TERMINAL


def heading_like(text: str) -> bool:
    """A short line without sentence-final punctuation and at most one comma: a title or heading."""
    s = text.strip()
    commas = s.count(",") + s.count("，")
    return 0 < len(s) <= HEADING_MAX and commas <= 1 and not ends_sentence(s) and s[-1] not in ",，、"


def has_label(text: str) -> bool:
    """True if `text` starts with a section or clause numbering label."""
    s = text.strip()
    return bool(SECTION_LABEL.match(s) or CLAUSE_LABEL.match(s))


_CN_VALUES = {c: i for i, c in enumerate("零一二三四五六七八九", start=0)} | {"〇": 0, "两": 2}


def cn_number(text: str) -> int | None:
    """Value of a Chinese numeral up to 99 (一 → 1, 十二 → 12, 二十 → 20); None if not one."""
    if not text:
        return None
    if text == "十":
        return 10
    if "十" in text:
        tens, _, ones = text.partition("十")
        t = _CN_VALUES.get(tens, None) if tens else 1
        o = _CN_VALUES.get(ones, None) if ones else 0
        return None if t is None or o is None else t * 10 + o
    if len(text) == 1:
        return _CN_VALUES.get(text)
    return None
