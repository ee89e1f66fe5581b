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


def clause_instruments(codes: pd.DataFrame) -> pd.DataFrame:
    """The primary instrument side of each clause (one row per clause coded supply, environment or demand),
    with the cue spans that support it as evidence.

    The only place this module reads the instrument coding: the sentence codes table of policytext.codes,
    whose `instrument` is the clause's primary side by the codebook (repeated on each of its sentences) and
    whose `instrument_evidence` packs each sentence's supporting cues ('subtool:term@start-end').
    """
    coded = codes[codes["instrument"].isin(INSTRUMENTS)]
    rows = []
    for (doc_id, clause_id, side), group in coded.groupby(["doc_id", "clause_id", "instrument"], sort=False):
        cues = [e for cell in group["instrument_evidence"] for e in str(cell).split(";") if e]
        rows.append((doc_id, clause_id, side, ";".join(dict.fromkeys(cues))))
    return pd.DataFrame(rows, columns=["doc_id", "clause_id", "instrument", "evidence"])


def clause_pairs(clauses: pd.DataFrame, codes: pd.DataFrame) -> pd.DataFrame:
    """One row per clause × instrument side for clauses coded with both a side and a stage (not 'none')."""
    stages = code_stages(clauses)
    staged = stages[stages["stage"] != NONE][["clause_id", "stage"]]
    pairs = clause_instruments(codes).merge(staged, on="clause_id", how="inner")
    return pairs[PAIR_COLUMNS].reset_index(drop=True)


def _cells(pairs: pd.DataFrame) -> list[dict]:
    observed = {(i, s): [] for i in INSTRUMENTS for s in STAGES}
    for r in pairs.itertuples(index=False):
        observed[(r.instrument, r.stage)].append(r.clause_id)
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
        out.append({"instrument": i, "stage": s, "observed": o, "expected": e, "residual": residual,
                    "adjusted_residual": adjusted, "clause_ids": tuple(ids)})
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
        keyed = pairs.assign(_group="all")
        groups = ["all"]
    elif by == "doc_id":
        keyed = pairs.assign(_group=pairs["doc_id"])
        groups = list(documents["doc_id"]) if documents is not None else list(dict.fromkeys(pairs["doc_id"]))
    else:
        if documents is None or by not in documents:
            raise ValueError(f"by={by!r} needs the documents table with a {by!r} column")
        lookup = documents.set_index("doc_id")[by]
        keyed = pairs.assign(_group=pairs["doc_id"].map(lookup))
        groups = list(dict.fromkeys(documents[by]))
    rows = []
    for group in groups:
        for cell in _cells(keyed[keyed["_group"] == group]):
            rows.append({"grouping": by, "group": group} | cell)
    return pd.DataFrame(rows, columns=CELL_COLUMNS)


def observed_matrix(cells: pd.DataFrame, value: str = "observed") -> pd.DataFrame:
    """One group's cells as an instrument × stage matrix of `value` (observed, expected, residual...)."""
    return cells.pivot(index="instrument", columns="stage", values=value).reindex(index=list(INSTRUMENTS),
                                                                                  columns=list(STAGES))
