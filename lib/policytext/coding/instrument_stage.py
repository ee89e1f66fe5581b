"""The two-dimensional framework: policy instrument (supply / environment / demand) × value-chain stage.

The unit is a clause. Its primary instrument side comes from the codebook coding (policytext.codes, read
in one place: `clause_instruments`), its stage from policytext.valuechain, so each clause counts once.
Each cell is reported with the count expected if instrument and stage were independent within the group
(row total × column total / grand total), the standardised (Pearson) residual (O − E) / √E and the
adjusted residual, and the ids of the clauses behind it.
"""

from __future__ import annotations

import math

import pandas as pd

from .valuechain import NONE, STAGES, code_stages

INSTRUMENTS = ("supply", "environment", "demand")
GROUPINGS = ("corpus", "doc_id", "region", "genre")
PAIR_COLUMNS = ["doc_id", "clause_id", "instrument", "stage"]
CELL_COLUMNS = ["grouping", "group", "instrument", "stage", "observed", "expected", "residual",
                "adjusted_residual", "clause_ids"]


def clause_instruments(codes: pd.DataFrame, evidence: pd.DataFrame | None = None) -> pd.DataFrame:
    """The primary instrument side of each clause (one row per clause coded supply, environment or demand),
    with the cue spans that support it as evidence.

    The only place this module reads the instrument coding: the sentence codes table of policytext.codes,
    whose `instrument` is the clause's primary side by the codebook (repeated on each of its sentences),
    and its instrument evidence table (`codes.code_tables`: one row per supporting cue). `evidence` lists
    the clause's cues for a reader, ';'-joined 'subtool:match@start-end' (offsets in the sentence), each
    once; without the evidence table it is empty.
    """
    spans: dict[str, list[str]] = {}  # sentence_id -> its supporting cues, in table order
    if evidence is not None:
        for sentence_id, subtool, match, start, end in zip(
                *(evidence[c].tolist() for c in ("sentence_id", "subtool", "match", "start", "end")), strict=True):
            spans.setdefault(sentence_id, []).append(f"{subtool}:{match}@{start}-{end}")
    cues: dict[tuple, list[str]] = {}  # (doc_id, clause_id, side) in order of first appearance
    for doc_id, clause_id, sentence_id, side in zip(*(codes[c].tolist() for c in ("doc_id", "clause_id",
                                                                                 "sentence_id", "instrument")),
                                                    strict=True):
        if side in INSTRUMENTS:
            cues.setdefault((doc_id, clause_id, side), []).extend(spans.get(sentence_id, ()))
    rows = [(doc_id, clause_id, side, ";".join(dict.fromkeys(found)))
            for (doc_id, clause_id, side), found in cues.items()
            if not (_missing(doc_id) or _missing(clause_id))]  # as groupby drops rows with a missing key
    return pd.DataFrame(rows, columns=["doc_id", "clause_id", "instrument", "evidence"])


def _missing(value) -> bool:
    return value is None or value != value  # None or NaN


def clause_pairs(clauses: pd.DataFrame, codes: pd.DataFrame) -> pd.DataFrame:
    """One row per clause × instrument side for clauses coded with both a side and a stage (not 'none')."""
    stages = code_stages(clauses)
    staged: dict[str, list[str]] = {}
    for clause_id, stage in zip(stages["clause_id"].tolist(), stages["stage"].tolist(), strict=True):
        if stage != NONE:
            staged.setdefault(clause_id, []).append(stage)
    sides = clause_instruments(codes)
    # An inner join on clause_id in the order of the instrument rows, as DataFrame.merge gives it.
    rows = [(doc_id, clause_id, side, stage)
            for doc_id, clause_id, side in zip(sides["doc_id"].tolist(), sides["clause_id"].tolist(),
                                               sides["instrument"].tolist(), strict=True)
            for stage in staged.get(clause_id, ())]
    if not rows:  # the empty table keeps the column types the join gives it
        empty = sides.merge(stages.loc[stages["stage"] != NONE, ["clause_id", "stage"]], on="clause_id", how="inner")
        return empty[PAIR_COLUMNS].reset_index(drop=True)
    return pd.DataFrame(rows, columns=PAIR_COLUMNS)


def _cells(pairs: list[tuple[str, str, str]]) -> list[tuple]:
    """The 12 cells (instrument, stage, observed, expected, residual, adjusted, clause ids) of
    (instrument, stage, clause_id) triples."""
    observed = {(i, s): [] for i in INSTRUMENTS for s in STAGES}
    for instrument, stage, clause_id in pairs:
        observed[(instrument, stage)].append(clause_id)
    n = len(pairs)
    row = {i: sum(len(observed[(i, s)]) for s in STAGES) for i in INSTRUMENTS}
    col = {s: sum(len(observed[(i, s)]) for i in INSTRUMENTS) for s in STAGES}
    out = []
    for (i, s), ids in observed.items():
        o = len(ids)
        e = row[i] * col[s] / n if n else 0.0
        residual = (o - e) / math.sqrt(e) if e > 0 else float("nan")
        spread = e * (1 - row[i] / n) * (1 - col[s] / n) if n else 0.0
        adjusted = (o - e) / math.sqrt(spread) if spread > 0 else float("nan")
        out.append((i, s, o, e, residual, adjusted, tuple(ids)))
    return out


_NO_GROUP = object()  # the group of a pair whose document is not in the documents table: none listed


def _grouped(pairs: pd.DataFrame, group_of=None) -> dict:
    """(instrument, stage, clause_id) triples of `pairs` per group, in row order; group_of maps a doc_id
    to its group (a dict; None: every pair in one group 'all'), a doc_id it lacks belongs to no group."""
    out: dict = {}
    for doc_id, clause_id, instrument, stage in zip(*(pairs[c].tolist() for c in PAIR_COLUMNS), strict=True):
        group = "all" if group_of is None else group_of.get(doc_id, _NO_GROUP)
        out.setdefault(group, []).append((instrument, stage, clause_id))
    return out


def instrument_stage(pairs: pd.DataFrame, documents: pd.DataFrame | None = None, by: str = "corpus") -> pd.DataFrame:
    """The 3 × 4 table per group as a long table (CELL_COLUMNS), every cell present, zeros included.

    pairs: from `clause_pairs`; documents: the documents table (needed for by='region' or 'genre');
    by: 'corpus' (one group), 'doc_id', 'region' or 'genre'. Within each group the expected counts sum
    to the observed ones; `clause_ids` is a tuple of the clause ids in the cell.
    """
    if by not in GROUPINGS:
        raise ValueError(f"by must be one of {', '.join(GROUPINGS)}, not {by!r}")
    if by == "corpus":
        group_of, groups = None, ["all"]
    elif by == "doc_id":
        doc_ids = pairs["doc_id"].tolist()
        group_of = {d: d for d in doc_ids if not _missing(d)}
        groups = documents["doc_id"].tolist() if documents is not None else list(dict.fromkeys(doc_ids))
    else:
        if documents is None or by not in documents:
            raise ValueError(f"by={by!r} needs the documents table with a {by!r} column")
        doc_ids = documents["doc_id"].tolist()
        if len(set(doc_ids)) < len(doc_ids):
            raise ValueError(f"by={by!r}: the documents table repeats a doc_id, so a document has no one {by}")
        group_of = {d: g for d, g in zip(doc_ids, documents[by].tolist(), strict=True) if not _missing(g)}
        groups = list(dict.fromkeys(documents[by].tolist()))
    found = _grouped(pairs, group_of)
    rows = [(by, group, *cell) for group in groups
            for cell in _cells([] if _missing(group) else found.get(group, []))]
    return pd.DataFrame(rows, columns=CELL_COLUMNS)


def observed_matrix(cells: pd.DataFrame, value: str = "observed") -> pd.DataFrame:
    """One group's cells as an instrument × stage matrix of `value` (observed, expected, residual...)."""
    return cells.pivot(index="instrument", columns="stage", values=value).reindex(index=list(INSTRUMENTS),
                                                                                  columns=list(STAGES))


def stage_word_only(pairs: pd.DataFrame, evidence: pd.DataFrame) -> pd.Series:
    """For each row of `pairs` (clause_pairs), True when every cue supporting the clause's primary side is
    itself a term of the row's stage in the value-chain codebook (基础研究, 原始创新, 自然科学基金 … are in
    both the instrument lexicon and the stage codebook): such a clause is coded with the side because it
    names the stage, so its pair co-occurs by construction. `evidence` is the instrument evidence table of
    policytext.codes.code_tables (one row per supporting cue); a clause with no cue listed is not flagged."""
    from .valuechain import stage_matches

    cues: dict[tuple[str, str], set[str]] = {}
    for clause_id, side, match in zip(*(evidence[c].tolist() for c in ("clause_id", "instrument", "match")),
                                      strict=True):
        cues.setdefault((clause_id, side), set()).add(match)
    flags = []
    for clause_id, side, stage in zip(*(pairs[c].tolist() for c in ("clause_id", "instrument", "stage")),
                                      strict=True):
        found = cues.get((clause_id, side), set())
        flags.append(bool(found) and all(stage in stage_matches(m) for m in found))
    return pd.Series(flags, index=pairs.index, dtype=bool, name="stage_word_only")
