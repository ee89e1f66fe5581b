"""Policy-evaluation tables of one document, ready to write: instrument × stage cells and PMC scores.

Both are pure functions of one document (its catalog row, clauses and sentence codes), so the
streaming export writes them chunk by chunk like the other per-document tables. Cells of the
instrument × stage table are per document here; sum `observed` over documents for a region or a
genre and recompute the expectations there (policytext.instrument_stage.instrument_stage).
"""

from __future__ import annotations

import pandas as pd

from .instrument_stage import clause_pairs, instrument_stage
from .pmc import score_documents

EVALUATION_TABLES = ("instrument_stage", "pmc", "pmc_secondary", "pmc_evidence")


def evaluation_tables(row: dict, clauses: pd.DataFrame, codes: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The document's rows of each table in EVALUATION_TABLES (clause ids packed ';'-joined for export)."""
    document = pd.DataFrame([{k: v for k, v in row.items() if k != "text"}])
    cells = instrument_stage(clause_pairs(clauses, codes), document, by="doc_id")
    cells = cells.assign(clause_ids=cells["clause_ids"].map(";".join)).drop(columns="grouping")
    result = score_documents(document, clauses, codes)
    return {"instrument_stage": cells.rename(columns={"group": "doc_id"}), "pmc": result.scores,
            "pmc_secondary": result.secondary, "pmc_evidence": result.evidence}
