"""The independent hand coding (lib/policytext/data/gold/independent) is well-formed.

The coding was made blind to the library's rules; these tests only check its form: every
coded unit is a verbatim, ordered, non-overlapping stretch of its document, and every code
comes from the codebook in the README (sub-tool inside its instrument).
"""

import csv
import re

import pytest
from policytext.datafiles import gold_dir

INDEPENDENT = gold_dir("independent")  # shipped with the package (data/gold)
DOCS = INDEPENDENT / "docs"

SUBTOOLS = {
    "supply": {"talent_training", "capital_input", "technical_support", "public_services", "infrastructure"},
    "environment": {
        "goal_planning",
        "financial_support",
        "tax_incentives",
        "intellectual_property",
        "regulation_reform",
        "strategic_measures",
    },
    "demand": {
        "public_procurement",
        "first_set_and_scenarios",
        "service_outsourcing",
        "trade_measures",
        "overseas_institutions",
    },
    "none": {"none"},
}
STAGES = {"basic_research", "technology_development", "transfer", "industrialisation", "none"}
UNIT_COLUMNS = ["file", "unit_id", "unit_text", "instrument", "subtool", "stage", "note"]
SOURCE_COLUMNS = [
    "file",
    "title",
    "issuer",
    "level",
    "date_written",
    "source_repo",
    "source_path",
    "source_commit_or_url",
]
LEVELS = {"national", "sichuan", "chongqing", "chengdu", "other_province"}


def _read(path):
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        return reader.fieldnames, list(reader)


@pytest.fixture(scope="module")
def units():
    columns, rows = _read(INDEPENDENT / "units.csv")
    assert columns == UNIT_COLUMNS, f"units.csv: columns {columns}, expected {UNIT_COLUMNS}"
    return rows


@pytest.fixture(scope="module")
def sources():
    columns, rows = _read(INDEPENDENT / "sources.csv")
    assert columns == SOURCE_COLUMNS, f"sources.csv: columns {columns}, expected {SOURCE_COLUMNS}"
    return rows


def test_every_listed_document_exists_and_every_document_is_listed(sources):
    listed = [s["file"] for s in sources]
    assert len(listed) == len(set(listed)), "sources.csv lists a file twice"
    on_disk = sorted(p.name for p in DOCS.glob("*.txt"))
    assert sorted(listed) == on_disk


def test_sources_name_a_level_a_date_and_where_the_text_came_from(sources):
    for s in sources:
        assert s["level"] in LEVELS, f"{s['file']}: level {s['level']!r}"
        assert re.fullmatch(r"\d{4}(-\d{2}){0,2}(/\d{4}(-\d{2}){0,2})?", s["date_written"]), (
            f"{s['file']}: date_written {s['date_written']!r} is not ISO or a FROM/TO range"
        )
        has_repo = s["source_repo"] and re.fullmatch(r"[0-9a-f]{40}", s["source_commit_or_url"])
        has_url = s["source_commit_or_url"].startswith(("http://", "https://"))
        assert has_repo or has_url, f"{s['file']}: no repository commit and no URL"


def test_every_unit_is_a_verbatim_stretch_of_its_document_in_reading_order(units, sources):
    texts = {s["file"]: (DOCS / s["file"]).read_text(encoding="utf-8") for s in sources}
    last_end = {}
    for u in units:
        assert u["file"] in texts, f"{u['unit_id']}: unknown file {u['file']!r}"
        text = texts[u["file"]]
        start = text.find(u["unit_text"], last_end.get(u["file"], 0))
        assert start >= 0, (
            f"{u['unit_id']}: unit_text not found in {u['file']} after the "
            "previous unit (missing, altered or out of order)"
        )
        last_end[u["file"]] = start + len(u["unit_text"])
        assert u["unit_text"] == u["unit_text"].strip(), f"{u['unit_id']}: untrimmed unit_text"


def test_unit_ids_are_unique_and_numbered_per_document(units):
    ids = [u["unit_id"] for u in units]
    assert len(ids) == len(set(ids)), "duplicate unit_id"
    prefix = {}
    for u in units:
        m = re.fullmatch(r"(d\d+)-u(\d{3})", u["unit_id"])
        assert m, f"{u['unit_id']}: not of the form d<n>-u<nnn>"
        assert prefix.setdefault(u["file"], m.group(1)) == m.group(1), (
            f"{u['unit_id']}: document prefix differs from other units of {u['file']}"
        )
    assert len(set(prefix.values())) == len(prefix), "two documents share a unit_id prefix"


def test_codes_come_from_the_codebook_and_subtools_sit_in_their_instrument(units):
    for u in units:
        assert u["instrument"] in SUBTOOLS, f"{u['unit_id']}: instrument {u['instrument']!r}"
        assert u["subtool"] in SUBTOOLS[u["instrument"]], (
            f"{u['unit_id']}: sub-tool {u['subtool']!r} is not a {u['instrument']} sub-tool"
        )
        assert u["stage"] in STAGES, f"{u['unit_id']}: stage {u['stage']!r}"


def test_the_sample_covers_every_level_and_all_three_instrument_families(units, sources):
    assert {s["level"] for s in sources} == LEVELS
    coded_files = {u["file"] for u in units}
    assert coded_files == {s["file"] for s in sources}, "a document has no coded unit"
    assert {"supply", "environment", "demand", "none"} <= {u["instrument"] for u in units}
