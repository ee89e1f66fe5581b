"""Any folder as the corpus: every format loads with its provenance, bad files are skipped with one line each,
the catalog can be drafted from the parse, and a report reads its one file only."""

import subprocess
import sys
import warnings

import pandas as pd
import policytext
import pytest
from formats import BODY, TITLE, gov_page, one_of_each, pdf_file, scanned_pdf, word_file, xlsx_table
from policytext.errors import CorpusWarning
from policytext.pipeline.tables import parse_corpus
from policytext.reading.catalog import read_catalog
from support import SEED_FILES, cli, pinned_seeds

FORMAT_IDS = {"notice": "txt", "notes": "md", "page": "html", "letter": "docx", "printed": "pdf",
              "export-2": "xlsx", "list-2": "csv"}


def run(*args):
    """The installed command in a fresh interpreter (`cli` runs the same entry point in this process)."""
    return subprocess.run([sys.executable, "-m", "policytext", *args], capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return one_of_each(tmp_path_factory.mktemp("any") / "mixed")


@pytest.fixture(scope="module")
def loaded(folder):
    with pytest.warns(CorpusWarning, match="no catalog.csv") as record:
        corpus = policytext.load_corpus(folder)
    assert len(record) == 1  # one line for the folder, not one per document
    return corpus


def test_a_folder_without_catalog_loads_one_document_per_file_and_per_table_row(loaded):
    docs = loaded.documents.set_index("doc_id")
    assert dict(docs["format"]) == FORMAT_IDS
    assert docs.loc["export-2", "source_file"] == "export.xlsx" and docs.loc["export-2", "row"] == 2
    assert docs.loc["export-2", "file"] == "export.xlsx#2"
    assert docs.loc["letter", "source_file"] == "letter.docx" and docs.loc["letter", "row"] == 0
    assert not docs["in_catalog"].any() and loaded.skipped.empty


def test_metadata_the_file_states_fills_the_documents_row_with_its_basis(loaded):
    docs = loaded.documents.set_index("doc_id")
    page = docs.loc["page"]
    assert (page["publisher"], page["doc_number"]) == ("重庆市科学技术局", "渝科局发〔2023〕45号")
    assert (page["date_written"], page["date_written_basis"]) == ("2023-07-20", "page metadata table 成文日期")
    assert (page["written_from"], page["written_to"]) == ("2023-07-20", "2023-07-20")
    assert page["date_published"] == "2023-07-26" and page["title"] == TITLE
    assert "characters of page text outside the main text" in page["reader_dropped"]
    row = docs.loc["list-2"]
    assert (row["date_written"], row["date_written_basis"]) == ("2022-03-08", "column date")
    assert row["doc_number"] == "成办发〔2022〕12号"


def test_every_document_of_every_format_reaches_every_table(loaded):
    tables = parse_corpus(loaded)
    for name in ("documents", "articles", "clauses", "sentences", "tokens"):
        assert set(FORMAT_IDS) <= set(getattr(tables, name)["doc_id"]), name
    clauses = tables.clauses.groupby("doc_id")["text"].apply(" ".join)
    for doc_id in ("notice", "page", "letter", "printed", "export-2"):
        assert "降低中小企业研发成本" in clauses[doc_id].replace("\n", ""), doc_id
    html_meta = tables.metadata[tables.metadata["doc_id"] == "page"].set_index("field")
    assert html_meta.loc["doc_number", "value"] == "渝科局发〔2023〕45号"


def test_bad_files_are_skipped_with_one_warning_each_and_the_rest_loads(tmp_path):
    folder = tmp_path / "mixed"
    (folder).mkdir()
    (folder / "good.txt").write_text(TITLE + "\n" + "\n".join(BODY) + "\n", encoding="utf-8")
    good_docx = word_file(tmp_path / "good.docx").read_bytes()
    (folder / "corrupt.docx").write_bytes(good_docx[: len(good_docx) // 3])
    pdf_file(folder / "locked.pdf", password="secret")
    scanned_pdf(folder / "scan.pdf")
    gov_page(folder / "list.html", fields=None, body=[])
    xlsx_table(folder / "index.xlsx", ["名称", "日期"], [["某政策", "2023-01-01"]])
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really")
    with pytest.warns(CorpusWarning) as record:
        corpus = policytext.load_corpus(folder)
    assert corpus.doc_ids == ["good"]
    expected = {
        "corrupt.docx": "is not a readable Word .docx file", "locked.pdf": "is an encrypted PDF",
        "scan.pdf": "has no text layer", "list.html": "has no main text",
        "index.xlsx": "without a text column (columns found: 名称, 日期)", "photo.jpg": "no reader for .jpg files",
    }
    skipped = corpus.skipped.set_index("file")["problem"]
    assert set(skipped.index) == set(expected)
    for name, fragment in expected.items():
        lines = [str(w.message) for w in record if name in str(w.message)]
        assert len(lines) == 1 and fragment in lines[0] and lines[0].endswith("; skipped"), (name, lines)
        assert fragment in skipped[name] and "\n" not in lines[0]


def test_table_rows_without_text_are_accounted_for(tmp_path):
    xlsx_table(tmp_path / "export.xlsx")
    with pytest.warns(CorpusWarning) as record:
        corpus = policytext.load_corpus(tmp_path)
    assert corpus.doc_ids == ["export-2", "export-4"]
    assert list(corpus.skipped["problem"]) == ["1 empty row(s): 3", "1 row(s) without text in column 全文: 5"]
    assert any("row(s) without text in column 全文: 5; skipped" in str(w.message) for w in record)


def test_catalog_rows_describe_table_rows_by_file_and_row(tmp_path):
    xlsx_table(tmp_path / "export.xlsx")
    (tmp_path / "catalog.csv").write_text(
        "doc_id,file,region,genre\ncq-voucher-2023,export.xlsx#2,Chongqing,notice\n"
        "cd-transfer-2022,export.xlsx#4,Chengdu,policy\n", encoding="utf-8")
    with pytest.warns(CorpusWarning) as record:
        corpus = policytext.load_corpus(tmp_path)
    assert not any("no row in catalog.csv" in str(w.message) for w in record)
    docs = corpus.documents.set_index("doc_id")
    assert list(docs.index) == ["cq-voucher-2023", "cd-transfer-2022"] and docs["in_catalog"].all()
    assert docs.loc["cd-transfer-2022", "region"] == "Chengdu"
    assert docs.loc["cd-transfer-2022", "publisher"] == "成都市人民政府办公厅"  # from the column: the catalog is silent


@pytest.mark.slow  # the command in a fresh interpreter
def test_catalog_command_drafts_a_catalog_the_loader_accepts(folder, tmp_path):
    out = tmp_path / "catalog.csv"
    result = run("catalog", str(folder), "--output", str(out))
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    rows = {r["doc_id"]: r for r in read_catalog(out)}
    assert set(rows) == set(FORMAT_IDS)
    page = rows["page"]
    assert (page["title"], page["publisher"]) == (TITLE, "重庆市科学技术局")
    assert (page["date_written"], page["date_written_basis"]) == ("2023-07-20", "page metadata table 成文日期")
    assert (page["date_published"], page["date_published_basis"]) == ("2023-07-26", "page metadata table 发布日期")
    assert rows["export-2"]["file"] == "export.xlsx#2"
    assert all("draft from the parse" in r["notes"] for r in rows.values())
    assert cli("catalog", str(folder)).stdout.splitlines()[0].startswith("doc_id,file,sha256,title")


def test_report_reads_its_one_file_however_bad_its_neighbours(tmp_path, folder):
    (tmp_path / "good.html").write_bytes((folder / "page.html").read_bytes())
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 broken")
    result = cli("report", str(tmp_path / "good.html"))
    assert result.returncode == 0 and result.stderr == "", result.stderr
    assert "format html" in result.stdout and "doc_number: 渝科局发〔2023〕45号" in result.stdout
    bad = cli("report", str(tmp_path / "broken.docx"))
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1
    assert bad.stderr.startswith("error: ") and "broken.docx: is not a readable Word .docx file" in bad.stderr


def test_export_of_a_mixed_folder_lists_skipped_files(tmp_path, folder):
    mixed = tmp_path / "mixed"
    mixed.mkdir()
    for p in folder.iterdir():
        (mixed / p.name).write_bytes(p.read_bytes())
    (mixed / "notes.doc").write_bytes(b"\xd0\xcf\x11\xe0 old word")
    result = cli("export", str(mixed), "--out", str(tmp_path / "out"), "--jobs", "1")
    assert result.returncode == 0, result.stderr
    assert [line for line in result.stderr.splitlines() if "notes.doc" in line] == [
        f"warning: {mixed / 'notes.doc'}: no reader for .doc files (readable: .txt, .md, .html, .htm, .docx, .pdf, "
        ".xlsx, .csv); skipped"
    ]
    documents = pd.read_csv(tmp_path / "out" / "documents.csv", encoding="utf-8-sig", keep_default_na=False)
    assert set(documents["doc_id"]) == set(FORMAT_IDS)
    assert {"source_file", "format", "row"} <= set(documents.columns)
    skipped = pd.read_csv(tmp_path / "out" / "skipped.csv", encoding="utf-8-sig")
    assert list(skipped["file"]) == ["notes.doc"]


def test_loading_the_pinned_seeds_ignores_documents_added_beside_them(tmp_path):
    folder = pinned_seeds(tmp_path / "seeds")
    (folder / "900_new.txt").write_text("关于支持科技创新的通知\n为推动科技创新，现提出如下措施。\n", encoding="utf-8")
    word_file(folder / "901_new.docx")
    pinned_seeds(folder / "reference")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # not even a missing-row warning
        corpus = policytext.load_corpus(folder, files=SEED_FILES)
    assert sorted(corpus.documents["file"]) == SEED_FILES
