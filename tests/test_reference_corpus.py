"""The reference corpus of laws and regulations (seeds/reference): catalogued, traceable, loadable.

The catalog is read with the csv module, not the library's reader, so these checks hold whichever
date columns the library expects; only columns the catalog file itself has are asserted on.
"""

import csv
import hashlib
import re
import warnings

import policytext
import pytest
from support import SEED_FILES, SEEDS

REFERENCE = SEEDS / "reference"
CATALOG = REFERENCE / "catalog.csv"
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
LEVELS = {"national": "National", "provincial": {"Chongqing", "Sichuan"}, "municipal": {"Chengdu"}}
FORMS = {"law": "law", "administrative regulation": "regulation", "local regulation": "regulation"}


def catalog_rows() -> list[dict[str, str]]:
    with open(CATALOG, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def documents() -> list[str]:
    return sorted(p.name for p in REFERENCE.glob("*.md") if p.name != "README.md")


def chinese_date(iso: str) -> str:
    """'2015-08-29' as the texts write it in their history lines: '2015年8月29日'."""
    year, month, day = (int(part) for part in iso.split("-"))
    return f"{year}年{month}月{day}日"


def header(name: str) -> str:
    """The lines before the first chapter or article: title and 通过/修订/修正 history."""
    text = (REFERENCE / name).read_text(encoding="utf-8")
    return re.split(r"\n(?:## |第[一二三四五六七八九十百零]+条)", text, maxsplit=1)[0]


def test_every_document_has_exactly_one_catalog_row_and_every_row_a_document():
    files = [row["file"] for row in catalog_rows()]
    assert sorted(files) == documents()
    assert len(set(files)) == len(files)


@pytest.mark.parametrize("row", catalog_rows(), ids=lambda row: row["doc_id"])
def test_catalogued_sha256_matches_the_file(row):
    assert row["sha256"] == hashlib.sha256((REFERENCE / row["file"]).read_bytes()).hexdigest()


@pytest.mark.parametrize("row", catalog_rows(), ids=lambda row: row["doc_id"])
def test_row_names_its_source_repository_path_and_commit(row):
    assert re.fullmatch(r"[\w.-]+/[\w.-]+", row["source_repo"])
    assert row["source_path"]
    assert re.fullmatch(r"[0-9a-f]{40}", row["source_commit"])
    assert row["source_commit"] in row["url"] and row["source_repo"] in row["url"]


@pytest.mark.parametrize("row", catalog_rows(), ids=lambda row: row["doc_id"])
def test_adoption_and_revision_dates_are_those_of_the_texts_history_lines(row):
    assert ISO_DAY.match(row["adopted"])
    revised = [d for d in row["revised"].split(";") if d]
    assert all(ISO_DAY.match(d) for d in revised)
    assert revised == sorted(revised) and all(row["adopted"] < d for d in revised)
    history = header(row["file"])
    for day in [row["adopted"], *revised]:
        assert chinese_date(day) in history, f"{row['file']}: {day} not in its history lines"


@pytest.mark.parametrize("row", catalog_rows(), ids=lambda row: row["doc_id"])
def test_title_is_the_texts_first_line(row):
    first = (REFERENCE / row["file"]).read_text(encoding="utf-8").splitlines()[0]
    assert first.lstrip("# ").strip() == row["title"]


@pytest.mark.parametrize("row", catalog_rows(), ids=lambda row: row["doc_id"])
def test_level_region_legal_form_and_genre_agree(row):
    regions = LEVELS[row["level"]]
    assert row["region"] in (regions if isinstance(regions, set) else {regions})
    assert FORMS[row["legal_form"]] == row["genre"]


@pytest.mark.parametrize("row", catalog_rows(), ids=lambda row: row["doc_id"])
def test_file_name_is_level_short_name_and_year_of_the_version(row):
    m = re.fullmatch(r"(national|provincial|municipal)-[a-z0-9-]+-(\d{4})\.md", row["file"])
    assert m, row["file"]
    latest = max([row["adopted"], *[d for d in row["revised"].split(";") if d]])
    assert m.group(1) == row["level"] and m.group(2) == latest[:4]


def test_written_date_is_the_latest_adoption_or_revision_when_the_catalog_has_one():
    rows = catalog_rows()
    if "date_written" not in rows[0]:
        pytest.skip("this catalog carries no date_written column")
    for row in rows:
        latest = max([row["adopted"], *[d for d in row["revised"].split(";") if d]])
        assert row["date_written"] == latest, row["doc_id"]


def test_load_corpus_loads_every_document_with_its_catalog_row():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = policytext.load_corpus(REFERENCE)
    # A catalog written for a newer date schema may draw a "no column(s)" note; nothing else may.
    other = [str(w.message) for w in caught if "no column(s)" not in str(w.message)]
    assert other == []
    docs = corpus.documents
    assert sorted(docs["file"]) == documents()
    assert docs["in_catalog"].all()
    assert set(docs["doc_id"]) == {row["doc_id"] for row in catalog_rows()}
    assert (docs["script_detected"] == "Simplified").all()


def test_reference_documents_stay_out_of_the_seed_corpus():
    seed_ids = set(policytext.load_corpus(SEEDS, files=SEED_FILES).doc_ids)
    assert seed_ids.isdisjoint(row["doc_id"] for row in catalog_rows())
    assert not set(documents()) & {p.name for p in SEEDS.glob("*.txt")}
