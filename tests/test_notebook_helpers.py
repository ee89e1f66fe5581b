"""Helpers the notebooks call: charts in the house style, computed sentences, summaries, glosses."""

import warnings

import matplotlib

matplotlib.use("Agg")
import networkx as nx
import pandas as pd
import pytest
from policytext.coding.glossary import gloss
from policytext.errors import CorpusWarning, show_warnings_plainly
from policytext.findings import plotting
from policytext.findings.narrative import aside, listing, origins, pct, plural, subject
from policytext.findings.summaries import code_counts, evidence_terms, instrument_by_theme, label, theme_shares


@pytest.fixture(scope="module")
def tables(seed_tables):
    return seed_tables


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
    finance = evidence_terms(tables, "finance")
    hits = tables.hits[tables.hits["category"] == "finance"]
    assert sum(finance.values()) == len(hits.drop_duplicates(["sentence_id", "match"]))
    assert finance["加计扣除"] >= 1 and evidence_terms(tables, "finance:") == finance


def test_glossary_follows_the_standard_renderings():
    from policytext.coding.glossary import glossary, glossary_table

    g = glossary()
    assert g["专精特新"] == "specialised, refined, distinctive and innovative (SRDI)"
    assert g["科技成果"] == "S&T results" and "achievement" not in g["科技成果转化"]
    assert "workstation" in g["工作站"] and "research post" in g["工作站"]
    assert g["生态圈"] == "ecosystem"
    assert g["科技型企业"] == "S&T-based enterprises" and "SME" not in g["科技型企业"]
    assert (glossary_table()["source"] != "").all()


def test_computed_prose_agrees_in_number():
    assert subject(["cd-bureau-2023"]) + " in Traditional script" == "cd-bureau-2023 is in Traditional script"
    assert subject(["x", "y"]) + " in Traditional script" == "x and y are in Traditional script"
    assert plural(1, "document") == "1 document" and plural(4, "document") == "4 documents"
    assert plural(2, "city", "cities") == "2 cities"


def test_asides_leave_out_what_is_not_known():
    assert aside("news report", "巫山网") == " (news report, 巫山网)"
    assert aside("", "巫山网") == " (巫山网)" and aside("", "unknown") == ""


def test_unknown_regions_are_said_as_no_region_recorded():
    assert origins({"Chongqing": 4, "Chengdu": 1}) == "4 from Chongqing and 1 from Chengdu"
    assert origins({"unknown": 1, "Chongqing": 2}) == "2 from Chongqing and 1 with no region recorded"
    assert origins(pd.Series({"": 2})) == "2 with no region recorded"
    assert "from unknown" not in origins({"unknown": 3, "": 1})


def test_labels_show_only_known_fields(tables):
    docs = tables.documents.copy()
    docs.loc[0, ["region", "written_from", "written_to"]] = ["unknown", "", ""]
    docs.loc[1, ["region"]] = ["unknown"]
    docs.loc[2, ["written_from", "written_to"]] = ["", ""]
    labels = label(tables.replace(documents=docs))
    ids = docs["doc_id"].tolist()
    assert labels[ids[0]] == ids[0]
    assert labels[ids[1]] == f"{ids[1]} ({docs.loc[1, 'written_from'][:4]})"
    assert labels[ids[2]] == f"{ids[2]} ({docs.loc[2, 'region']})"
    assert not any("unknown" in v or "()" in v or ", )" in v or "(, " in v for v in labels)


def test_warnings_show_as_one_line_without_source_paths(capsys):
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        show_warnings_plainly()
        warnings.warn("seeds/x.txt: has no catalog row\n(doc_id taken from the file name)", CorpusWarning, stacklevel=1)
        warnings.warn("something else", DeprecationWarning, stacklevel=1)
    err = capsys.readouterr().err
    assert err == ("warning: seeds/x.txt: has no catalog row (doc_id taken from the file name)\n"
                   "DeprecationWarning: something else\n")


def test_saved_charts_carry_their_title_and_notebook(tmp_path):
    fig = plotting.barh(pd.Series({"科技": 2, "创新": 1}), "Among 5 documents,  科技 leads\n(2 of 3)")
    path = plotting.savefig(fig, "01_demo", "bars", root=tmp_path)
    assert plotting.png_text(path) == {
        "Title": "Among 5 documents, 科技 leads (2 of 3)", "Source": "notebooks/01_demo.ipynb"}
    again = plotting.savefig(fig, "01_demo", "again", root=tmp_path)
    assert again.read_bytes() == path.read_bytes()  # no timestamp in the metadata
    bench = plotting.savefig(fig, "benchmark", "speed", root=tmp_path, source="scripts/bench.py")
    assert plotting.png_text(bench)["Source"] == "scripts/bench.py"


def test_charts_of_many_documents_keep_the_largest_rows_and_summarise_the_rest():
    values = pd.Series({f"doc{i:03d}": float(i) for i in range(60)})
    shown = plotting.top_rows(values)
    assert len(shown) == plotting.MAX_ROWS and shown.index[-1] == "other (41, mean)"
    assert shown.iloc[-1] == values.iloc[:41].mean() and list(shown.index[:-1]) == list(values.index[41:])
    frame = pd.DataFrame({"a": range(30), "b": range(30)}, index=[f"d{i}" for i in range(30)])
    assert len(plotting.top_rows(frame)) == plotting.MAX_ROWS
    assert plotting.top_rows(values.head(5)).equals(values.head(5))  # small charts unchanged
    fig = plotting.heatmap(pd.DataFrame(1.0, index=["x", "y"], columns=[f"d{i}" for i in range(60)]), "t")
    assert len(fig.axes[0].get_xticklabels()) == plotting.MAX_ROWS


def test_stacked_bars_of_many_documents_sum_the_smallest_segments_into_other():
    frame = pd.DataFrame({f"doc{i:02d}": [i, 1] for i in range(30)}, index=["title", "chrome"])
    shown = plotting.top_segments(frame)
    assert shown.shape[1] == plotting.MAX_SEGMENTS and shown.columns[-1] == "other (23)"
    assert (shown.sum(axis=1) == frame.sum(axis=1)).all()  # every bar keeps its length
