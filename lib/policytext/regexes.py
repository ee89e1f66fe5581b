"""Regular expressions made faster without changing what they match: a pattern is led by a lookahead on
the characters its matches can start with, so that the engine tries it only there.

Python's regex engine scans ahead by itself for a pattern that opens with a character, a class, or
alternatives that each open with a character; one that opens with a lookbehind, an optional part or an
alternation of groups is tried at every character of the text. The characters are read from the parsed
pattern (re._parser, the standard library's own reader).
"""

from __future__ import annotations

import re
from re import _constants as _c
from re import _parser


def screened(pattern: str, flags: int = 0) -> str:
    """`pattern` led by a lookahead on the characters a match of it can start with: the same matches, group
    names and numbers, but the engine tries the pattern only where a match could start. Left as it is when
    the engine already scans for its first characters (it opens with a character, a class, or alternatives
    that each open with a character: a lookahead would only slow it), when it is anchored at the start, and
    when those characters cannot be told (it can start with any, or match empty, or case is ignored).
    `flags`: those the pattern will be compiled with."""
    parsed = _parser.parse(pattern, flags)
    if _engine_scans(parsed):
        return pattern
    firsts = _first_chars(parsed)
    return pattern if firsts is None else f"(?=[{''.join(firsts)}])(?:{pattern})"


def _engine_scans(sequence) -> bool:
    """Whether the regex engine finds by itself where a parsed pattern can match: it opens (inside groups
    without flags) with a character, a class, alternatives that each open with a character, or ^ — the
    cases Python's compiler gives a prefix or a character set to scan for (re._compiler._compile_info)."""
    while sequence and sequence[0][0] is _c.SUBPATTERN and not (sequence[0][1][1] or sequence[0][1][2]):
        sequence = sequence[0][1][3]
    if not sequence:
        return False
    op, av = sequence[0]
    if op in (_c.LITERAL, _c.IN) or (op is _c.AT and av is _c.AT_BEGINNING):
        return True
    return op is _c.BRANCH and all(alt and alt[0][0] is _c.LITERAL for alt in av[1])


def _first_chars(parsed) -> list[str] | None:
    """The characters a (non-empty) match of a parsed pattern can start with, as character-class items (a
    character, a range a-b, or a class like \\d), or None when it could start with any or match empty."""
    if parsed.state.flags & re.IGNORECASE:  # the characters read would be one case of several
        return None
    items, empty = _firsts(parsed)
    return None if items is None or empty else list(dict.fromkeys(items))


def _firsts(sequence) -> tuple[list[str] | None, bool]:
    """(first-character items, can match empty) of a parsed sequence; items None: any character."""
    categories = {_c.CATEGORY_DIGIT: r"\d", _c.CATEGORY_SPACE: r"\s", _c.CATEGORY_WORD: r"\w"}
    out: list[str] = []
    for op, av in sequence:
        if op is _c.LITERAL:
            return [*out, re.escape(chr(av))], False
        if op is _c.IN:
            for kind, value in av:
                if kind is _c.LITERAL:
                    out.append(re.escape(chr(value)))
                elif kind is _c.RANGE:
                    out.append(f"{re.escape(chr(value[0]))}-{re.escape(chr(value[1]))}")
                elif kind is _c.CATEGORY and value in categories:
                    out.append(categories[value])
                else:  # a negated set or another class: could be anything
                    return None, False
            return out, False
        if op is _c.BRANCH:
            empty = False
            for alternative in av[1]:
                items, e = _firsts(alternative)
                if items is None:
                    return None, False
                out += items
                empty |= e
        elif op is _c.SUBPATTERN and not (av[1] or av[2]):  # a group without flags
            items, empty = _firsts(av[3])
            if items is None:
                return None, False
            out += items
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
            items, e = _firsts(av[2])
            if items is None:
                return None, False
            out += items
            empty = e or av[0] == 0
        elif op in (_c.ASSERT, _c.ASSERT_NOT, _c.AT):  # zero-width: the next item starts the match
            empty = True
        else:
            return None, False
        if not empty:
            return out, False
    return out, True
