"""Write the hand-made input files under tests/data/ (run once; the outputs are committed).

Each file is a small policy-like text in one encoding or one kind of damage, so that
tests can check what the loader does with it. Run: python tests/data/make_inputs.py
"""

from pathlib import Path

HERE = Path(__file__).parent
SIMPLIFIED = "关于支持科技创新的若干措施\n一、加快建设重庆实验室。\n（一）设立科技创新基金，支持企业研发。\n"
TRADITIONAL = "關於支持科技創新的若干措施\n一、加快建設成都實驗室。\n（一）設立科技創新基金，支持企業研發。\n"
CATALOG_HEADER = (
    "doc_id,file,sha256,title,publisher,source,region,genre,script,"
    "date_written,date_written_basis,date_published,date_published_basis,url,notes\n"
)


def write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def main() -> None:
    enc = HERE / "encodings"
    write(enc / "gbk.txt", SIMPLIFIED.encode("gbk"))
    write(enc / "gb18030.txt", (SIMPLIFIED + "㐀鿿\n").encode("gb18030"))
    write(enc / "big5.txt", TRADITIONAL.encode("big5"))
    write(enc / "utf8_bom.txt", SIMPLIFIED.encode("utf-8-sig"))
    write(enc / "utf16_bom.txt", SIMPLIFIED.encode("utf-16"))
    write(enc / "utf16be_bom.txt", b"\xfe\xff" + SIMPLIFIED.encode("utf-16-be"))
    write(enc / "crlf.txt", SIMPLIFIED.replace("\n", "\r\n").encode("utf-8"))
    write(enc / "cr.txt", SIMPLIFIED.replace("\n", "\r").encode("utf-8"))
    write(enc / "ascii_punct.txt", SIMPLIFIED.replace("，", ",").replace("（", "(").replace("）", ")").encode())
    # a scraped page cut in the middle of its last character (3-byte UTF-8, 2 bytes kept)
    write(enc / "truncated_utf8.txt", (SIMPLIFIED + "科技").encode("utf-8")[:-1])

    bad = HERE / "bad"
    write(bad / "empty.txt", b"")
    write(bad / "blank.txt", b"  \n\n \r\n")
    write(bad / "binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    write(bad / "damaged_utf8.txt", SIMPLIFIED.encode() + b"\xff\xfe" + SIMPLIFIED.encode())
    write(bad / "undecodable.txt", bytes([0x80, 0xFF, 0x81, 0x30]) * 64)
    write(bad / "bad_bom_utf16.txt", b"\xff\xfe" + b"\x00\xd8")

    cats = HERE / "catalogs"
    doc = SIMPLIFIED.encode()
    write(cats / "missing_row" / "a.txt", doc)
    write(cats / "missing_row" / "Extra Doc.txt", "成都市出台科技金融政策。\n".encode())
    write(cats / "missing_row" / "catalog.csv", (CATALOG_HEADER + "doc-a,a.txt,,A,,,Chongqing,,,,,,\n").encode())
    write(cats / "row_without_file" / "a.txt", doc)
    write(
        cats / "row_without_file" / "catalog.csv",
        (CATALOG_HEADER + "doc-a,a.txt,,,,,,,,,,,\ndoc-b,b.txt,,,,,,,,,,,\n").encode(),
    )
    write(cats / "duplicate" / "a.txt", doc)
    write(cats / "duplicate" / "b.txt", doc)
    write(cats / "duplicate" / "catalog.csv", (CATALOG_HEADER + "a,a.txt,,,,,,,,,,,\nb,b.txt,,,,,,,,,,,\n").encode())
    write(cats / "bad_date" / "a.txt", doc)
    write(cats / "bad_date" / "catalog.csv", (CATALOG_HEADER + "doc-a,a.txt,,,,,,,,2023-13-01,,,\n").encode())
    write(cats / "missing_column" / "a.txt", doc)
    write(cats / "missing_column" / "catalog.csv", b"file,title\na.txt,A\n")
    write(cats / "no_documents" / "catalog.csv", CATALOG_HEADER.encode())


if __name__ == "__main__":
    main()
