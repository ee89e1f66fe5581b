"""The exported tables as one Excel workbook (tables.xlsx), so that opening them in Excel changes nothing.

Excel's own import of a CSV turns clause labels such as (1) into -1 and values such as 2021-01 or an id
2024-12 into dates. Here every text column is stored as text (string cells with the text number format
'@'), a text column whose every value is a full ISO date (YYYY-MM-DD) as real dates, numbers as numbers.
Each table is one sheet with its header frozen; a README sheet describes every table (its unit, from
policytext.pipeline.TABLES) and every column (data/columns.tsv) and says how to cite the table. A table
longer than a sheet holds (1,048,575 data rows), or one that would take the workbook past WORKBOOK_CELLS
cells, is left to its CSV and Parquet files, with a note there: a larger workbook is slow to write (openpyxl
writes some 65,000 cells a second) and slow for Excel to open, and the Parquet files hold every table.
An exported table is read from its Parquet file a batch of rows at a time, so memory stays flat.
The file is the same bytes for the same tables: fixed timestamps inside the archive.
"""

from __future__ import annotations

import math
import re
import shutil
import unicodedata
import zipfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from ..datafiles import rows

SHEET_ROWS = 1_048_575  # data rows a sheet holds below its header (Excel: 1,048,576 rows in all)
WORKBOOK_CELLS = 2_000_000  # some 30 s of writing (65,000 cells a second); Excel opens it in seconds
BATCH_ROWS = 20_000  # rows of a Parquet file read at once
CELL_CHARS = 32_767  # characters an Excel cell holds
TEXT_FORMAT = "@"
DATE_FORMAT = "yyyy-mm-dd"
README = "README"
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# Control characters an XML cell cannot hold (openpyxl refuses them): written as visible \xNN escapes.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_FIXED_TIME = datetime(2000, 1, 1)  # no timestamps: the same tables give the same file
_WIDTH_SAMPLE = 200  # rows looked at to size a column
_MAX_WIDTH = 60


@dataclass(frozen=True)
class Descriptions:
    """What the README sheet says: each table's unit, each column's meaning (per table, with '*' for a
    column that means the same everywhere), each table's citation line and the collection's."""

    units: Mapping[str, str]
    columns: Mapping[str, Mapping[str, str]]
    cite: Mapping[str, str] = field(default_factory=dict)
    collection: str = ""

    def column(self, table: str, column: str) -> str:
        """The description of `column` in `table` ('' when there is none)."""
        return self.columns.get(table, {}).get(column) or self.columns.get("*", {}).get(column, "")


@dataclass(frozen=True)
class TableSource:
    """A table read in batches rather than held whole: its row count, its columns' kinds (text, date,
    number, boolean) and a function giving its rows as DataFrames, a batch at a time."""

    rows: int
    kinds: Mapping[str, str]
    batches: Callable[[], Iterator[pd.DataFrame]]


def column_descriptions() -> dict[str, dict[str, str]]:
    """data/columns.tsv as {table: {column: description}} ('*' for columns shared by every table)."""
    out: dict[str, dict[str, str]] = {}
    for table, column, description in rows("columns.tsv"):
        out.setdefault(table, {})[column] = description
    return out


def export_descriptions(names: list[str]) -> Descriptions:
    """The descriptions of the exported tables `names`: units from policytext.pipeline.TABLES, columns
    from data/columns.tsv, and each table's citation line (policytext.citation)."""
    from .citation import cite_table
    from .pipeline import TABLES

    units = {t.name: t.unit for t in TABLES} | {"skipped": "file or table row that could not be loaded"}
    return Descriptions(units={n: units.get(n, "") for n in names}, columns=column_descriptions(),
                        cite={n: cite_table(n) for n in names}, collection=cite_table())


def write_workbook(tables: Mapping[str, pd.DataFrame | TableSource], path: str | Path, descriptions: Descriptions,
                   sheet_rows: int = SHEET_ROWS, max_cells: int = WORKBOOK_CELLS) -> Path:
    """Write `tables` ({name: DataFrame or TableSource}, in order) to the workbook `path` with a README sheet
    first; return the path. A table with more than `sheet_rows` rows, or whose cells would take the workbook
    past `max_cells`, is not written there: the README sheet says so and where to find it."""
    from openpyxl import Workbook

    path = Path(path)
    book = Workbook(write_only=True)
    readme = book.create_sheet(README)
    summary: list[tuple[str, str, int, str]] = []  # table, unit, rows, where
    column_rows: list[tuple[str, str, str, str]] = []  # table, column, kind, description
    cells = 0
    for name, table in tables.items():
        source = table if isinstance(table, TableSource) else _source(table)
        size = source.rows * len(source.kinds)
        if source.rows > sheet_rows:
            where = (f"not in this workbook: {source.rows:,} rows are more than a sheet holds ({sheet_rows:,}); "
                     f"open {name}.parquet or {name}.csv")
        elif cells + size > max_cells:
            where = (f"not in this workbook: its {size:,} cells would take it past {max_cells:,}; "
                     f"open {name}.parquet or {name}.csv")
        else:
            cells += size
            cut = _write_table(book.create_sheet(_sheet_name(name)), source)
            where = f"sheet {_sheet_name(name)}" + (
                f"; {cut} cells longer than {CELL_CHARS:,} characters cut (full text in {name}.parquet)" if cut else "")
        summary.append((name, descriptions.units.get(name, ""), source.rows, where))
        column_rows += [(name, c, kind, descriptions.column(name, c)) for c, kind in source.kinds.items()]
    _write_readme(readme, summary, column_rows, descriptions)
    book.properties.creator = "policytext"
    book.properties.created = _FIXED_TIME
    _save(book, path)
    return path


def _source(frame: pd.DataFrame) -> TableSource:
    return TableSource(len(frame), _kinds(frame), lambda: iter([frame]))


def _sheet_name(name: str) -> str:
    # Excel: at most 31 characters, none of []:*?/\ ; the README sheet's name is taken
    clean = re.sub(r"[\[\]:*?/\\]", "_", name)[:31]
    return clean if clean != README else f"{clean}_"


def _kinds(frame: pd.DataFrame) -> dict[str, str]:
    """Each column's cell kind: text, date, number or boolean."""
    kinds = {}
    for column in frame.columns:
        series = frame[column]
        if pd.api.types.is_bool_dtype(series):
            kinds[column] = "boolean"
        elif pd.api.types.is_numeric_dtype(series):
            kinds[column] = "number"
        elif pd.api.types.is_datetime64_any_dtype(series) or _all_iso_dates(series):
            kinds[column] = "date"
        else:
            kinds[column] = "text"
    return kinds


def _all_iso_dates(series: pd.Series) -> bool:
    """Whether every non-empty value is a full, valid ISO date (YYYY-MM-DD), and there is one."""
    present = [v for v in series if not _missing(v) and v != ""]
    if not present or not all(isinstance(v, str) for v in present):
        return False
    values = present
    try:
        return all(_ISO_DATE.fullmatch(v) and date.fromisoformat(v) for v in values)
    except ValueError:  # 2023-02-30: not a date, so the column stays text
        return False


def _missing(value) -> bool:
    return value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value))


def _cells(frame: pd.DataFrame, kinds: dict[str, str]) -> Iterator[list]:
    """The rows' cell values, typed by column kind (text as str, dates as date, empty as None)."""
    converters = []
    for column in frame.columns:
        kind = kinds[column]
        if kind == "text":
            converters.append(lambda v: None if _missing(v) else _ILLEGAL.sub(_escape, str(v)))
        elif kind == "date":
            converters.append(lambda v: None if _missing(v) or v == "" else
                              (date.fromisoformat(v) if isinstance(v, str) else pd.Timestamp(v).date()))
        elif kind == "boolean":
            converters.append(lambda v: None if _missing(v) else bool(v))
        else:
            converters.append(lambda v: None if _missing(v) else (int(v) if float(v).is_integer()
                                                                  and not isinstance(v, float) else float(v)))
    for values in frame.itertuples(index=False, name=None):
        yield [convert(v) for convert, v in zip(converters, values, strict=True)]


def _escape(match: re.Match) -> str:
    return f"\\x{ord(match.group()):02x}"


def _write_table(sheet, source: TableSource) -> int:
    """Fill one sheet: header frozen, columns sized, cells typed; return how many cells were cut."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    kinds = dict(source.kinds)
    columns = list(kinds)
    sheet.freeze_panes = "A2"
    if columns:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(1, source.rows) + 1}"
    bold = Font(bold=True)
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=str(column))
        cell.font, cell.number_format, cell.data_type = bold, TEXT_FORMAT, "s"
        header.append(cell)
    formats = {"text": TEXT_FORMAT, "date": DATE_FORMAT}
    column_kinds = [kinds[c] for c in columns]
    cut = 0
    started = False
    for batch in source.batches():
        if not started:  # widths from the first rows: they must be set before any row is written
            sample = batch.head(_WIDTH_SAMPLE)
            for i, column in enumerate(columns, start=1):
                widths = [_display_width(column)] + [_display_width(v) for v in sample[column] if not _missing(v)]
                sheet.column_dimensions[get_column_letter(i)].width = min(_MAX_WIDTH, max(widths) + 2)
            sheet.append(header)
            started = True
        for values in _cells(batch[columns], kinds):
            row = []
            for kind, value in zip(column_kinds, values, strict=True):
                if kind == "text" and value is not None and len(value) > CELL_CHARS:
                    value, cut = value[:CELL_CHARS], cut + 1
                cell = WriteOnlyCell(sheet, value=value)
                if kind in formats:
                    cell.number_format = formats[kind]
                if kind == "text" and value is not None:
                    cell.data_type = "s"  # a value starting with '=' stays text, never a formula
                row.append(cell)
            sheet.append(row)
    if not started:
        for i, column in enumerate(columns, start=1):
            sheet.column_dimensions[get_column_letter(i)].width = min(_MAX_WIDTH, _display_width(column) + 2)
        sheet.append(header)
    return cut


def _display_width(value) -> int:
    """Characters of width Excel needs for the value's first line (a CJK character counts two)."""
    text = str(value).split("\n", 1)[0][:_MAX_WIDTH]
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _write_readme(sheet, summary, column_rows, descriptions: Descriptions) -> None:
    """The README sheet: what the workbook is, how to cite it, one row per table, one row per column."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    bold = Font(bold=True)

    def line(*values, header: bool = False) -> None:
        cells = []
        for value in values:
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str):
                cell.number_format, cell.data_type = TEXT_FORMAT, "s"
            if header:
                cell.font = bold
            cells.append(cell)
        sheet.append(cells)

    for width, letter in zip((22, 28, 14, 60, 90), "ABCDE", strict=True):
        sheet.column_dimensions[letter].width = width
    line("Tables of the policy documents, one sheet per table", header=True)
    line("Text columns are stored as text (labels such as (1), ids such as 2024-12 stay as written); columns "
         "of full dates (YYYY-MM-DD) as dates; the same tables are in the folder as CSV and Parquet.")
    if descriptions.collection:
        line("Cite the collection as:", descriptions.collection)
    line()
    line("table", "one row per", "rows", "where", "cite this table", header=True)
    for name, unit, n_rows, where in summary:
        line(name, unit, n_rows, where, descriptions.cite.get(name, ""))
    line()
    line("table", "column", "kind", "description", header=True)
    for row in column_rows:
        line(*row)


def _save(book, path: Path) -> None:
    """Save with every archive member dated _FIXED_TIME, so the bytes depend on the tables alone."""
    from openpyxl.writer.excel import ExcelWriter

    book.properties.modified = _FIXED_TIME
    tmp = path.with_name(path.name + ".tmp")
    with _FixedTimeZip(tmp, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(book, archive).write_data()
    tmp.replace(path)


class _FixedTimeZip(zipfile.ZipFile):
    """A zip archive whose members all carry the same date (ZipFile stamps them with the current time)."""

    def writestr(self, name, data, compress_type=None, compresslevel=None):
        info = name if isinstance(name, zipfile.ZipInfo) else zipfile.ZipInfo(name, _FIXED_TIME.timetuple()[:6])
        info.date_time = _FIXED_TIME.timetuple()[:6]
        info.compress_type = zipfile.ZIP_DEFLATED
        super().writestr(info, data, compress_type, compresslevel)

    def write(self, filename, arcname=None, compress_type=None, compresslevel=None):
        info = zipfile.ZipInfo(arcname or Path(filename).name, _FIXED_TIME.timetuple()[:6])
        info.compress_type = zipfile.ZIP_DEFLATED
        with open(filename, "rb") as src, self.open(info, "w", force_zip64=True) as dst:
            shutil.copyfileobj(src, dst, 1 << 20)


class _ExportedTables(Mapping):
    """The tables of an export folder as TableSources: from Parquet (typed) a batch of rows at a time, or
    else from CSV (as text), so that memory stays flat however large the tables."""

    def __init__(self, folder: Path, names: list[str]) -> None:
        self.folder, self.names = folder, names

    def __getitem__(self, name: str) -> TableSource:
        parquet = self.folder / f"{name}.parquet"
        if parquet.exists():
            return _parquet_source(parquet)
        return _source(pd.read_csv(self.folder / f"{name}.csv", encoding="utf-8-sig", dtype=str,
                                   keep_default_na=False))

    def __iter__(self):
        return iter(self.names)

    def __len__(self) -> int:
        return len(self.names)


def _parquet_source(path: Path) -> TableSource:
    """A Parquet file as a TableSource: row count from its footer, kinds from its schema (a text column
    read once, alone, to see whether it holds only full ISO dates), rows a batch at a time."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    file = pq.ParquetFile(path)
    kinds = {}
    for f in file.schema_arrow:
        if pa.types.is_boolean(f.type):
            kinds[f.name] = "boolean"
        elif pa.types.is_integer(f.type) or pa.types.is_floating(f.type) or pa.types.is_decimal(f.type):
            kinds[f.name] = "number"
        elif pa.types.is_temporal(f.type):
            kinds[f.name] = "date"
        elif pa.types.is_string(f.type) or pa.types.is_large_string(f.type):
            kinds[f.name] = "date" if _dates_only(file, f.name) else "text"
        else:
            kinds[f.name] = "text"

    def batches() -> Iterator[pd.DataFrame]:
        for batch in file.iter_batches(batch_size=BATCH_ROWS):
            yield batch.to_pandas()

    return TableSource(file.metadata.num_rows, kinds, batches)


def _dates_only(file, column: str) -> bool:
    """Whether a text column of a Parquet file holds full ISO dates only (and one at least), read a batch at
    a time and given up at the first value that is not one (usually in the first batch)."""
    seen = False
    for batch in file.iter_batches(batch_size=BATCH_ROWS, columns=[column]):
        values = [v for v in batch.column(0).unique().to_pylist() if v not in (None, "")]
        if values and not _all_iso_dates(pd.Series(values, dtype=object)):
            return False
        seen = seen or bool(values)
    return seen


def workbook_of_export(written: list[Path], name: str = "tables.xlsx") -> Path:
    """Write the workbook of an export beside its files (`written`: the paths the export wrote, in its
    table order) and return its path."""
    csvs = [p for p in written if p.suffix == ".csv"]
    folder = csvs[0].parent
    names = [p.stem for p in csvs]
    return write_workbook(_ExportedTables(folder, names), folder / name, export_descriptions(names))
