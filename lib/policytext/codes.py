"""Theme and policy-instrument coding of sentences, with every lexicon hit kept as evidence.

The lexicons are data (data/themes.tsv, data/instruments.tsv; data/coding_guide.md defines every
category) read into one hierarchical object each (policytext.lexicon: category -> subtool -> terms),
matched leftmost-longest and non-overlapping. `code_hits` gives the long evidence table (one row per
hit, with its span); `codes_from_hits` derives the sentence codes from it. A sentence is coded with
every category that has a hit (multi-label); a clause takes the union of its sentences.
"""

from __future__ import annotations

import re

import pandas as pd

from .lexicon import HIT_COLUMNS, Lexicon, lexicon

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


def code_hits(sentences: pd.DataFrame) -> pd.DataFrame:
    """Every theme and instrument hit of a sentences table, one row each (the evidence table).

    Columns: doc_id, clause_id, sentence_id, scheme ('theme' or 'instrument'), category, subtool, term
    (the lexicon entry), match (the text matched), start, end (offsets in the sentence text).
    """
    frames = [
        lexicon(name).hits(sentences).assign(scheme=scheme)[HIT_TABLE_COLUMNS] for name, scheme in SCHEMES.items()
    ]
    out = pd.concat(frames, ignore_index=True)
    order = {s: i for i, s in enumerate(sentences["sentence_id"])}
    key = out["sentence_id"].map(order)
    out = out.assign(_k=key).sort_values(["_k", "scheme", "start"], kind="stable")
    return out.drop(columns="_k").reset_index(drop=True)


CODE_COLUMNS = ["doc_id", "clause_id", "sentence_id", "text", "themes", "instruments", "subtools"]


def codes_from_hits(sentences: pd.DataFrame, hits: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence with its codes (the codes.csv layout), derived from the hits table."""
    themes = hits[hits["scheme"] == "theme"].groupby("sentence_id")["category"].agg(set)
    sides = hits[hits["scheme"] == "instrument"]
    instruments = sides.groupby("sentence_id")["category"].agg(set)
    subtools = (sides["category"] + "/" + sides["subtool"]).groupby(sides["sentence_id"]).agg(set)
    ids = sentences["sentence_id"]

    def joined(found: pd.Series, order: tuple[str, ...] | None) -> list[str]:
        cells = ids.map(found)
        return [
            "" if not isinstance(v, set) else ";".join([o for o in order if o in v] if order else sorted(v))
            for v in cells
        ]

    return pd.DataFrame(
        {
            "doc_id": sentences["doc_id"].to_numpy(),
            "clause_id": sentences["clause_id"].to_numpy(),
            "sentence_id": ids.to_numpy(),
            "text": sentences["text"].to_numpy(),
            "themes": joined(themes, THEMES),
            "instruments": joined(instruments, INSTRUMENTS),
            "subtools": joined(subtools, None),
        },
        columns=CODE_COLUMNS,
    )


def code_sentences(sentences: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence with its codes (the codes.csv layout)."""
    return codes_from_hits(sentences, code_hits(sentences))


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
    for r in sentences.itertuples(index=False):
        for m in rx.finditer(r.text):
            rows.append(
                (r.doc_id, r.sentence_id, r.text[max(0, m.start() - width) : m.start()], m.group(0),
                 r.text[m.end() : m.end() + width], m.start(), m.end())
            )
    return pd.DataFrame(rows, columns=["doc_id", "sentence_id", "left", "match", "right", "start", "end"])
