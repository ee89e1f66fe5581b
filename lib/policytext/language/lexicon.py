"""Hierarchical lexicons (category -> subtool -> terms) and longest-match, non-overlapping matching.

A lexicon data file has five TAB-separated columns:

    category <TAB> subtool <TAB> term <TAB> exclude <TAB> note

`term` is a literal string, or a Python regular expression when written `re:<pattern>` (only for real
patterns: optional parts, gaps, digits). `exclude` is empty or one regular expression: a hit is void
when a match of it, within 16 characters either side, contains the hit (挂牌上市券 voids 上市; 综合保税区
voids 保税). `subtool` may be empty (the theme lexicon has none). Some cues count only in a required
context (data/cue_contexts.tsv, policytext.cues: 国内外 needs a named partner, a trade word is void inside
a name, a trade figure or a duty relief); a hit failing its requirement is void in the same way.

A lexicon file is validated as it is read: a term listed twice, or under two categories or sub-tools,
is an error naming the file, both lines and the term (a second row of a term could silently cancel the
first row's exclusion context).

Matching: the literal terms of all categories are compiled into one Aho-Corasick automaton (one pass
over the text) and each category's regex terms into one alternation (one per subtool in 'subtool'
scope); per category, all candidate hits are collected, voided hits dropped, and then the
leftmost-longest hits that do not overlap are kept. So 科创板上市 is one hit when 科创板上市 is a
term, never 科创板 + 上市; categories are independent (one stretch of text may be a talent hit and a
finance hit). Every hit carries its category, subtool, lexicon term, matched text and span.

A table of sentences is matched by a `Matcher`: one automaton over the literal terms of several
lexicons, and each regex alternation run once over the sentences joined, instead of once per sentence
and lexicon; the hits are the same, sentence by sentence, as `Lexicon.match` gives.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache, cached_property

import ahocorasick
import numpy as np
import pandas as pd
import pyarrow as pa

from ..regexes import screened

EXCLUDE_WINDOW = 16
SCOPES = ("category", "subtool")
REGEX_PREFIX = "re:"
HIT_COLUMNS = ["doc_id", "clause_id", "sentence_id", "category", "subtool", "term", "match", "start", "end"]


@dataclass(frozen=True)
class Term:
    """One lexicon entry: where it belongs, what it matches, what voids it."""

    category: str
    subtool: str
    term: str  # as written in the data file (a literal, or the pattern without 're:')
    regex: bool
    exclude: str
    note: str
    line: int  # 1-based line in the data file, for error messages and audit
    # the test a hit must pass in its sentence (policytext.cues), or None: (text, start, end) -> bool
    context: Callable[[str, int, int], bool] | None = field(default=None, compare=False, repr=False)

    @cached_property
    def exclusion(self) -> re.Pattern | None:
        """The compiled exclusion pattern, or None."""
        return re.compile(self.exclude) if self.exclude else None


@dataclass(frozen=True)
class Hit:
    """One match of a lexicon term in a text: evidence with its span."""

    category: str
    subtool: str
    term: str
    match: str
    start: int
    end: int


@dataclass(frozen=True)
class _Regexes:
    """One alternation of regex terms: a category's, or one subtool's when hits may overlap across subtools."""

    pattern: re.Pattern
    terms: tuple[Term, ...]  # in the order of the named groups t0, t1…


@dataclass(frozen=True)
class Lexicon:
    """A lexicon: terms grouped category -> subtool, compiled once: one automaton for all its literal terms,
    and per category its regex alternations."""

    name: str
    terms: tuple[Term, ...]
    scope: str = "category"  # hits never overlap within one category, or within one (category, subtool)
    _automaton: ahocorasick.Automaton | None = field(init=False, repr=False, compare=False)
    _regexes: dict[str, tuple[_Regexes, ...]] = field(init=False, repr=False, compare=False)
    _excluding: dict[str, bool] = field(init=False, repr=False, compare=False)  # a term has an exclusion

    def __post_init__(self) -> None:
        if self.scope not in SCOPES:
            raise ValueError(f"{self.name}: scope must be one of {', '.join(SCOPES)}, not {self.scope!r}")
        set_ = object.__setattr__  # frozen: the compiled matchers are set once, here
        set_(self, "_automaton", _automaton([t for t in self.terms if not t.regex]))
        set_(self, "_regexes", {c: _alternations([t for t in self.terms if t.category == c and t.regex], self.scope)
                                for c in self.categories})
        set_(self, "_excluding", {c: any(t.exclude or t.context for t in self.terms if t.category == c)
                                  for c in self.categories})

    @cached_property
    def categories(self) -> tuple[str, ...]:
        """Categories in data-file order."""
        return tuple(dict.fromkeys(t.category for t in self.terms))

    def subtools(self, category: str) -> tuple[str, ...]:
        """Subtools of one category in data-file order ('' when the category has none)."""
        return tuple(dict.fromkeys(t.subtool for t in self.terms if t.category == category))

    def tree(self) -> dict[str, dict[str, tuple[Term, ...]]]:
        """The hierarchy category -> subtool -> terms."""
        out: dict[str, dict[str, list[Term]]] = {}
        for t in self.terms:
            out.setdefault(t.category, {}).setdefault(t.subtool, []).append(t)
        return {c: {s: tuple(ts) for s, ts in subs.items()} for c, subs in out.items()}

    def match(self, text: str, categories: Iterable[str] | None = None) -> list[Hit]:
        """Hits of `text` (leftmost-longest, non-overlapping within each category or subtool), in text order."""
        wanted = self.categories if categories is None else tuple(categories)
        if unknown := set(wanted) - set(self.categories):
            raise KeyError(f"{self.name}: no category {sorted(unknown)}; known: {', '.join(self.categories)}")
        return [Hit(*h) for h in self.match_tuples(text, wanted)]

    def match_tuples(self, text: str, categories: tuple[str, ...] | None = None) -> list[tuple]:
        """`match` as plain (category, subtool, term, match, start, end) tuples: the same hits in the same
        order, without building a Hit per match (the table-level callers code thousands of sentences)."""
        text = text.replace("（", "(").replace("）", ")")  # same length: spans stay valid
        literal: dict[str, list[tuple]] = {}
        if self._automaton is not None:
            for last, entries in self._automaton.iter(text):
                end = last + 1
                for category, n, line, t in entries:
                    literal.setdefault(category, []).append((end - n, -n, line, end, t))
        for category in self.categories if categories is None else categories:
            candidates = literal.setdefault(category, [])
            for rx in self._regexes[category]:
                for hit in rx.pattern.finditer(text):
                    start, end = hit.span()
                    if end > start:
                        t = rx.terms[int(hit.lastgroup[1:])]
                        candidates.append((start, start - end, t.line, end, t))
        return self._selected(text, literal, categories=categories)

    def _selected(self, text: str, found: dict, key: int | None = None,
                  categories: tuple[str, ...] | None = None) -> list[tuple]:
        """The hits kept from each category's candidates (start, -length, line, end, term): voided ones
        dropped, then leftmost-longest non-overlapping within the category or subtool; in text order.
        `found` is keyed by category, or by (key, category) when `key` is given."""
        hits: list[tuple] = []
        for category in self.categories if categories is None else categories:
            candidates = found.get(category if key is None else (key, category))
            if not candidates:
                continue
            if self._excluding[category]:
                candidates = [c for c in candidates if not _void(text, c[0], c[3], c[4])]
            if len(candidates) == 1:  # the most common case: kept as it is
                start, _, _, end, t = candidates[0]
                hits.append((t.category, t.subtool, t.term, text[start:end], start, end))
            elif self.scope == "subtool":
                groups: dict[str, list] = {}
                for c in candidates:
                    groups.setdefault(c[4].subtool, []).append(c)
                for group in groups.values():
                    hits += _select(text, group)
            else:
                hits += _select(text, candidates)
        if len(hits) > 1:
            hits.sort(key=_HIT_ORDER)
        return hits

    def hits(self, sentences: pd.DataFrame) -> pd.DataFrame:
        """Long table, one row per hit: doc_id, clause_id, sentence_id, category, subtool, term, match, start, end.

        `start`/`end` are offsets within the sentence text.
        """
        out = []
        columns = [sentences[c].tolist() for c in ("doc_id", "clause_id", "sentence_id", "text")]
        for doc_id, clause_id, sentence_id, text in zip(*columns, strict=True):
            out += [(doc_id, clause_id, sentence_id, *h) for h in self.match_tuples(text)]
        return hit_frame(out, HIT_COLUMNS)


# Sentences are matched a chunk at a time, joined by this separator: `.` stops at the newline, the
# negated classes of the lexicons ([^。；;]) at the full stop, so a match rarely runs from one sentence into
# the next; when one does, those sentences are matched again on their own (`Matcher.match_texts`).
SEPARATOR = "\n。"


class Matcher:
    """Several lexicons matched together: one Aho-Corasick automaton over the literal terms of all of
    them, each regex alternation run once over a chunk of texts, not once per text.

    `match_texts(texts)` gives, for each text, each lexicon's `match_tuples(text)`: the same hits in the
    same order (the selection, leftmost-longest and non-overlapping within each category or subtool, is
    each lexicon's own)."""

    def __init__(self, lexicons: Iterable[Lexicon]) -> None:
        self.lexicons = tuple(lexicons)
        by_string: dict[str, list[tuple]] = {}
        for k, lex in enumerate(self.lexicons):
            for t in lex.terms:
                if not t.regex:
                    by_string.setdefault(t.term, []).append(((k, t.category), len(t.term), t.line, t))
        self._automaton = None
        if by_string:
            self._automaton = ahocorasick.Automaton()
            for string, entries in by_string.items():
                self._automaton.add_word(string, tuple(entries))
            self._automaton.make_automaton()
        # a literal holding a separator character could run across a joint: then texts are matched one by one
        self._literals_joinable = not any(ch in string for string in by_string for ch in SEPARATOR)
        self._regexes = [((k, category), rx, context_free(t.term for t in rx.terms))
                         for k, lex in enumerate(self.lexicons) for category in lex.categories
                         for rx in lex._regexes[category]]

    def match_texts(self, texts: list[str]) -> list[tuple[list[tuple], ...]]:
        """For each text, one list of hit tuples per lexicon, as `Lexicon.match_tuples` gives them (a text
        printed again, as in copies of one document, is matched once; its hits are shared, not copied)."""
        distinct = list(dict.fromkeys(texts))
        if len(distinct) == len(texts):
            return self._match_distinct(texts)
        found = dict(zip(distinct, self._match_distinct(distinct), strict=True))
        return [found[text] for text in texts]

    def _match_distinct(self, texts: list[str]) -> list[tuple[list[tuple], ...]]:
        normal = [t.replace("（", "(").replace("）", ")") for t in texts]  # same length: spans stay valid
        found: list[dict[tuple[int, str], list[tuple]]] = [{} for _ in normal]  # text -> (lexicon, category)
        joined, starts = join_texts(normal)
        if self._automaton is not None:
            if self._literals_joinable:
                i, next_start, cands = -1, 0, None
                for last, entries in self._automaton.iter(joined):
                    while last >= next_start:  # matches come in order of their end: walk the texts along
                        i += 1
                        next_start = starts[i + 1] if i + 1 < len(starts) else len(joined)
                        cands = found[i]
                    end = last + 1 - starts[i]
                    for key, n, line, t in entries:
                        cands.setdefault(key, []).append((end - n, -n, line, end, t))
            else:
                for cands, text in zip(found, normal, strict=True):
                    for last, entries in self._automaton.iter(text):
                        for key, n, line, t in entries:
                            cands.setdefault(key, []).append((last + 1 - n, -n, line, last + 1, t))
        for key, rx, context_free in self._regexes:
            for i, start, end, t in _regex_hits(rx, normal, joined, starts, context_free):
                found[i].setdefault(key, []).append((start, start - end, t.line, end, t))
        return [tuple(lex._selected(text, cands, k) if cands else [] for k, lex in enumerate(self.lexicons))
                for text, cands in zip(normal, found, strict=True)]


def join_texts(texts: list[str]) -> tuple[str, list[int]]:
    """The texts joined by SEPARATOR, and the offset at which each starts in the joined text."""
    starts, offset = [], 0
    for text in texts:
        starts.append(offset)
        offset += len(text) + len(SEPARATOR)
    return SEPARATOR.join(texts), starts


def locate(starts: list[int], texts: list[str], start: int, end: int, redo: set[int]) -> int | None:
    """The index of the text that a match [start, end) of the joined texts (`join_texts`) lies in; None when
    the match runs past that text's end, and then every text it touches is added to `redo`, to be matched
    again on its own."""
    i = bisect_right(starts, start) - 1
    if end - starts[i] > len(texts[i]):
        redo.update(range(i, bisect_right(starts, end - 1)))
        return None
    return i


def _regex_hits(rx: _Regexes, texts: list[str], joined: str, starts: list[int],
                context_free: bool) -> list[tuple[int, int, int, Term]]:
    """(text index, start, end, term) of every non-empty match of one alternation, text by text as
    `finditer` on each text gives them. A context-free alternation runs once over the joined texts; the
    texts a match runs across (a joint inside it) are matched again on their own."""
    out: list[tuple[int, int, int, Term]] = []
    terms = rx.terms
    if context_free:
        redo: set[int] = set()
        for hit in rx.pattern.finditer(joined):
            start, end = hit.span()
            i = locate(starts, texts, start, end, redo)
            if i is not None and end > start:
                out.append((i, start - starts[i], end - starts[i], terms[int(hit.lastgroup[1:])]))
        if not redo:
            return out
        out = [h for h in out if h[0] not in redo]
        indices = sorted(redo)
    else:
        indices = range(len(texts))
    for i in indices:
        for hit in rx.pattern.finditer(texts[i]):
            start, end = hit.span()
            if end > start:
                out.append((i, start, end, terms[int(hit.lastgroup[1:])]))
    return out


_ANCHOR = re.compile(r"\\[bBAZ]|(?<!\[)\^|(?<!\\)\$")
_LOOKAROUND = re.compile(r"\(\?(?:=|!|<=|<!)")


def context_free(patterns: Iterable[str]) -> bool:
    """True when the patterns' matches inside a text are the same whether the text stands alone or between
    others with SEPARATOR at the joints: none is anchored (^, $, \\b, \\B, \\A, \\Z), and a lookaround
    only tests for literal characters or positive classes, none of them a separator character, so that
    the separator looks to it like the end of the text."""
    for pattern in patterns:
        if _ANCHOR.search(pattern):
            return False
        for m in _LOOKAROUND.finditer(pattern):
            body = _group_body(pattern, m.end())
            if body is None or any(x in body for x in (".", "\\", "[^", "-", *SEPARATOR)):
                return False
    return True


def _group_body(pattern: str, start: int) -> str | None:
    """The text of the group that opens just before `start`, up to its closing parenthesis (None if the
    pattern is not one we read simply: an escape or a class holding a parenthesis)."""
    depth, i = 1, start
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            return None
        if ch == "[":
            close = pattern.find("]", i + 1)
            if close < 0 or "(" in pattern[i:close] or ")" in pattern[i:close]:
                return None
            i = close
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return pattern[start:i]
        i += 1
    return None


def _HIT_ORDER(h: tuple) -> tuple:
    return h[4], h[0], h[5]  # start, category, end: text order


def hit_frame(rows: list[tuple], columns: list[str]) -> pd.DataFrame:
    """A DataFrame of hit rows whose last two columns are the spans (int64 even when there is no row)."""
    if not rows:
        return pd.DataFrame({c: pd.Series([], dtype="int64" if c in ("start", "end") else object)
                             for c in columns})
    dtype = _string_dtype()
    if dtype is not None:
        # the same table as pd.DataFrame(rows) gives, a column at a time: strings go to Arrow in one call each
        # instead of through an object array (a chunk's hits are some hundred thousand strings)
        try:
            return pd.DataFrame({c: np.array(values, dtype="int64") if c in ("start", "end") else
                                 pd.array(pa.array(values, type=pa.large_string()), dtype=dtype)
                                 for c, values in zip(columns, zip(*rows, strict=True), strict=True)})
        except (pa.ArrowException, TypeError, ValueError, OverflowError):  # a cell that is not a string
            pass
    return pd.DataFrame(rows, columns=columns)


@cache
def _string_dtype() -> pd.StringDtype | None:
    """The dtype pandas gives a column of strings, when it keeps them in Arrow (else None)."""
    dtype = pd.DataFrame({"a": ["a"]})["a"].dtype
    return dtype if isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow" else None


def _automaton(literals: list[Term]) -> ahocorasick.Automaton | None:
    """One automaton for all literal terms: string -> (category, length, line, term) of each term written so."""
    if not literals:
        return None
    automaton = ahocorasick.Automaton()
    by_string: dict[str, list[Term]] = {}
    for t in literals:
        by_string.setdefault(t.term, []).append(t)
    for string, ts in by_string.items():
        automaton.add_word(string, tuple((t.category, len(string), t.line, t) for t in ts))
    automaton.make_automaton()
    return automaton


def _alternations(regex_terms: list[Term], scope: str) -> tuple[_Regexes, ...]:
    """One category's regex terms as one alternation per scope group (named groups t0, t1… say which term
    matched), screened (policytext.regexes): the same matches, but the engine tries the alternatives only
    where one could start."""
    groups: dict[str, list[Term]] = {}
    for t in regex_terms:
        groups.setdefault(t.subtool if scope == "subtool" else "", []).append(t)
    out = []
    for ts in groups.values():
        alternation = "|".join(f"(?P<t{i}>{t.term})" for i, t in enumerate(ts))
        out.append(_Regexes(re.compile(screened(alternation)), tuple(ts)))
    return tuple(out)


def _void(text: str, start: int, end: int, term: Term) -> bool:
    """True when the hit text[start:end] of `term` does not count: its exclusion context contains it, or
    its required context (`Term.context`) is missing."""
    return bool((term.exclude and _voided(text, start, end, term))
                or (term.context is not None and not term.context(text, start, end)))


def _voided(text: str, start: int, end: int, term: Term) -> bool:
    lo = max(0, start - EXCLUDE_WINDOW)
    window = text[lo : end + EXCLUDE_WINDOW]
    return any(m.start() + lo <= start and m.end() + lo >= end for m in term.exclusion.finditer(window))


def _select(text: str, candidates: list[tuple[int, int, int, int, Term]]) -> list[tuple]:
    """Leftmost-longest, non-overlapping; ties go to the earlier data-file line."""
    out, last = [], 0
    if len(candidates) > 1:
        candidates.sort()
    for start, _, _, end, t in candidates:
        if start >= last:
            out.append((t.category, t.subtool, t.term, text[start:end], start, end))
            last = end
    return out


def read_lexicon(name: str, categories: Iterable[str] | None = None, scope: str = "category") -> Lexicon:
    """Read and validate data/`name` (five TAB-separated columns).

    `categories` restricts the allowed categories; `scope` is where hits may not overlap ('category' or
    'subtool').
    """
    from .cues import listed_terms, requirement

    allowed = set(categories) if categories is not None else None
    terms = []
    seen: dict[tuple[str, bool], tuple[int, str, str]] = {}
    for line, cols in _numbered_rows(name):
        if len(cols) != 5:
            raise ValueError(f"{name} line {line}: expected 5 TAB-separated columns "
                             f"(category, subtool, term, exclude, note), found {len(cols)}")
        category, subtool, term, exclude, note = (c.strip() for c in cols)
        if not category or not term:
            raise ValueError(f"{name} line {line}: category and term must not be empty")
        if allowed is not None and category not in allowed:
            known = ", ".join(sorted(allowed))
            raise ValueError(f"{name} line {line}: unknown category {category!r}; allowed: {known}")
        regex = term.startswith(REGEX_PREFIX)
        if regex:
            term = term[len(REGEX_PREFIX):]
        for what, pattern in (("term", term if regex else ""), ("exclude", exclude)):
            try:
                re.compile(pattern)
            except re.error as exc:
                problem = f"{what} {pattern!r} is not a valid regular expression: {exc}"
                raise ValueError(f"{name} line {line}: {problem}") from exc
        if regex and re.compile(term).groups:
            raise ValueError(f"{name} line {line}: use (?:...) instead of capturing groups in {term!r}")
        first = seen.setdefault((term, regex), (line, category, subtool))
        if first[0] != line:
            where = "listed twice" if first[1:] == (category, subtool) else \
                f"listed under two categories: {first[1]}/{first[2]} and {category}/{subtool}"
            raise ValueError(f"{name} line {line}: term {term!r} is {where} (first on line {first[0]}); "
                             "a term belongs to one category and sub-tool, with one exclusion context")
        terms.append(Term(category, subtool, term, regex, exclude, note, line,
                          requirement(name, category, subtool, term)))
    known = {(t.category, t.subtool, t.term) for t in terms} | {(t.category, "", t.term) for t in terms}
    if missing := sorted(listed_terms().get(name, set()) - known):
        raise ValueError(f"cue_contexts.tsv: {name} has no term {missing[0][2]!r} under "
                         f"{missing[0][0]}/{missing[0][1] or '*'}")
    return Lexicon(name.removesuffix(".tsv"), tuple(terms), scope)


def _numbered_rows(name: str) -> list[tuple[int, list[str]]]:
    """(line number, fields) of the data file's non-comment lines."""
    from importlib.resources import files

    text = files("policytext").joinpath(f"data/{name}").read_text(encoding="utf-8")
    return [(n, line.split("\t")) for n, line in enumerate(text.splitlines(), 1)
            if line.strip() and not line.startswith("#")]


# The package's lexicons: the categories each may use and where its hits may not overlap.
LEXICONS = {
    "themes.tsv": (("ecosystem", "talent", "finance", "cooperation"), "category"),
    "instruments.tsv": (("supply", "environment", "demand"), "subtool"),
    "finance_instruments.tsv": (("finance_instrument",), "category"),
    "cooperation_terms.tsv": (("initiative", "cue"), "category"),
}


@cache
def lexicon(name: str) -> Lexicon:
    """One of the package's lexicons (cached): themes.tsv, instruments.tsv, finance_instruments.tsv,
    cooperation_terms.tsv; any other data file is read with no category check and scope 'category'."""
    categories, scope = LEXICONS.get(name, (None, "category"))
    return read_lexicon(name, categories, scope)


def pack(hits: pd.DataFrame, by: str = "sentence_id") -> pd.Series:
    """Hits packed into one ';'-joined 'category/subtool:match@start-end' cell per `by` value (for export only)."""
    label = hits["category"] + hits["subtool"].map(lambda s: f"/{s}" if s else "") + ":" + hits["match"]
    cell = label + "@" + hits["start"].astype(str) + "-" + hits["end"].astype(str)
    return cell.groupby(hits[by], sort=False).agg(";".join)


__all__ = ["HIT_COLUMNS", "Hit", "Lexicon", "Term", "lexicon", "pack", "read_lexicon"]
