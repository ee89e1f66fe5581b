"""The development set (tests/data/devset) is internally consistent.

These tests check the hand-made gold itself, not the parser: every document is
listed once in sources.csv and gold.json, every gold field has the documented
form, and every indicator or exclusion context occurs exactly once in the text of
its document and contains its surface. The visible text of an HTML document is
the annotation rule's (``policytext.validation.agreement.visible_text``, the rule of the
devset README): deliberately plain, so that the gold stays independent of the
library's own HTML reader.
"""

import csv
import json
import re
from pathlib import Path

import pytest
from policytext.validation.agreement import visible_text

DEVSET = Path(__file__).parent / "data" / "devset"
DOCS = DEVSET / "docs"
KINDS = {"chapter", "part", "article", "heading", "clause", "item", "enumeration", "attachment"}
BOUNDS = {"at_least", "at_most", "about", "exact"}
IND_KINDS = {"target", "achievement", "provision", "penalty"}
DATE = re.compile(r"^$|^\d{4}-\d{2}-\d{2}$")


def read_csv(name: str) -> list[dict]:
    with open(DEVSET / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def gold() -> list[dict]:
    return json.loads((DEVSET / "gold.json").read_text(encoding="utf-8"))["documents"]


def test_every_document_has_one_source_row_and_one_gold_entry(gold):
    files = sorted(p.name for p in DOCS.iterdir())
    assert len(files) >= 20
    assert sorted(row["file"] for row in read_csv("sources.csv")) == files
    assert sorted(doc["file"] for doc in gold) == files


def test_gold_fields_have_the_documented_form(gold):
    for doc in gold:
        assert DATE.match(doc["date_written"]), doc["file"]
        assert DATE.match(doc["date_published"]), doc["file"]
        assert isinstance(doc["issuers"], list) and all(doc["issuers"]), doc["file"]
        for unit in doc["structure"]:
            assert unit["kind"] in KINDS, (doc["file"], unit)
            assert unit["marker"] == unit["marker"].strip() and unit["marker"], (doc["file"], unit)


def test_gold_markers_appear_in_their_document_in_order(gold):
    for doc in gold:
        text = visible_text(DOCS / doc["file"])
        position = 0
        for unit in doc["structure"]:
            found = text.find(unit["marker"], position)
            assert found >= 0, (doc["file"], unit, position)
            position = found + len(unit["marker"])


@pytest.mark.parametrize("name", ["indicators.csv", "indicator_exclusions.csv"])
def test_every_context_occurs_once_and_contains_its_surface(name):
    rows = read_csv(name)
    assert len(rows) >= 20
    texts = {}
    for row in rows:
        text = texts.setdefault(row["file"], visible_text(DOCS / row["file"]))
        context = row["context"]
        assert row["surface"] in context, row
        assert 10 <= len(context) <= 30, row
        assert text.count(context) == 1, row


def test_indicator_values_and_labels_are_well_formed():
    for row in read_csv("indicators.csv"):
        float(row["value"])
        if row["value_max"]:
            assert float(row["value_max"]) > float(row["value"]), row
        assert row["unit"], row
        assert row["bound"] in BOUNDS, row
        assert row["kind"] in IND_KINDS, row
        if row["qualifier"] in {"不超过", "不高于", "最高", "以下"}:
            assert row["bound"] == "at_most", row
        if row["qualifier"] in {"不少于", "不低于", "以上", "超过", "余", "多"}:
            assert row["bound"] == "at_least", row
        if row["qualifier"] in {"约", "近"}:
            assert row["bound"] == "about", row
