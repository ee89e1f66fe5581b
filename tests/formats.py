"""Documents of every supported format, written on the fly into a test folder (shared by the format tests).

Each writer makes a small but realistic file: a gov-portal HTML page with its metadata table and chrome,
a Word file with a table between paragraphs, a PDF with a CJK text layer (fpdf2 and the Noto Sans CJK
font shipped by mplfonts), and tables of documents as .xlsx and .csv.
"""

from __future__ import annotations

import csv
from pathlib import Path

TITLE = "重庆市科学技术局关于印发《重庆市科技创新券管理办法》的通知"
BODY = [
    "各区县（自治县）科技局，有关单位：",
    "为进一步激发企业创新活力，降低中小企业研发成本，现将《重庆市科技创新券管理办法》印发给你们，请认真贯彻执行。",
    "一、科技创新券用于支持科技型中小企业购买研发服务，每家企业每年申领额度不超过20万元。",
    "二、各区县科技局要加强组织实施，确保科技创新券资金安全、规范、高效使用。",
    "三、本办法自2023年8月1日起施行。",
]
GOV_FIELDS = {
    "索引号": "11500000MB15895317/2023-00101", "发文机关": "重庆市科学技术局", "成文日期": "2023-07-20",
    "发文字号": "渝科局发〔2023〕45号", "发布日期": "2023-07-26",
}
CHROME = ["首页", "机构概况", "政务公开", "办事服务", "互动交流"]
FOOTER = "主办单位：重庆市科学技术局 版权所有 渝ICP备05003300号 网站标识码5000000061"


def gov_page(path: Path, fields: dict[str, str] | None = GOV_FIELDS, body: list[str] | None = None) -> Path:
    """A government information-disclosure page: navigation, metadata table, article, footer."""
    body = BODY if body is None else body
    cells = ""
    if fields:
        items = list(fields.items())
        for i in range(0, len(items), 2):
            pair = items[i : i + 2]
            cells += "<tr>" + "".join(f"<td class='t1'>{k}：</td><td>{v}</td>" for k, v in pair) + "</tr>\n"
    table = f"<table class='gov-meta'>\n{cells}</table>" if cells else ""
    nav = "".join(f"<li><a href='/{i}.html'>{c}</a></li>" for i, c in enumerate(CHROME))
    paragraphs = "\n".join(f"<p>{p}</p>" for p in body)
    article = f"<article><h1>{TITLE}</h1>\n{paragraphs}\n</article>" if body else "<div class='list'></div>"
    path.write_text(
        f"""<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{TITLE}_重庆市科学技术局</title>
<script>var x = "不是正文";</script></head>
<body><header><ul class="nav">{nav}</ul></header>
<div class="main">{table}
{article}
</div>
<footer><p>{FOOTER}</p></footer></body></html>""",
        encoding="utf-8",
    )
    return path


def word_file(path: Path) -> Path:
    """A .docx with a heading, paragraphs and a table between them."""
    import docx

    document = docx.Document()
    document.core_properties.title = TITLE
    document.add_paragraph(TITLE)
    document.add_paragraph(BODY[0])
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "项目", "额度"
    table.cell(1, 0).text, table.cell(1, 1).text = "科技创新券", "20万元"
    for p in BODY[1:]:
        document.add_paragraph(p)
    document.save(path)
    return path


def cjk_font() -> Path:
    """SimHei, the TrueType CJK font shipped by mplfonts (fpdf2 embeds TrueType outlines reliably)."""
    import mplfonts

    return Path(mplfonts.__file__).parent / "fonts" / "SimHei.ttf"


def pdf_file(path: Path, lines: list[str] | None = None, password: str | None = None, kangxi: bool = False) -> Path:
    """A PDF with a text layer in a CJK font.

    With `password` it is encrypted and needs that password to open. With `kangxi` its text layer maps
    the glyphs of 一 and 月 to the Kangxi radicals ⼀ (U+2F00) and ⽉ (U+2F49), as many PDFs made by
    office software do: what a reader extracts is then the radical code point, not the character.
    """
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_compression(not kangxi)  # the ToUnicode map is rewritten below, so keep it readable
    pdf.add_page()
    pdf.add_font("cjk", fname=str(cjk_font()))
    pdf.set_font("cjk", size=11)
    for line in [TITLE, *BODY] if lines is None else lines:
        pdf.multi_cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    if password:
        pdf.set_encryption(owner_password="owner-" + password, user_password=password)
    data = bytes(pdf.output())
    if kangxi:
        assert b"> <4E00>" in data and b"> <6708>" in data
        data = data.replace(b"> <4E00>", b"> <2F00>").replace(b"> <6708>", b"> <2F49>")
    path.write_bytes(data)
    return path


def scanned_pdf(path: Path) -> Path:
    """A PDF whose only page is an image (what a scanner makes): no text layer."""
    from fpdf import FPDF
    from PIL import Image

    image = path.with_suffix(".png")
    Image.new("RGB", (200, 100), "white").save(image)
    pdf = FPDF()
    pdf.add_page()
    pdf.image(str(image), x=10, y=10, w=100)
    pdf.output(str(path))
    image.unlink()
    return path


TABLE_HEADER = ["标题", "发文机关", "成文日期", "发文字号", "链接", "全文"]
TABLE_ROWS = [
    [TITLE, "重庆市科学技术局", "2023-07-20", "渝科局发〔2023〕45号", "https://kjj.cq.gov.cn/a.html", "\n".join(BODY)],
    ["", "", "", "", "", ""],
    ["成都市关于支持科技成果转化的若干政策措施", "成都市人民政府办公厅", "2022年3月8日", "成办发〔2022〕12号", "",
     "为加快科技成果在蓉转化，现提出如下政策措施。\n一、支持高校院所科技成果在蓉转化。对高校院所转化科技成果的收益，按规定给予奖励。\n"
     "二、对技术合同登记额给予奖励，每家单位每年最高不超过100万元。"],
    ["只有标题没有正文的一行", "", "", "", "", ""],
]


def xlsx_table(path: Path, header: list[str] = TABLE_HEADER, rows: list[list[str]] = TABLE_ROWS) -> Path:
    """A spreadsheet with one document per row (row 3 empty, row 5 without text)."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def csv_table(path: Path, header: list[str] | None = None, rows: list[list[str]] | None = None) -> Path:
    """The same table of documents as CSV (English column names by default), UTF-8."""
    header = header or ["title", "publisher", "date", "doc_number", "url", "content"]
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(TABLE_ROWS if rows is None else rows)
    return path


def one_of_each(folder: Path) -> Path:
    """A corpus folder with one document in every format (no catalog.csv)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "notice.txt").write_text(TITLE + "\n" + "\n".join(BODY) + "\n", encoding="utf-8")
    (folder / "notes.md").write_text("# " + TITLE + "\n\n" + "\n\n".join(BODY) + "\n", encoding="utf-8")
    gov_page(folder / "page.html")
    word_file(folder / "letter.docx")
    pdf_file(folder / "printed.pdf")
    xlsx_table(folder / "export.xlsx", rows=TABLE_ROWS[:1])
    csv_table(folder / "list.csv", rows=TABLE_ROWS[2:3])
    return folder
