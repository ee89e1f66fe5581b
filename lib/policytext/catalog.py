"""The seeds catalog: one row per document, validated with errors that say which row is wrong."""

from __future__ import annotations

import csv
import re
import warnings
from datetime import date
from pathlib import Path

from .errors import CorpusError, CorpusWarning

COLUMNS = (
    "doc_id", "file", "sha256", "title", "publisher", "source", "region",
    "genre", "script", "date", "date_basis", "url", "notes",
)
REQUIRED = ("doc_id", "file")
SCRIPTS = ("Simplified", "Traditional")
_DOC_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_SHA = re.compile(r"^[0-9a-f]{64}$")


def valid_partial_date(value: str) -> bool:
    """True for '', 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' naming a real calendar date."""
    if value == "":
        return True
    m = _DATE.match(value)
    if not m:
        return False
    year, month, day = (int(g) if g else 1 for g in m.groups())
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def slug(name: str) -> str:
    """A doc_id made from a file name: lower case, runs of other characters become '-'."""
    s = re.sub(r"[^a-z0-9]+", "-", Path(name).stem.lower()).strip("-")
    return s or "doc"


def read_catalog(path: str | Path) -> list[dict[str, str]]:
    """Rows of catalog.csv as dicts with every column present; raise CorpusError on bad rows."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise CorpusError(p, f"cannot be read ({exc.strerror})", "check the catalog file") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CorpusError(p, "is not UTF-8", "save the catalog as UTF-8 CSV") from exc
    reader = csv.DictReader(text.splitlines())
    header = [h.strip() for h in (reader.fieldnames or [])]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise CorpusError(
            p, f"lacks the column(s) {', '.join(missing)}",
            f"the header must include {', '.join(COLUMNS)}",
        )
    absent = [c for c in COLUMNS if c not in header]
    if absent:
        warnings.warn(
            f"{p}: no column(s) {', '.join(absent)}; they are left empty", CorpusWarning, stacklevel=2
        )
    rows: list[dict[str, str]] = []
    seen_ids: dict[str, int] = {}
    seen_files: dict[str, int] = {}
    for lineno, raw_row in enumerate(reader, start=2):
        if None in raw_row:
            raise CorpusError(p, f"line {lineno} has more fields than the header", "quote fields with commas")
        row = {k.strip(): (v or "").strip() for k, v in raw_row.items()}
        if not any(row.values()):
            continue
        row = {c: row.get(c, "") for c in COLUMNS} | {
            k: v for k, v in row.items() if k not in COLUMNS
        }
        _check_row(p, lineno, row, seen_ids, seen_files)
        rows.append(row)
    return rows


def _check_row(
    p: Path, lineno: int, row: dict[str, str], seen_ids: dict[str, int], seen_files: dict[str, int]
) -> None:
    where = f"line {lineno}"
    if not row["file"]:
        raise CorpusError(p, f"{where} has no file name", "fill the 'file' column")
    if not row["doc_id"]:
        raise CorpusError(p, f"{where} ({row['file']}) has no doc_id", "fill the 'doc_id' column")
    if not _DOC_ID.match(row["doc_id"]):
        raise CorpusError(
            p, f"{where}: doc_id {row['doc_id']!r} is not a slug", "use lower-case letters, digits and '-'"
        )
    for key, seen in (("doc_id", seen_ids), ("file", seen_files)):
        if row[key] in seen:
            raise CorpusError(
                p, f"{where} repeats {key} {row[key]!r} of line {seen[row[key]]}", "give each document one row"
            )
        seen[row[key]] = lineno
    if not valid_partial_date(row["date"]):
        raise CorpusError(
            p, f"{where} ({row['file']}): date {row['date']!r} is not a valid ISO date",
            "write YYYY, YYYY-MM or YYYY-MM-DD",
        )
    if row["script"] and row["script"] not in SCRIPTS:
        raise CorpusError(
            p, f"{where} ({row['file']}): script {row['script']!r} is unknown",
            "write Simplified, Traditional, or leave it empty to detect it",
        )
    if row["sha256"] and not _SHA.match(row["sha256"].lower()):
        raise CorpusError(p, f"{where} ({row['file']}): sha256 is not 64 hex digits", "recompute it or leave it empty")
