"""Metadata fields printed in a page header: `[ 名 ] | 值 |` tables, `[ 名 ]值` lines and
`名：值 名：值` one-line headers (the printed names are in data/header_fields.tsv)."""

from __future__ import annotations

import re
from functools import lru_cache

from ..datafiles import rows


@lru_cache(maxsize=1)
def field_names() -> dict[str, str]:
    """Printed field name -> our field name ('-' for counters and widgets that are not metadata)."""
    names = {}
    for fields in rows("header_fields.tsv"):
        if len(fields) < 2 or not fields[0] or not fields[1]:
            raise ValueError(f"header_fields.tsv: bad line {fields!r}")
        names[fields[0]] = fields[1]
    return names


@lru_cache(maxsize=1)
def _label() -> re.Pattern:
    # Names are printed spread out to align a table (标　　题, 索 引 号): spaces may stand between characters.
    spread = (r"[ \t\u3000]*".join(map(re.escape, name)) for name in sorted(field_names(), key=len, reverse=True))
    known = "|".join(spread)
    # A name in brackets ([ 成文日期 ], 【发文字号】) or a known name before a colon, at the line start,
    # after a space or after a table bar; the colon form never takes a time of day (10:30) for a name.
    return re.compile(
        rf"[\[【]\s*(?P<b>{known})\s*[\]】]\s*[|｜]?[:：]?\s*|(?:(?<=^)|(?<=[\s|｜]))(?P<c>{known})\s*[:：]\s*"
    )


def header_fields(line: str) -> list[tuple[str, str]]:
    """(printed name, value) of each field of a header line; [] unless the line starts with a field.

    Values run to the next field name; table bars and spaces around them are dropped, and an empty
    field gives ''."""
    s = line.strip().lstrip("|｜ \t\u3000")  # a row of a table printed with bars: | 标题： | … |
    labels = list(_label().finditer(s))
    if not labels or labels[0].start() != 0:
        return []
    out = []
    for n, m in enumerate(labels):
        stop = labels[n + 1].start() if n + 1 < len(labels) else len(s)
        value = s[m.end() : stop].strip(" \t\u3000|｜:：")  # a bare colon is an empty field
        out.append((re.sub(r"\s+", "", m.group("b") or m.group("c")), value))
    return out
