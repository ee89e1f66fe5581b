"""Duplicates: one notice as .html and as .docx is one document in two formats, a repost with one line
changed is a near copy, byte copies are exact, and two dated texts of one law are versions that both stay
analysed; one canonical document per group of copies, by a fixed rule, whatever the chunking."""

import shutil
import warnings

import docx
import pandas as pd
import policytext
import pytest
from formats import BODY, TITLE, gov_page
from policytext.pipeline.tables import parse_rows
from support import SEEDS

CATALOG = ("doc_id,file,sha256,title,publisher,source,region,genre,script,"
           "date_written,date_written_basis,date_published,date_published_basis,url,notes\n")

# A small law in two versions (hand-made on the pattern of a revised local regulation: the revision
# rewrites two articles and adds one); the title and the issuer are the same.
LAW_2011 = [
    "第一条 为了促进专利的创造和运用，保护专利权人的合法权益，根据有关法律、行政法规，结合本市实际，制定本条例。",
    "第二条 市知识产权管理部门负责本市专利促进与保护工作，区县知识产权管理部门负责本行政区域内的相关工作。",
    "第三条 市人民政府设立专利资助资金，用于资助专利申请、维持和实施，资助办法由市知识产权管理部门会同财政部门制定。",
    "第四条 高等学校和科研机构应当建立专利管理制度，明确专利申请、转让和许可的程序。",
    "第五条 假冒专利的，由知识产权管理部门责令改正并予公告，没收违法所得。",
    "第六条 本条例自2012年1月1日起施行。",
]
LAW_2021 = [
    LAW_2011[0],
    "第二条 市知识产权局负责全市专利促进与保护工作，区县（自治县）知识产权主管部门负责本行政区域内的"
    "专利促进与保护工作。",
    "第三条 市人民政府设立知识产权专项资金，支持高价值专利培育、专利导航和专利转化运用，具体办法由"
    "市知识产权局会同市财政局制定。",
    LAW_2011[3],
    "第五条 鼓励金融机构开展知识产权质押融资、专利保险等业务，市人民政府对符合条件的融资给予贴息。",
    "第六条 假冒专利的，由负责专利执法的部门责令改正并予公告，没收违法所得，可以处违法所得五倍以下的罚款。",
    "第七条 本条例自2022年1月1日起施行。",
]


def _docx(path, title, paragraphs):
    document = docx.Document()
    document.core_properties.title = title
    document.add_paragraph(title)
    for p in paragraphs:
        document.add_paragraph(p)
    document.save(path)


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    folder = tmp_path_factory.mktemp("duplicates") / "corpus"
    folder.mkdir()
    gov_page(folder / "notice.html")
    _docx(folder / "notice.docx", TITLE, BODY)
    seed = sorted(SEEDS.glob("*.txt"))[0]
    text = seed.read_text(encoding="utf-8")
    lines = text.splitlines()
    middle = len(lines) // 2
    shutil.copy(seed, folder / "seed.txt")
    shutil.copy(seed, folder / "seed-again.txt")
    added = "会议还研究部署了下一阶段重点工作，要求各有关部门明确分工、压实责任，确保各项任务按期完成。"
    (folder / "seed-repost.txt").write_text("\n".join([*lines[:middle], added, *lines[middle:]]) + "\n",
                                           encoding="utf-8")
    title = "重庆市专利促进与保护条例"
    for year, law in ((2011, LAW_2011), (2021, LAW_2021)):
        (folder / f"patent-{year}.txt").write_text(title + "\n\n" + "\n".join(law) + "\n", encoding="utf-8")
    rows = [f"patent-{y},patent-{y}.txt,,{title},重庆市人民代表大会常务委员会,,Chongqing,regulation,,"
            f"{y}-11-25,catalog,,,," for y in (2011, 2021)]
    (folder / "catalog.csv").write_text(CATALOG + "\n".join(rows) + "\n", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the byte copy and the uncatalogued files are warned about
        corpus = policytext.load_corpus(folder)
    return corpus, policytext.parse(corpus)


def relation(tables, doc_id):
    return tables.duplicates.set_index("doc_id").loc[doc_id]


def test_one_notice_as_html_and_as_docx_is_one_document_in_two_formats(tables):
    _, t = tables
    html, word = (t.documents.loc[t.documents["format"] == f, "doc_id"].item() for f in ("html", "docx"))
    assert relation(t, word)["relation"] == "format"
    assert relation(t, word)["canonical_doc"] == html and relation(t, html)["canonical"]
    assert not relation(t, word)["canonical"]
    assert html in relation(t, word)["why"]


def test_byte_copies_are_exact_and_a_repost_with_a_changed_line_is_a_near_copy(tables):
    _, t = tables
    d = t.duplicates.set_index("doc_id")
    group = d[d["group"] == d.loc["seed", "group"]]
    assert sorted(group.index) == ["seed", "seed-again", "seed-repost"]
    assert group["canonical"].sum() == 1
    kept = group.index[group["canonical"]].item()
    others = group.drop(index=kept)
    assert set(others["relation"]) <= {"exact", "near"} and "near" in set(others["relation"])
    near = others[others["relation"] == "near"].iloc[0]
    assert "Jaccard ≈ 0.9" in near["why"] or "Jaccard ≈ 1.0" in near["why"]


def test_two_dated_texts_of_one_law_are_versions_and_both_stay_analysed(tables):
    _, t = tables
    d = t.duplicates.set_index("doc_id")
    assert d.loc[["patent-2011", "patent-2021"], "relation"].tolist() == ["version", "version"]
    assert d.loc["patent-2011", "canonical"] and d.loc["patent-2021", "canonical"]
    assert d.loc["patent-2011", "version_group"] == d.loc["patent-2021", "version_group"] != ""
    assert d.loc["patent-2011", "latest_version"] == "patent-2021"
    assert "same title and issuer" in d.loc["patent-2021", "why"]


def test_reuse_compares_canonical_documents_only_and_not_versions_with_each_other(tables):
    _, t = tables
    set_aside = set(t.duplicates.loc[~t.duplicates["canonical"], "doc_id"])
    compared = set(t.reuse["source_doc"]) | set(t.reuse["target_doc"])
    assert not compared & set_aside
    pairs = set(zip(t.reuse["source_doc"], t.reuse["target_doc"], strict=True))
    assert ("patent-2011", "patent-2021") not in pairs


def test_canonical_documents_leave_the_copies_out_and_say_how_many(tables):
    _, t = tables
    kept = t.canonical_documents()
    assert len(kept) == len(t.documents) - 3  # the docx, the byte copy and the repost
    assert kept.attrs["set_aside"] == 3
    assert {"patent-2011", "patent-2021"} <= set(kept["doc_id"])


def test_duplicates_do_not_depend_on_the_chunking(tables):
    corpus, t = tables
    one_by_one = parse_rows(corpus.documents.to_dict("records"), chunk_size=1)
    pd.testing.assert_frame_equal(one_by_one.duplicates, t.duplicates)
    pd.testing.assert_frame_equal(one_by_one.reuse, t.reuse)


def test_signatures_are_datasketchs_minhash_of_the_shingles():
    import numpy as np
    from datasketch import MinHash
    from policytext.pipeline.duplicates import SCHEME, Params, minhash

    shingles = np.unique(np.random.default_rng(0).integers(0, 2**32, 5000, dtype=np.uint64)).astype(np.uint32)
    given = shingles.copy()
    for part in (shingles, shingles[:10]):  # several blocks and a last one cut short; one short block
        reference = MinHash(num_perm=Params().num_perm, seed=Params().seed, hashfunc=int, scheme=SCHEME)
        reference.update_batch(part.tolist())
        assert (minhash(part) == reference.hashvalues).all()
    assert (shingles == given).all()  # the shingles are mixed in a copy


def test_beyond_the_exhaustive_size_lsh_finds_the_same_groups(tables, monkeypatch):
    from policytext.pipeline import duplicates

    corpus, t = tables
    monkeypatch.setattr(duplicates, "EXHAUSTIVE", 0)  # datasketch's MinHash LSH, as on a large corpus
    pd.testing.assert_frame_equal(parse_rows(corpus.documents.to_dict("records")).duplicates, t.duplicates)


def test_canonical_tables_count_each_text_once_and_say_what_was_set_aside(tables):
    from policytext.findings.summaries import canonical_tables, set_aside_note

    _, t = tables
    c = canonical_tables(t)
    kept = set(t.canonical_documents()["doc_id"])
    assert set(c.documents["doc_id"]) == kept and c.documents.attrs["set_aside"] == 3
    assert set(c.clauses["doc_id"]) <= kept and set(c.clauses["doc_id"]) < set(t.clauses["doc_id"])
    assert set(c.parsed) == kept
    assert len(c.duplicates) == len(t.duplicates)  # the copies stay on record
    note = set_aside_note(c)
    assert note.startswith("3 copies are set aside (") and "another format" in note
    assert f"leaving {len(kept)} documents analysed (2 of them versions" in note


def test_set_aside_note_says_when_nothing_was_set_aside(seed_tables):
    from policytext.findings.summaries import set_aside_note

    note = set_aside_note(seed_tables)
    assert note.startswith("No copy is set aside") and f"all {len(seed_tables.documents)} documents" in note
