"""Entities that mean one thing: gazetteer names with owners, full names, candidates kept apart."""

from pathlib import Path

import pandas as pd
import pytest
from policytext.language.entities import entity_tables, find_mentions, gazetteer, normalise
from policytext.language.segment import segment


def _keys(text):
    return [m.key for m in find_mentions(text)[0] if m.source == "gazetteer"]


def test_a_coordinated_plan_name_is_kept_whole():
    text = (
        "先后制定实施深化体制机制改革加快实施创新驱动发展战略行动计划、科教兴市和人才强市行动计划、"
        "以大数据智能化为引领的创新驱动发展战略行动计划"
    )
    keys = _keys(text)
    assert "科教兴市和人才强市行动计划" in keys and "人才强市行动计划" not in keys
    assert not any(c.key == "人才强市行动计划" for c in find_mentions(text)[1])


def test_no_stray_word_is_glued_in_front_of_a_fund_name():
    entities, candidates = find_mentions("通过种子、天使、风险三支政府创投引导基金撬动社会资本")
    assert [(m.name, m.kind, m.jurisdiction) for m in entities] == [("三支政府创投引导基金", "fund", "Chongqing")]
    assert candidates == []


def test_the_two_western_science_cities_are_two_entities_of_two_jurisdictions():
    chengdu = find_mentions("一是高质量建设西部（成都）科学城。")[0]
    chongqing = find_mentions("高水平建设西部(重庆)科学城,强化“五区”联动")[0]
    assert [(m.key, m.jurisdiction) for m in chengdu] == [("西部(成都)科学城", "Chengdu")]
    assert [(m.key, m.jurisdiction) for m in chongqing] == [("西部(重庆)科学城", "Chongqing")]


def test_two_three_year_action_plans_of_different_owners_stay_apart():
    a = find_mentions("制定科技服务业高质量发展三年行动计划,打造科技创新全链条的服务体系")[0]
    b = find_mentions("实施技术经纪(经理)人队伍建设三年行动计划,筹建技术转移学院")[0]
    assert [(m.key, m.jurisdiction) for m in a] == [("科技服务业高质量发展三年行动计划", "Chongqing")]
    plans = [(m.key, m.jurisdiction) for m in b if m.kind == "plan"]
    assert plans == [("技术经纪(经理)人队伍建设三年行动计划", "Chengdu")]


def test_generic_words_are_never_entities():
    text = "引进更多跨国公司、国内外一流大学、国家级科研院所设立区域总部,深化国内外科技合作"
    entities, candidates = find_mentions(text)
    assert not any("国内外" in m.name for m in entities + candidates)


def test_a_name_in_quotation_marks_is_read_whole():
    text = "我们将认真实施‘重科英才’计划,设立2000万元的人才引育基金"
    (found,) = [m for m in find_mentions(text)[0] if m.kind == "programme"]
    assert (found.key, found.jurisdiction) == ("重科英才计划", "Chongqing")
    assert text[found.start : found.end] == "‘重科英才’计划"
    assert [m.key for m in find_mentions("实施“重科英才”计划")[0]] == ["重科英才计划"]


def test_an_umbrella_name_is_not_counted_on_top_of_its_parts():
    text = "推进实施“蓉漂计划”“蓉城英才计划”“产业建圈强链人才计划”三大人才计划"
    entities, candidates = find_mentions(text)
    assert [m.key for m in entities] == ["蓉漂计划", "蓉城英才计划", "产业建圈强链人才计划"]
    assert candidates == []
    alone = find_mentions("川渝共建西部科学城")[0]
    assert [(m.key, m.jurisdiction) for m in alone if m.kind == "platform"] == [("西部科学城", "Chengdu–Chongqing")]


def test_unknown_names_found_by_rules_are_candidates_not_entities():
    entities, candidates = find_mentions("实施“星火”计划,建设乡村振兴研究院")
    assert entities == []
    assert {(c.key, c.source) for c in candidates} == {("星火计划", "quoted"), ("乡村振兴研究院", "rule")}


def test_entity_tables_separate_counted_entities_from_candidates(tables):
    named, candidates = tables.entities, tables.entity_candidates
    assert list(named.columns) == list(candidates.columns)
    assert set(named["source"]) <= {"gazetteer", "title", "place"}
    assert set(candidates["source"]) <= {"rule", "quoted"}
    gaz = named[named["source"] == "gazetteer"]
    assert set(gaz["key"]) <= set(gazetteer())
    text = tables.sentences.set_index("sentence_id")["text"]
    for r in pd.concat([named, candidates]).itertuples():
        assert text[r.sentence_id][r.start : r.end].replace("（", "(").replace("）", ")").strip("“”‘’\"") != ""
    shared = gaz.groupby("key")["doc_id"].nunique()
    assert shared["西部(重庆)科学城"] == 3 and "西部(成都)科学城" in shared


def test_every_gazetteer_part_is_itself_listed_and_kinds_are_known():
    for entity in gazetteer().values():
        assert entity.kind in {"programme", "platform", "initiative", "fund", "institution", "plan"}
        assert all(p in gazetteer() for p in entity.parts)


def test_entity_tables_on_a_hand_made_table():
    sentences = pd.DataFrame({"doc_id": ["d"], "clause_id": ["d/c1"], "sentence_id": ["d/c1/1"],
                              "text": ["清华大学与重庆市科学技术研究院共建实验室"]})
    named, candidates = entity_tables(sentences)
    assert candidates.empty
    assert named[["key", "type", "start", "end"]].values.tolist() == [
        ["清华大学", "institution", 0, 4], ["重庆市科学技术研究院", "institution", 5, 15]
    ]


@pytest.fixture(scope="module")
def tables(seed_tables):
    return seed_tables


DEVSET = Path(__file__).parent / "data" / "devset"


@pytest.fixture(scope="module")
def devset(devset_tables):
    return devset_tables


def _segments(sentences):
    from policytext.language.segment import segment

    return [segment(t) for t in sentences["text"]]


def _per_document(sentences, segments):
    """entity_tables called once per document, the results concatenated as the per-document parse does."""
    parts = ([], [])
    for doc_id in dict.fromkeys(sentences["doc_id"]):
        mine = (sentences["doc_id"] == doc_id).tolist()
        own = sentences[mine].reset_index(drop=True)
        own_segments = [s for s, m in zip(segments, mine, strict=True) if m]
        for part, frame in zip(parts, entity_tables(own, own_segments), strict=True):
            if not frame.empty:
                part.append(frame)
    return [pd.concat(part, ignore_index=True) for part in parts]


@pytest.mark.parametrize("corpus_name", ["seeds", "devset"])
def test_a_table_of_many_documents_gives_the_rows_of_each_document_in_turn(corpus_name, tables, request):
    sentences = (tables if corpus_name == "seeds" else request.getfixturevalue("devset")).sentences
    segments = _segments(sentences)
    together = entity_tables(sentences, segments)
    assert together[0]["doc_id"].nunique() > 1 and not together[1].empty
    for whole, parts in zip(together, _per_document(sentences, segments), strict=True):
        pd.testing.assert_frame_equal(whole, parts)


@pytest.mark.parametrize("corpus_name", ["seeds", "devset"])
def test_passing_the_segmentation_changes_no_mention(corpus_name, tables, request):
    """With the tokens given, a sentence with a 《title》 has the title blanked in its tokens rather than
    being cut again; the mentions must be those found when the sentence is cut from scratch."""
    sentences = (tables if corpus_name == "seeds" else request.getfixturevalue("devset")).sentences
    assert sentences["text"].str.contains("《").any()
    for given, cut in zip(entity_tables(sentences, _segments(sentences)), entity_tables(sentences), strict=True):
        pd.testing.assert_frame_equal(given, cut)


def test_a_title_hides_its_words_from_the_name_rules_and_spans_survive_quotation_marks():
    text = "根据《重庆市科技创新中心建设方案》,实施“重科英才”计划和‘蓉漂’计划,建设乡村振兴研究院"
    entities, candidates = find_mentions(text, segment(text))
    assert (entities, candidates) == find_mentions(text)
    assert [(m.kind, text[m.start : m.end]) for m in entities if m.kind != "place"][:2] == [
        ("document", "《重庆市科技创新中心建设方案》"), ("programme", "“重科英才”计划")
    ]
    assert not any("科技创新中心" in c.name for c in candidates)
    assert "乡村振兴研究院" in [c.key for c in candidates]
    for m in entities + candidates:
        assert normalise(text[m.start : m.end]).replace("‘", "").replace("’", "") == normalise(m.name)


def test_a_segmentation_of_another_length_is_refused():
    sentences = pd.DataFrame({"doc_id": ["d"], "clause_id": ["d/c1"], "sentence_id": ["d/c1/1"],
                              "text": ["建设实验室"]})
    with pytest.raises(ValueError, match="1 sentences"):
        entity_tables(sentences, [["建设"], ["实验室"]])


def test_a_suffix_listed_twice_is_refused(monkeypatch):
    import policytext.language.entities as entities_module

    twice = [["platform", "实验室", "laboratory"], ["institution", "实验室", "laboratory"]]
    monkeypatch.setattr(entities_module, "rows", lambda name: twice)
    entities_module.suffixes.cache_clear()
    try:
        with pytest.raises(ValueError, match="entities.tsv: suffixes listed twice: 实验室"):
            entities_module.suffixes()
    finally:
        entities_module.suffixes.cache_clear()


# --- names on word boundaries, kinds from the gazetteer, names inside titles --------------------------

@pytest.mark.parametrize(("text", "absent", "present"), [
    # the seeds' counter-example: 科技部门 ("S&T departments") is no mention of 科技部, the Ministry
    ("科技部门将从哪些方面发力?", "科学技术部", None),
    ("兼具群团组织和科技部门的“双重属性”。", "科学技术部", None),
    ("中央军事委员会科学技术部门。", "科学技术部", None),  # the reference corpus's counter-example
    ("科技部印发通知。", None, "科学技术部"),
    ("会同科技部、教育部开展评估。", None, "科学技术部"),
])
def test_a_gazetteer_name_is_never_read_inside_a_longer_word(text, absent, present):
    keys = _keys(text)
    assert absent is None or absent not in keys
    assert present is None or present in keys
    from policytext.language.entities import gazetteer_mentions

    assert [m.key for m in gazetteer_mentions(text)] == keys


def test_national_designations_of_places_are_platforms_and_talent_schemes_programmes():
    g = gazetteer()
    for name in ("国家实验室", "国家重点实验室", "国家技术创新中心", "国家自主创新示范区", "国家大学科技园"):
        assert g[name].kind == "platform", name
    for name in ("蓉漂计划", "重科英才计划", "国家高层次人才特殊支持计划"):
        assert g[name].kind == "programme", name
    assert g["科学技术部"].kind == "institution" and g["科教兴市和人才强市行动计划"].kind == "plan"


def test_the_kinds_are_documented_in_the_gazetteer_header():
    header = (Path(__file__).parents[1] / "lib" / "policytext" / "data" / "gazetteer.tsv").read_text(encoding="utf-8")
    for kind in ("platform", "programme", "institution", "plan", "fund", "initiative", "unclassified"):
        assert f"#                 {kind}" in header or f"'{kind}'" in header, kind


def test_both_cities_name_the_same_platforms_whatever_the_table_read(seed_tables):
    # notebook 01 reads platforms and institutions, notebook 04 every kind: a designation typed as a
    # programme made 国家实验室 shared in one and absent from the other
    from policytext.findings.summaries import shared_entities

    shared = shared_entities(seed_tables)
    e = seed_tables.entities.assign(region=seed_tables.entities["doc_id"].map(
        seed_tables.documents.set_index("doc_id")["region"]))
    both = {k for k, g in e[e["type"] == "platform"].groupby("key") if g["region"].nunique() > 1}
    assert "国家实验室" in both
    assert both <= set(shared["key"])


def test_a_name_inside_a_title_is_read_with_the_title_as_its_context():
    text = "编制《成渝综合性科学中心建设方案》,建设西部(成都)科学城"
    entities, candidates = find_mentions(text, segment(text))
    assert (entities, candidates) == find_mentions(text)
    inside = [m for m in entities if m.key == "成渝综合性科学中心"]
    assert len(inside) == 1 and inside[0].context == "《成渝综合性科学中心建设方案》"
    assert text[inside[0].start : inside[0].end] == "成渝综合性科学中心"
    assert [m.context for m in entities if m.key == "西部(成都)科学城"] == [""]
    assert "document" in [m.kind for m in entities]  # the title itself is still the document


def test_on_the_seeds_the_science_cities_named_in_plan_titles_are_read(seed_tables):
    e = seed_tables.entities
    titled = e[e["context"] != ""]
    assert set(titled["context"].str[0]) == {"《"} and (titled["source"] == "gazetteer").all()
    assert {"成渝综合性科学中心", "西部(重庆)科学城"} <= set(titled["key"])
    assert not ((e["key"] == "科学技术部") & (e["doc_id"] == "cq-daily-2021")).any()  # 科技部门 in that text
