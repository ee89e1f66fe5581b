"""Document types: the closed vocabulary, the catalog's genres mapped onto it (one warning for unknown
ones), types inferred from title, issuer and history, and the PMC scope that follows them."""

import warnings
from pathlib import Path

import pandas as pd
import pytest
from policytext.coding.pmc import in_scope, scope
from policytext.errors import CorpusWarning
from policytext.parsing.doctypes import check_genres, headline_title, infer_type, type_names, type_of_genre
from policytext.reading.catalog import read_catalog

ROOT = Path(__file__).resolve().parent.parent
VOCABULARY = ("法律", "行政法规", "地方性法规", "部门规章", "地方政府规章", "司法解释", "党内法规", "通知", "意见",
              "办法", "方案", "措施", "决定", "批复", "答复", "函", "规划", "条例", "规定", "细则", "其他")


def test_vocabulary_is_closed_and_every_type_has_a_pmc_scope():
    assert type_names() == VOCABULARY
    assert all(t in scope() for t in VOCABULARY)


@pytest.mark.parametrize(("genre", "inferred", "expected"), [
    ("official notice", "", "通知"), ("Official Reply", "", "答复"), ("law", "", "法律"), ("通知", "", "通知"),
    ("regulation", "地方性法规", "地方性法规"), ("regulation", "行政法规", "行政法规"),
    ("regulation", "通知", "行政法规"),
    ("implementation-opinion", "", "意见"), ("interview", "", "其他"), ("poem", "", ""),
])
def test_catalog_genres_map_onto_the_vocabulary(genre, inferred, expected):
    assert type_of_genre(genre, inferred) == expected


def test_seed_catalog_genres_are_all_known():
    for catalog in (ROOT / "seeds" / "catalog.csv", ROOT / "seeds" / "reference" / "catalog.csv"):
        with warnings.catch_warnings():
            warnings.simplefilter("error", CorpusWarning)
            rows = read_catalog(catalog)
        assert all(type_of_genre(r["genre"]) for r in rows)


def test_unknown_genres_give_one_warning_naming_the_file_and_the_allowed_values(tmp_path):
    (tmp_path / "a.txt").write_text("关于某事的通知\n各单位：\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("某某办法\n第一条 ……\n", encoding="utf-8")
    (tmp_path / "catalog.csv").write_text(
        "doc_id,file,genre\na,a.txt,poem\nb,b.txt,memo\n", encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        read_catalog(tmp_path / "catalog.csv")
    mine = [w for w in caught if "document type" in str(w.message)]
    assert len(mine) == 1
    message = str(mine[0].message)
    assert str(tmp_path / "catalog.csv") in message and "'memo'" in message and "'poem'" in message
    assert "法律" in message and "其他" in message
    assert check_genres("x.csv", ["law", "notice", ""]) == []


@pytest.mark.parametrize(("title", "issuers", "bodies", "orders", "expected"), [
    ("中华人民共和国数据安全法", [], ["全国人民代表大会常务委员会"], [], "法律"),
    ("中华人民共和国刑法修正案（十一）", [], ["全国人民代表大会常务委员会"], [], "法律"),
    ("优化营商环境条例", [], ["国务院"], ["中华人民共和国国务院令第722号"], "行政法规"),
    ("工人考核条例", [], ["国务院", "劳动部"], ["劳动部令第1号"], "行政法规"),
    ("重庆市林地保护管理条例", [], ["重庆市人民代表大会常务委员会"], [], "地方性法规"),
    ("食品生产经营监督检查管理办法", [], ["国家市场监督管理总局"], ["国家市场监督管理总局令第49号"], "部门规章"),
    ("重庆市政府规章制定办法", [], ["重庆市人民政府"], ["重庆市人民政府令第380号"], "地方政府规章"),
    ("最高人民法院关于审理买卖合同纠纷案件适用法律问题的解释", ["最高人民法院"], [], [], "司法解释"),
    ("最高人民检察院关于适用刑法分则规定的犯罪的罪名的意见", ["最高人民检察院"], [], [], "意见"),
    ("中国共产党纪律处分条例", ["中共中央"], [], [], "党内法规"),
    ("国务院关于印发国家职业教育改革实施方案的通知", ["国务院"], [], [], "通知"),
    ("国务院关于涉外知识产权纠纷处理的规定", ["国务院"], [], [], "行政法规"),
    ("国务院关于河北雄安新区总体规划（2018—2035年）的批复", ["国务院"], [], [], "批复"),
    ("重庆市科学技术局关于市六届人大一次会议第0159号建议办理情况的答复函", ["重庆市科学技术局"], [], [], "答复"),
    ("国务院办公厅关于湖北省巴东县地质灾害险情有关问题的复函", ["国务院办公厅"], [], [], "函"),
    ("上海市经济技术开发区条例", [], [], [], "地方性法规"),
    ("保障农民工工资支付条例", [], [], [], "行政法规"),
    ("机动车登记规定", [], [], [], "部门规章"),
    ("国务院关于在我国统一实行法定计量单位的命令", ["国务院"], ["国务院"], [], "其他"),
])
def test_types_are_inferred_from_title_issuer_and_history(title, issuers, bodies, orders, expected):
    assert infer_type(title, issuers, bodies, orders)[0] == expected


def test_headline_naming_the_kind_is_found_when_it_is_broken_over_two_lines():
    text = "重 庆 市 体 育 局\n关于印发《进一步清理消费领域限制性举措\n持续扩大消费若干措施》的通知\n各区县："
    assert headline_title(text) == "关于印发《进一步清理消费领域限制性举措持续扩大消费若干措施》的通知"
    assert headline_title("2026年1月27日\n正文没有标题。") == ""


def test_pmc_scope_follows_the_type_when_the_genre_is_unlisted():
    assert in_scope("", "法律")[0] and in_scope("poem", "通知")[0]
    assert not in_scope("", "答复")[0]
    assert in_scope("interview", "法律") == in_scope("interview")  # a listed genre wins
    assert not in_scope("poem")[0]


def test_uncatalogued_laws_are_scored_by_pmc(tmp_path):
    from policytext.pipeline.tables import parse_corpus
    from policytext.reading.corpus import load_corpus

    source = ROOT / "seeds" / "reference" / "national-st-transfer-2015.md"
    (tmp_path / "促进科技成果转化法.md").write_bytes(source.read_bytes())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        tables = parse_corpus(load_corpus(tmp_path))
    documents = tables.documents
    assert documents.loc[0, "doc_type"] == "法律" and documents.loc[0, "genre"] == "法律"
    assert bool(tables.pmc.loc[0, "in_scope"]) and pd.notna(tables.pmc.loc[0, "pmc"])
