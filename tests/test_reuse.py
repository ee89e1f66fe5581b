"""Text reuse: planted formulations are found with their offsets, unrelated texts share nothing,
formulae everyone uses are boilerplate, and the seeds' known shared formulation is found."""

import random

import pandas as pd
import policytext
import pytest
from policytext.reuse import Params, find_reuse, normalise, reuse_share, shared_spans
from policytext.tables import parse_corpus

# Characters for filler text that shares no formulation with anything: random draws from common
# policy vocabulary characters, so that segmentation and cleaning treat it as ordinary prose.
POOL = "科技创新人才企业发展建设推进加快支持服务平台体系能力质量产业转化成果研究实验室园区资金项目政策机制改革"
CATALOG = (
    "doc_id,file,sha256,title,publisher,source,region,genre,script,"
    "date_written,date_written_basis,date_published,date_published_basis,url,notes\n"
)


def filler(rng: random.Random, sentences: int) -> list[str]:
    return ["".join(rng.choice(POOL) for _ in range(rng.randint(18, 30))) + "。" for _ in range(sentences)]


def write_corpus(folder, docs: dict[str, tuple[str, str, str]]):
    """docs: doc_id -> (text, region, date_written); writes one .txt each and the catalog."""
    folder.mkdir()
    rows = []
    for doc_id, (text, region, written) in docs.items():
        (folder / f"{doc_id}.txt").write_text(text, encoding="utf-8")
        rows.append(f"{doc_id},{doc_id}.txt,,,,,{region},notice,,{written},test,,,,")
    (folder / "catalog.csv").write_text(CATALOG + "\n".join(rows) + "\n", encoding="utf-8")
    return parse_corpus(policytext.load_corpus(folder))


PLANTED = [
    "建设“一带一路”科技创新合作区和国际技术转移中心",  # 24 characters
    "实施企业研发投入后补助政策，对年度研发投入超过500万元的企业给予奖励",
    "打造具有全国影响力的科技创新中心",
    "推动成渝地区双城经济圈建设走深走实，共建西部科学城和成渝综合性科学中心，促进两地创新资源开放共享、高效配置",
]
# How each planted passage is printed in the later document: other punctuation, quotation marks and
# digit widths, and one in Traditional script.
VARIANTS = [
    "建设「一带一路」科技创新合作区和国际技术转移中心",
    "实施企业研发投入后补助政策,对年度研发投入超过５００万元的企业给予奖励",
    "打造具有全国影响力的科技创新中心",
    "推動成渝地區雙城經濟圈建設走深走實，共建西部科學城和成渝綜合性科學中心，促進兩地創新資源開放共享、高效配置",
]


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    rng = random.Random(7)
    earlier, later = filler(rng, 6), filler(rng, 6)
    for k, (passage, variant) in enumerate(zip(PLANTED, VARIANTS, strict=True)):
        earlier.insert(1 + k, passage + "。")
        later.insert(2 + k, variant + "。")
    docs = {
        "early": ("\n".join(earlier) + "\n", "Chongqing", "2020-05-01"),
        "late": ("\n".join(later) + "\n", "Chengdu", "2022-03-01"),
        "other": ("\n".join(filler(rng, 10)) + "\n", "Chengdu", "2021"),
    }
    tables = write_corpus(tmp_path_factory.mktemp("reuse") / "planted", docs)
    return tables, find_reuse(tables.clauses, tables.documents)


def test_every_planted_passage_is_found_with_offsets_in_both_documents(planted):
    tables, reuse = planted
    early, late = tables.parsed["early"].simplified, tables.parsed["late"].simplified
    pair = reuse[(reuse["source_doc"] == "early") & (reuse["target_doc"] == "late")]
    for passage in PLANTED:
        norm = normalise(passage)[0]
        hits = pair[pair["span"].map(lambda s, n=norm: n in s or (len(s) >= 0.9 * len(n) and s in n))]
        assert len(hits), passage
        row = hits.iloc[0]
        assert early[row["source_start"]:row["source_end"]] == row["source_text"]
        assert late[row["target_start"]:row["target_end"]] == row["target_text"]
        assert normalise(row["source_text"])[0] in norm or norm in normalise(row["source_text"])[0]


def test_reuse_runs_from_the_earlier_written_document_to_the_later(planted):
    _, reuse = planted
    assert set(reuse["direction"]) == {"forward"}
    assert set(zip(reuse["source_doc"], reuse["target_doc"], strict=True)) == {("early", "late")}


def test_unrelated_documents_share_nothing(planted):
    _, reuse = planted
    assert "other" not in set(reuse["source_doc"]) | set(reuse["target_doc"])


def test_a_passage_every_document_prints_is_boilerplate(tmp_path):
    rng = random.Random(11)
    shared = "各单位要切实提高政治站位把思想和行动统一到决策部署上来"
    docs = {}
    for k in range(4):
        lines = filler(rng, 5)
        lines.insert(2, shared + "。")
        docs[f"d{k}"] = ("\n".join(lines) + "\n", "Chongqing", f"202{k}")
    tables = write_corpus(tmp_path / "corpus", docs)
    reuse = find_reuse(tables.clauses, tables.documents)
    assert len(reuse) == 6 and reuse["boilerplate"].all()  # 4 documents: 6 pairs, all boilerplate
    share = reuse_share(reuse, {d: len(p.simplified) for d, p in tables.parsed.items()})
    assert (share["reused_chars"] == 0).all()


def test_a_formula_of_official_writing_is_boilerplate_however_rare():
    clauses = pd.DataFrame({
        "doc_id": ["a", "b"], "clause_id": ["a/c1", "b/c1"], "start": [0, 0], "end": [30, 30],
        "text": ["以习近平新时代中国特色社会主义思想为指导，甲乙丙丁",
                 "以习近平新时代中国特色社会主义思想为指导，戊己庚辛"],
    })
    reuse = find_reuse(clauses, pd.DataFrame({"doc_id": ["a", "b"]}))
    assert len(reuse) == 1 and reuse["boilerplate"].all() and reuse["direction"].iloc[0] == "undetermined"


def test_overlapping_written_dates_leave_the_direction_undetermined():
    text = "加快建设具有全国影响力的科技创新中心和西部科学城"
    clauses = pd.DataFrame({"doc_id": ["a", "b"], "clause_id": ["a/1", "b/1"], "start": [5, 9], "end": [29, 33],
                            "text": [text, text]})
    documents = pd.DataFrame({"doc_id": ["a", "b"], "written_from": ["2023-01-01", "2023-06-01"],
                              "written_to": ["2023-12-31", "2023-06-30"]})
    reuse = find_reuse(clauses, documents)
    assert reuse[["direction", "source_start", "target_start"]].values.tolist() == [["undetermined", 5, 9]]


def test_normalising_maps_every_character_back_to_its_original():
    text = "对年度研发投入超过５００万元（含）的企业，给予“最高”1,200万元奖励。ＡＢc"
    norm, where = normalise(text)
    assert norm == "对年度研发投入超过#万元含的企业给予最高#万元奖励abc"
    assert len(where) == len(norm) and where == sorted(where)
    assert all(text[i] in (c, c.upper()) or c == "#" or text[i] in "ＡＢ" for c, i in zip(norm, where, strict=True))


def test_short_common_phrases_are_not_reuse():
    assert shared_spans("我们要加快科技创新步伐。", "他们说加快科技创新很重要。") == []
    assert shared_spans("甲" * 5 + "推进科技成果转化", "乙" * 5 + "推进科技成果转化", Params(min_chars=8)) != []


def test_the_seeds_share_the_belt_and_road_formulation_from_chongqing_to_chengdu(seed_tables):
    tables = seed_tables
    reuse = find_reuse(tables.clauses, tables.documents)
    hit = reuse[reuse["span"] == normalise("建设“一带一路”科技创新合作区和国际技术转移中心")[0]]
    assert hit[["source_doc", "target_doc", "direction"]].values.tolist() == [
        ["cq-daily-2021", "cd-bureau-2023", "forward"]
    ]
    assert not hit["boilerplate"].any()
