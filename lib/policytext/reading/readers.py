"""Document files of every supported format -> text, metadata and provenance (one reader per format).

`READERS` maps a file suffix to its reader; `read_file` picks one by suffix. A reader returns a
`Read`: the documents in the file (one, or one per row of a table of documents), each with its text,
the metadata the file's structure states (`fields`, each with its basis) and what the reader left out
(`dropped`), plus the file-level notes of what was dropped (empty table rows). A file that cannot be
read raises CorpusError naming the file and the problem. Bytes -> text decoding stays in `load`.
"""

from __future__ import annotations

import contextlib
import csv
import io
import logging
import re
import unicodedata
import warnings
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from ..errors import CorpusError, CorpusWarning
from .load import decode_bytes, read_bytes

# Metadata labels printed on government information-disclosure pages -> our field names.
GOV_LABELS = {
    "索引号": "index_number", "发文机关": "publisher", "发布机构": "publisher", "成文日期": "date_written",
    "成文时间": "date_written", "发文字号": "doc_number", "文号": "doc_number", "发布日期": "date_published",
    "标题": "title",
}
# Column names of a table of documents (normalised: lower case, no spaces, '_' or '-') -> field names.
TABLE_COLUMNS = {
    "title": ("标题", "题名", "文件名称", "名称", "title"),
    "publisher": ("发文机关", "发布机构", "发文单位", "发布单位", "issuer", "publisher", "agency"),
    "date_written": ("成文日期", "date", "datewritten"),
    "date_published": ("发布日期", "发布时间", "datepublished", "published"),
    "doc_number": ("文号", "发文字号", "docnumber", "documentnumber"),
    "text": ("全文", "正文", "内容", "文本", "text", "content", "fulltext", "body"),
    "source": ("来源", "source"),
    "url": ("链接", "网址", "url", "link"),
    "region": ("地区", "region"),
    "genre": ("类型", "文种", "genre"),
    "index_number": ("索引号", "indexnumber"),
}
# A sentence: ten or more characters ending in a full stop, question or exclamation mark.
_SENTENCE = re.compile(r"[^\n。！？.!?]{10,}[。！？.!?]")
# Tables of documents may be database exports far larger than one document.
MAX_TABLE_BYTES = 200 * 1024 * 1024


@dataclass(frozen=True)
class Document:
    """One document read from a file: its text, the format, its row in a table, and what the file states.

    `fields` maps a field name (title, publisher, date_written, date_published, doc_number, index_number,
    source, url, region, genre) to (value, basis); `dropped` says what the reader left out ('' if nothing).
    """

    text: str
    format: str
    row: int | None = None
    fields: dict[str, tuple[str, str]] = field(default_factory=dict)
    dropped: str = ""
    encoding: str = ""
    newline: str = "LF"
    repaired: str = ""


@dataclass(frozen=True)
class Read:
    """What a reader got from one file: its documents and notes of what it dropped (file level)."""

    documents: list[Document]
    dropped: list[str] = field(default_factory=list)


# -- characters ---------------------------------------------------------------------------------

def _compatibility_table() -> dict[int, str]:
    """Kangxi radicals, CJK radical supplements and compatibility ideographs -> the ordinary character.

    NFKC maps each of these to the unified ideograph (⼀ U+2F00 -> 一, ⽉ U+2F49 -> 月), but NFKC on
    the whole text would also turn full-width punctuation (，（一）) into ASCII, which the cleaning and
    clause rules rely on, so only these blocks are normalised.
    """
    blocks = ((0x2E80, 0x2EFF), (0x2F00, 0x2FDF), (0xF900, 0xFAFF), (0x2F800, 0x2FA1F))
    table = {}
    for start, stop in blocks:
        for cp in range(start, stop + 1):
            mapped = unicodedata.normalize("NFKC", chr(cp))
            if mapped != chr(cp):
                table[cp] = mapped
    return table


_COMPAT = _compatibility_table()


def normalise_cjk(text: str) -> str:
    """`text` with Kangxi-radical and CJK-compatibility code points replaced by ordinary characters."""
    return text.translate(_COMPAT)


def _tidy(text: str) -> str:
    """Lines without trailing spaces, runs of blank lines kept to one, ending in one newline."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip("\n") + "\n"


# -- plain text and markdown --------------------------------------------------------------------

_MD_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.*?)[ \t#]*$", re.MULTILINE)
_MD_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def read_text(path: Path) -> Read:
    """A .txt or .md file: decoded by `load` (encoding detected, a cut-off last character repaired).

    In Markdown, heading markers ('# ') are taken off so a heading reads as the headline it is; the
    first heading is the title. HTML comments (<!-- … -->, invisible when the page is shown) are taken
    out. Other markup is kept as written.
    """
    decoded = decode_bytes(read_bytes(path), path)
    fmt = path.suffix.lower().lstrip(".")
    text, fields, dropped = decoded.text, {}, ""
    if fmt == "md":
        first = _MD_HEADING.search(text)
        if first:
            fields["title"] = (first.group(1), "first Markdown heading")
        text, n = _MD_HEADING.subn(r"\1", text)
        text, c = _MD_COMMENT.subn("", text)
        dropped = "; ".join(d for d in (f"md: the markers of {n} heading(s) taken off" if n else "",
                                        f"md: {c} comment(s) taken out" if c else "") if d)
    return Read([Document(text, fmt, fields=fields, dropped=dropped, encoding=decoded.encoding,
                          newline=decoded.newline, repaired=decoded.repaired)])


# -- HTML -----------------------------------------------------------------------------------------

def _label(text: str) -> str:
    return re.sub(r"[\s\[\]【】:：]", "", text)


# A label as printed, possibly spaced out (索 引 号), in brackets, with a colon and maybe its value after it.
_LABEL_VALUE = re.compile(
    r"^[\s\-•·]*[\[【]?\s*(" + "|".join(r"\s*".join(lab) for lab in GOV_LABELS) + r")\s*[\]】]?\s*[:：]\s*(.*)$"
)


def _gov_fields(tree) -> tuple[dict[str, tuple[str, str]], list]:
    """The gov-portal metadata table (索引号, 发文机关, ...) and the elements it occupies.

    A label is a cell, list item or span whose whole text is the label (the value is the next cell or
    the text after it) or the label and a colon followed by the value. Every label element is returned
    (pages often print the table twice); the first non-empty value of each label is kept, dates as ISO.
    """
    found: dict[str, tuple[str, str]] = {}
    elements = []
    for el in tree.iter("td", "th", "dt", "dd", "li", "span", "p", "div", "label", "strong", "b", "em"):
        own = " ".join(el.text_content().split())
        if not own or len(own) > 80:
            continue
        m = _LABEL_VALUE.match(own)
        if _label(own) in GOV_LABELS:
            name, value = _label(own), ""
        elif m:
            name, value = _label(m.group(1)), m.group(2)
        else:
            continue
        if any(re.search(r"\s*".join(lab) + r"\s*[:：]", value) for lab in GOV_LABELS):
            continue  # a whole row or table in one element: its cells are read one by one
        if not value:
            sibling = el.getnext()
            value = " ".join((el.tail or "").split()) or (
                " ".join(sibling.text_content().split()) if sibling is not None else ""
            )
            if _label(value) in GOV_LABELS:
                value = ""
        elements.append(el)
        value = value.strip(" :：")
        if value and GOV_LABELS[name].startswith("date_"):
            value = _date_value(value)
        if value and name not in found:
            found[name] = (value, f"page metadata table {name}")
    return found, elements


def _page_title(title: str) -> str:
    """A page title without the site name after '_' or ' | ' (重庆市…的通知_重庆市人民政府网)."""
    first = re.split(r"\s*_\s*|\s+[|｜-]\s+", title)[0].strip()
    return first if len(first) >= 6 else title


def _metadata_block(found: dict[str, tuple[str, str]]) -> str:
    """The metadata table as header lines in the '[ 索引号 ] | value |' form the cleaning recognises."""
    return "".join(f"[ {label} ] | {value} |\n" for label, (value, _) in found.items())


def read_html(path: Path) -> Read:
    """An .html/.htm page: main text by trafilatura, the gov-portal metadata table from the page structure.

    The metadata table, when present, is taken out of the page and put at the head of the text as
    header lines, so it reaches the metadata table with its basis; the characters of page chrome
    that trafilatura left out (navigation, footers) are counted in `dropped`.
    """
    import lxml.html
    import trafilatura

    decoded = decode_bytes(read_bytes(path), path)
    try:
        tree = lxml.html.document_fromstring(decoded.text)
    except Exception as exc:  # lxml raises ParserError, ValueError, ... on non-HTML input
        raise CorpusError(path, f"is not a readable HTML page ({exc})", "save the page again as HTML") from exc
    for bad in tree.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    page_chars = len("".join(tree.text_content().split()))
    found, elements = _gov_fields(tree)
    for el in elements:
        row = next((a for a in el.iterancestors("tr", "li", "dl", "table")), None)
        target = row if row is not None else el
        if target.getparent() is not None:
            target.drop_tree()
    extracted = trafilatura.bare_extraction(
        lxml.html.tostring(tree, encoding="unicode"), favor_recall=True, include_comments=False,
        include_tables=True, deduplicate=False, with_metadata=True,
    )
    main = extracted.text if extracted is not None else ""
    page_title = _page_title(" ".join((extracted.title or "").split())) if extracted is not None else ""
    # trafilatura falls back to whatever text a page has (a footer, a menu): without one sentence there
    # is no main text, only chrome
    if not main or not _SENTENCE.search(main):
        raise CorpusError(
            path, "has no main text that trafilatura could find (only page chrome)",
            "save the article's text as .txt, or check that the page is not a list or index page",
        )
    main = normalise_cjk(main)
    fields = {GOV_LABELS[k]: (normalise_cjk(v), b) for k, (v, b) in found.items()}
    if page_title:
        fields.setdefault("title", (normalise_cjk(page_title), "page title (trafilatura)"))
    kept = len("".join(main.split())) + sum(len("".join((lab + v).split())) for lab, (v, _) in found.items())
    dropped = max(0, page_chars - kept)
    note = f"html: {dropped} characters of page text outside the main text left out (navigation, headers, footers)"
    text = _tidy(_metadata_block({k: (normalise_cjk(v), b) for k, (v, b) in found.items()}) + main)
    return Read([Document(text, "html", fields=fields, dropped=note if dropped else "", encoding=decoded.encoding,
                          newline=decoded.newline)])


# -- Word -------------------------------------------------------------------------------------------

def read_docx(path: Path) -> Read:
    """A Word .docx file: paragraphs and tables in document order (a table row as 'cell | cell')."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    read_bytes(path)  # size and permission checks with their clear errors
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise CorpusError(
            path, "is not a readable Word .docx file (damaged, or another format renamed)",
            "open it in Word or LibreOffice and save it again as .docx",
        ) from exc
    lines: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(child, document).text)
        elif tag == "tbl":
            for row in Table(child, document).rows:
                cells: list[str] = []
                for cell in row.cells:  # merged cells repeat: keep each once
                    text = " ".join(cell.text.split())
                    if not cells or cells[-1] != text:
                        cells.append(text)
                lines.append(" | ".join(cells))
    text = normalise_cjk("\n".join(lines))
    if not text.strip():
        raise CorpusError(path, "holds no text (an empty Word document, or only images)",
                          "add the document's text or remove the file")
    props = document.core_properties
    fields = {"title": (props.title.strip(), "Word document properties")} if props.title and props.title.strip() else {}
    return Read([Document(_tidy(text), "docx", fields=fields)])


# -- PDF ----------------------------------------------------------------------------------------------

def read_pdf(path: Path) -> Read:
    """A .pdf with a text layer, page by page (pypdf); Kangxi radicals and compatibility ideographs normalised.

    A PDF that needs a password, or whose pages carry no text (a scan), raises CorpusError.
    """
    data = read_bytes(path)
    with _pypdf_notes() as notes:
        text, reader = _pdf_text(path, data)
        meta = reader.metadata
        title = meta.title.strip() if meta is not None and meta.title else ""
    if notes:
        # pypdf reports the flaws it works around (a wrong xref offset, a broken object) through logging,
        # which would print them, several lines per file, into a notebook's output: one line instead.
        more = f" and {len(notes) - 1} more" if len(notes) > 1 else ""
        warnings.warn(f"{path}: the PDF is damaged but its text was read (pypdf: {notes[0]}{more})",
                      CorpusWarning, stacklevel=3)
    fields = {"title": (normalise_cjk(title), "PDF document properties")} if title else {}
    return Read([Document(_tidy(text), "pdf", fields=fields)])


class _Notes(logging.Handler):
    """Collects the messages of pypdf's loggers (one line each)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.WARNING:
            self.messages.append(" ".join(record.getMessage().split()))


@contextlib.contextmanager
def _pypdf_notes():
    """Within the block, pypdf's log messages and warnings are collected into the list yielded instead of
    reaching stderr (the logger's parents and the last-resort handler)."""
    logger = logging.getLogger("pypdf")
    handler, propagate = _Notes(), logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            yield handler.messages
        handler.messages.extend(" ".join(str(w.message).split()) for w in caught)
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def _pdf_text(path: Path, data: bytes):
    """The text layer of the PDF in `data` and its reader; CorpusError when it cannot be read."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                ok = reader.decrypt("")  # restrictions-only PDFs open with the empty user password
            except (FileNotDecryptedError, NotImplementedError, DependencyError) as exc:
                raise _encrypted(path) from exc
            if not ok:
                raise _encrypted(path)
        pages = [page.extract_text() or "" for page in reader.pages]
    except CorpusError:
        raise
    except FileNotDecryptedError as exc:
        raise _encrypted(path) from exc
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise CorpusError(path, f"is not a readable PDF ({exc})", "open and save it again as PDF") from exc
    text = normalise_cjk("\n".join(pages))
    if not text.strip():
        raise CorpusError(
            path, f"has no text layer ({len(pages)} page(s) of images: a scan)",
            "run OCR on it (e.g. ocrmypdf -l chi_sim) and add the result",
        )
    return text, reader


def _encrypted(path: Path) -> CorpusError:
    return CorpusError(path, "is an encrypted PDF that needs a password",
                       "save an unprotected copy (print to PDF) and add that instead")


# -- tables of documents ----------------------------------------------------------------------------

def _norm_header(name: object) -> str:
    return re.sub(r"[\s_\-]", "", str(name or "")).lower()


def _columns(header: list[object], path: Path) -> dict[str, int]:
    """Field name -> column index, from a header row; CorpusError when no text column is found."""
    by_name = {name: field_name for field_name, names in TABLE_COLUMNS.items() for name in names}
    found: dict[str, int] = {}
    for i, name in enumerate(header):
        key = by_name.get(_norm_header(name))
        if key and key not in found:
            found[key] = i
    if "text" not in found:
        seen = ", ".join(str(h) for h in header if str(h or "").strip()) or "none"
        raise CorpusError(
            path, f"is a table without a text column (columns found: {seen})",
            "name the column holding each document's full text 全文, 正文, 内容, text or content",
        )
    return found


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _date_value(value: str) -> str:
    """A cell's date as ISO (YYYY, YYYY-MM or YYYY-MM-DD), or '' when it is not a date."""
    from ..parsing.metadata import iso_date

    m = re.fullmatch(r"(\d{4})(?:[-/.年](\d{1,2})月?)?", value.strip())
    if m:
        return m.group(1) + (f"-{int(m.group(2)):02d}" if m.group(2) else "")
    return iso_date(value)


def _ranges(rows: list[int]) -> str:
    parts, start = [], None
    for i, r in enumerate(rows):
        if start is None:
            start = r
        if i + 1 == len(rows) or rows[i + 1] != r + 1:
            parts.append(str(start) if start == r else f"{start}-{r}")
            start = None
    return ", ".join(parts)


def _table_documents(rows: list[list[object]], path: Path, fmt: str) -> Read:
    """One document per data row (row numbers as the spreadsheet shows them: the header is row 1)."""
    if not rows:
        raise CorpusError(path, "is an empty table", "add a header row and one row per document")
    columns = _columns(rows[0], path)
    names = [str(h) for h in rows[0]]
    documents: list[Document] = []
    empty: list[int] = []
    untexted: list[int] = []
    for number, values in enumerate(rows[1:], start=2):
        cells = [_cell(v) for v in values]
        get = {k: (cells[i] if i < len(cells) else "") for k, i in columns.items()}
        if not any(cells):
            empty.append(number)
            continue
        if not get["text"]:
            untexted.append(number)
            continue
        fields: dict[str, tuple[str, str]] = {}
        for key, value in get.items():
            if key == "text" or not value:
                continue
            basis = f"column {names[columns[key]]}"
            if key.startswith("date_"):
                iso = _date_value(value)
                if not iso:
                    continue
                value = iso
            fields[key] = (normalise_cjk(value), basis)
        documents.append(Document(_tidy(normalise_cjk(get["text"])), fmt, row=number, fields=fields))
    dropped = []
    if empty:
        dropped.append(f"{len(empty)} empty row(s): {_ranges(empty)}")
    if untexted:
        dropped.append(f"{len(untexted)} row(s) without text in column {names[columns['text']]}: {_ranges(untexted)}")
    if not documents:
        raise CorpusError(path, f"has no row with text in column {names[columns['text']]}",
                          "fill that column with each document's full text")
    return Read(documents, dropped)


def read_xlsx(path: Path) -> Read:
    """An .xlsx table of documents (first sheet): one document per row, columns recognised by name."""
    import openpyxl

    read_bytes(path, MAX_TABLE_BYTES)
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise CorpusError(path, "is not a readable .xlsx workbook (damaged, or another format renamed)",
                          "open it in Excel or LibreOffice and save it again as .xlsx") from exc
    try:
        rows = [list(r) for r in book.worksheets[0].iter_rows(values_only=True)]
    finally:
        book.close()
    return _table_documents(rows, path, "xlsx")


def read_csv(path: Path) -> Read:
    """A .csv table of documents (any encoding `load` reads): one document per row, columns by name."""
    decoded = decode_bytes(read_bytes(path, MAX_TABLE_BYTES), path)
    try:
        rows = [list(r) for r in csv.reader(io.StringIO(decoded.text))]
    except csv.Error as exc:
        raise CorpusError(
            path, f"is not a well-formed CSV table ({exc})", "quote fields that hold commas or newlines"
        ) from exc
    read = _table_documents(rows, path, "csv")
    docs = [Document(d.text, d.format, d.row, d.fields, d.dropped, decoded.encoding, decoded.newline, decoded.repaired)
            for d in read.documents]
    return Read(docs, read.dropped)


READERS: dict[str, Callable[[Path], Read]] = {
    ".txt": read_text, ".md": read_text, ".html": read_html, ".htm": read_html, ".docx": read_docx,
    ".pdf": read_pdf, ".xlsx": read_xlsx, ".csv": read_csv,
}
SUFFIXES = tuple(READERS)


def reader_for(path: str | Path) -> Callable[[Path], Read] | None:
    """The reader for a file's suffix (case-insensitive), or None for a type nobody reads."""
    return READERS.get(Path(path).suffix.lower())


def read_file(path: str | Path) -> Read:
    """Read one document file of any supported format; CorpusError naming the file when it cannot."""
    p = Path(path)
    reader = reader_for(p)
    if reader is None:
        raise CorpusError(p, f"is a file type no reader handles ({p.suffix or 'no suffix'})",
                          f"supported: {', '.join(SUFFIXES)}")
    if p.is_dir():
        raise CorpusError(p, "is a directory, not a document file", "move it out of the corpus folder")
    return reader(p)
