"""A first catalog for a folder that has none: one row per document, filled from what was parsed.

Title, publisher and dates come from the file's structure (an HTML metadata table, a spreadsheet's
columns, document properties) or, failing that, from the text (headline, header fields, signature),
each date with its basis; the user corrects the draft and saves it as the folder's catalog.csv.
"""

from __future__ import annotations

import csv
import io

import pandas as pd

from .catalog import COLUMNS
from .corpus import Corpus

# Fields of the parsed metadata that state each catalog column, most telling first.
_FROM_TEXT = {
    "title": ("title",),
    "publisher": ("publisher", "publisher_signature"),
    "date_written": ("date_written", "date_signed"),
    "date_published": ("date_published", "date_page"),
}
DRAFT_NOTE = "draft from the parse: check every field"


def draft_row(row: dict) -> dict[str, str]:
    """The catalog row for one documents row: its own values, gaps filled from the text's metadata."""
    draft = {c: str(row.get(c, "") or "") for c in COLUMNS}
    from .tables import parse_document  # the pipeline's text stages (normalise, clean, structure, metadata)

    meta = parse_document(row["doc_id"], row["text"]).metadata
    for column, fields in _FROM_TEXT.items():
        if draft[column]:
            continue
        stated = meta[meta["field"].isin(fields)]
        if len(stated):
            first = stated.iloc[0]
            draft[column] = first["value"]
            if column.startswith("date_"):
                draft[f"{column}_basis"] = f"from text: {first['basis']}"
    where = f"{row['format']} file" + (f", row {row['row']}" if row.get("row") else "")
    draft["notes"] = "; ".join(n for n in (draft["notes"], f"{DRAFT_NOTE} ({where})") if n)
    return draft


def draft_catalog(corpus: Corpus) -> pd.DataFrame:
    """One catalog row per document of `corpus`, in the catalog's column order."""
    return pd.DataFrame([draft_row(r) for r in corpus.documents.to_dict("records")], columns=list(COLUMNS))


def catalog_csv(frame: pd.DataFrame) -> str:
    """The draft as catalog.csv text (UTF-8, the header the catalog reader expects)."""
    out = io.StringIO()
    frame.to_csv(out, index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    return out.getvalue()
