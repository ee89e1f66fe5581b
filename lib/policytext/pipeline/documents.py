"""The documents table: one row per document, its catalog fields, what parsing found, and the gaps the
text fills (title, dates, publisher, each with its basis)."""

from __future__ import annotations

import re

import pandas as pd

from ..parsing.clean import Cleaned
from ..parsing.doctypes import headline_title, infer_type, issues_attachment, title_kind, type_of_genre
from ..parsing.metadata import document_facts, head_text, metadata_rows
from ..parsing.regions import NATIONAL, province_and_city, region_of
from ..reading.corpus import written_bounds

# Kinds a notice issues (印发) as its attachment.
_ISSUED_KINDS = ("办法", "方案", "措施", "意见", "细则", "规定", "规划")
# The issuers that open a title: 四川省科学技术厅 四川省财政厅关于…的通知.
_TITLE_ISSUERS = re.compile(r"^(.{2,80}?)关于")


def _typed_title(title: str, metadata: list[tuple], text: str = "") -> str:
    """The title that names the document's kind: the row's, else a headline the text prints (a page's
    title may be its site's name, 达州市人民政府, while the headline is …关于…的通知)."""
    if title_kind(title):
        return title
    printed = [r[2] for r in metadata if r[1] in ("title", "title_field", "article_title")]
    return next((t for t in printed if title_kind(t)), "") or headline_title(text) or title

_WRITTEN_FIELDS = ("date_written", "date_signed", "date_published", "date_page")


def fill_gaps(row: dict, metadata: list[tuple], text: str = "") -> dict:
    """Catalog fields left empty, filled from the text (title, dates, publisher); the basis says so.

    The dates come from metadata.document_facts: a 成文 field or the signature dates the writing, a 发布
    field or the page time dates the publication (or repost); the issuers signing the text name the
    publisher. `metadata` holds the document's metadata rows (`metadata.metadata_records`); `text`, its
    text (for a headline naming its kind when neither the row's title nor a printed one does)."""
    fill: dict = {}
    if not row.get("title"):
        titles = [r[2] for r in metadata if r[1] == "title"]
        if titles:
            fill["title"] = titles[0]
    facts = document_facts(metadata)
    fill |= _facts_columns(row | fill, metadata, facts, text)
    for column in ("date_written", "date_published"):
        if not row.get(column) and facts[column]:
            fill[column] = facts[column]
            fill[f"{column}_basis"] = f"inferred from text: {facts[f'{column}_basis']}"
    if not row.get("publisher") and facts["issuers"]:
        fill["publisher"] = facts["issuers"]
    if "date_written" in fill:
        fill |= written_bounds(fill)
    if not row.get("region"):
        fill["region"] = fill.get("region") or "unknown"
    return fill


def _facts_columns(row: dict, metadata: list[tuple], facts: dict, text: str = "") -> dict:
    """The columns every document gets from its text: date_first, issuer, doc_number (when the catalog and
    the reader give none), doc_type and region (inferred; the catalog's genre and region win), and the
    region's province and city as full names."""
    issuers = [i for i in facts["issuers"].split(";") if i]
    title = _typed_title(row.get("title") or "", metadata, text)
    if not issuers and (m := _TITLE_ISSUERS.match(title)):
        issuers = [i for i in re.split(r"[、\s]+", m.group(1)) if i]
        facts = facts | {"issuers": ";".join(issuers), "issuers_basis": "title (…关于)"}
    bodies = [r[2] for r in metadata if r[1] == "history_body"]
    orders = [r[2] for r in metadata if r[1] in ("promulgation_order", "doc_number") and "令" in r[2]]
    inferred, basis = infer_type(title, issuers, bodies, orders)
    if inferred in _ISSUED_KINDS and not title_kind(row.get("title") or "") and issues_attachment(text):
        # the headline found is the attachment's: the document is the notice issuing it
        inferred, basis = "通知", f"a covering note issuing a {inferred}"
    catalogued = type_of_genre(row.get("genre") or "", inferred)
    written = str(row.get("date_written") or "")
    written = written if len(written) == 10 else facts["date_written"]  # a full day, catalogued or read
    first = facts["date_first"] or written
    out = {
        # the first text is never later than the version printed (a reply's signature is not its first date)
        "date_first": min(first, written) if first and written else first,
        "issuer": facts["issuers"],
        "issuer_basis": facts["issuers_basis"],
        "doc_type": catalogued or inferred,
        "doc_type_basis": f"catalog genre {row['genre']!r}" if catalogued else f"inferred: {basis}",
    }
    if not row.get("doc_number") and facts["doc_number"]:
        out["doc_number"] = facts["doc_number"]
    if not row.get("genre"):
        out["genre"] = out["doc_type"]  # the PMC scope and the genre comparisons read the genre
    region = row.get("region") or ""
    if not region:
        region, where = region_of(issuers, title, bodies, row.get("doc_number") or facts["doc_number"])
        if not region and title and out["doc_type"] != "其他":
            # a local law or official document names its place in its title or issuer; one naming none is
            # national (a news report naming none stays unplaced)
            region, where = NATIONAL, "no place named by the title, issuer or history"
        if region:
            out["region"], out["region_basis"] = region, f"inferred from text: {where}"
    out["province"], out["city"] = province_and_city(region)
    return out


_WHITESPACE = re.compile(r"\s+")


def printed_chars(text: str) -> int:
    """Characters of `text` that are not whitespace (the unit of the share cleaning keeps)."""
    return len(text) - sum(map(len, _WHITESPACE.findall(text)))


def document_record(row: dict, cleaned: Cleaned, structure: dict[str, list], metadata: list[tuple]) -> dict:
    """One document's row of the documents table (`row` is its corpus row, text included; `structure` its
    structure records, `metadata` its metadata rows)."""
    status = cleaned.line_status()
    kept = sum(1 for v in status.values() if v == "kept")
    blank = sum(1 for v in status.values() if v == "blank")
    body = [p.text for a in cleaned.articles for p in a.paragraphs]
    doc = {k: v for k, v in row.items() if k != "text"} | {
        "clean_chars": sum(map(len, body)),
        # printed characters (whitespace left out) before and after cleaning: the share cleaning keeps, in one
        # unit whatever the file's layout (blank lines and indentation are not text that was removed)
        "printed_chars": printed_chars(str(row.get("text") or "")),
        "clean_printed_chars": sum(map(printed_chars, body)),
        "raw_lines": cleaned.n_lines,
        "kept_lines": kept,
        "blank_lines": blank,
        "removed_lines": cleaned.n_lines - kept - blank,
        "rejoined_breaks": len(cleaned.joins),
        "articles": len(cleaned.articles),
        "sections": len(structure["sections"]),
        "clauses": len(structure["clauses"]),
        "numbered_clauses": sum(1 for c in structure["clauses"] if c["kind"] == "numbered"),
        "sentences": len(structure["sentences"]),
        "converted_to_simplified": row["script"] == "Traditional",
    }
    # the removed lines as printed: converting them again would convert the document twice
    return doc | fill_gaps(doc, metadata, head_text(cleaned, simplify=False))


def written_year(metadata: pd.DataFrame | list[tuple]) -> int | None:
    """The year the text says it was written, from its own date fields (成文, signature, then publication
    or page date as an upper bound), or None when the text carries no date (a metadata table or its rows)."""
    rows = metadata_rows(metadata)
    for name in _WRITTEN_FIELDS:
        for r in rows:
            if r[1] == name and str(r[2])[:4].isdigit():
                return int(str(r[2])[:4])
    return None


def document_year(document: dict, metadata: list[tuple]) -> int | None:
    """The year a document was written: its documents row's written date (catalog, else inferred from the
    text), else the text's own date fields (`written_year`)."""
    written_from = str(document.get("written_from") or "")
    return int(written_from[:4]) if written_from[:4].isdigit() else written_year(metadata)
