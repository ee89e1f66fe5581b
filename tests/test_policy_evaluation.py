"""Policy evaluation: value-chain stages, the instrument × stage table, and the PMC index.

Hand-made documents whose scores are known by construction, and properties on the reference corpus
of laws and regulations (seeds/reference).
"""

import math
import re

import pandas as pd
import pytest
from policytext.coding.evaluation import EVALUATION_TABLES, evaluation_tables
from policytext.coding.instrument_stage import clause_instruments, clause_pairs, instrument_stage, stage_word_only
from policytext.coding.pmc import from_tables, grade, read_overrides, score_documents, surface
from policytext.coding.valuechain import Rule, _plan, code_stages, matches_many, stage_matches, stage_of
from policytext.validation.agreement import multi_kappa
from support import SEEDS

CODES_COLUMNS = ["doc_id", "clause_id", "sentence_id", "text", "themes", "instruments", "subtools", "instrument",
                 "subtool", "instrument_basis"]
NO_CODES = pd.DataFrame(columns=CODES_COLUMNS)
EVIDENCE_COLUMNS = ["doc_id", "clause_id", "sentence_id", "instrument", "subtool", "term", "match", "start", "end"]


@pytest.fixture(scope="module")
def reference():
    import policytext
    from policytext.pipeline.tables import parse_corpus

    return parse_corpus(policytext.load_corpus(SEEDS / "reference"))


@pytest.fixture(scope="module")
def seeds(seed_tables):
    return seed_tables


# --- value-chain stage ---------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "stage"), [
    ("加强基础研究和应用基础研究，提升原始创新能力。", "basic_research"),
    ("组织开展关键核心技术攻关。", "technology_development"),
    ("推动科技成果转化为现实生产力。", "transfer"),
    ("培育战略性新兴产业集群。", "industrialisation"),
    ("提高全社会创新意识。", "none"),
])
def test_each_stage_is_recognised_from_its_codebook_vocabulary(text, stage):
    assert stage_of(text) == stage


def test_a_development_zone_is_not_technology_development():
    assert "technology_development" not in stage_matches("建设经济技术开发区。")
    assert stage_of("建设经济技术开发区。") == "industrialisation"


def test_a_tie_between_stages_goes_to_the_later_stage_of_the_chain():
    found = stage_matches("以基础研究支撑产业化。")
    assert set(found) == {"basic_research", "industrialisation"}
    assert stage_of("以基础研究支撑产业化。") == "industrialisation"


def test_matching_clauses_together_finds_what_each_finds_alone(devset_tables):
    texts = devset_tables.clauses["text"].tolist()
    assert len(texts) > 500
    assert matches_many(texts) == [stage_matches(t) for t in texts]


def test_a_match_across_the_joint_of_two_clauses_is_not_credited_to_either():
    # a pattern that would run from one clause into the next, and a mask that would: each clause alone
    rules = (Rule("transfer", "include", re.compile(r"转化[\s\S]{0,4}推广"), "", ""),
             Rule("transfer", "exclude", re.compile(r"示范[\s\S]{0,3}应用"), "", ""),
             Rule("transfer", "include", re.compile(r"应用"), "", ""))
    texts = ["成果转化", "推广应用", "建设示范", "应用场景", "转化推广"]
    plan = _plan(rules)
    assert matches_many(texts, plan) == [stage_matches(t, rules) for t in texts]
    assert matches_many(texts, plan)[4] == {"transfer": ["转化推广"]}


def test_stage_table_keeps_every_matched_stage_and_term_as_evidence():
    clauses = pd.DataFrame({"doc_id": ["d", "d"], "clause_id": ["d/c1", "d/c2"],
                            "text": ["加强研发，促进科技成果转化和技术转移。", "加强领导。"]})
    coded = code_stages(clauses).set_index("clause_id")
    assert coded.loc["d/c1", "stage"] == "transfer"
    assert coded.loc["d/c1", "stages"] == "technology_development;transfer"
    assert "technology_development:研发" in coded.loc["d/c1", "evidence"].split(";")
    assert (coded.loc["d/c2", "stage"], coded.loc["d/c2", "evidence"]) == ("none", "")


def test_kappa_of_nominal_codings_matches_a_hand_computation():
    gold = ["a", "a", "b", "b"]
    assert multi_kappa(gold, gold) == 1.0
    # po = 3/4; pe = (2/4)(1/4) + (2/4)(3/4) = 1/2; kappa = (3/4 - 1/2) / (1/2) = 1/2
    assert multi_kappa(gold, ["a", "b", "b", "b"]) == pytest.approx(0.5)


# --- instrument × stage ----------------------------------------------------------------------------

def _pairs(rows):
    return pd.DataFrame(rows, columns=["doc_id", "clause_id", "instrument", "stage"])


def test_expected_counts_sum_to_observed_and_residuals_follow_the_formula():
    pairs = _pairs([("d", "d/c1", "supply", "basic_research"), ("d", "d/c2", "supply", "basic_research"),
                    ("d", "d/c3", "environment", "transfer"), ("d", "d/c4", "supply", "transfer")])
    cells = instrument_stage(pairs).set_index(["instrument", "stage"])
    assert len(cells) == 12  # every cell, zeros included
    assert cells["observed"].sum() == 4 and cells["expected"].sum() == pytest.approx(4)
    cell = cells.loc[("supply", "basic_research")]
    # row supply 3, column basic_research 2, n 4: E = 1.5, residual (2 - 1.5) / sqrt(1.5)
    assert cell["expected"] == pytest.approx(1.5)
    assert cell["residual"] == pytest.approx(0.5 / math.sqrt(1.5))
    assert cell["adjusted_residual"] == pytest.approx(0.5 / math.sqrt(1.5 * (1 - 3 / 4) * (1 - 2 / 4)))
    assert cell["clause_ids"] == ("d/c1", "d/c2")
    assert math.isnan(cells.loc[("demand", "transfer"), "residual"])  # an empty row has no expectation


def test_groups_are_tabulated_separately_each_summing_to_its_own_observed():
    pairs = _pairs([("a", "a/c1", "supply", "transfer"), ("b", "b/c1", "demand", "industrialisation"),
                    ("b", "b/c2", "supply", "industrialisation")])
    documents = pd.DataFrame({"doc_id": ["a", "b"], "region": ["X", "Y"], "genre": ["law", "law"]})
    cells = instrument_stage(pairs, documents, by="region")
    totals = cells.groupby("group")[["observed", "expected"]].sum()
    assert totals.loc["X"].tolist() == pytest.approx([1, 1]) and totals.loc["Y"].tolist() == pytest.approx([2, 2])
    by_doc = instrument_stage(pairs, documents, by="doc_id")
    assert set(by_doc["group"]) == {"a", "b"}
    with pytest.raises(ValueError, match="by must be one of"):
        instrument_stage(pairs, documents, by="city")
    twice = pd.concat([documents, documents.assign(region="Z")], ignore_index=True)
    with pytest.raises(ValueError, match="repeats a doc_id"):
        instrument_stage(pairs, twice, by="region")


def test_a_clause_counts_once_under_its_primary_side_with_its_cues_as_evidence():
    codes = pd.DataFrame({
        "doc_id": ["d"] * 3, "clause_id": ["d/c1", "d/c1", "d/c2"], "sentence_id": ["d/c1/1", "d/c1/2", "d/c2/1"],
        "instrument": ["demand", "demand", "none"], "subtool": ["public_procurement", "public_procurement", "none"],
    })
    evidence = pd.DataFrame([("d", "d/c1", "d/c1/1", "demand", "public_procurement", "政府采购", "政府采购", 0, 4),
                             ("d", "d/c1", "d/c1/2", "demand", "public_procurement", "首购", "首购", 2, 4)],
                            columns=EVIDENCE_COLUMNS)
    sides = clause_instruments(codes, evidence)
    assert sides[["clause_id", "instrument", "evidence"]].values.tolist() == [
        ["d/c1", "demand", "public_procurement:政府采购@0-4;public_procurement:首购@2-4"]]
    assert clause_instruments(codes)["evidence"].tolist() == [""]
    clauses = pd.DataFrame({"doc_id": ["d", "d"], "clause_id": ["d/c1", "d/c2"],
                            "text": ["政府采购首台(套)装备并资助中试。", "已建成实验室。"]})
    assert clause_pairs(clauses, codes)["clause_id"].tolist() == ["d/c1"]


def test_scoring_codes_with_instrument_sides_asks_for_their_evidence(reference):
    with pytest.raises(ValueError, match="instrument_evidence"):
        score_documents(reference.documents, reference.clauses, reference.codes)


def test_an_instrument_rule_shows_the_clause_cues_as_its_evidence(reference):
    result = score_documents(reference.documents, reference.clauses, reference.codes,
                             evidence=reference.instrument_evidence)
    shown = result.evidence[result.evidence["source"] == "rule instrument"]
    assert (shown["matched"] != "").any()
    cues = reference.instrument_evidence
    for r in shown.itertuples():  # an item inheriting its lead-in's code has no cue of its own: ''
        own = cues[cues["clause_id"] == r.clause_id]
        assert (r.matched.split(";") if r.matched else []) == list(dict.fromkeys(
            f"{c.subtool}:{c.match}@{c.start}-{c.end}" for c in own.itertuples()))


def test_every_cell_of_the_reference_corpus_names_real_clauses_of_its_document(reference):
    pairs = clause_pairs(reference.clauses, reference.codes)
    cells = instrument_stage(pairs, reference.documents, by="doc_id")
    clause_doc = reference.clauses.set_index("clause_id")["doc_id"]
    for cell in cells.itertuples():
        assert cell.observed == len(cell.clause_ids)
        assert all(clause_doc[c] == cell.group for c in cell.clause_ids)
    sums = cells.groupby("group")[["observed", "expected"]].sum()
    assert sums["expected"].to_numpy() == pytest.approx(sums["observed"].to_numpy())


def test_a_side_whose_only_cue_is_a_stage_term_is_flagged_as_coded_by_construction():
    pairs = pd.DataFrame([("d", "c1", "supply", "basic_research"), ("d", "c2", "supply", "basic_research"),
                          ("d", "c3", "supply", "basic_research"), ("d", "c4", "supply", "transfer")],
                         columns=["doc_id", "clause_id", "instrument", "stage"])
    cue = [("c1", "supply", "基础研究"), ("c2", "supply", "基础研究"), ("c2", "supply", "人才培养"),
           ("c3", "supply", "实验室"), ("c4", "supply", "基础研究")]
    evidence = pd.DataFrame([("d", c, c + "/s1", side, "x", m, m, 0, len(m)) for c, side, m in cue],
                            columns=EVIDENCE_COLUMNS)
    # c1: its one cue names the stage; c2 has a supply cue of its own; 实验室 alone is no stage term;
    # c4's cue is a basic-research term but its stage is transfer.
    assert stage_word_only(pairs, evidence).tolist() == [True, False, False, False]


def test_on_the_reference_laws_a_flagged_coding_has_only_stage_terms_as_cues(reference):
    pairs = clause_pairs(reference.clauses, reference.codes)
    flags = stage_word_only(pairs, reference.instrument_evidence)
    assert flags.any() and not flags.all()
    ev = reference.instrument_evidence
    for r in pairs[flags].itertuples():
        matches = ev.loc[(ev["clause_id"] == r.clause_id) & (ev["instrument"] == r.instrument), "match"]
        assert len(matches) and all(r.stage in stage_matches(m) for m in matches)


# --- PMC ---------------------------------------------------------------------------------------------

def _document(**fields):
    row = {"doc_id": "law-1", "genre": "law", "region": "National", "level": "national",
           "issuer": "全国人民代表大会常务委员会", "publisher": "", "source": "a public database", "url": "",
           "written_from": "2020-01-01"}
    return pd.DataFrame([row | fields])


def _clauses(*texts, doc_id="law-1"):
    return pd.DataFrame({"doc_id": doc_id, "clause_id": [f"{doc_id}/c{i}" for i in range(1, len(texts) + 1)],
                         "text": list(texts)})


def _ones(result):
    s = result.secondary
    return set(s.loc[s["value"] == 1, "secondary"])


def test_a_minimal_law_scores_exactly_the_rules_it_satisfies():
    result = score_documents(_document(), _clauses("第一条 为了鼓励发明，制定本法。"), NO_CODES, overrides=pd.DataFrame(
        columns=["doc_id", "secondary", "value", "reason"]))
    # 鼓励 -> X1:3; 为了...制定本法 -> X9:2; genre law -> X2:1; issuer a legislature -> X3:1;
    # level national -> X3:4; a catalogued source -> X10:1. Nothing else.
    assert _ones(result) == {"X1:3", "X9:2", "X2:1", "X3:1", "X3:4", "X10:1"}
    row = result.scores.iloc[0]
    assert row["X1"] == pytest.approx(1 / 5) and row["X2"] == pytest.approx(1 / 4)
    assert row["X3"] == pytest.approx(2 / 5) and row["X9"] == pytest.approx(1 / 5) and row["X10"] == 1
    assert row["pmc"] == pytest.approx(1 / 5 + 1 / 4 + 2 / 5 + 1 / 5 + 1)
    assert row["grade"] == "poor"


def test_evidence_names_the_clause_and_the_matched_text():
    result = score_documents(_document(), _clauses("加强领导。", "国家鼓励企业开展研发。"), NO_CODES)
    ev = result.evidence.set_index("secondary")
    assert ev.loc["X1:3", "clause_id"] == "law-1/c2" and ev.loc["X1:3", "matched"] == "鼓励"
    assert ev.loc["X3:1", "clause_id"] == "" and ev.loc["X3:1", "matched"] == "issuer=全国人民代表大会常务委员会"
    assert set(ev.index) == _ones(result)  # every secondary set to 1 has evidence, and only those


def test_a_target_year_sets_the_policy_horizon():
    doc = _document(genre="plan", written_from="2021-03-01", issuer="某市人民政府", level="")
    result = score_documents(doc, _clauses("到2025年，研发投入强度达到3%。"), NO_CODES)
    assert {"X2:2"} <= _ones(result) and "X2:1" not in _ones(result)
    assert "4 years after 2021" in result.evidence.set_index("secondary").loc["X2:2", "matched"]


def test_an_override_changes_exactly_the_secondary_it_names():
    doc, clauses = _document(), _clauses("国家鼓励企业开展研发，给予税收优惠。", "为了促进发展，制定本法。")
    before = score_documents(doc, clauses, NO_CODES)
    fix = pd.DataFrame([("law-1", "X6:6", "1", "clause c1 read as procurement by the coder"),
                        ("law-1", "X1:3", "0", "鼓励 is rhetorical here"),
                        ("other-doc", "X6:1", "1", "another corpus's document: ignored")],
                       columns=["doc_id", "secondary", "value", "reason"])
    after = score_documents(doc, clauses, NO_CODES, overrides=fix)
    merged = before.secondary.merge(after.secondary, on=["doc_id", "secondary"], suffixes=("_before", "_after"))
    changed = merged[merged["value_before"] != merged["value_after"]]
    assert set(changed["secondary"]) == {"X6:6", "X1:3"}
    assert set(after.secondary.loc[after.secondary["source"] == "override", "secondary"]) == {"X6:6", "X1:3"}
    b, a = before.scores.iloc[0], after.scores.iloc[0]
    assert [p for p in [f"X{i}" for i in range(1, 11)] if b[p] != a[p]] == ["X1", "X6"]
    assert a["X6"] - b["X6"] == pytest.approx(1 / 6) and b["X1"] - a["X1"] == pytest.approx(1 / 5)
    ev = after.evidence
    assert ev.loc[ev["secondary"] == "X6:6", "matched"].tolist() == ["clause c1 read as procurement by the coder"]
    assert "X1:3" not in set(ev["secondary"])


def test_documents_outside_the_formal_genres_are_listed_with_a_reason_not_scored():
    docs = pd.concat([_document(), _document(doc_id="int-1", genre="interview"),
                      _document(doc_id="odd-1", genre="poem")], ignore_index=True)
    clauses = pd.concat([_clauses("鼓励。"), _clauses("鼓励。", doc_id="int-1"), _clauses("鼓励。", doc_id="odd-1")])
    result = score_documents(docs, clauses, NO_CODES).scores.set_index("doc_id")
    assert result.loc["law-1", "in_scope"] and not result.loc["int-1", "in_scope"]
    assert "not an enacted measure" in result.loc["int-1", "scope_reason"]
    assert "not listed in pmc_scope.tsv" in result.loc["odd-1", "scope_reason"]
    assert math.isnan(result.loc["int-1", "pmc"]) and result.loc["int-1", "grade"] == ""


def test_the_seed_documents_are_out_of_scope_and_the_reference_laws_in_it(seeds, reference):
    scores = score_documents(seeds.documents, seeds.clauses, seeds.codes, evidence=seeds.instrument_evidence).scores
    assert not scores["in_scope"].any() and scores["scope_reason"].str.len().gt(0).all()
    ref = score_documents(reference.documents, reference.clauses, reference.codes,
                          evidence=reference.instrument_evidence).scores
    assert ref["in_scope"].all() and ref["pmc"].between(0, 10).all()


def test_text_evidence_on_the_reference_corpus_is_found_in_its_clause(reference):
    result = score_documents(reference.documents, reference.clauses, reference.codes,
                             evidence=reference.instrument_evidence)
    text = reference.clauses.set_index("clause_id")["text"].str.replace("（", "(").str.replace("）", ")")
    rows = result.evidence[result.evidence["source"] == "rule text"]
    assert len(rows) > 0
    assert all(r.matched in text[r.clause_id] for r in rows.itertuples())


def test_bad_overrides_are_refused_with_the_file_and_the_problem(tmp_path):
    bad = tmp_path / "fix.csv"
    bad.write_text("doc_id,secondary,value,reason\nlaw-1,X6:9,1,typo\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"fix.csv: row 1: unknown secondary variable 'X6:9'"):
        read_overrides(bad)
    bad.write_text("doc_id,secondary,value,reason\nlaw-1,X6:1,1,\n", encoding="utf-8")
    with pytest.raises(ValueError, match="give the reason"):
        read_overrides(bad)
    bad.write_text("doc_id,secondary,value,reason\nlaw-1,X6:1,yes,r\n", encoding="utf-8")
    with pytest.raises(ValueError, match="value must be 0 or 1"):
        read_overrides(bad)


def test_the_shipped_override_table_is_valid():
    assert list(read_overrides().columns) == ["doc_id", "secondary", "value", "reason"]


@pytest.mark.parametrize(("score", "label"), [(10, "perfect"), (9, "perfect"), (8.99, "excellent"), (7, "excellent"),
                                              (6.99, "acceptable"), (5, "acceptable"), (4.99, "poor"), (0, "poor")])
def test_grades_follow_the_literature_bands(score, label):
    assert grade(score) == label


def test_surface_is_the_first_nine_primaries_in_a_three_by_three_matrix():
    result = score_documents(_document(), _clauses("鼓励。"), NO_CODES)
    s = surface(result.scores, "law-1")
    assert s.shape == (3, 3)
    assert s.iloc[0, 0] == result.scores.iloc[0]["X1"] and s.iloc[2, 2] == result.scores.iloc[0]["X9"]


@pytest.mark.slow  # exports a corpus to files
def test_export_writes_the_evaluation_tables_with_clause_ids_packed(tmp_path):
    import policytext
    from policytext.pipeline.export import export

    export(policytext.load_corpus(SEEDS / "reference"), tmp_path, jobs=1, chunk_size=4)
    cells = pd.read_csv(tmp_path / "instrument_stage.csv", encoding="utf-8-sig", keep_default_na=False)
    filled = cells[cells["observed"] > 0]
    assert (filled["clause_ids"].str.split(";").str.len() == filled["observed"]).all()
    pmc = pd.read_csv(tmp_path / "pmc.csv", encoding="utf-8-sig")
    assert set(pmc["doc_id"]) == set(policytext.load_corpus(SEEDS / "reference").doc_ids)
    evidence = pd.read_csv(tmp_path / "pmc_evidence.csv", encoding="utf-8-sig", keep_default_na=False)
    assert set(evidence["doc_id"]) <= set(pmc["doc_id"]) and len(evidence) > 0


# --- evaluation tables of a chunk of documents ----------------------------------------------------------

def _one_by_one(documents, clauses, codes, evidence):
    """The evaluation tables of each document called on its own, concatenated in the documents' order."""
    parts = [evaluation_tables(documents.iloc[[i]], clauses[clauses["doc_id"] == doc_id],
                               codes[codes["doc_id"] == doc_id], evidence[evidence["doc_id"] == doc_id])
             for i, doc_id in enumerate(documents["doc_id"])]
    return {name: pd.concat([p[name] for p in parts], ignore_index=True) for name in EVALUATION_TABLES}


@pytest.mark.parametrize("corpus_name", ["seeds", "reference"])
def test_a_chunk_gives_the_rows_of_its_documents_one_by_one_in_the_documents_order(corpus_name, request):
    parsed = request.getfixturevalue(corpus_name)
    documents = parsed.documents.iloc[::-1].reset_index(drop=True)  # not the order of the clauses
    chunk = evaluation_tables(documents.assign(text="鼓励企业研发。"), parsed.clauses, parsed.codes,  # text ignored
                              parsed.instrument_evidence)
    expected = _one_by_one(documents, parsed.clauses, parsed.codes, parsed.instrument_evidence)
    assert list(chunk) == list(EVALUATION_TABLES)
    for name in EVALUATION_TABLES:
        pd.testing.assert_frame_equal(chunk[name], expected[name], obj=name)
    order = documents["doc_id"].tolist()
    assert chunk["pmc"]["doc_id"].tolist() == order
    assert chunk["instrument_stage"]["doc_id"].tolist() == [d for d in order for _ in range(12)]


def test_the_reference_chunk_has_scores_evidence_and_filled_cells(reference):
    chunk = evaluation_tables(reference.documents, reference.clauses, reference.codes, reference.instrument_evidence)
    assert chunk["pmc"]["in_scope"].all() and len(chunk["pmc_evidence"]) > 0
    filled = chunk["instrument_stage"].query("observed > 0")
    assert len(filled) > 0 and (filled["clause_ids"].str.split(";").str.len() == filled["observed"]).all()


def _scored_here(tables):
    """What notebook 07 scored before it read the pipeline's tables: score_documents on the tables' documents,
    clauses, codes and evidence, with the shipped override table (and a column of its own on the documents)."""
    documents = tables.documents.assign(tier=tables.documents["region"].map(lambda r: "national" if r == "National"
                                                                            else "local"))
    return score_documents(documents, tables.clauses, tables.codes, overrides=read_overrides(),
                           evidence=tables.instrument_evidence)


@pytest.fixture(scope="module")
def notebook_tables():
    """The tables notebook 07 reads: seeds and reference combined, copies set aside, entities and reuse off."""
    import policytext
    from policytext.findings.summaries import canonical_tables
    from policytext.reading.corpus import combine

    corpora = [policytext.load_corpus(SEEDS), policytext.load_corpus(SEEDS / "reference")]
    return canonical_tables(policytext.parse(combine(*corpora), disable=["entities", "reuse"]))


@pytest.mark.parametrize("corpus_name", ["seeds", "reference", "notebook_tables"])
def test_the_pmc_read_from_the_tables_is_the_pmc_scored_from_them(corpus_name, request):
    tables = request.getfixturevalue(corpus_name)
    read, scored = from_tables(tables), _scored_here(tables)
    for part in ("scores", "secondary", "evidence"):  # values, types, columns and row order
        pd.testing.assert_frame_equal(getattr(read, part), getattr(scored, part), obj=part)
    assert (read.scope_note, read.catalog_derived) == (scored.scope_note, scored.catalog_derived)
    assert read.scores["doc_id"].tolist() == tables.documents["doc_id"].tolist()


def test_the_pmc_is_not_read_from_tables_whose_evaluation_stage_was_switched_off():
    from policytext.pipeline.tables import parse_rows

    tables = parse_rows([{"doc_id": "law-1", "text": "第一条 为了鼓励发明，制定本法。", "title": "", "script": ""}],
                        disable=["evaluation"])
    assert tables.pmc.empty
    with pytest.raises(ValueError, match="evaluation stage"):
        from_tables(tables)


def test_surface_and_radar_small_multiples_draw_one_panel_per_document():
    import matplotlib.pyplot as plt
    from policytext.findings import plotting

    frame = pd.DataFrame({"X1": [0.2, 1.0, 0.5], "X2": [0.5, 0.0, 1.0], "X3": [1.0, 0.4, 0.0]}, index=["a", "b", "c"])
    fig = plotting.radar_grid(frame, "t", ncols=2)
    visible = [ax for ax in fig.axes if ax.get_visible()]
    assert [ax.get_title() for ax in visible] == ["a", "b", "c"]
    plt.close(fig)
    square = pd.DataFrame([[0.1, 0.2, 0.3]] * 3)
    fig = plotting.heatmap_grid({"a": square, "b": square}, "t", ncols=5)
    titled = [ax.get_title() for ax in fig.axes if ax.get_visible() and ax.get_title()]
    assert titled == ["a", "b"]
    plt.close(fig)


# --- PMC: what each rule reads, catalog-derived variables, scope ------------------------------------

def _fires(secondary, *texts):
    result = score_documents(_document(), _clauses(*texts), NO_CODES, overrides=pd.DataFrame(
        columns=["doc_id", "secondary", "value", "reason"]))
    return secondary in _ones(result)


@pytest.mark.parametrize(("text", "cited"), [
    ("第一条 为了促进科学技术进步，根据宪法，制定本法。", True),
    ("第一条 为了奖励科技人员，根据《中华人民共和国科学技术进步法》，制定本条例。", True),
    ("第一条 为了优化营商环境，根据国务院《优化营商环境条例》和有关法律、行政法规，结合本市实际，制定本条例。", True),
    ("第一条 为了保护专利权人的合法权益，制定本法。", False),  # a purpose, no basis named
    ("滥用专利权，构成垄断行为的，依照《中华人民共和国反垄断法》处理。", False),  # incidental, not the document's basis
    ("当事人可以依照《中华人民共和国民事诉讼法》向人民法院起诉。", False),
])
def test_the_legal_basis_is_the_law_the_document_is_made_under_not_any_law_it_mentions(text, cited):
    assert _fires("X9:1", text) is cited


def test_fees_awards_and_researchers_go_to_the_variable_they_belong_to():
    # a fee waiver or a fee charged is no tax relief; a tax deduction is
    assert not _fires("X6:2", "对小型微型企业行政事业性收费实行减免。", "申请专利应当按照规定缴纳费用。")
    assert _fires("X6:2", "研究开发费用可以按照国家有关规定税前列支并加计扣除。")
    assert _fires("X6:2", "对符合条件的企业减免企业所得税。")
    # remuneration of the people who transferred a result is a talent incentive, not an award
    remuneration = "对完成、转化职务科技成果做出重要贡献的人员给予奖励和报酬。"
    assert not _fires("X6:4", remuneration) and _fires("X6:5", remuneration)
    assert not _fires("X6:4", "骗取奖励和荣誉称号的，取消该奖励和荣誉称号。")
    assert _fires("X6:4", "国家设立国家最高科学技术奖，对做出突出贡献的个人给予奖励。")
    # researchers named as whom a measure is for are its target (X8:3), not a talent goal (X5:3)
    researchers = "科技人员可以兼职从事技术开发。"
    assert _fires("X8:3", researchers) and not _fires("X5:3", researchers)
    assert _fires("X5:3", "加强科技人才队伍建设。")


def test_catalog_derived_variables_are_named_and_the_score_is_given_without_them():
    from policytext.coding.pmc import catalog_derived, scheme

    derived = catalog_derived()
    assert {"X3:4", "X3:1", "X2:1", "X10:1"} <= set(derived)
    assert all(any(r.kind == "field" for r in s.rules) == (s.secondary in derived) for s in scheme())
    law = _document()
    local = _document(doc_id="law-2", region="Chongqing", level="provincial", issuer="重庆市人民代表大会常务委员会")
    text = "第一条 为了鼓励发明，制定本法。"
    result = score_documents(pd.concat([law, local], ignore_index=True),
                             pd.concat([_clauses(text), _clauses(text, doc_id="law-2")]), NO_CODES)
    s = result.scores.set_index("doc_id")
    # the same text: the published index differs by the national level (X3:4, from the catalog) alone,
    # the index without catalog-derived variables not at all
    assert s.loc["law-1", "pmc"] - s.loc["law-2", "pmc"] == pytest.approx(1 / 5)
    assert s.loc["law-1", "pmc_text"] == s.loc["law-2", "pmc_text"]
    # X1:3 (鼓励) and X9:2 (purpose) are what the text sets: 1/5 + 1/5, and X3:5 (joint issue) is unset
    assert s.loc["law-1", "pmc_text"] == pytest.approx(1 / 5 + 1 / 5)
    assert result.catalog_derived == tuple(derived)


def test_the_scope_note_says_what_the_scheme_measures_and_travels_with_the_scores(reference):
    from policytext.coding.pmc import scope_note

    note = scope_note()
    assert "by construction" in note and "patent" in note and "pmc_text" in note
    result = score_documents(reference.documents, reference.clauses, reference.codes,
                             evidence=reference.instrument_evidence)
    assert result.scope_note == note
    scores = result.scores.set_index("doc_id")
    # without the catalog-derived variables every reference law scores lower, never higher
    assert (scores["pmc_text"] < scores["pmc"]).all()
    # the patent law, a law about a right, is the lowest-scoring national law, as the note warns
    national = scores[scores["region"] == "National"]
    assert national["pmc"].idxmin() == "nat-patent-2020"


def test_the_reference_laws_cite_their_basis_where_they_name_one(reference):
    result = score_documents(reference.documents, reference.clauses, reference.codes,
                             evidence=reference.instrument_evidence)
    cited = set(result.secondary.loc[(result.secondary["secondary"] == "X9:1") & (result.secondary["value"] == 1),
                                     "doc_id"])
    # the patent law names no basis in its first article (依照《反垄断法》处理 in article 20 is no basis);
    # the science popularisation and progress laws are made 根据宪法
    assert "nat-patent-2020" not in cited
    assert {"nat-st-popularization-2024", "nat-st-progress-2021", "cq-patent-2011"} <= cited


def test_text_rules_find_through_the_joined_clauses_what_they_find_clause_by_clause():
    # a document's clauses are searched joined by line breaks, and only the clauses where a match of the
    # joined text starts are searched on their own: every text rule of the scheme must fire on the same
    # clauses with the same matched text as when each clause is searched, on the seeds and the development
    # laws (a line a clause), and on a match running across a line break, a pattern matching empty and no clause
    from policytext.coding.pmc import Rule, _fire, _normalised, _offsets, scheme
    from support import real_texts

    def both(rule, clauses):
        joined = ("\n".join(text for _, text in clauses), _offsets(clauses))
        return _fire(rule, {}, clauses, [], [], joined), _fire(rule, {}, clauses, [], [], None)

    rules = [r for var in scheme() for r in var.rules if r.kind == "text"]
    fired = 0
    for text in real_texts():
        clauses = [(f"c{k}", _normalised(line)) for k, line in enumerate(text.splitlines())]
        for rule in rules:
            joined, alone = both(rule, clauses)
            assert joined == alone, rule.pattern.pattern
            fired += bool(alone)
    assert fired > 100
    crossing = [("a", "加强科技创新"), ("b", "驱动发展"), ("c", "创新驱动发展")]
    # [^。]*驱动 matches from a's start across the line break: b's own match lies inside that one
    for pattern in (r"创新\s*驱动", r"[^。]*驱动", r"x*", r"(?<=新)驱动"):
        rule = Rule("text", (), "", re.compile(pattern))
        joined, alone = both(rule, crossing)
        assert joined == alone, pattern
        assert both(rule, []) == ([], [])
    assert both(Rule("text", (), "", re.compile(r"创新\s*驱动")), crossing)[0] == [("c", "创新驱动")]
