"""Theme and policy-instrument coding of sentences, with every lexicon hit kept as evidence.

The lexicons are data (data/themes.tsv, data/instruments.tsv; data/coding_guide.md defines every
category) read into one hierarchical object each (policytext.lexicon: category -> subtool -> terms),
matched leftmost-longest and non-overlapping. `code_hits` gives the long evidence table (one row per
hit, with its span); `codes_from_hits` derives the sentence codes from it.

Two kinds of instrument columns, kept apart on purpose:
- `instruments` / `subtools`: every side and sub-tool with a cue hit in the sentence (multi-label
  evidence; a clause's cues are the union of its sentences'). Not a count of measures.
- `instrument` / `subtool`: the ONE primary code of the sentence's clause (the coding unit) by the
  codebook's decision rule (policytext.instruments), or 'none'; `instrument_evidence` lists the
  sentence's spans that support that primary. Count measures once per clause_id (`unit_codes`).
Themes stay multi-label: a sentence is coded with every theme that has a hit.
"""

from __future__ import annotations

import re

import pandas as pd

from . import instruments as _instruments
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


PRIMARY_COLUMNS = ["instrument", "subtool", "instrument_basis", "instrument_evidence"]


def with_primary(codes: pd.DataFrame, sentences: pd.DataFrame, written_year: int | None = None) -> pd.DataFrame:
    """The codes table with each sentence's clause's primary instrument code added (PRIMARY_COLUMNS).

    `instrument_evidence` packs the sentence's cue spans that support the primary, as
    'subtool:match@start-end' (offsets within the sentence); `written_year` (the year the text was
    written) lets a sentence about an earlier year count as a completed fact.
    """
    units, evidence = _instruments.code_clauses(sentences, written_year)
    primary = evidence[evidence["role"] == "primary"]
    packed = (primary["subtool"] + ":" + primary["match"] + "@" + primary["start"].astype(str) + "-"
              + primary["end"].astype(str)).groupby(primary["sentence_id"], sort=False).agg(";".join)
    by_clause = units.set_index("clause_id")
    out = codes.copy()
    out["instrument"] = out["clause_id"].map(by_clause["instrument"]).fillna(_instruments.NONE)
    out["subtool"] = out["clause_id"].map(by_clause["subtool"]).fillna(_instruments.NONE)
    out["instrument_basis"] = out["clause_id"].map(by_clause["instrument_basis"]).fillna("")
    out["instrument_evidence"] = out["sentence_id"].map(packed.to_dict()).astype(object).fillna("")
    return out


def unit_codes(codes: pd.DataFrame) -> pd.DataFrame:
    """One row per clause (the counting unit): doc_id, clause_id, instrument, subtool, instrument_basis."""
    return codes.drop_duplicates("clause_id")[["doc_id", "clause_id", "instrument", "subtool", "instrument_basis"]] \
        .reset_index(drop=True)


def code_sentences(sentences: pd.DataFrame, written_year: int | None = None) -> pd.DataFrame:
    """One row per sentence with its codes (the codes.csv layout) and its clause's primary instrument."""
    return with_primary(codes_from_hits(sentences, code_hits(sentences)), sentences, written_year)


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
