"""The corpus loader on the real seeds and on hand-made catalogs."""

import hashlib

import policytext
import pytest
from policytext.errors import CorpusError, CorpusWarning
from policytext.reading.catalog import COLUMNS, date_bounds, read_catalog, valid_date_or_range, valid_partial_date
from support import DATA, SEED_FILES, SEED_SHA256, SEEDS, pinned_seeds

CATS = DATA / "catalogs"


def test_catalog_is_complete_for_every_seed():
    rows = read_catalog(SEEDS / "catalog.csv")
    assert set(SEED_FILES) <= {r["file"] for r in rows}, "a pinned seed (tests/support.py) has no catalog row"
    assert all((SEEDS / r["file"].split("#", 1)[0]).is_file() for r in rows)
    for row in (r for r in rows if r["file"] in SEED_SHA256):  # the published seeds; rows added later may be drafts
        for col in ("doc_id", "file", "sha256", "title", "source", "region", "genre", "script",
                    "date_written", "date_written_basis"):
            assert row[col], f"{row['file']}: empty {col}"
        assert row["script"] in ("Simplified", "Traditional")
        assert not row["date_published"] or row["date_published_basis"], row["file"]


def test_each_seed_matches_its_catalog_sha256():
    rows = read_catalog(SEEDS / "catalog.csv")
    for row in rows:
        if "#" not in row["file"]:  # a table's row: its sha256 is of the row's text
            digest = hashlib.sha256((SEEDS / row["file"]).read_bytes()).hexdigest()
            assert digest == row["sha256"], row["file"]
    pinned = {r["file"]: r["sha256"] for r in rows if r["file"] in SEED_SHA256}
    assert pinned == SEED_SHA256, "the catalog and the seeds the tests pin (tests/support.py) disagree"


def test_seeds_are_byte_identical_to_the_shared_originals():
    shared = SEEDS.parent.parent / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip("../shared/seeds is not beside this checkout")
    for original in sorted(shared.glob("*.txt")):  # files only: sub-folders such as reference/ are other corpora
        assert (SEEDS / original.name).read_bytes() == original.read_bytes()


def test_seeds_load_with_catalog_metadata(corpus):
    docs = corpus.documents
    assert sorted(docs["file"]) == SEED_FILES
    assert list(docs["file"]) == sorted(docs["file"])
    assert set(COLUMNS) <= set(docs.columns)
    assert docs["in_catalog"].all()
    assert (docs["duplicate_of"] == "").all()
    assert (docs["encoding"] == "utf-8").all()
    trad = docs.set_index("doc_id")["script_detected"]
    assert trad["cd-bureau-2023"] == "Traditional"
    assert (trad.drop("cd-bureau-2023") == "Simplified").all()
    assert corpus.text("cq-reply-2023").startswith("[ 索引号 ]")


def test_file_without_row_loads_with_inferred_metadata_and_one_warning():
    with pytest.warns(CorpusWarning) as record:
        corpus = policytext.load_corpus(CATS / "missing_row")
    messages = [str(w.message) for w in record]
    assert len(messages) == 1 and "Extra Doc.txt: no row in catalog.csv" in messages[0]
    extra = corpus.documents.set_index("file").loc["Extra Doc.txt"]
    assert extra["doc_id"] == "extra-doc"
    assert extra["script"] == "Simplified"
    assert not extra["in_catalog"]


def test_row_without_file_is_an_error_naming_it():
    with pytest.raises(CorpusError, match="names 'b.txt' \\(doc_id doc-b\\) but there is no such file"):
        policytext.load_corpus(CATS / "row_without_file")


def test_duplicate_content_is_flagged():
    with pytest.warns(CorpusWarning, match="b.txt: same content as 'a'"):
        corpus = policytext.load_corpus(CATS / "duplicate")
    assert corpus.documents.set_index("file").loc["b.txt", "duplicate_of"] == "a"


def test_bad_date_and_missing_column_are_errors_naming_the_catalog():
    with pytest.raises(CorpusError, match="catalog.csv: line 2 \\(a.txt\\): date_written '2023-13-01'"):
        policytext.load_corpus(CATS / "bad_date")
    with pytest.raises(CorpusError, match="lacks the column\\(s\\) doc_id"):
        policytext.load_corpus(CATS / "missing_column")


def test_empty_folder_and_not_a_folder_are_errors(tmp_path):
    with pytest.raises(CorpusError, match="holds no readable documents"):
        policytext.load_corpus(CATS / "no_documents")
    with pytest.raises(CorpusError, match="is not a folder"):
        policytext.load_corpus(tmp_path / "missing")


def test_changed_file_is_warned_against_its_catalog_hash(tmp_path):
    pinned_seeds(tmp_path / "seeds")
    path = tmp_path / "seeds" / "000_1c8063284f6e5027.txt"
    path.write_bytes(path.read_bytes() + "补充。".encode())
    with pytest.warns(CorpusWarning, match="content differs from the sha256"):
        policytext.load_corpus(tmp_path / "seeds")


@pytest.mark.parametrize(
    ("value", "ok"),
    [("", True), ("2021", True), ("2021-01", True), ("2023-07-26", True), ("2023-02-30", False),
     ("2023-7-26", False), ("26/07/2023", False), ("2023-13", False)],
)
def test_partial_iso_dates(value, ok):
    assert valid_partial_date(value) is ok


@pytest.mark.parametrize(
    ("value", "bounds"),
    [("2018/2019", ("2018-01-01", "2019-12-31")), ("2023-08/2023-11", ("2023-08-01", "2023-11-30")),
     ("2024-02", ("2024-02-01", "2024-02-29")), ("2023-04-12", ("2023-04-12", "2023-04-12")),
     ("2019/2018", ("", "")), ("2018/", ("", "")), ("", ("", ""))],
)
def test_written_dates_and_ranges_bound_the_days_they_can_mean(value, bounds):
    assert date_bounds(value) == bounds
    assert valid_date_or_range(value) is (bounds != ("", "") or value == "")


def test_a_catalog_from_before_the_written_published_split_reads_date_as_written(tmp_path):
    (tmp_path / "a.txt").write_text("关于支持科技创新的若干措施\n一、加快建设实验室。\n", encoding="utf-8")
    (tmp_path / "catalog.csv").write_text(
        "doc_id,file,sha256,title,publisher,source,region,genre,script,date,date_basis,url,notes\n"
        "doc-a,a.txt,,,,,Chengdu,notice,,2018/2019,from content,,\n", encoding="utf-8",
    )
    with pytest.warns(CorpusWarning, match="no column\\(s\\) date_published, date_published_basis"):
        docs = policytext.load_corpus(tmp_path).documents
    row = docs.iloc[0]
    assert (row["date_written"], row["date_written_basis"]) == ("2018/2019", "from content")
    assert (row["written_from"], row["written_to"]) == ("2018-01-01", "2019-12-31")


def test_seeds_are_ordered_by_when_they_were_written_not_when_reposted(corpus):
    docs = corpus.documents.set_index("doc_id")
    theory, reply = docs.loc["cq-theory-2023"], docs.loc["cq-reply-2023"]
    assert theory["written_to"] < theory["date_published"]
    assert reply["written_from"] == "2023-04-12" < reply["date_published"]


def test_combined_corpora_keep_their_collection_and_refuse_repeated_ids(corpus):
    from policytext.reading.corpus import combine

    reference = policytext.load_corpus(SEEDS / "reference")
    both = combine(corpus, reference)
    assert len(both) == len(corpus) + len(reference)
    assert set(both.documents["collection"]) == {"seeds", "reference"}
    with pytest.raises(CorpusError, match="shares doc_id"):
        combine(corpus, corpus)


def test_a_catalogued_copy_holds_only_the_catalogued_documents_and_refuses_a_changed_one(tmp_path):
    from policytext.reading.corpus import copy_catalogued

    copy = copy_catalogued(SEEDS, tmp_path / "copy")
    copied = sorted(p.name for p in copy.iterdir() if p.is_file() and p.name != "catalog.csv")
    assert copied == sorted({r["file"].split("#", 1)[0] for r in read_catalog(SEEDS / "catalog.csv")})
    assert (copy / "reference" / "catalog.csv").is_file()
    (copy / "000_1c8063284f6e5027.txt").write_text("changed", encoding="utf-8")
    (copy / "extra.txt").write_text("not catalogued", encoding="utf-8")
    with pytest.raises(CorpusError, match="differs from its sha256"):
        copy_catalogued(copy, tmp_path / "again")


def test_the_screened_date_pattern_finds_what_the_plain_forms_find():
    # dates are searched with a lookahead on the characters a year starts with in front of the forms: the
    # same matches on the seeds, the development laws and the edge cases of the forms
    import re

    from policytext.parsing.dates import _DATE, _ONE_TO_ONE, DATE_FORMS, find_dates
    from support import real_texts

    plain = re.compile(DATE_FORMS)
    edges = "12025年7月1日 2025年7月1日 二〇二五年七月一日 x2025-07-28 2025.7.28. 2025/7/28 9二〇二三年十二月三十一日"
    texts = [t.translate(_ONE_TO_ONE) for t in [*real_texts(), edges]]
    found = [[(m.span(), m.groupdict()) for m in _DATE.finditer(t)] for t in texts]
    assert found == [[(m.span(), m.groupdict()) for m in plain.finditer(t)] for t in texts]
    # a year run on from another digit (12025, 9二〇二三) and a date followed by a dot are not dates
    assert [(d.start, d.iso) for d in find_dates(edges)] == [(11, "2025-07-01"), (21, "2025-07-01"),
                                                             (32, "2025-07-28"), (54, "2025-07-28")]
