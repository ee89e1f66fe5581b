"""Policy-evaluation tables of a chunk of documents, ready to write: instrument × stage cells and PMC scores.

Both are pure functions of the documents (their documents-table rows, clauses, sentence codes and
instrument evidence), and a document's rows depend on that document alone, so the streaming export
writes them chunk by chunk like the other tables, one call per chunk. Cells of the instrument × stage
table are per document here; sum `observed` over documents for a region or a genre and recompute the
expectations there (policytext.instrument_stage.instrument_stage).
"""

from __future__ import annotations

import pandas as pd

from .instrument_stage import clause_pairs, instrument_stage
from .pmc import score_documents

EVALUATION_TABLES = ("instrument_stage", "pmc", "pmc_secondary", "pmc_evidence")


def evaluation_tables(documents: pd.DataFrame, clauses: pd.DataFrame, codes: pd.DataFrame,
                      evidence: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The rows of each table in EVALUATION_TABLES for the documents (clause ids packed ';'-joined for export).

    documents: the documents-table rows of a chunk (a `text` column is ignored); clauses, codes and
    evidence: the chunk's clauses, sentence codes and instrument evidence (`codes.code_tables`). Rows
    come document by document in the order of `documents`, exactly as concatenating the tables of each
    document on its own would give them.
    """
    cells = instrument_stage(clause_pairs(clauses, codes), documents, by="doc_id")
    cells = cells.assign(clause_ids=[";".join(ids) for ids in cells["clause_ids"].tolist()])
    result = score_documents(documents, clauses, codes, evidence=evidence)
    return {"instrument_stage": cells.drop(columns="grouping").rename(columns={"group": "doc_id"}),
            "pmc": result.scores, "pmc_secondary": result.secondary, "pmc_evidence": result.evidence}
