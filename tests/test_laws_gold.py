"""The laws-and-regulations gold in tests/data/laws is well-formed.

Checks the data only (no library code runs): every document has one gold row and one
source row whose hash matches its bytes, the vocabularies are closed, dates are valid
ISO dates in order, every history item occurs verbatim in its document, dev and locked
share no document, and neither shares a document with seeds/reference. The checks are
functions returning a list of problems, so the last tests can show that each one fires
on a broken copy of the data.
"""

import csv
import datetime
import hashlib
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent / "data" / "laws"
REFERENCE = Path(__file__).resolve().parents[1] / "seeds" / "reference"

DOC_TYPES = {
    "法律", "行政法规", "地方性法规", "部门规章", "地方政府规章", "司法解释", "党内法规",
    "通知", "意见", "办法", "方案", "措施", "决定", "批复", "答复", "函", "规划", "条例", "规定", "细则", "其他",
}
EVENTS = {"通过", "修正", "修订", "公布", "施行", "批准"}
REGIONS = {
    "national",
    "北京市", "天津市", "上海市", "重庆市",
    "河北省", "山西省", "辽宁省", "吉林省", "黑龙江省", "江苏省", "浙江省", "安徽省", "福建省", "江西省",
    "山东省", "河南省", "湖北省", "湖南省", "广东省", "海南省", "四川省", "贵州省", "云南省", "陕西省",
    "甘肃省", "青海省", "台湾省",
    "内蒙古自治区", "广西壮族自治区", "西藏自治区", "宁夏回族自治区", "新疆维吾尔自治区",
    "香港特别行政区", "澳门特别行政区",
}
GOLD_COLUMNS = ["file", "part", "stratum", "title", "doc_type", "issuer", "region", "city",
                "date_written", "date_first", "doc_number", "not_in_text", "notes"]
FIELDS_THAT_MAY_BE_ABSENT = {"issuer", "date_written", "date_first", "doc_number"}
DATE_IN_TEXT = re.compile(r"([0-9０-９]{4})\s*年\s*([0-9０-９]{1,2})\s*月\s*([0-9０-９]{1,2})\s*日")
FULL_WIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


def read_csv(name):
    """Rows of one CSV file of the corpus as dicts."""
    with open(ROOT / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def text_of(file):
    """The text of a corpus document, by its path relative to tests/data/laws."""
    return (ROOT / file).read_text(encoding="utf-8")


def sha256_of(path):
    """Hex SHA-256 of a file's bytes."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def squeeze(s):
    """A string without whitespace or Markdown heading marks, for comparing titles."""
    return re.sub(r"[\s#　]+", "", s)


def iso_or_empty_problems(row, field):
    """Problems with one date field: it must be empty or a valid yyyy-mm-dd."""
    value = row[field]
    if value == "":
        return []
    try:
        if datetime.date.fromisoformat(value).isoformat() != value:
            raise ValueError
    except ValueError:
        return [f"{row['file']}: {field} {value!r} is not a yyyy-mm-dd date"]
    return []


def gold_problems(gold, files_on_disk):
    """Problems with gold.csv rows, given the set of document paths present in dev/ and locked/."""
    problems = []
    seen = {}
    for row in gold:
        file = row["file"]
        if file in seen:
            problems.append(f"{file}: more than one gold row")
        seen[file] = row
        if not (ROOT / file).is_file():
            problems.append(f"{file}: no such document")
        expected_part = "locked" if file.startswith("locked/") else "dev"
        if row["part"] != expected_part:
            problems.append(f"{file}: part {row['part']!r}, folder says {expected_part!r}")
        if row["doc_type"] not in DOC_TYPES:
            problems.append(f"{file}: doc_type {row['doc_type']!r} outside the vocabulary")
        if row["region"] not in REGIONS:
            problems.append(f"{file}: region {row['region']!r} outside the vocabulary")
        if row["region"] == "national" and row["city"]:
            problems.append(f"{file}: a national document with a city {row['city']!r}")
        if not row["title"]:
            problems.append(f"{file}: empty title")
        for field in ("date_written", "date_first"):
            problems += iso_or_empty_problems(row, field)
        if row["date_written"] and row["date_first"] and row["date_first"] > row["date_written"]:
            problems.append(f"{file}: date_first {row['date_first']} after date_written {row['date_written']}")
        for field in filter(None, row["not_in_text"].split(";")):
            if field not in FIELDS_THAT_MAY_BE_ABSENT:
                problems.append(f"{file}: not_in_text names {field!r}")
        if any(part != part.strip() or not part for part in row["issuer"].split(";")) and row["issuer"]:
            problems.append(f"{file}: issuer {row['issuer']!r} has an empty or padded part")
    for file in sorted(files_on_disk - set(seen)):
        problems.append(f"{file}: document without a gold row")
    return problems


def history_problems(history, gold):
    """Problems with history.csv: known files, closed events, valid dates read from the text itself."""
    problems = []
    files = {row["file"] for row in gold}
    by_file = {}
    for item in history:
        file = item["file"]
        if file not in files:
            problems.append(f"{file}: history for a file without a gold row")
            continue
        by_file.setdefault(file, []).append(int(item["seq"]))
        if item["event"] not in EVENTS:
            problems.append(f"{file} #{item['seq']}: event {item['event']!r} outside the vocabulary")
        problems += iso_or_empty_problems(item, "date")
        if item["text"] not in text_of(file):
            problems.append(f"{file} #{item['seq']}: text does not occur verbatim in the document")
        m = DATE_IN_TEXT.search(item["text"])
        if not m:
            problems.append(f"{file} #{item['seq']}: no date in the text")
        else:
            y, mo, d = (int(g.translate(FULL_WIDTH)) for g in m.groups())
            if f"{y:04d}-{mo:02d}-{d:02d}" != item["date"]:
                problems.append(f"{file} #{item['seq']}: date {item['date']} is not the date printed first in the text")
        if item["body"] and item["body"] not in item["text"]:
            problems.append(f"{file} #{item['seq']}: body {item['body']!r} is not part of the text")
    for file, seqs in by_file.items():
        if sorted(seqs) != list(range(1, len(seqs) + 1)):
            problems.append(f"{file}: history seq {sorted(seqs)} is not 1..n")
    return problems


def source_problems(sources, gold):
    """Problems with sources.csv: one row per gold file, and each hash matches the file's bytes."""
    problems = []
    rows = {row["file"]: row for row in sources}
    for row in gold:
        src = rows.get(row["file"])
        if src is None:
            problems.append(f"{row['file']}: no source row")
        elif src["sha256"] != sha256_of(ROOT / row["file"]):
            problems.append(f"{row['file']}: bytes differ from the recorded sha256")
    for file in sorted(set(rows) - {row["file"] for row in gold}):
        problems.append(f"{file}: source row without a gold row")
    return problems


def overlap_problems(gold):
    """Problems of overlap: dev and locked share no file, content or title, and none is in seeds/reference."""
    problems = []
    parts = {"dev": {}, "locked": {}}
    for row in gold:
        parts[row["part"]][row["file"]] = (sha256_of(ROOT / row["file"]), squeeze(row["title"]))
    dev_hashes = {h for h, _ in parts["dev"].values()}
    dev_titles = {t for _, t in parts["dev"].values()}
    for file, (h, t) in parts["locked"].items():
        if h in dev_hashes:
            problems.append(f"{file}: same bytes as a dev document")
        if t in dev_titles:
            problems.append(f"{file}: same title as a dev document")
    ref_hashes = {sha256_of(p) for p in REFERENCE.glob("*.md") if p.name != "README.md"}
    with open(REFERENCE / "catalog.csv", encoding="utf-8", newline="") as f:
        ref_titles = {squeeze(r["title"]) for r in csv.DictReader(f)}
    for part in parts.values():
        for file, (h, t) in part.items():
            if h in ref_hashes:
                problems.append(f"{file}: same bytes as a seeds/reference document")
            if t in ref_titles:
                problems.append(f"{file}: same title as a seeds/reference document")
    return problems


def files_on_disk():
    """Every document path under dev/ and locked/, relative to tests/data/laws."""
    return {f"{part}/{p.name}" for part in ("dev", "locked") for p in (ROOT / part).iterdir() if p.is_file()}


@pytest.fixture(scope="module")
def gold():
    return read_csv("gold.csv")


def test_gold_columns_are_the_documented_ones():
    with open(ROOT / "gold.csv", encoding="utf-8", newline="") as f:
        assert next(csv.reader(f)) == GOLD_COLUMNS


def test_every_document_has_one_well_formed_gold_row(gold):
    assert gold_problems(gold, files_on_disk()) == []


def test_titles_are_printed_in_their_documents(gold):
    missing = [r["file"] for r in gold if squeeze(r["title"]) not in squeeze(text_of(r["file"]))]
    assert missing == []


def test_every_history_item_occurs_verbatim_with_its_printed_date(gold):
    assert history_problems(read_csv("history.csv"), gold) == []


def test_date_written_and_date_first_are_among_the_printed_history_dates(gold):
    history = read_csv("history.csv")
    dates = {}
    for item in history:
        dates.setdefault(item["file"], set()).add(item["date"])
    wrong = [r["file"] for r in gold if r["file"] in dates
             and not {r["date_written"], r["date_first"]} - {""} <= dates[r["file"]]
             and "signature" not in r["notes"]]
    assert wrong == []


def test_sources_record_every_file_byte_for_byte(gold):
    assert source_problems(read_csv("sources.csv"), gold) == []


def test_dev_and_locked_are_disjoint_and_apart_from_the_reference_seeds(gold):
    assert overlap_problems(gold) == []


def test_the_parts_have_the_documented_minimum_sizes(gold):
    normative = {"通知", "意见", "办法", "方案", "措施", "决定", "批复", "答复", "函", "规划",
                 "条例", "规定", "细则", "其他"}
    dev = [r for r in gold if r["part"] == "dev"]
    locked = [r for r in gold if r["part"] == "locked"]
    assert sum(r["doc_type"] not in normative for r in dev) >= 110
    assert sum(r["doc_type"] in normative for r in dev) >= 30
    assert len(locked) >= 160
    provinces = {r["region"] for r in dev if r["doc_type"] == "地方性法规"}
    assert "重庆市" in provinces and len(provinces) >= 6


# The checks above must be able to fail: each one fires on a broken copy of the data.

def test_gold_check_fires_on_a_closed_vocabulary_breach_and_dates_out_of_order(gold):
    broken = [dict(r) for r in gold[:3]]
    broken[0]["doc_type"] = "法规"
    broken[1]["date_first"], broken[1]["date_written"] = "2020-01-02", "2020-01-01"
    broken[2]["date_written"] = "2020-02-30"
    problems = gold_problems([*broken, dict(gold[0])], {r["file"] for r in gold})
    assert any("doc_type" in p for p in problems)
    assert any("after date_written" in p for p in problems)
    assert any("not a yyyy-mm-dd" in p for p in problems)
    assert any("more than one gold row" in p for p in problems)
    assert any("without a gold row" in p for p in problems)


def test_history_check_fires_on_text_not_in_the_document(gold):
    item = dict(read_csv("history.csv")[0])
    item["text"] = item["text"] + "（不在原文）"
    item["event"] = "废止"
    problems = history_problems([item], gold)
    assert any("verbatim" in p for p in problems)
    assert any("event" in p for p in problems)


def test_overlap_check_fires_when_a_dev_document_is_also_locked(gold):
    dev_row = next(r for r in gold if r["part"] == "dev" and r["file"].startswith("dev/"))
    assert overlap_problems([dev_row, dict(dev_row, part="locked")]) != []
