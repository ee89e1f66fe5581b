"""Readable, stable ids for documents no catalog names."""

import re
import warnings
from pathlib import Path

from policytext.errors import CorpusWarning
from policytext.reading.corpus import load_corpus
from policytext.reading.docids import readable_id, unique_id

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "tests" / "data" / "laws" / "dev"  # real files of LawRefBook/Laws (sources in its sources.csv)
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def load(folder):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        return load_corpus(folder)


def test_ids_name_place_type_year_and_a_hash_of_the_title():
    law = ("# 中华人民共和国数据安全法\n\n2021年6月10日 第十三届全国人民代表大会常务委员会第二十九次会议通过\n\n"
           "第一条 ……")
    assert re.fullmatch(r"national-law-2021-[0-9a-f]{4}", readable_id("", law))
    local = "# 重庆市林地保护管理条例\n\n1998年5月29日 重庆市第一届人民代表大会常务委员会第九次会议通过\n第一条 ……"
    assert re.fullmatch(r"cq-localreg-1998-[0-9a-f]{4}", readable_id("", local))
    notice = "成都市科学技术局关于某事的通知\n各单位：\n……"
    assert re.fullmatch(r"chengdu-notice-[0-9a-f]{4}", readable_id("", notice))


def test_chinese_numbered_and_dated_file_names_get_readable_unique_ids(tmp_path):
    names = ["数据安全法(2021-06-10).md", "重庆市林地保护管理条例(2018-07-26).md", "2018-12-17.md", "123.md"]
    sources = ["数据安全法(2021-06-10).md", "重庆市林地保护管理条例(2018-07-26).md", "机动车登记规定(2021-12-17).md",
               "机动车驾驶证申领和使用规定(2021-12-17).md"]
    for name, source in zip(names, sources, strict=True):
        (tmp_path / name).write_bytes((DEV / source).read_bytes())
    documents = load(tmp_path).documents
    ids = documents["doc_id"].tolist()
    assert len(set(ids)) == 4 and all(_ID.match(i) for i in ids)
    assert not any(i == "doc" or i.startswith("doc-") or re.fullmatch(r"[\d-]+", i) for i in ids)
    by_file = dict(zip(documents["source_file"], ids, strict=True))
    assert by_file["数据安全法(2021-06-10).md"].startswith("national-law-2021-")
    assert by_file["重庆市林地保护管理条例(2018-07-26).md"].startswith("cq-localreg-2018-")
    assert by_file["123.md"].startswith("national-deptrules-")


def test_ids_are_stable_across_runs_and_renames(tmp_path):
    source = DEV / "中央储备粮管理条例(2016-02-06).md"
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "中央储备粮管理条例.md").write_bytes(source.read_bytes())
    (tmp_path / "b" / "储备粮.md").write_bytes(source.read_bytes())
    first, again, renamed = load(tmp_path / "a").doc_ids, load(tmp_path / "a").doc_ids, load(tmp_path / "b").doc_ids
    assert first == again == renamed
    assert first[0].startswith("national-adminreg-2011-")


def test_same_title_twice_gets_a_longer_hash_not_a_counter():
    used = {"national-law-2021-75d4"}
    other = unique_id("national-law-2021-75d4", used, "标题", "另一个文本")
    assert other != "national-law-2021-75d4" and re.fullmatch(r"national-law-2021-[0-9a-f]{8}", other)
    assert unique_id("national-law-2021-0000", used, "标题", "x") == "national-law-2021-0000"


def test_a_readable_ascii_file_name_is_kept(tmp_path):
    (tmp_path / "xian_news.txt").write_text("某某新闻\n正文。\n", encoding="utf-8")
    assert load(tmp_path).doc_ids == ["xian-news"]
