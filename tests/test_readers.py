"""Readers: every supported format, built on the fly, gives its text, metadata and provenance; bad files
give one clear error naming the file."""

import warnings
import zipfile

import pytest
from formats import BODY, GOV_FIELDS, TITLE, csv_table, gov_page, pdf_file, scanned_pdf, word_file, xlsx_table
from policytext.errors import CorpusError, CorpusWarning
from policytext.reading.load import decode_bytes
from policytext.reading.readers import READERS, normalise_cjk, read_file


def only(read):
    assert len(read.documents) == 1
    return read.documents[0]


def assert_one_line(info, path, fragment):
    message = str(info.value)
    assert message.startswith(str(path)) and fragment in message and "\n" not in message


# -- characters -----------------------------------------------------------------------------------

def test_kangxi_radicals_and_compatibility_ideographs_become_ordinary_characters():
    assert normalise_cjk("⼀⽉⼆⽇") == "一月二日"
    assert normalise_cjk("\uf900\u2e9f") == "豈母"  # a compatibility ideograph, a radical supplement


def test_full_width_punctuation_and_ascii_are_left_as_written():
    text = "（一）支持企业，投入20万元；Ａ级（full-width Latin stays）."
    assert normalise_cjk(text) == text


# -- text ------------------------------------------------------------------------------------------------

def test_txt_and_md_are_read_as_text_with_their_format(tmp_path):
    (tmp_path / "a.txt").write_text("科技创新。\n", encoding="gb18030")
    (tmp_path / "b.md").write_text("标题\n\n正文。\n", encoding="utf-8")
    a, b = only(read_file(tmp_path / "a.txt")), only(read_file(tmp_path / "b.md"))
    assert (a.format, a.encoding, a.text) == ("txt", "gb18030", "科技创新。\n")
    assert (b.format, b.text) == ("md", "标题\n\n正文。\n")


def test_txt_cut_after_the_first_byte_of_a_character_is_repaired_with_a_warning():
    data = "科技创新。\n科".encode()
    for cut in (1, 2):  # 科 is three bytes: keep one, then two of them
        with pytest.warns(CorpusWarning, match="cut.txt: its last character was cut off"):
            decoded = decode_bytes(data[:-cut], "cut.txt")
        assert decoded.text == "科技创新。\n" and decoded.encoding == "utf-8" and decoded.repaired


# -- HTML ----------------------------------------------------------------------------------------------

def test_gov_page_gives_main_text_and_its_metadata_table_as_fields(tmp_path):
    doc = only(read_file(gov_page(tmp_path / "page.html")))
    assert doc.format == "html"
    assert all(p in doc.text for p in BODY)
    assert "首页" not in doc.text and "版权所有" not in doc.text and "不是正文" not in doc.text
    assert doc.fields["publisher"] == ("重庆市科学技术局", "page metadata table 发文机关")
    assert doc.fields["date_written"][0] == "2023-07-20" and doc.fields["date_published"][0] == "2023-07-26"
    assert doc.fields["doc_number"][0] == "渝科局发〔2023〕45号"
    assert doc.fields["index_number"][0] == GOV_FIELDS["索引号"]
    assert doc.fields["title"][0] == TITLE
    # the table heads the text in the form the cleaning reads as header fields, once
    assert doc.text.startswith("[ 索引号 ] | 11500000MB15895317/2023-00101 |\n")
    assert doc.text.count("渝科局发〔2023〕45号") == 1
    assert doc.dropped.startswith("html: ") and "characters of page text outside the main text" in doc.dropped


def test_metadata_table_reaches_the_parsed_metadata_with_its_basis(tmp_path):
    from policytext.pipeline.tables import parse_document

    doc = only(read_file(gov_page(tmp_path / "page.html")))
    meta = parse_document("page", doc.text).metadata.set_index("field")
    assert meta.loc["doc_number", "value"] == "渝科局发〔2023〕45号"
    assert meta.loc["date_written", "value"] == "2023-07-20"
    assert "发文字号" in meta.loc["doc_number", "basis"]


def test_page_without_metadata_table_has_no_table_fields(tmp_path):
    doc = only(read_file(gov_page(tmp_path / "plain.html", fields=None)))
    assert "publisher" not in doc.fields and not doc.text.startswith("[")
    assert BODY[2] in doc.text


def test_html_page_with_no_main_text_is_one_clear_error(tmp_path):
    path = gov_page(tmp_path / "index.html", fields=None, body=[])
    with pytest.raises(CorpusError) as info:
        read_file(path)
    assert_one_line(info, path, "has no main text")


# -- Word --------------------------------------------------------------------------------------------

def test_docx_gives_paragraphs_and_tables_in_document_order(tmp_path):
    doc = only(read_file(word_file(tmp_path / "letter.docx")))
    lines = doc.text.splitlines()
    assert lines[:4] == [TITLE, BODY[0], "项目 | 额度", "科技创新券 | 20万元"]
    assert lines[4:] == BODY[1:]
    assert doc.format == "docx" and doc.fields["title"] == (TITLE, "Word document properties")


def test_corrupt_docx_is_one_clear_error(tmp_path):
    good = word_file(tmp_path / "good.docx").read_bytes()
    for name, data in (("cut.docx", good[: len(good) // 2]), ("renamed.docx", b"%PDF-1.4 not a word file")):
        (tmp_path / name).write_bytes(data)
        with pytest.raises(CorpusError) as info:
            read_file(tmp_path / name)
        assert_one_line(info, tmp_path / name, "is not a readable Word .docx file")


def test_docx_zip_without_document_part_is_one_clear_error(tmp_path):
    path = tmp_path / "hollow.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("hello.txt", "not a document")
    with pytest.raises(CorpusError) as info:
        read_file(path)
    assert_one_line(info, path, "is not a readable Word .docx file")


# -- PDF ---------------------------------------------------------------------------------------------------

def test_pdf_text_layer_is_read(tmp_path):
    doc = only(read_file(pdf_file(tmp_path / "printed.pdf")))
    assert doc.format == "pdf"
    flat = doc.text.replace("\n", "")
    assert TITLE in flat and all(p in flat for p in BODY)


def test_pdf_kangxi_radicals_are_read_as_ordinary_characters(tmp_path):
    from pypdf import PdfReader

    path = pdf_file(tmp_path / "office.pdf", kangxi=True)
    raw = PdfReader(path).pages[0].extract_text()
    assert "⼀、科技创新券" in raw and "8⽉1日" in raw  # the text layer really holds the radicals
    text = only(read_file(path)).text
    assert "一、科技创新券" in text and "8月1日" in text
    assert not any("\u2f00" <= c <= "\u2fdf" for c in text)


def test_encrypted_pdf_is_one_clear_error(tmp_path):
    path = pdf_file(tmp_path / "locked.pdf", password="secret")
    with pytest.raises(CorpusError) as info:
        read_file(path)
    assert_one_line(info, path, "is an encrypted PDF that needs a password")


def test_scanned_pdf_without_text_layer_is_one_clear_error(tmp_path):
    path = scanned_pdf(tmp_path / "scan.pdf")
    with pytest.raises(CorpusError) as info:
        read_file(path)
    assert_one_line(info, path, "has no text layer")
    assert "OCR" in str(info.value)


def test_damaged_pdf_is_one_clear_error(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n garbage without objects")
    with pytest.raises(CorpusError) as info:
        read_file(path)
    assert str(info.value).startswith(str(path)) and "\n" not in str(info.value)


def test_pypdf_complaints_about_a_repairable_pdf_are_one_warning_line_and_never_printed(tmp_path, capfd):
    import re

    good = pdf_file(tmp_path / "good.pdf").read_bytes()
    pointer = re.search(rb"startxref\s+(\d+)", good)
    path = tmp_path / "shifted.pdf"  # the cross-reference offset is wrong: pypdf finds the table anyway
    path.write_bytes(good[: pointer.start(1)] + str(int(pointer.group(1)) + 7).encode() + good[pointer.end(1):])
    with pytest.warns(CorpusWarning) as record:
        doc = only(read_file(path))
    assert TITLE in doc.text.replace("\n", "")
    assert len(record) == 1, [str(w.message) for w in record]
    message = str(record[0].message)
    assert message.startswith(f"{path}: the PDF is damaged but its text was read (pypdf: ")
    assert "startxref" in message and "\n" not in message
    out, err = capfd.readouterr()
    assert out == "" and err == ""  # pypdf's own log lines went nowhere else
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        only(read_file(tmp_path / "good.pdf"))  # a sound PDF draws no warning at all


# -- tables of documents ---------------------------------------------------------------------------------

def test_xlsx_gives_one_document_per_row_with_column_fields(tmp_path):
    read = read_file(xlsx_table(tmp_path / "export.xlsx"))
    assert [d.row for d in read.documents] == [2, 4]
    first, second = read.documents
    assert first.format == "xlsx" and first.text.splitlines() == BODY
    assert first.fields["title"] == (TITLE, "column 标题")
    assert first.fields["publisher"] == ("重庆市科学技术局", "column 发文机关")
    assert first.fields["date_written"] == ("2023-07-20", "column 成文日期")
    assert first.fields["doc_number"][0] == "渝科局发〔2023〕45号"
    assert first.fields["url"][0] == "https://kjj.cq.gov.cn/a.html"
    assert second.fields["date_written"][0] == "2022-03-08"  # 2022年3月8日 read as a date
    assert read.dropped == ["1 empty row(s): 3", "1 row(s) without text in column 全文: 5"]


def test_csv_with_english_column_names_reads_like_the_spreadsheet(tmp_path):
    read = read_file(csv_table(tmp_path / "list.csv"))
    assert [d.row for d in read.documents] == [2, 4]
    assert read.documents[0].format == "csv" and read.documents[0].encoding == "utf-8"
    assert read.documents[0].fields["date_written"] == ("2023-07-20", "column date")
    assert read.documents[1].fields["publisher"] == ("成都市人民政府办公厅", "column publisher")


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_table_without_text_column_names_the_columns_it_found(tmp_path, suffix):
    header, rows = ["名称", "日期", "备注"], [["某政策", "2023-01-01", "无"]]
    path = tmp_path / f"index{suffix}"
    (xlsx_table if suffix == ".xlsx" else csv_table)(path, header, rows)
    with pytest.raises(CorpusError) as info:
        read_file(path)
    assert_one_line(info, path, "without a text column (columns found: 名称, 日期, 备注)")


# -- the registry ---------------------------------------------------------------------------------------

def test_unknown_file_type_is_one_clear_error_listing_what_is_read(tmp_path):
    path = tmp_path / "scan.tiff"
    path.write_bytes(b"II*\x00")
    with pytest.raises(CorpusError) as info:
        read_file(path)
    assert_one_line(info, path, "is a file type no reader handles (.tiff)")
    assert ".docx" in str(info.value)


def test_every_registered_suffix_is_lower_case_and_dotted():
    assert set(READERS) == {".txt", ".md", ".html", ".htm", ".docx", ".pdf", ".xlsx", ".csv"}


def test_upper_case_suffix_is_read(tmp_path):
    path = tmp_path / "NOTICE.TXT"
    path.write_text("科技。\n", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert only(read_file(path)).format == "txt"


def test_markdown_heading_markers_are_taken_off_and_the_first_heading_is_the_title(tmp_path):
    (tmp_path / "b.md").write_text("# 关于支持科技创新的通知\n\n## 一、总体要求\n\n正文。\n", encoding="utf-8")
    doc = only(read_file(tmp_path / "b.md"))
    assert doc.text == "关于支持科技创新的通知\n\n一、总体要求\n\n正文。\n"
    assert doc.fields["title"] == ("关于支持科技创新的通知", "first Markdown heading")
    assert doc.dropped == "md: the markers of 2 heading(s) taken off"


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("gov-2018-decision-st-awards.html",
         {"title": "国务院关于2018年度国家科学技术奖励的决定", "publisher": "国务院", "date_written": "2018-12-28",
          "date_published": "2019-01-08", "doc_number": "国发〔2018〕44号"}),
        ("cq-2022-notice-housing-measures.html",  # the table printed twice, with an empty 发布机构 cell
         {"date_written": "2022-06-11", "date_published": "2022-06-15", "doc_number": "渝府办发〔2022〕65 号",
          "title": "重庆市人民政府办公厅关于印发重庆市促进房地产业良性循环和健康发展若干措施的通知"}),
    ],
)
def test_real_gov_pages_give_their_metadata_table_with_iso_dates(page, expected):
    from support import DATA

    doc = only(read_file(DATA / "devset" / "docs" / page))
    assert {k: doc.fields[k][0] for k in expected} == expected
    assert "publisher" in doc.fields or page.startswith("cq-2022")  # an empty cell gives no value, not '：'
    head = doc.text.split("\n")
    assert sum(line.startswith("[ 索引号 ]") for line in head) == 1
