"""Theme and policy-instrument coding of sentences, with every lexicon hit kept as evidence.

The lexicons are data (data/themes.tsv, data/instruments.tsv; data/coding_guide.md defines every
category) read into one hierarchical object each (policytext.lexicon: category -> subtool -> terms),
matched leftmost-longest and non-overlapping, both lexicons in one pass over a table's sentences
(policytext.lexicon.Matcher). `code_hits` gives the long evidence table (one row per hit, with its span);
`codes_from_hits` derives the sentence codes from it; `code_tables` gives both and the instrument evidence
table at once, matching every sentence once.

Two kinds of instrument columns, kept apart on purpose:
- `instruments` / `subtools`: every side and sub-tool with a cue hit in the sentence (multi-label
  evidence; a clause's cues are the union of its sentences'). Not a count of measures.
- `instrument` / `subtool`: the ONE primary code of the sentence's clause (the coding unit) by the
  codebook's decision rule (policytext.instruments), or 'none'; the instrument evidence table
  (`code_tables`) has one row per cue span that supports that primary. Count measures once per clause_id
  (`unit_codes`).
Themes stay multi-label: a sentence is coded with every theme that has a hit.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache

import pandas as pd

from ..language.lexicon import HIT_COLUMNS, Lexicon, Matcher, hit_frame, lexicon
from . import instruments as _instruments

THEMES = ("ecosystem", "talent", "finance", "cooperation")
INSTRUMENTS = ("supply", "environment", "demand")
SCHEMES = {"themes.tsv": "theme", "instruments.tsv": "instrument"}


def theme_lexicon() -> Lexicon:
    """The theme lexicon (data/themes.tsv): category = theme, no subtools."""
    return lexicon("themes.tsv")


def instrument_lexicon() -> Lexicon:
    """The instrument lexicon (data/instruments.tsv): category = side, subtool = sub-tool."""
    return lexicon("instruments.tsv")


def _labels(hits, scheme_categories: tuple[str, ...]) -> str:
    found = {h.category for h in hits}
    return ";".join(c for c in scheme_categories if c in found)


def code_text(text: str) -> dict[str, str]:
    """Codes of one (Simplified) sentence: themes, instruments and subtools, ';'-joined in canonical order."""
    themes = theme_lexicon().match(text)
    instruments = instrument_lexicon().match(text)
    return {
        "themes": _labels(themes, THEMES),
        "instruments": _labels(instruments, INSTRUMENTS),
        "subtools": ";".join(sorted({f"{h.category}/{h.subtool}" for h in instruments})),
    }


HIT_TABLE_COLUMNS = [*HIT_COLUMNS[:3], "scheme", *HIT_COLUMNS[3:]]


@cache
def _matcher() -> Matcher:
    """The instrument and theme lexicons matched together (in that order)."""
    return Matcher((instrument_lexicon(), theme_lexicon()))


def _gather(ids: list[list], matched: list[tuple[list, list]]
            ) -> tuple[list[tuple], dict[str, tuple[set, set, set]], dict[str, list[tuple]]]:
    """From each sentence's (instrument hits, theme hits) and its (doc_id, clause_id, sentence_id): the hits
    table's rows (instrument hits first, then theme hits), each coded sentence's (themes, sides,
    side/subtools) sets and its instrument hits (the cues of the primary instrument's rules)."""
    rows: list[tuple] = []
    found: dict[str, tuple[set, set, set]] = {}
    cues: dict[str, list[tuple]] = {}
    for doc_id, clause_id, sentence_id, (instruments, themes) in zip(*ids, matched, strict=True):
        if not (instruments or themes):
            continue
        theme_set, sides, tools = found.setdefault(sentence_id, (set(), set(), set()))
        for h in instruments:
            rows.append((doc_id, clause_id, sentence_id, "instrument", *h))
            sides.add(h[0])
            tools.add(f"{h[0]}/{h[1]}")
        for h in themes:
            rows.append((doc_id, clause_id, sentence_id, "theme", *h))
            theme_set.add(h[0])
        if instruments:
            cues.setdefault(sentence_id, []).extend(instruments)
    return rows, found, cues


def code_hits(sentences: pd.DataFrame) -> pd.DataFrame:
    """Every theme and instrument hit of a sentences table, one row each (the evidence table).

    Columns: doc_id, clause_id, sentence_id, scheme ('theme' or 'instrument'), category, subtool, term
    (the lexicon entry), match (the text matched), start, end (offsets in the sentence text). Rows follow
    the sentences; within a sentence the instrument hits come first, then the theme hits, each in text
    order. Any number of documents: the rows are those of each document's table in turn.
    """
    ids = [sentences[c].tolist() for c in ("doc_id", "clause_id", "sentence_id")]
    rows, _, _ = _gather(ids, _matcher().match_texts(sentences["text"].tolist()))
    return hit_frame(rows, HIT_TABLE_COLUMNS)


CODE_COLUMNS = ["doc_id", "clause_id", "sentence_id", "text", "themes", "instruments", "subtools"]


def codes_from_hits(sentences: pd.DataFrame, hits: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence with its codes (the codes.csv layout), derived from the hits table."""
    found: dict[str, tuple[set, set, set]] = {}
    columns = [hits[c].tolist() for c in ("sentence_id", "scheme", "category", "subtool")]
    for sentence_id, scheme, category, subtool in zip(*columns, strict=True):
        themes, sides, tools = found.setdefault(sentence_id, (set(), set(), set()))
        if scheme == "theme":
            themes.add(category)
        elif scheme == "instrument":
            sides.add(category)
            tools.add(f"{category}/{subtool}")
    return _codes_frame(sentences, found)


def _codes_frame(sentences: pd.DataFrame, found: dict[str, tuple[set, set, set]]) -> pd.DataFrame:
    """The codes table of the sentences from each sentence's (themes, sides, side/subtools) sets."""
    ids = sentences["sentence_id"]
    cells = [found.get(i) for i in ids.tolist()]
    empty = ""

    def joined(k: int, order: tuple[str, ...] | None) -> list[str]:
        # a sentence with hits of the other scheme only has an empty set here: '' as well
        return [
            empty if c is None or not c[k] else ";".join([o for o in order if o in c[k]] if order else sorted(c[k]))
            for c in cells
        ]

    return pd.DataFrame(
        {
            "doc_id": sentences["doc_id"].to_numpy(),
            "clause_id": sentences["clause_id"].to_numpy(),
            "sentence_id": ids.to_numpy(),
            "text": sentences["text"].to_numpy(),
            "themes": joined(0, THEMES),
            "instruments": joined(1, INSTRUMENTS),
            "subtools": joined(2, None),
        },
        columns=CODE_COLUMNS,
    )


PRIMARY_COLUMNS = ["instrument", "subtool", "instrument_basis"]
EVIDENCE_COLUMNS = [c for c in _instruments.EVIDENCE_COLUMNS if c != "role"]  # the supporting cues: all primary


def with_primary(codes: pd.DataFrame, sentences: pd.DataFrame,
                 written_year: int | Mapping[str, int | None] | None = None,
                 hits: pd.DataFrame | None = None) -> pd.DataFrame:
    """The codes table with each sentence's clause's primary instrument code added (PRIMARY_COLUMNS).

    `written_year` (the year the text was written: one for all, or a mapping doc_id -> year, a missing
    document meaning unknown) lets a sentence about an earlier year count as a completed fact. `hits`, the
    sentences' `code_hits` table when at hand, saves matching the instrument lexicon a second time (same
    codes). The cue spans that support each primary are in `code_tables`' instrument evidence table.
    """
    cues = _instruments._cues(hits) if hits is not None else None
    columns = [sentences[c].tolist() for c in ("doc_id", "clause_id", "sentence_id", "text")]
    units, _ = _instruments.clause_rows(*columns, written_year, cues)
    return _with_units(codes, units)


def _with_units(codes: pd.DataFrame, units: list[tuple]) -> pd.DataFrame:
    """The codes table with PRIMARY_COLUMNS from the clause rows of `instruments.clause_rows`."""
    by_clause = {u[1]: (u[2], u[3], u[4]) for u in units}
    missing = (_instruments.NONE, _instruments.NONE, "")
    coded = [by_clause.get(c, missing) for c in codes["clause_id"].tolist()]
    out = codes.copy()
    out["instrument"] = [c[0] for c in coded]
    out["subtool"] = [c[1] for c in coded]
    out["instrument_basis"] = [c[2] for c in coded]
    return out


def code_tables(sentences: pd.DataFrame, written_year: int | Mapping[str, int | None] | None = None
                ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The hits, codes and instrument evidence tables of a sentences table, each sentence matched once.

    hits: as `code_hits`; codes: as `code_sentences` (`written_year` as in `with_primary`); instrument
    evidence: one row per cue that supports its clause's primary code (EVIDENCE_COLUMNS: the cue's side,
    sub-tool, lexicon term or rule, the text matched and its span in the sentence), in the order of the
    clauses and, within a clause, of its sentences and of the cues in each.
    """
    columns = [sentences[c].tolist() for c in ("doc_id", "clause_id", "sentence_id", "text")]
    rows, found, cues = _gather(columns[:3], _matcher().match_texts(columns[3]))
    units, evidence = _instruments.clause_rows(*columns, written_year, cues)
    supporting = [e[:-1] for e in evidence if e[-1] == "primary"]
    return (hit_frame(rows, HIT_TABLE_COLUMNS),
            _with_units(_codes_frame(sentences, found), units),
            hit_frame(supporting, EVIDENCE_COLUMNS))


def unit_codes(codes: pd.DataFrame) -> pd.DataFrame:
    """One row per clause (the counting unit): doc_id, clause_id, instrument, subtool, instrument_basis."""
    return codes.drop_duplicates("clause_id")[["doc_id", "clause_id", "instrument", "subtool", "instrument_basis"]] \
        .reset_index(drop=True)


def code_sentences(sentences: pd.DataFrame,
                   written_year: int | Mapping[str, int | None] | None = None) -> pd.DataFrame:
    """One row per sentence with its codes (the codes.csv layout) and its clause's primary instrument;
    `written_year` as in `with_primary`."""
    return code_tables(sentences, written_year)[1]


def _union(values: pd.Series, order: tuple[str, ...] | None = None) -> str:
    items = {v for cell in values for v in cell.split(";") if v}
    return ";".join([o for o in order if o in items] if order else sorted(items))


def code_clauses(codes: pd.DataFrame) -> pd.DataFrame:
    """Clause-level codes: the union of the clause's sentence codes."""
    grouped = codes.groupby("clause_id", sort=False)
    out = pd.DataFrame(
        {
            "doc_id": grouped["doc_id"].first(),
            "themes": grouped["themes"].agg(lambda s: _union(s, THEMES)),
            "instruments": grouped["instruments"].agg(lambda s: _union(s, INSTRUMENTS)),
            "subtools": grouped["subtools"].agg(_union),
        }
    )
    return out.reset_index()


def indicator_matrix(codes: pd.DataFrame, column: str, categories: tuple[str, ...]) -> pd.DataFrame:
    """0/1 columns, one per category, from a ';'-joined codes column."""
    return pd.DataFrame({c: codes[column].str.split(";").apply(lambda v, c=c: int(c in v)) for c in categories})


def kwic(sentences: pd.DataFrame, pattern: str, width: int = 12) -> pd.DataFrame:
    """Keyword in context: every match of regex `pattern` with `width` characters either side, and its span."""
    rx = re.compile(pattern)
    rows = []
    columns = [sentences[c].tolist() for c in ("doc_id", "sentence_id", "text")]
    for doc_id, sentence_id, text in zip(*columns, strict=True):
        for m in rx.finditer(text):
            start, end = m.span()
            rows.append((doc_id, sentence_id, text[max(0, start - width) : start], m.group(0),
                         text[end : end + width], start, end))
    return pd.DataFrame(rows, columns=["doc_id", "sentence_id", "left", "match", "right", "start", "end"])
