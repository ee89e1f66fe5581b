"""A first catalog for a folder that has none: one row per document, filled from what was parsed.

Title, publisher and dates come from the file's structure (an HTML metadata table, a spreadsheet's
columns, document properties) or, failing that, from the text (headline, header fields, signature),
each date with its basis; the user corrects the draft and saves it as the folder's catalog.csv. Drafted
into a catalog that exists, only rows for files it lacks are added (merge_catalog): curated rows stay as
they are.
"""

from __future__ import annotations

import csv
import difflib
import io

import pandas as pd

from ..reading.catalog import COLUMNS
from ..reading.corpus import Corpus

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


def merge_catalog(existing: str, draft: pd.DataFrame, name: str = "catalog.csv") -> tuple[str, list[str]]:
    """A curated catalog's text with the draft's rows for files it lacks appended, and the unified diff.

    existing: the catalog's text as read (a BOM kept); draft: draft_catalog's rows. Rows already in the
    catalog (same `file`) are never changed, nor is any line of it: the new rows are added at its end, in
    its own column order and line ending, a doc_id already taken given a -2, -3 ... suffix. Raises
    ValueError when `existing` has no header with a `file` column.
    """
    body = existing.removeprefix("\ufeff")
    header = next(csv.reader(io.StringIO(body)), [])
    header = [h.strip() for h in header]
    if "file" not in header:
        raise ValueError("has no header with a 'file' column")
    curated = list(csv.DictReader(io.StringIO(body), fieldnames=header))[1:]
    files = {(r.get("file") or "").strip() for r in curated}
    taken = {(r.get("doc_id") or "").strip() for r in curated}
    newline = "\r\n" if "\r\n" in body else "\n"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, extrasaction="ignore", lineterminator=newline)
    for row in draft.to_dict("records"):
        if row["file"] in files:
            continue
        if "doc_id" in header:
            row["doc_id"] = _free_id(row["doc_id"], taken)
            taken.add(row["doc_id"])
        writer.writerow({c: row.get(c, "") for c in header})
    added = out.getvalue()
    if not added:
        return existing, []
    joined = existing if not existing or existing.endswith(("\n", "\r")) else existing + newline
    merged = joined + added
    diff = difflib.unified_diff(body.splitlines(), merged.removeprefix("\ufeff").splitlines(),
                                f"{name} (curated)", f"{name} (with the draft's new rows)", lineterm="", n=0)
    return merged, list(diff)


def _free_id(doc_id: str, taken: set[str]) -> str:
    """doc_id, or doc_id-2, -3 ... when a curated row already uses it."""
    candidate, n = doc_id, 1
    while candidate in taken:
        n += 1
        candidate = f"{doc_id}-{n}"
    return candidate
