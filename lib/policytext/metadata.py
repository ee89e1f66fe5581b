"""Metadata stated by the text itself (title, publisher, source, document number, dates), each with
its basis, and its reconciliation with the catalog (the catalog wins; disagreements are listed)."""

from __future__ import annotations

import re

import pandas as pd

from .clean import Cleaned
from .script import to_simplified

# Names printed in metadata tables and datelines -> our field names.
FIELD_NAMES = {
    "索引号": "index_number", "发文字号": "doc_number", "文号": "doc_number", "主题分类": "subject_class",
    "体裁分类": "genre_class", "发布机构": "publisher", "发文机关": "publisher", "成文日期": "date_written",
    "发布日期": "date_published", "发布时间": "date_published", "时间": "date_page", "日期": "date_page",
    "来源": "source", "byline": "byline", "signature_org": "publisher_signature",
    "signature_date": "date_signed", "addressee": "addressee", "abstract": "abstract", "kicker": "kicker",
    "subtitle": "subtitle", "title": "title", "article_title": "article_title",
}
_ISO = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?")
_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,10}[〔\[(（]\d{4}[〕\])）]\d{1,4}号")
METADATA_COLUMNS = ["doc_id", "field", "value", "basis", "line"]


def iso_date(text: str) -> str:
    """The first date in `text` as YYYY-MM-DD ('' if none): 2023年4月12日, 2023-07-26, 2023/7/26."""
    m = _ISO.search(text)
    if not m:
        return ""
    y, mo, d = (int(g) for g in m.groups())
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return ""
    return f"{y:04d}-{mo:02d}-{d:02d}"


def _basis(name: str, original: str, line: int) -> str:
    if name.startswith("date_signed") or name == "publisher_signature":
        return f"signature (line {line})"
    if name in ("date_page", "source") or original in ("发布时间",):
        return f"page dateline {original} (line {line})"
    if name in ("title", "article_title"):
        return "headline"
    if original in FIELD_NAMES and not original.isascii():
        return f"header field {original} (line {line})"
    return f"{original} line (line {line})"


def extract_metadata(doc_id: str, cleaned: Cleaned) -> pd.DataFrame:
    """One row per metadata field the text states: doc_id, field, value, basis, line (0 = derived)."""
    rows = []
    for f in cleaned.fields:
        if f.name not in FIELD_NAMES:  # e.g. view counters on a dateline: not metadata of the text
            continue
        name = FIELD_NAMES[f.name]
        value = to_simplified(f.value)
        if name.startswith("date_"):
            value = iso_date(value)
            if not value:
                continue
        rows.append((doc_id, name, value, _basis(name, f.name, f.line), f.line))
    numbers = {r[2] for r in rows if r[1] == "doc_number"}
    for f in cleaned.fields:
        for m in _DOC_NUMBER.finditer(to_simplified(f.value)):
            if m.group(0) not in numbers:
                numbers.add(m.group(0))
                rows.append((doc_id, "doc_number", m.group(0), f"in {f.name} (line {f.line})", f.line))
    seen = set()
    body = to_simplified(cleaned.text)
    for m in re.finditer(r"\d{4}年\d{1,2}月\d{1,2}日", body):
        value = iso_date(m.group(0))
        if value and value not in seen:
            seen.add(value)
            rows.append((doc_id, "date_in_text", value, f"body text at offset {m.start()}", 0))
    return pd.DataFrame(rows, columns=METADATA_COLUMNS)


def _norm(text: str) -> str:
    return re.sub(r"[\s\[\]【】]", "", to_simplified(text or ""))


def reconcile(catalog_row: dict, metadata: pd.DataFrame) -> pd.DataFrame:
    """Where the text states a title, publisher or date that differs from the catalog: one row each."""
    rows = []
    checks = {
        "title": ["title"],
        "publisher": ["publisher", "publisher_signature"],
        "date_written": ["date_written", "date_signed"],
        "date_published": ["date_published", "date_page"],
    }
    for column, fields in checks.items():
        catalog_value = catalog_row.get(column, "") or ""
        if not catalog_value:
            continue
        for _, r in metadata[metadata["field"].isin(fields)].iterrows():
            if column.startswith("date_"):
                agrees = r["value"].startswith(catalog_value) or catalog_value.startswith(r["value"])
            else:
                agrees = _norm(r["value"]) == _norm(catalog_value)
            if not agrees:
                rows.append((catalog_row["doc_id"], column, catalog_value, r["field"], r["value"], r["basis"]))
    return pd.DataFrame(rows, columns=["doc_id", "column", "catalog", "text_field", "text_value", "basis"])
