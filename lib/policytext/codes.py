"""Theme and policy-instrument coding of sentences, with matched terms kept as evidence.

Lexicons are data: data/themes.tsv (theme, pattern, note) and data/instruments.tsv
(instrument, subtool, pattern, note); data/coding_guide.md defines every category.
A sentence is coded with every category whose pattern it matches (multi-label); a clause
takes the union of its sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from .datafiles import rows

THEMES = ("ecosystem", "talent", "finance", "cooperation")
INSTRUMENTS = ("supply", "environment", "demand")


@dataclass(frozen=True)
class Entry:
    """One lexicon line: category (theme or instrument side), sub-tool, compiled pattern."""

    category: str
    subtool: str
    pattern: re.Pattern
    note: str


@lru_cache(maxsize=1)
def theme_lexicon() -> tuple[Entry, ...]:
    """Entries of data/themes.tsv."""
    out = []
    for cols in rows("themes.tsv"):
        theme, pattern, note = [*cols, ""][:3]
        if theme not in THEMES:
            raise ValueError(f"themes.tsv: unknown theme {theme!r}")
        out.append(Entry(theme, "", re.compile(pattern), note))
    return tuple(out)


@lru_cache(maxsize=1)
def instrument_lexicon() -> tuple[Entry, ...]:
    """Entries of data/instruments.tsv."""
    out = []
    for cols in rows("instruments.tsv"):
        side, subtool, pattern, note = [*cols, ""][:4]
        if side not in INSTRUMENTS:
            raise ValueError(f"instruments.tsv: unknown instrument {side!r}")
        out.append(Entry(side, subtool, re.compile(pattern), note))
    return tuple(out)


def _matches(text: str, lexicon: tuple[Entry, ...]) -> list[tuple[Entry, str]]:
    found = []
    for entry in lexicon:
        m = entry.pattern.search(text)
        if m:
            found.append((entry, m.group(0)))
    return found


def code_text(text: str) -> dict[str, str]:
    """Codes of one (Simplified) sentence: themes, instruments, subtools, evidence (';'-joined)."""
    text = text.replace("（", "(").replace("）", ")")  # the lexicons are written with ASCII brackets
    themes = _matches(text, theme_lexicon())
    instruments = _matches(text, instrument_lexicon())
    theme_set = {e.category for e, _ in themes}
    side_set = {e.category for e, _ in instruments}
    subtools = sorted({f"{e.category}/{e.subtool}" for e, _ in instruments})
    evidence = sorted(
        {f"{e.category}:{term}" for e, term in themes} | {f"{e.category}/{e.subtool}:{term}" for e, term in instruments}
    )
    return {
        "themes": ";".join(t for t in THEMES if t in theme_set),
        "instruments": ";".join(s for s in INSTRUMENTS if s in side_set),
        "subtools": ";".join(subtools),
        "evidence": ";".join(evidence),
    }


CODE_COLUMNS = ["doc_id", "clause_id", "sentence_id", "text", "themes", "instruments", "subtools", "evidence"]


def code_sentences(sentences: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence with its codes (the codes.csv layout)."""
    rows = [
        {"doc_id": r.doc_id, "clause_id": r.clause_id, "sentence_id": r.sentence_id, "text": r.text} | code_text(r.text)
        for r in sentences.itertuples(index=False)
    ]
    return pd.DataFrame(rows, columns=CODE_COLUMNS)


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
            "evidence": grouped["evidence"].agg(_union),
        }
    )
    return out.reset_index()


def indicator_matrix(codes: pd.DataFrame, column: str, categories: tuple[str, ...]) -> pd.DataFrame:
    """0/1 columns, one per category, from a ';'-joined codes column."""
    return pd.DataFrame({c: codes[column].str.split(";").apply(lambda v, c=c: int(c in v)) for c in categories})


def kwic(sentences: pd.DataFrame, pattern: str, width: int = 12) -> pd.DataFrame:
    """Keyword in context: every match of regex `pattern` with `width` characters either side."""
    rx = re.compile(pattern)
    rows = []
    for r in sentences.itertuples(index=False):
        for m in rx.finditer(r.text):
            rows.append(
                (r.doc_id, r.sentence_id, r.text[max(0, m.start() - width) : m.start()], m.group(0),
                 r.text[m.end() : m.end() + width])
            )
    return pd.DataFrame(rows, columns=["doc_id", "sentence_id", "left", "match", "right"])
