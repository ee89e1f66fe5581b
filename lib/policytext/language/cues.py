"""Cue words that count only in a required context (data/cue_contexts.tsv).

A lexicon hit is a cue; some cues are cues only in company. `requirement(lexicon, category, subtool,
term)` gives the test a hit of that term must pass, or None; `policytext.lexicon` voids the hits that
fail, as it voids those an exclusion context contains. Tests:

- partner: the sentence names a partner -- a place or body (data/places.txt, data/gazetteer.tsv) in a
  joint form (与/同/和/联合/携手/会同 X, or X … 合作/共建/联合/协同/交流/对接), or two partners named:
  places of two regions (两江新区 and 重庆 are one) or national or foreign institutions (中国科学院,
  北京大学) -- and the hit is not inside a one-region name. 国内外 alone names no second region.
- outside_name: the hit is not inside a longer name owned by one region or country (国际 in
  天府国际技术转移中心, 新加坡 in 新加坡国立大学); jointly or nationally owned names keep their cues
  (成渝 in 成渝综合性科学中心).
- re:PATTERN: the pattern is found in the sentence outside the hit.
- unless:PATTERN: no match of the pattern contains the hit (对首台套…产品予以补助: the money is for a
  first-set product, a demand-side measure, not a grant).

Pure functions of the sentence text and the hit's span; the names are read from the data files once.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from ..datafiles import rows

NAME = "cue_contexts.tsv"
KINDS = ("partner", "outside_name")
# Owners whose names are joint or national: a cue inside them still says what the name says.
_SHARED_OWNERS = ("national", "Chengdu–Chongqing")
_JOINT_BEFORE = re.compile(r"(?:与|同|和|跟|联合|携手|会同|协同|共建)[^。；;，,]{0,4}$")
_JOINT_AFTER = re.compile(r"^[^。；;，,]{0,12}?(?:合作|共建|联合|协同|交流|对接|联动)")

Test = Callable[[str, int, int], bool]


# A gazetteer owner as the place it is (places.txt spells regions in Chinese): so 两江新区 (a place in
# 重庆) and 重庆市科学技术局 (owner Chongqing) are one region, not two regions working together.
_OWNER_PLACES = {"Chongqing": "重庆", "Chengdu": "四川", "Sichuan": "四川", "Singapore": "新加坡",
                 "national": "国家", "Chengdu–Chongqing": "成渝"}


@lru_cache(maxsize=1)
def _names() -> tuple[re.Pattern, frozenset[str], dict[str, str]]:
    """One pattern finding every place and gazetteer name (longest first); the names owned by one region
    or country (places; gazetteer names by their jurisdiction column); and each name's region (a place's
    province-level place from places.txt's second column, else itself; a national or foreign
    institution's canonical name; any other gazetteer name's owner)."""
    region: dict[str, str] = {}
    for cols in rows("places.txt"):
        if name := cols[0].strip():
            region[name] = cols[1].strip() if len(cols) > 1 and cols[1].strip() else name
    local: set[str] = set(region)
    for cols in rows("gazetteer.tsv"):
        kind, owner = (cols[2].strip(), cols[3].strip()) if len(cols) > 3 else ("", "")
        # a national or foreign institution (清华大学, 中国科学院) is a partner of its own; a local body or
        # a platform stands for its region
        own = kind == "institution" and owner not in ("Chongqing", "Chengdu", "Sichuan", "Chengdu–Chongqing")
        for name in [cols[0], *(cols[1].split("|") if len(cols) > 1 else [])]:
            name = name.strip()
            if name:
                region.setdefault(name, cols[0].strip() if own else _OWNER_PLACES.get(owner, owner))
                if owner not in _SHARED_OWNERS:
                    local.add(name)
    pattern = re.compile("|".join(re.escape(n) for n in sorted(region, key=lambda n: (-len(n), n))))
    return pattern, frozenset(local), region


def inside_name(text: str, start: int, end: int) -> bool:
    """True when text[start:end] lies inside a longer place or body name owned by one region or country."""
    pattern, local, _ = _names()
    lo = max(0, start - 30)
    for m in pattern.finditer(text, lo, min(len(text), end + 30)):
        if m.start() <= start and end <= m.end() and m.end() - m.start() > end - start and m.group(0) in local:
            return True
    return False


def has_partner(text: str, start: int, end: int) -> bool:
    """True when the sentence names a partner outside text[start:end]: a place or body in a joint form,
    or places or bodies of two different regions (a district and its city are one)."""
    pattern, _, region = _names()
    named = [m for m in pattern.finditer(text) if m.end() <= start or m.start() >= end]
    if len({region[m.group(0)] for m in named}) >= 2:
        return True
    return any(_JOINT_BEFORE.search(text, 0, m.start()) or _JOINT_AFTER.search(text[m.end():]) for m in named)


def _test(requires: str, where: str) -> Test:
    if requires == "partner":
        return lambda text, s, e: has_partner(text, s, e) and not inside_name(text, s, e)
    if requires == "outside_name":
        return lambda text, s, e: not inside_name(text, s, e)
    if requires.startswith("re:"):
        try:
            rx = re.compile(requires[3:])
        except re.error as exc:
            raise ValueError(f"{where}: {requires[3:]!r} is not a valid regular expression: {exc}") from exc
        return lambda text, s, e: any(m.end() <= s or m.start() >= e for m in rx.finditer(text))
    if requires.startswith("unless:"):
        try:
            rx = re.compile(requires[7:])
        except re.error as exc:
            raise ValueError(f"{where}: {requires[7:]!r} is not a valid regular expression: {exc}") from exc
        return lambda text, s, e: not any(m.start() <= s and e <= m.end() for m in rx.finditer(text))
    raise ValueError(f"{where}: requires {requires!r} is not one of {', '.join(KINDS)}, re:PATTERN or unless:PATTERN")


@lru_cache(maxsize=1)
def _table() -> dict[tuple[str, str, str, str], Test]:
    """(lexicon, category, subtool, term) -> test, from data/cue_contexts.tsv, validated."""
    from importlib.resources import files

    text = files("policytext").joinpath(f"data/{NAME}").read_text(encoding="utf-8")
    out: dict[tuple[str, str, str, str], Test] = {}
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        where = f"{NAME} line {n}"
        if len(cols) != 6:
            raise ValueError(f"{where}: expected 6 TAB-separated columns "
                             f"(lexicon, category, subtool, term, requires, note), found {len(cols)}")
        lexicon, category, subtool, term, requires = (c.strip() for c in cols[:5])
        key = (lexicon, category, subtool, term)
        if key in out:
            raise ValueError(f"{where}: {lexicon} {category}/{subtool or '*'} term {term!r} is listed twice")
        out[key] = _test(requires, where)
    return out


def requirement(lexicon: str, category: str, subtool: str, term: str) -> Test | None:
    """The test a hit of this lexicon term must pass (test(sentence, start, end) -> bool), or None.

    A row naming the term wins over a * row; a row naming the subtool over one leaving it empty."""
    table = _table()
    for key in ((lexicon, category, subtool, term), (lexicon, category, "", term),
                (lexicon, category, subtool, "*"), (lexicon, category, "", "*")):
        if key in table:
            return table[key]
    return None


def listed_terms() -> dict[str, set[tuple[str, str, str]]]:
    """lexicon -> the (category, subtool, term) rows naming a term (not *): each must exist in its lexicon."""
    out: dict[str, set[tuple[str, str, str]]] = {}
    for lexicon, category, subtool, term in _table():
        if term != "*":
            out.setdefault(lexicon, set()).add((category, subtool, term))
    return out
