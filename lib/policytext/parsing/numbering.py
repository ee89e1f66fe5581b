"""Numbering labels of Chinese policy texts (一、 /（一）/ 一是 / 1. / (1) / 第X条) and line shapes.

The one place the label patterns are written: cleaning (where does the body start?), structure (which
level is this?), metadata and history (where do the articles begin?), the instrument and indicator coders
(does a unit start with a label? is this a statute's article?) and the parse agreement (what kind of
marker is this?) import them from here.
"""

from __future__ import annotations

import re

CN_DIGITS = "一二三四五六七八九十百零〇两"
_CN = f"[{CN_DIGITS}]+"
CN_NUMERAL = _CN  # a label's Chinese numeral: 一, 十二, 二十, 一百零一
# Up to 十 only: the numerals of headings and enumerations that count a handful (一、 一是 一． 第三章).
CN_SMALL = "一二三四五六七八九十"
# The number of an article, Chinese or Arabic (第一百零一条, 第12条); 两 does not number articles.
ARTICLE_NUMBER = r"[一二三四五六七八九十百零〇\d]+"
ARTICLE = rf"第{ARTICLE_NUMBER}条"
ARTICLE_LABEL = re.compile(rf"^{ARTICLE}")  # a line or sentence that starts with 第X条
# A chapter, article, volume or section heading (第一章, 第3条, 第二编, 第一节), 两 and Arabic digits allowed.
DIVISION = rf"第[{CN_DIGITS}\d]+[章条编节]"
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
