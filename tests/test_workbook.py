"""The exported workbook (tables.xlsx): what a researcher opening it in Excel sees must be the table as
exported: labels such as (1) and ids such as 2024-12 stay text, full dates are dates, the header is frozen,
every table is there, and the README sheet describes every column and says how to cite the table."""

import datetime as dt

import pandas as pd
import pytest
from openpyxl import load_workbook
from policytext.pipeline.workbook import Descriptions, column_descriptions, export_descriptions, write_workbook

LABELS = ["(1)", "(2)", "(一)", "一是", "=1+1", "-3", "0012", "1e5"]
IDS = ["2024-12", "2021-01", "2023-08/2023-11", "3/4", "10:30", "TRUE", "1,000", "50%"]


def tables():
    clauses = pd.DataFrame({
        "doc_id": ["2024-12"] * len(LABELS), "label": LABELS, "value": IDS, "start": range(len(LABELS)),
        "score": [0.5, None, 1.0, 2.25, 3.0, 4.0, 5.0, 6.0], "flag": [True, False] * 4,
        "control": ["a\x0bb", "", None, "x", "y", "z", "w", "v"],
    })
    documents = pd.DataFrame({
        "doc_id": ["2024-12", "2021-01", "d3"],
        "written_from": ["2021-01-01", "", "2023-04-12"],  # full dates (one missing): a date column
        "date_written": ["2021-01", "2023-04-12", "2018/2019"],  # partial dates: text
        "bad_date": ["2023-02-30", "2023-01-01", "2023-01-02"],  # not a date: text
    })
    return {"clauses": clauses, "documents": documents}


def descriptions(frames):
    return Descriptions(units={"clauses": "clause", "documents": "document"},
                        columns={name: {c: f"{name}.{c} means this" for c in f.columns} for name, f in frames.items()},
                        cite={name: f"Cite {name} so" for name in frames}, collection="Cite the collection so")


@pytest.fixture
def book(tmp_path):
    frames = tables()
    path = write_workbook(frames, tmp_path / "t.xlsx", descriptions(frames))
    return load_workbook(path), frames


def column(sheet, name):
    header = [c.value for c in sheet[1]]
    return [row[header.index(name)] for row in sheet.iter_rows(min_row=2)]


def test_labels_and_ids_read_back_unchanged_as_text(book):
    wb, _ = book
    sheet = wb["clauses"]
    for name, expected in (("label", LABELS), ("value", IDS), ("doc_id", ["2024-12"] * len(LABELS))):
        cells = column(sheet, name)
        assert [c.value for c in cells] == expected, name
        assert all(c.data_type == "s" and c.number_format == "@" for c in cells), name


def test_full_dates_are_dates_and_partial_or_invalid_ones_stay_text(book):
    wb, _ = book
    sheet = wb["documents"]
    written = [c.value for c in column(sheet, "written_from")]
    assert written == [dt.datetime(2021, 1, 1), None, dt.datetime(2023, 4, 12)]
    assert column(sheet, "written_from")[0].is_date
    assert [c.value for c in column(sheet, "date_written")] == ["2021-01", "2023-04-12", "2018/2019"]
    assert [c.value for c in column(sheet, "bad_date")] == ["2023-02-30", "2023-01-01", "2023-01-02"]


def test_numbers_booleans_and_gaps_keep_their_types(book):
    wb, _ = book
    sheet = wb["clauses"]
    assert [c.value for c in column(sheet, "start")] == list(range(len(LABELS)))
    assert [c.value for c in column(sheet, "score")][:3] == [0.5, None, 1.0]
    assert [c.value for c in column(sheet, "flag")][:2] == [True, False]
    # a control character XML cannot hold is shown escaped, not dropped
    assert [c.value for c in column(sheet, "control")][:3] == ["a\\x0bb", None, None]


def test_every_table_has_its_sheet_with_a_frozen_header_and_sized_columns(book):
    wb, frames = book
    assert wb.sheetnames == ["README", *frames]
    for name, frame in frames.items():
        sheet = wb[name]
        assert sheet.freeze_panes == "A2"
        assert [c.value for c in sheet[1]] == list(frame.columns)
        assert sheet.max_row == len(frame) + 1
        assert all(sheet.column_dimensions[letter].width >= 4 for letter in "ABC")


def readme_rows(wb):
    return [tuple(row) for row in wb["README"].iter_rows(values_only=True)]


def test_readme_sheet_describes_every_column_and_cites_every_table(book):
    wb, frames = book
    rows = readme_rows(wb)
    described = {(r[0], r[1]): r[3] for r in rows if r[0] in frames and r[3] and "means" in str(r[3])}
    for name, frame in frames.items():
        for c in frame.columns:
            assert described[(name, c)] == f"{name}.{c} means this"
        assert any(r[0] == name and r[4] == f"Cite {name} so" for r in rows)
    assert any("cite this table" in [str(v) for v in r] for r in rows)


def test_a_table_longer_than_a_sheet_is_left_to_parquet_with_a_note(tmp_path):
    frames = tables()
    wb = load_workbook(write_workbook(frames, tmp_path / "t.xlsx", descriptions(frames), sheet_rows=5))
    assert "clauses" not in wb.sheetnames and "documents" in wb.sheetnames
    note = next(r[3] for r in readme_rows(wb) if r[0] == "clauses" and r[2] == len(frames["clauses"]))
    assert "clauses.parquet" in note and "more than a sheet holds" in note


def test_tables_past_the_cell_budget_are_left_to_parquet_and_smaller_ones_still_fit(tmp_path):
    frames = tables()  # clauses: 8 x 7 = 56 cells, documents: 3 x 4 = 12
    frames = {"documents": frames["documents"], "clauses": frames["clauses"], "small": frames["documents"]}
    wb = load_workbook(write_workbook(frames, tmp_path / "t.xlsx", descriptions(frames), max_cells=30))
    assert wb.sheetnames == ["README", "documents", "small"]
    note = next(r[3] for r in readme_rows(wb) if r[0] == "clauses" and r[2] == 8)
    assert "56 cells would take it past 30" in note and "clauses.parquet" in note


def test_a_table_read_from_parquet_in_batches_gives_the_same_sheet(tmp_path, monkeypatch):
    from policytext.pipeline import workbook

    frames = tables()
    for name, frame in frames.items():
        frame.to_parquet(tmp_path / f"{name}.parquet", index=False)
        frame.to_csv(tmp_path / f"{name}.csv", index=False)
    monkeypatch.setattr(workbook, "BATCH_ROWS", 3)  # several batches for a table of eight rows
    path = workbook.workbook_of_export([tmp_path / "clauses.csv", tmp_path / "documents.csv"])
    streamed = load_workbook(path)
    whole = load_workbook(write_workbook(frames, tmp_path / "whole.xlsx", export_descriptions(list(frames))))
    for name in frames:
        assert [[c.value for c in row] for row in streamed[name].iter_rows()] == \
            [[c.value for c in row] for row in whole[name].iter_rows()], name


def test_the_same_tables_give_the_same_bytes(tmp_path):
    frames = tables()
    a = write_workbook(frames, tmp_path / "a.xlsx", descriptions(frames)).read_bytes()
    b = write_workbook(frames, tmp_path / "b.xlsx", descriptions(frames)).read_bytes()
    assert a == b


def test_every_exported_column_has_a_description(seed_tables):
    from policytext.pipeline.export import EXPORTED
    from policytext.pipeline.pipeline import packed_for_export

    found = export_descriptions(list(EXPORTED))
    columns = {name: set(packed_for_export(name, seed_tables.table(name)).columns) for name in EXPORTED}
    missing = [(name, c) for name in EXPORTED for c in columns[name] if not found.column(name, c)]
    assert not missing
    assert all(found.units[name] for name in EXPORTED)
    # no description for a column no table has (a renamed column leaves its old description behind)
    columns["skipped"] = {"file", "format", "row", "problem"}
    every = set().union(*columns.values())
    stale = [(t, c) for t, cs in column_descriptions().items() for c in cs
             if (t == "*" and c not in every) or (t != "*" and c not in columns.get(t, set()))]
    assert not stale


def test_the_export_of_the_seeds_writes_the_workbook_beside_the_csvs(tmp_path, corpus):
    from policytext.pipeline.export import export

    written = export(corpus, tmp_path, jobs=1, progress=False)
    assert tmp_path / "tables.xlsx" in written
    wb = load_workbook(tmp_path / "tables.xlsx")
    csvs = sorted(p.stem for p in tmp_path.glob("*.csv"))
    assert sorted(wb.sheetnames) == sorted(["README", *csvs])
    clauses = pd.read_csv(tmp_path / "clauses.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    labels = [c.value or "" for c in column(wb["clauses"], "label")]
    assert labels == clauses["label"].tolist()
    assert "(1)" in labels  # the real seeds number clauses (1), (2): Excel's CSV import makes them -1, -2
    assert all(isinstance(c.value, dt.datetime) for c in column(wb["documents"], "written_from"))
    assert [c.value for c in column(wb["documents"], "date_written")] == \
        pd.read_csv(tmp_path / "documents.csv", encoding="utf-8-sig", dtype=str)["date_written"].tolist()
