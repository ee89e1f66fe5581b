"""The seeds catalog: one row per document, validated with errors that say which row is wrong."""

from __future__ import annotations

import csv
import re
import warnings
from datetime import date
from pathlib import Path

from ..errors import CorpusError, CorpusWarning
from ..parsing.doctypes import check_genres

COLUMNS = (
    "doc_id", "file", "sha256", "title", "publisher", "source", "region", "genre", "script",
    "date_written", "date_written_basis", "date_published", "date_published_basis", "url", "notes",
)
# Catalogs written before the written/published split name the written date `date`.
LEGACY_COLUMNS = {"date": "date_written", "date_basis": "date_written_basis"}
DATE_COLUMNS = ("date_written", "date_published")
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


def valid_date_or_range(value: str) -> bool:
    """True for a partial ISO date, or a range 'FROM/TO' of two such dates with FROM not after TO."""
    if "/" not in value:
        return valid_partial_date(value)
    start, _, end = value.partition("/")
    if not (start and end and valid_partial_date(start) and valid_partial_date(end)):
        return False
    return date_bounds(start)[0] <= date_bounds(end)[1]


def date_bounds(value: str) -> tuple[str, str]:
    """The first and last day a partial date or range covers: '2018/2019' -> ('2018-01-01', '2019-12-31').

    ('', '') when `value` is empty or not a date; the bounds order documents whose dates are vague.
    """
    if not value or not valid_date_or_range(value):
        return "", ""
    start, _, end = value.partition("/")
    end = end or start

    def first(v: str) -> date:
        y, m, d = (int(g) if g else 1 for g in _DATE.match(v).groups())
        return date(y, m, d)

    def last(v: str) -> date:
        y, m, d = _DATE.match(v).groups()
        if d:
            return date(int(y), int(m), int(d))
        if m:
            nxt = date(int(y) + (m == "12"), int(m) % 12 + 1, 1)
            return date.fromordinal(nxt.toordinal() - 1)
        return date(int(y), 12, 31)

    return first(start).isoformat(), last(end).isoformat()


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
    names = [h.strip() for h in (reader.fieldnames or [])]
    reader.fieldnames = header = [
        LEGACY_COLUMNS[h] if h in LEGACY_COLUMNS and LEGACY_COLUMNS[h] not in names else h for h in names
    ]
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
    check_genres(p, [row["genre"] for row in rows])  # one warning for the file, naming the allowed values
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
    for column in DATE_COLUMNS:
        if not valid_date_or_range(row[column]):
            raise CorpusError(
                p, f"{where} ({row['file']}): {column} {row[column]!r} is not a valid ISO date or range",
                "write YYYY, YYYY-MM or YYYY-MM-DD, or a range FROM/TO such as 2018/2019",
            )
    if row["script"] and row["script"] not in SCRIPTS:
        raise CorpusError(
            p, f"{where} ({row['file']}): script {row['script']!r} is unknown",
            "write Simplified, Traditional, or leave it empty to detect it",
        )
    if row["sha256"] and not _SHA.match(row["sha256"].lower()):
        raise CorpusError(p, f"{where} ({row['file']}): sha256 is not 64 hex digits", "recompute it or leave it empty")
