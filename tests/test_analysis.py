"""Keywords, keyness, co-occurrence, theme/instrument codes and entities."""

import math

import pandas as pd
import pytest
from policytext.coding.codes import INSTRUMENTS, THEMES, code_clauses, code_sentences, code_text, kwic
from policytext.language.cooccurrence import cooccurrence, cooccurrence_graph
from policytext.language.entities import entities, entity_summary, find_entities, normalise
from policytext.language.keywords import concept_map, keyness, textrank, tfidf


@pytest.fixture(scope="module")
def tables(seed_tables):
    return seed_tables


def test_tfidf_gives_zero_to_terms_in_every_document():
    table = tfidf({"a": ["科技", "人才", "人才"], "b": ["科技", "金融"]}, top=None)
    scores = table.set_index(["doc_id", "term"])["score"]
    assert scores[("a", "科技")] == 0
    assert scores[("a", "人才")] == pytest.approx(2 / 3 * math.log(3 / 2))


def test_textrank_is_deterministic_and_favours_connected_words():
    tokens = ["科技", "创新", "人才", "科技", "创新", "金融", "科技"]
    assert textrank(tokens) == textrank(list(tokens))
    assert textrank(tokens)[0][0] == "科技"


def test_keyness_signs_counts_and_group_labels():
    a = {"a1": ["创业"] * 10 + ["政策"] * 10, "a2": ["创业", "政策"]}
    b = {"b1": ["融资"] * 10 + ["政策"] * 10, "b2": ["政策"]}
    k = keyness(a, b, labels=("Chengdu", "Chongqing")).set_index("term")
    assert k.loc["创业", "favours"] == "Chengdu" and k.loc["融资", "favours"] == "Chongqing"
    assert (k.loc["创业", "count_a"], k.loc["创业", "count_b"], k.loc["创业", "docs_a"]) == (11, 0, 2)
    assert k.loc["创业", "g2"] > 0 > k.loc["融资", "g2"]
    assert 0 < k.loc["创业", "p"] < 0.01
    with pytest.raises(ValueError):
        keyness({"a": []}, b)


def test_keyness_claims_no_significance_when_a_side_is_one_document():
    k = keyness({"a1": ["创业"] * 30 + ["政策"] * 10}, {"b1": ["政策"] * 10, "b2": ["融资"] * 5})
    assert not k.attrs["significance"] and k["p"].isna().all()
    assert k.attrs["documents"] == (1, 2)


def test_keyness_leaves_out_places_self_references_and_merges_concept_variants():
    a = {"a1": ["成都", "我市", "科技成果转化", "转移转化", "创业"], "a2": ["成果转化", "记者"]}
    b = {"b1": ["重庆", "本市", "转化", "融资"], "b2": ["融资"]}
    k = keyness(a, b).set_index("term")
    assert not {"成都", "重庆", "我市", "本市", "记者", "科技成果转化", "转移转化"} & set(k.index)
    assert (k.loc["成果转化", "count_a"], k.loc["成果转化", "count_b"]) == (3, 1)
    assert (k.loc["成果转化", "docs_a"], k.loc["成果转化", "docs_b"]) == (2, 1)


def test_each_concept_variant_belongs_to_one_concept():
    mapping = concept_map()
    assert mapping["转移转化"] == mapping["科技成果转化"] == "成果转化"
    assert all(concept_map().get(concept, concept) == concept for concept in set(mapping.values()))


def test_cooccurrence_counts_and_pmi():
    pairs = cooccurrence([["a", "b"], ["a", "b"], ["a", "c"], ["d"]])
    row = pairs.set_index(["term_a", "term_b"]).loc[("a", "b")]
    assert row["count"] == 2
    assert row["pmi"] == pytest.approx(math.log2((2 / 4) / ((3 / 4) * (2 / 4))))
    graph = cooccurrence_graph(pairs)
    assert graph["a"]["b"]["count"] == 2 and graph.number_of_nodes() == 3


def test_sentences_are_coded_with_evidence():
    codes = code_text("深化知识价值信用贷款改革，支持企业引进高层次人才团队，推动川渝协同创新。")
    assert set(codes["themes"].split(";")) >= {"finance", "talent", "cooperation"}
    assert "environment" in codes["instruments"].split(";")
    assert "environment/financial_support" in codes["subtools"].split(";")


def test_hits_table_is_the_evidence_one_row_per_hit_with_spans(tables):
    hits = tables.hits
    assert list(hits.columns) == [
        "doc_id", "clause_id", "sentence_id", "scheme", "category", "subtool", "term", "match", "start", "end"
    ]
    text = tables.sentences.set_index("sentence_id")["text"]
    for r in hits.sample(200, random_state=0).itertuples():
        assert text[r.sentence_id][r.start : r.end].replace("（", "(").replace("）", ")") == r.match
    coded = tables.codes.set_index("sentence_id")
    for r in hits.drop_duplicates(["sentence_id", "category"]).sample(100, random_state=0).itertuples():
        column = "themes" if r.scheme == "theme" else "instruments"
        assert r.category in coded.loc[r.sentence_id, column].split(";")


def test_codes_table_layout_and_clause_union(tables):
    codes = tables.codes
    assert list(codes.columns[:4]) == ["doc_id", "clause_id", "sentence_id", "text"]
    assert len(codes) == len(tables.sentences)
    for cell in codes["themes"]:
        assert set(filter(None, cell.split(";"))) <= set(THEMES)
    for cell in codes["instruments"]:
        assert set(filter(None, cell.split(";"))) <= set(INSTRUMENTS)
    clauses = code_clauses(code_sentences(tables.sentences))
    one = clauses.set_index("clause_id").loc["cd-bureau-2023/a1/s4/c4"]
    assert "finance" in one["themes"]


def test_kwic_shows_context(tables):
    view = kwic(tables.sentences, "知识价值信用贷款", width=4)
    assert len(view) >= 3 and (view["match"] == "知识价值信用贷款").all()


def test_entities_find_named_platforms_programmes_and_places():
    found = dict(find_entities("高水平建设西部(重庆)科学城，金凤实验室正式揭牌投用，推进实施“蓉漂计划”。"))
    assert found["西部(重庆)科学城"] == "platform"
    assert found["金凤实验室"] == "platform"
    assert found["蓉漂计划"] == "programme"
    assert dict(find_entities("发布《重庆市科技创新促进条例》。")) == {"《重庆市科技创新促进条例》": "document"}


def test_entities_are_deduplicated_by_normalised_name(tables):
    assert normalise("西部（重庆）科学城") == normalise("西部(重庆)科学城")
    summary = entity_summary(entities(tables.sentences))
    assert summary["key"].is_unique or summary.duplicated(["key", "type"]).sum() == 0
    row = summary[summary["key"] == "西部(重庆)科学城"].iloc[0]
    assert row["documents"] == 3 and row["type"] == "platform" and row["jurisdiction"] == "Chongqing"


def test_language_tables_are_exported_with_expected_columns(tables):
    assert {"doc_id", "clause_id", "sentence_id", "token", "start", "end"} <= set(tables.tokens.columns)
    assert {"doc_id", "method", "rank", "term", "score", "count"} == set(tables.keywords.columns)
    assert {"doc_id", "clause_id", "surface", "value", "unit", "qualifier", "subject", "kind", "sentence"} <= set(
        tables.indicators.columns
    )
    assert isinstance(tables.entities, pd.DataFrame) and not tables.entities.empty
