"""Dates as Chinese official texts print them -> ISO days, checked against the calendar.

Forms read: 2025年7月28日, 2025 年 7 月 28 日 (spaced), 二〇二五年七月二十八日 (Chinese numerals,
read with cn2an), 2025-07-28, 2025/7/28, 2025.07.28, full-width digits, and a date followed by a time
of day (2025-07-28 10:30:00: the date is kept whole, the time ignored). A match that names no real day
(2025-02-30, month 13) is not a date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import cn2an

from ..regexes import screened

# Full-width digits and the circle look-alikes printed for 〇 map one character to one character,
# so offsets found in the translated text hold in the original.
_ONE_TO_ONE = str.maketrans("０１２３４５６７８９○Ｏ〇", "0123456789〇〇〇")
_TRANSLATED = re.compile("[０-９○Ｏ]")  # what _ONE_TO_ONE changes: most texts hold none (no translation then)
_CN = "〇零一二三四五六七八九十"
# Every form a date is printed in (the first alternative with 年月日, the second with - / or . between numbers)
DATE_FORMS = (
    rf"(?<!\d)(?P<y>\d{{4}}|[〇零一二三四五六七八九]{{4}})\s*年\s*(?P<m>\d{{1,2}}|[{_CN}]{{1,2}})\s*月"
    rf"\s*(?P<d>\d{{1,2}}|[{_CN}]{{1,3}})\s*[日号]"
    r"|(?<!\d)(?P<y2>\d{4})\s*(?P<sep>[-/.])\s*(?P<m2>\d{1,2})\s*(?P=sep)\s*(?P<d2>\d{1,2})(?![\d.])"
)
# screened: the forms open with a lookbehind, so the engine would try them at every character; led by a
# lookahead on the characters a year starts with, it tries them only there (a law in a third of the time)
_DATE = re.compile(screened(DATE_FORMS))
_TIME = re.compile(r"^\s*\d{1,2}[:：]\d{2}([:：]\d{2})?")
_YEAR_DIGITS = "○Ｏ〇零一二三四五六七八九"  # besides decimal digits, what a year can start with
_WRAP = " \t\u3000()（）[]【】〔〕<>《》"
YEARS = (1949, 2100)  # policy texts of the People's Republic; a wider match is a number, not a year


@dataclass(frozen=True)
class DateMatch:
    """One date found in a text: its span in that text and the ISO day it names."""

    start: int
    end: int
    iso: str


def _number(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    try:
        value = cn2an.cn2an(text, "smart")
    except (ValueError, KeyError):
        return None
    return int(value) if float(value).is_integer() else None


def _day(y: str, m: str, d: str) -> str:
    year = int("".join(str("〇一二三四五六七八九".index(c)) if not c.isdigit() else c for c in y.replace("零", "〇")))
    month, day = _number(m), _number(d)
    if month is None or day is None or not YEARS[0] <= year <= YEARS[1]:
        return ""
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return ""


def find_dates(text: str) -> list[DateMatch]:
    """Every real calendar date printed in `text`, in order, with its span."""
    if "年" not in text and "-" not in text and "/" not in text and "." not in text:
        return []  # every form has 年 or a separator: most lines are passed over without the pattern
    found = []
    for m in _DATE.finditer(text.translate(_ONE_TO_ONE) if _TRANSLATED.search(text) else text):
        if m.group("y"):
            iso = _day(m.group("y"), m.group("m"), m.group("d"))
        else:
            iso = _day(m.group("y2"), m.group("m2"), m.group("d2"))
        if iso:
            found.append(DateMatch(m.start(), m.end(), iso))
    return found


def iso_date(text: str) -> str:
    """The first real date in `text` as YYYY-MM-DD, '' if none (2025-02-30 is none)."""
    found = find_dates(text)
    return found[0].iso if found else ""


def date_line(text: str) -> str:
    """The ISO day if `text` is nothing but one date (brackets, spaces, a time of day allowed), else ''."""
    s = text.strip(_WRAP)
    if not s or not (s[0].isdecimal() or s[0] in _YEAR_DIGITS):
        return ""  # a date line starts with its year
    found = find_dates(s)
    if len(found) != 1 or found[0].start != 0:
        return ""
    rest = s[found[0].end :]
    rest = _TIME.sub("", rest)
    return found[0].iso if not rest.strip(_WRAP) else ""
