"""Helpers the notebooks call: charts in the house style, computed sentences, summaries, glosses."""

import warnings

import matplotlib

matplotlib.use("Agg")
import networkx as nx
import pandas as pd
import pytest
from policytext import plotting
from policytext.glossary import gloss
from policytext.narrative import listing, pct
from policytext.summaries import code_counts, evidence_terms, instrument_by_theme, theme_shares
from policytext.tables import parse_corpus


@pytest.fixture(scope="module")
def tables(corpus):
    return parse_corpus(corpus)


def test_every_chart_helper_draws_chinese_without_missing_glyphs(tmp_path, tables):
    series = pd.Series({"科技创新": 3, "人才政策": 2})
    frame = pd.DataFrame({"供给": [1, 2], "需求": [3, 0]}, index=["成都", "重庆"])
    graph = nx.Graph()
    graph.add_edge("实验室", "科学城", count=2)
    figures = [
        plotting.barh(series, "标题"), plotting.stacked_barh(frame, "堆叠"), plotting.grouped_barh(frame, "分组"),
        plotting.heatmap(frame, "热图"), plotting.word_cloud({"科技": 3, "创新": 2}, "词云"),
        plotting.network(graph, "网络"), plotting.timeline(tables.documents.set_index("doc_id"), "时间线"),
    ]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for n, fig in enumerate(figures):
            assert plotting.savefig(fig, "t", f"f{n}", root=tmp_path).stat().st_size > 1000


def test_narrative_helpers():
    assert listing(["a", "b", "c"]) == "a, b and c"
    assert listing(["a"]) == "a"
    assert pct(1, 3) == "33%" and pct(1, 0) == "n/a"


def test_glossary_glosses_known_terms_only():
    assert gloss("创新") == "创新 (innovation)"
    assert gloss("西部（重庆）科学城") == "西部（重庆）科学城 (Western (Chongqing) Science City)"
    assert gloss("不存在的词") == "不存在的词"


def test_summaries_agree_with_the_codes_table(tables):
    counts = code_counts(tables)
    assert int(counts.values.sum()) == sum(len(list(filter(None, c.split(";")))) for c in tables.codes["themes"])
    shares = theme_shares(tables)
    assert ((shares >= 0) & (shares <= 1)).all().all()
    cross = instrument_by_theme(tables)
    assert list(cross.index) == ["supply", "environment", "demand"]
    finance = evidence_terms(tables, "finance:")
    items = [i for cell in tables.codes["evidence"] for i in cell.split(";") if i.startswith("finance:")]
    assert sum(finance.values()) == len(items) and finance["加计扣除"] >= 1
