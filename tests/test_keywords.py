"""Keywords: TextRank on an edge list gives the keywords of the graph-and-matrix version it replaced;
keyness says which group each side is."""

from collections import Counter
from pathlib import Path

import networkx as nx
import numpy as np
import pytest
from policytext.language.keywords import keyness, textrank, textrank_table

DEVSET = Path(__file__).parent / "data" / "devset"


def reference_textrank(tokens, window=5, top=20):
    """The former implementation, kept as the specification: a networkx graph built edge by edge and
    PageRank by power iteration on a dense n × n matrix."""
    graph = nx.Graph()
    words = [t for t in tokens if len(t) > 1]
    graph.add_nodes_from(sorted(set(words)))
    for i, w in enumerate(words):
        for v in words[i + 1 : i + window]:
            if v != w:
                weight = graph.get_edge_data(w, v, {"weight": 0})["weight"] + 1
                graph.add_edge(w, v, weight=weight)
    if graph.number_of_nodes() == 0:
        return []
    ranks = _reference_pagerank(graph)
    return sorted(ranks.items(), key=lambda kv: (-round(kv[1], 12), kv[0]))[:top]


def _reference_pagerank(graph, damping=0.85, tol=1e-6, max_iter=100):
    nodes = sorted(graph.nodes)
    index = {v: i for i, v in enumerate(nodes)}
    n = len(nodes)
    weights = np.zeros((n, n))
    for a, b, d in graph.edges(data=True):
        weights[index[a], index[b]] = weights[index[b], index[a]] = d["weight"]
    strength = weights.sum(axis=1)
    transition = weights / np.where(strength == 0, 1, strength)[:, None]
    rank = np.full(n, 1 / n)
    for _ in range(max_iter):
        new = (1 - damping) / n + damping * (rank @ transition)
        done = np.abs(new - rank).sum() < n * tol
        rank = new
        if done:
            break
    return dict(zip(nodes, rank.tolist(), strict=True))


def assert_same_keywords(tokens, **options):
    got, expected = textrank(tokens, **options), reference_textrank(tokens, **options)
    assert [w for w, _ in got] == [w for w, _ in expected]
    assert np.allclose([s for _, s in got], [s for _, s in expected], rtol=0, atol=1e-9)


@pytest.fixture(scope="module")
def seed_tokens(seed_tables):
    return seed_tables.doc_tokens()


@pytest.fixture(scope="module")
def devset_tokens(devset_tables):
    return devset_tables.doc_tokens()


@pytest.mark.parametrize("options", [{}, {"window": 3, "top": 60}, {"window": 10, "top": 5}])
def test_every_seed_has_the_keywords_and_scores_of_the_former_implementation(seed_tokens, options):
    assert len(seed_tokens) > 1
    for tokens in seed_tokens.values():
        assert_same_keywords(tokens, **options)


def test_every_development_document_has_the_keywords_and_scores_of_the_former_implementation(devset_tokens):
    assert len(devset_tokens) > 1
    for tokens in devset_tokens.values():
        assert_same_keywords(tokens)
        assert_same_keywords(tokens, window=2, top=30)


@pytest.mark.parametrize("tokens", [
    [], ["的", "在"], ["创新"], ["创新", "创新", "创新"], ["创新", "的", "平台"],
    ["科技", "创新", "科技", "平台", "人才"] * 3,
    ["甲方", "乙方", "丙方", "丁方"] * 6 + ["甲方"],  # a ring: every word scores the same, ties go by word
])
def test_small_and_degenerate_inputs_agree_with_the_former_implementation(tokens):
    for window in (1, 2, 5):
        for top in (2, 20):
            assert_same_keywords(tokens, window=window, top=top)


def test_words_that_tie_are_ranked_by_word():
    ring = ["丁方", "丙方", "乙方", "甲方"] * 6 + ["丁方"]
    assert [w for w, _ in textrank(ring, window=2, top=3)] == sorted(set(ring))[:3]


def test_a_window_below_one_is_refused():
    with pytest.raises(ValueError, match="window must be at least 1"):
        textrank(["科技", "创新"], window=0)


def test_scores_are_a_distribution_and_the_best_connected_word_leads():
    tokens = ["科技", "创新", "科技", "人才", "科技", "平台", "资金", "政策"]
    ranked = textrank(tokens, top=100)
    assert ranked[0][0] == "科技"
    assert sum(s for _, s in ranked) == pytest.approx(1.0)


def test_the_table_gives_each_document_its_keywords_with_their_counts(seed_tokens):
    table = textrank_table(seed_tokens, top=10)
    assert list(table["doc_id"].unique()) == list(seed_tokens)
    for doc_id, tokens in seed_tokens.items():
        rows = table[table["doc_id"] == doc_id]
        assert rows["rank"].tolist() == list(range(1, len(rows) + 1))
        assert rows["term"].tolist() == [w for w, _ in reference_textrank(tokens, top=10)]
        assert rows["count"].tolist() == [Counter(tokens)[t] for t in rows["term"]]


def test_keyness_names_the_sides_by_the_labels_given():
    a = {"a1": ["创业"] * 10 + ["政策"] * 10, "a2": ["创业", "政策"]}
    b = {"b1": ["融资"] * 10 + ["政策"] * 10, "b2": ["政策"]}
    k = keyness(a, b, labels=("Chengdu", "Chongqing"))
    assert set(k["favours"]) == {"Chengdu", "Chongqing"}
    assert k.attrs["labels"] == ("Chengdu", "Chongqing")
    assert k.attrs["sides"] == {"a": "Chengdu", "b": "Chongqing"}
    plain = keyness(a, b)
    assert set(plain["favours"]) == {"a", "b"} and plain.attrs["sides"] == {"a": "a", "b": "b"}


@pytest.mark.parametrize("labels", [("Chengdu", "Chengdu"), ("Chengdu",), ("A", "B", "C")])
def test_keyness_refuses_labels_that_do_not_tell_two_sides_apart(labels):
    with pytest.raises(ValueError, match="labels must name the two sides"):
        keyness({"a1": ["创业"]}, {"b1": ["融资"]}, labels=labels)


# --- artefacts of wording are not keyness ------------------------------------------------------------

def test_one_concept_written_two_ways_is_counted_once():
    # Chengdu writes the abbreviation, Chongqing the enumeration (its 、 and 和 already dropped)
    a = {"cd": ["引进", "高校院所", "建设"] * 3}
    b = {"cq": ["引进", "高校", "院所", "建设"], "cq2": ["高校", "科研院所", "合作"] * 2}
    k = keyness(a, b).set_index("term")
    assert (k.loc["高校院所", "count_a"], k.loc["高校院所", "count_b"]) == (3, 3)
    assert "院所" not in k.index and "科研院所" not in k.index
    # a word of the run standing alone is its own word
    k = keyness({"a": ["高校", "建设"]}, {"b": ["院所", "建设"]}).set_index("term")
    assert {"高校", "院所"} <= set(k.index) and "高校院所" not in k.index


def test_slogans_are_left_out_of_the_ranking_and_reported_apart():
    from policytext.language.segment import tokenize

    slogan = tokenize("建设具有全国影响力的科技创新中心")
    a = {"cd": ["提升", "影响力", "企业"]}
    b = {"cq": slogan * 5 + ["企业"], "cq2": [*tokenize("坚持四个面向"), "企业"]}
    k = keyness(a, b)
    counts = k.set_index("term")
    # the slogan's words do not count as words: 影响力 is Chengdu's own use only
    assert (counts.loc["影响力", "count_a"], counts.loc["影响力", "count_b"]) == (1, 0)
    assert not {"四个面向", "科技创新中心", "具有全国影响力的科技创新中心"} & set(k["term"])
    assert k.attrs["formulas"] == {"具有全国影响力的科技创新中心": (0, 5), "四个面向": (0, 1)}


def test_on_the_seeds_the_two_spellings_of_universities_and_institutes_are_one_term(seed_tables):
    from policytext.language.keywords import formula_counts, keyness_tokens

    tokens = seed_tables.doc_tokens()
    region = seed_tables.documents.set_index("doc_id")["region"]
    cd = {d: t for d, t in tokens.items() if region[d] == "Chengdu"}
    cq = {d: t for d, t in tokens.items() if region[d] == "Chongqing"}
    k = keyness(cd, cq, labels=("Chengdu", "Chongqing")).set_index("term")
    # Chongqing's texts write 高校、院所 / 高校、科研院所: the concept is on both sides, not Chengdu's alone
    assert k.loc["高校院所", "count_b"] > 0 and k.loc["高校院所", "docs_b"] >= 2
    # the 2020 positioning slogan is quoted on the Chongqing side; it is reported, never ranked
    assert any(formula_counts(t)["具有全国影响力的科技创新中心"] for t in cq.values())
    assert "具有全国影响力的科技创新中心" not in k.index
    assert all("具有全国影响力的科技创新中心" not in keyness_tokens(t) for t in tokens.values())


def test_names_of_meetings_and_bodies_are_left_out_of_the_ranking_like_slogans():
    from policytext.language.segment import tokenize

    # 经济 inside a conference's or a commission's name says which text reports the meeting, not a policy
    a = {"cd": ["经济", "企业", "创新"]}
    b = {"cq": [*tokenize("全市经济工作会议"), *tokenize("中央经济工作会议"), *tokenize("市经济信息委"), "企业"]}
    k = keyness(a, b)
    counts = k.set_index("term")
    assert (counts.loc["经济", "count_a"], counts.loc["经济", "count_b"]) == (1, 0)
    assert k.attrs["formulas"] == {"中央经济工作会议": (0, 1), "经济工作会议": (0, 1), "市经济信息委": (0, 1)}


def test_on_the_seeds_chongqing_economy_is_no_longer_its_meeting_and_agency_names(seed_tables):
    tokens = seed_tables.doc_tokens()
    region = seed_tables.documents.set_index("doc_id")["region"]
    cd = {d: t for d, t in tokens.items() if region[d] == "Chengdu"}
    cq = {d: t for d, t in tokens.items() if region[d] == "Chongqing"}
    k = keyness(cd, cq, labels=("Chengdu", "Chongqing"))
    # the economic work conference (cq-daily-2021) and 市经济信息委 (cq-reply-2023) are reported apart
    assert {"经济工作会议", "市经济信息委"} <= set(k.attrs["formulas"])
    economy = k.set_index("term").loc["经济"] if "经济" in set(k["term"]) else None
    raw = sum(t.count("经济") for d, t in tokens.items() if region[d] == "Chongqing")
    assert economy is None or economy["count_b"] <= raw - 6


def test_keyness_leaves_out_a_place_named_with_its_administrative_suffix():
    from policytext.language.keywords import keyness_tokens

    # 重庆市 and 四川省 say who wrote a text as 重庆 and 四川 do; the divisions' full names are places too
    assert keyness_tokens(["重庆市", "四川省", "成都市", "科技", "重庆"]) == ["科技"]
