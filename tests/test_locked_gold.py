"""The locked sample (tests/data/gold/locked) is consistent.

The sample holds documents and coding units only; the codes come later from two blind
coders. These tests check its form: every unit is a verbatim, ordered, non-overlapping
stretch of its document, ids are unique, every document has a source row, the cutting
script reproduces units.csv, and no document is one the rules were written against.
"""

import csv
import hashlib
import importlib.util
import re
from pathlib import Path

import pytest
from policytext.datafiles import gold_dir

DATA = Path(__file__).resolve().parent / "data"
LOCKED = DATA / "gold" / "locked"
DOCS = LOCKED / "docs"
ROOT = DATA.parent.parent

UNIT_COLUMNS = ["file", "unit_id", "unit_text"]
SOURCE_COLUMNS = [
    "file",
    "title",
    "issuer",
    "level",
    "region",
    "date_written",
    "source_repo",
    "source_path",
    "source_commit_or_url",
]
LEVELS = {"national", "provincial", "city"}
MIN_UNITS = 300


def _read(path):
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        return reader.fieldnames, list(reader)


def _texts():
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(DOCS.iterdir()) if p.is_file()}


def placement_problems(texts, rows):
    """Problems found when placing each unit in its document: missing document, empty or
    padded text, text not found after the previous unit of the same file (so out of order or
    overlapping), duplicate id. An empty list means every unit sits verbatim and in order."""
    problems, cursor, seen = [], {}, set()
    for row in rows:
        name, uid, text = row["file"], row["unit_id"], row["unit_text"]
        if uid in seen:
            problems.append(f"{uid}: duplicate unit_id")
        seen.add(uid)
        if name not in texts:
            problems.append(f"{uid}: no document {name} in docs/")
            continue
        if not text or text != text.strip():
            problems.append(f"{uid}: unit_text empty or with surrounding whitespace")
            continue
        at = texts[name].find(text, cursor.get(name, 0))
        if at < 0:
            problems.append(f"{uid}: text not found in {name} after the previous unit")
            continue
        cursor[name] = at + len(text)
    return problems


@pytest.fixture(scope="module")
def units():
    columns, rows = _read(LOCKED / "units.csv")
    assert columns == UNIT_COLUMNS, f"units.csv: columns {columns}, expected {UNIT_COLUMNS}"
    return rows


@pytest.fixture(scope="module")
def sources():
    columns, rows = _read(LOCKED / "sources.csv")
    assert columns == SOURCE_COLUMNS, f"sources.csv: columns {columns}, expected {SOURCE_COLUMNS}"
    return rows


def test_units_sit_verbatim_in_order_without_overlap(units):
    assert placement_problems(_texts(), units) == []


def test_placement_check_catches_swapped_overlapping_and_foreign_units(units):
    texts = _texts()
    first = [r for r in units if r["file"] == units[0]["file"]][:2]
    swapped = [first[1], first[0]]
    assert any("not found" in p for p in placement_problems(texts, swapped))
    overlap = [first[0], dict(first[0], unit_id="x-dup")]
    assert any("not found" in p for p in placement_problems(texts, overlap))
    foreign = [dict(first[0], unit_text="本条例不存在的一句话。")]
    assert placement_problems(texts, foreign)
    assert placement_problems(texts, [first[0], first[0]])  # duplicate id


def test_every_document_has_one_source_row_and_some_units(units, sources):
    docs = sorted(_texts())
    assert sorted(r["file"] for r in sources) == docs
    assert sorted({r["file"] for r in units}) == docs
    for row in sources:
        assert all(row[c].strip() for c in SOURCE_COLUMNS), f"{row['file']}: empty field"
        assert row["level"] in LEVELS, f"{row['file']}: level {row['level']!r}"


def test_sample_is_large_and_mixed(units, sources):
    assert len(units) >= MIN_UNITS
    assert len(sources) >= 10
    levels = {r["level"] for r in sources}
    assert levels == LEVELS
    provinces = {r["region"].split(" (")[0] for r in sources if r["level"] != "national"}
    assert len(provinces) >= 3
    assert {"Sichuan", "Chongqing"} & provinces


def test_cutting_script_reproduces_units_csv():
    spec = importlib.util.spec_from_file_location("locked_make_units", LOCKED / "make_units.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.render() == (LOCKED / "units.csv").read_text(encoding="utf-8")


def _development_titles():
    """Titles of every document the rules were written or tuned against."""
    titles = set()
    for path, column in [
        (ROOT / "seeds" / "catalog.csv", "title"),
        (ROOT / "seeds" / "reference" / "catalog.csv", "title"),
        (DATA / "devset" / "sources.csv", "title"),
        (gold_dir("independent") / "sources.csv", "title"),
    ]:
        _, rows = _read(path)
        titles |= {r[column] for r in rows}
    return titles


def _core(title):
    """A title without its document number or notes in brackets, for comparison."""
    title = re.sub(r"（[^（）]*〔\d{4}〕[^（）]*）", "", title)
    for mark in (" (", " —", "— "):
        title = title.split(mark)[0]
    return title.strip()


def test_no_document_was_used_to_write_or_tune_the_rules(sources):
    used = {_core(t) for t in _development_titles()}
    for row in sources:
        assert _core(row["title"]) not in used, f"{row['file']} is a development document"
    dev_dirs = [ROOT / "seeds", ROOT / "seeds" / "reference", DATA / "devset" / "docs"]
    dev_dirs.append(gold_dir("independent") / "docs")
    dev_hashes = {hashlib.sha256(p.read_bytes()).hexdigest() for d in dev_dirs for p in d.iterdir() if p.is_file()}
    for path in sorted(DOCS.iterdir()):
        assert hashlib.sha256(path.read_bytes()).hexdigest() not in dev_hashes, path.name


CODES = ("instrument", "subtool", "stage")
SIDES = {"supply", "environment", "demand", "none"}
STAGES = {"basic_research", "technology_development", "transfer", "industrialisation", "none"}


def _coding(name):
    return {r["unit_id"]: r for r in _read(LOCKED / "coding" / name)[1]}


def test_two_independent_codings_and_the_adjudication_cover_every_unit_once(units):
    ids = {r["unit_id"] for r in units}
    first = {**_coding("coder_a.csv"), **_coding("coder_c.csv")}
    second = {**_coding("coder_b.csv"), **_coding("coder_d.csv")}
    assert set(first) == set(second) == ids
    assert set(_coding("coder_a.csv")) == set(_coding("coder_b.csv"))  # each pair coded the same units
    adjudicated = _read(LOCKED / "coding" / "adjudicated.csv")[1]
    assert [r["unit_id"] for r in adjudicated] == [r["unit_id"] for r in units]  # units.csv order, once each
    for row in adjudicated:
        assert row["instrument"] in SIDES and row["stage"] in STAGES, row["unit_id"]
        assert (row["subtool"] == "none") == (row["instrument"] == "none"), row["unit_id"]
        a, b = first[row["unit_id"]], second[row["unit_id"]]
        agreed = all(a[c] == b[c] for c in CODES)
        # agreed codes are kept as they were; a decided unit takes, field by field, one of the two coders' codes
        assert row["source"] == ("agreed" if agreed else "adjudicated"), row["unit_id"]
        assert all(row[c] in (a[c], b[c]) for c in CODES) and (agreed or row["note"].strip()), row["unit_id"]
