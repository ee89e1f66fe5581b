"""Summaries behind the notebooks' findings: lexicon overlap, genre rates, own vocabulary, shared names."""

from types import SimpleNamespace

import pandas as pd
import pytest
from policytext.findings.summaries import co_coded, entity_kind, instrument_by_genre, own_vocabulary, shared_entities
from policytext.language.keywords import keyness_tokens


@pytest.fixture(scope="module")
def tables(seed_tables):
    return seed_tables


def test_a_pair_triggered_by_one_shared_term_is_marked_as_by_construction():
    codes = pd.DataFrame({
        "sentence_id": ["s1", "s2", "s3"],
        "themes": ["finance", "finance", "talent"],
        "instruments": ["environment", "environment", "environment"],
    })
    hits = pd.DataFrame(
        [("s1", "instrument", "environment", "金融", 0, 2), ("s1", "theme", "finance", "金融", 0, 2),
         ("s2", "instrument", "environment", "税收", 0, 2), ("s2", "theme", "finance", "贷款", 4, 6),
         ("s3", "instrument", "environment", "税收", 0, 2), ("s3", "theme", "talent", "人才", 4, 6)],
        columns=["sentence_id", "scheme", "category", "match", "start", "end"],
    )
    pairs = co_coded(SimpleNamespace(codes=codes, hits=hits), "environment", "finance")
    assert pairs["same_term"].tolist() == [True, False]
    assert pairs["term_only"].tolist() == [True, False]


def test_a_pair_with_cues_of_its_own_beside_the_shared_term_does_not_rest_on_it():
    # 科技金融 is a hit of both codes, but 税收 (environment) and 贷款 (finance) code the pair without it
    codes = pd.DataFrame({"sentence_id": ["s1", "s2"], "themes": ["finance", "finance"],
                          "instruments": ["environment", "environment"]})
    hits = pd.DataFrame(
        [("s1", "instrument", "environment", "科技金融", 0, 4), ("s1", "theme", "finance", "科技金融", 0, 4),
         ("s1", "instrument", "environment", "税收", 6, 8), ("s1", "theme", "finance", "贷款", 10, 12),
         ("s2", "instrument", "environment", "科技金融", 0, 4), ("s2", "theme", "finance", "科技金融", 0, 4),
         ("s2", "theme", "finance", "贷款", 6, 8)],
        columns=["sentence_id", "scheme", "category", "match", "start", "end"],
    )
    pairs = co_coded(SimpleNamespace(codes=codes, hits=hits), "environment", "finance")
    assert pairs["same_term"].tolist() == [True, True]
    assert pairs["term_only"].tolist() == [False, True]  # s2's environment code has no other cue


def test_a_cue_inside_a_longer_cue_of_the_other_code_is_shared_text():
    # 关键核心技术 (a supply cue) holds 核心技术 (an ecosystem cue): one stretch of text triggers both codes
    codes = pd.DataFrame({"sentence_id": ["s1"], "themes": ["ecosystem"], "instruments": ["supply"]})
    hits = pd.DataFrame(
        [("s1", "instrument", "supply", "关键核心技术", 2, 8), ("s1", "theme", "ecosystem", "核心技术", 4, 8)],
        columns=["sentence_id", "scheme", "category", "match", "start", "end"],
    )
    pairs = co_coded(SimpleNamespace(codes=codes, hits=hits), "supply", "ecosystem")
    assert pairs["same_term"].tolist() == [True] and pairs["term_only"].tolist() == [True]


def test_instrument_rates_by_genre_account_for_every_sentence(tables):
    by_genre = instrument_by_genre(tables)
    assert by_genre["sentences"].sum() == len(tables.codes)
    assert (by_genre.drop(columns="sentences").le(by_genre["sentences"], axis=0)).all().all()


def test_the_genre_richest_in_a_side_has_a_sentence_coded_with_it(tables):
    # the share by genre and the example quoted for it are one measure: the clause's primary code
    from policytext.findings.compare import genre
    from policytext.findings.summaries import coded_sentences

    by_genre = instrument_by_genre(tables)
    of = tables.codes["doc_id"].map(genre(tables))
    for side in ("supply", "environment", "demand"):
        for g in by_genre.index[by_genre[side] > 0]:
            rows = coded_sentences(tables, side)
            assert (rows["doc_id"].map(genre(tables)) == g).sum() == by_genre.loc[g, side]
    assert by_genre["demand"].sum() == (tables.codes["instrument"] == "demand").sum() and of.notna().all()


def test_own_vocabulary_counts_only_words_no_other_document_uses(tables):
    own = own_vocabulary(tables)
    tokens = {d: set(keyness_tokens(t)) for d, t in tables.doc_tokens().items()}
    for doc, row in own.iterrows():
        assert 0 <= row["own_tokens"] <= row["tokens"]
        if row["top_own"]:
            assert all(row["top_own"] not in t for d, t in tokens.items() if d != doc)


def test_shared_entities_are_named_in_more_than_one_region_at_the_sentences_given(tables):
    shared = shared_entities(tables)
    region = tables.documents.set_index("doc_id")["region"]
    sentences = tables.sentences.set_index("sentence_id")
    for row in shared.itertuples():
        ids = row.sentences.split(";")
        assert len(ids) == len(row.regions.split(";")) > 1
        assert {region[sentences.loc[i, "doc_id"]] for i in ids} == set(row.regions.split(";"))


def test_entity_kind_is_the_platform_suffix():
    assert entity_kind("西部(成都)科学城") == "科学城"
    assert entity_kind("没有后缀的名字") == "unclassified"


def test_the_fallback_kind_is_never_counted_as_a_kind_of_platform(seed_tables):
    from policytext.findings.summaries import platform_kinds

    kinds = platform_kinds(seed_tables.entities)
    assert "unclassified" not in set(kinds["kind"]) and len(kinds) > 0
    # 两江新区 ends in no platform suffix: it is listed as unclassified, not charted as a kind
    assert "两江新区" in kinds.attrs["unclassified"] and "两江新区" not in set(kinds["name"])
    assert set(kinds["type"]) <= {"platform", "institution"}


def test_a_finding_whose_guard_fails_says_why_and_states_nothing(tables):
    from types import SimpleNamespace

    from policytext.findings import MIME, genre_confound

    one_region = SimpleNamespace(**{**vars(tables), "documents": tables.documents.assign(region="Chongqing")})
    f = genre_confound(one_region, headline=True)
    assert not f.holds and f.statement.startswith("Not stated on this corpus: the corpus has one region (Chongqing)")
    bundle = f._repr_mimebundle_()
    assert "Not stated on this corpus" in bundle["text/markdown"] and "uncatalogued" not in bundle["text/markdown"]
    assert bundle[MIME]["claim"] == "" and bundle[MIME]["evidence"] == [] and bundle[MIME]["headline"] is True
    assert [g["holds"] for g in bundle[MIME]["guards"]] == [False, True]


def test_a_finding_that_holds_carries_its_numbers_groups_and_quotes_as_data(tables):
    import json

    from policytext.findings import MIME, theme_rate
    from policytext.findings.evidence import exists

    f = theme_rate(tables, "finance", "03_st_finance")
    data = f._repr_mimebundle_()[MIME]
    assert f.holds and data["claim"] == f.claim and json.loads(json.dumps(data)) == data
    assert {n["unit"] for n in data["numbers"]} == {"per 100 sentences", "per 10,000 characters"}
    assert all(n["denominator"] > 0 for n in data["numbers"]) and len(data["comparison"]) == 2
    assert all(exists(tables.clauses, q) for q in f.evidence)
    assert list(data) == list(f.to_dict())  # one fixed key order


def test_ties_are_said_as_ties():
    from types import SimpleNamespace

    from policytext.findings import who
    from policytext.findings.narrative import leaders

    docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "genre": ["", "", "law"], "region": ["unknown"] * 3})
    tables = SimpleNamespace(documents=docs)
    rates = pd.Series({"a": 2.0, "b": 2.0, "c": 1.0})
    assert leaders(rates) == ["a", "b"] and who(tables, leaders(rates)) == "a and b (tied)"
    assert who(tables, leaders(rates, largest=False)) == "c (law)"


def test_on_laws_without_a_catalog_no_finding_uses_a_placeholder_and_city_findings_say_why_not(tmp_path):
    import shutil
    import warnings

    import policytext
    from policytext import findings
    from policytext.findings.evidence import exists
    from support import ROOT

    folder = tmp_path / "laws"
    folder.mkdir()
    for name in ("national-st-progress-2021.md", "national-st-transfer-2015.md", "national-patent-2020.md"):
        shutil.copy(ROOT / "seeds" / "reference" / name, folder / name)  # real laws, no catalog.csv
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        t = policytext.parse(policytext.load_corpus(folder))
    built = [findings.genre_confound(t), findings.cleaning_share(t), findings.own_vocabulary(t),
             findings.ecosystem_coverage(t), findings.shared_platforms(t), findings.theme_rate(t, "finance", "03"),
             findings.talent_programmes(t), findings.people_counts(t), findings.one_region_instruments(t),
             findings.money_kinds(t), findings.demand_share(t), findings.instrument_theme_pair(t),
             findings.report_or_promise(t), findings.rate_in_range(t, "cooperation", "Chengdu", "Chongqing", "04")]
    for f in built:
        text = f.markdown()
        assert "uncatalogued" not in text and "unknown" not in text and "nan" not in text.split(), text
        assert all(exists(t.clauses, q) for q in f.evidence)
    for f in (built[0], built[4], built[8], built[13]):
        assert not f.holds and f.statement.startswith("Not stated on this corpus:")
    assert built[5].holds and built[5].comparison[0].genres  # a rate between documents is still stated


def test_a_document_with_no_coded_sentence_counts_zero_and_findings_still_state(tmp_path):
    import shutil
    import warnings

    import policytext
    from policytext import findings
    from policytext.findings.summaries import code_counts
    from support import ROOT

    folder = tmp_path / "laws"
    folder.mkdir()
    shutil.copy(ROOT / "seeds" / "reference" / "national-patent-2020.md", folder / "patent.md")
    # a law stored without its body, as public collections hold some: a title line and nothing to code
    (folder / "empty.md").write_text("# 重庆市农业技术推广条例\n", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", policytext.CorpusWarning)  # no catalog
        tables = policytext.parse(policytext.load_corpus(folder))
    counts = code_counts(tables)
    assert len(counts) == 2 and not counts.isna().any().any() and counts.loc[counts.sum(axis=1) == 0].shape[0] == 1
    findings.theme_rate(tables, "talent", "02_talent_policy")  # no error on the empty document


def test_the_permutation_p_counts_every_split_at_least_as_far_apart():
    from policytext.findings import permutation_p

    # the group holds the two largest of four: 1 split of 6 is as far apart
    assert permutation_p([4, 3, 1, 0], [True, True, False, False]) == pytest.approx(1 / 6)
    # values that do not differ: every split is as far apart
    assert permutation_p([1, 1, 1, 1], [True, False, True, False]) == 1.0


def test_the_permutation_p_samples_splits_when_they_are_too_many_to_count():
    import numpy as np
    from policytext.findings import permutation_p

    rng = np.random.default_rng(1)
    values = rng.normal(size=12)
    group = np.arange(12) < 5
    exact = permutation_p(values, group)  # 792 splits: all counted
    sampled = permutation_p(values, group, exact_up_to=100)  # forced to draw
    assert abs(sampled - exact) < 0.02 and sampled == permutation_p(values, group, exact_up_to=100)
    # 167 documents, 125 against 42 (the laws without a catalog): C(167, 125) splits, never enumerated
    values, group = rng.normal(size=167), np.arange(167) < 125
    assert 0 < permutation_p(values + 3 * group, group) <= 1 / 10_001 + 1e-12


def test_a_gap_that_length_explains_vanishes_once_length_is_allowed_for():
    import numpy as np
    from policytext.findings import length_adjusted_gap

    length = np.array([100, 200, 400, 50, 100, 200])
    group = np.array([False, True, True, False, False, True])
    scores = 2 + np.log(length)  # the score is length alone; the group's texts are longer
    assert scores[group].mean() > scores[~group].mean()
    assert length_adjusted_gap(scores, group, length) == pytest.approx(0, abs=1e-9)
    assert length_adjusted_gap(scores + 0.5 * group, group, length) == pytest.approx(0.5)


def test_shared_initiatives_are_named_initiatives_not_cue_words(tables):
    from policytext import findings
    from policytext.findings.summaries import docs_in

    f = findings.shared_initiatives(tables, docs_in(tables, "Chengdu"), docs_in(tables, "Chongqing"))
    # the Chengdu text names 域内外 (Chinese universities), never 国内外; 成渝 is a prefix, not one initiative
    assert "国内外" not in f.claim and "成渝 (" not in f.claim
    assert all(n in f.claim for n in ("成渝综合性科学中心", "一带一路科技交流大会"))


# --- demand tools and quantities counted in their own unit ----------------------------------------------------

def test_a_demand_tool_named_in_a_clause_coded_otherwise_is_still_found():
    from policytext.findings.summaries import market_tool_sentences

    codes = pd.DataFrame({"doc_id": ["d", "d", "d"], "clause_id": ["d/c1", "d/c1", "d/c2"],
                          "sentence_id": ["d/c1/1", "d/c1/2", "d/c2/1"],
                          "instrument": ["supply", "supply", "demand"]})
    hits = pd.DataFrame({"sentence_id": ["d/c1/2", "d/c1/2", "d/c2/1", "d/c1/1"],
                         "category": ["demand", "demand", "demand", "supply"],
                         "subtool": ["first_set_and_scenarios", "public_procurement", "overseas_institutions",
                                     "capital_input"],
                         "match": ["首台", "政府采购", "一带一路", "资金"], "start": [5, 1, 0, 0]})
    found = market_tool_sentences(SimpleNamespace(codes=codes, hits=hits))
    # the supply clause's procurement sentence is found, cues in text order; a cooperation name is no tool
    assert found["sentence_id"].tolist() == ["d/c1/2"]
    assert found["cues"].tolist() == [["政府采购", "首台"]]


def test_quantities_of_two_articles_in_one_file_are_counted_apart():
    from policytext.findings.on_instruments import quantities_by_article

    clauses = pd.DataFrame({"doc_id": ["p", "p", "q"], "clause_id": ["p/a1/c1", "p/a2/c1", "q/a1/c1"],
                            "article": [1, 2, 1]})
    indicators = pd.DataFrame({"doc_id": ["p", "p", "p", "q"],
                               "clause_id": ["p/a1/c1", "p/a2/c1", "p/a2/c1", "q/a1/c1"],
                               "surface": ["20家", "2559台", "约200人", "3项"],
                               "kind": ["target", "achievement", "achievement", "target"]})
    per = quantities_by_article(SimpleNamespace(clauses=clauses, indicators=indicators))
    assert per.index.tolist() == ["p (article 1)", "p (article 2)", "q"]
    assert per["target"].tolist() == [1, 0, 1] and per["quantities"].tolist() == [1, 2, 1]


def test_on_the_seeds_demand_is_counted_in_clauses_and_quantities_in_articles(seed_tables):
    from policytext.coding.codes import unit_codes
    from policytext.findings.on_instruments import quantities_by_article
    from policytext.findings.summaries import market_tool_sentences

    units = unit_codes(seed_tables.codes)
    assert units["clause_id"].is_unique
    named = market_tool_sentences(seed_tables)
    assert (named["instrument"] != "demand").any()  # a demand tool hidden under another primary code is found
    per = quantities_by_article(seed_tables)
    assert per["quantities"].sum() == len(seed_tables.indicators)
    several = seed_tables.clauses.groupby("doc_id")["article"].nunique()
    counts = per["doc_id"].value_counts()
    assert per.index.is_unique and all(counts[d] <= several[d] for d in counts.index)


def test_a_primary_gap_is_the_sum_of_its_secondaries_parts_largest_first():
    from policytext.findings.on_evaluation import secondary_gap

    # X9 has two secondaries; national a, b and local c, d: X9:1 set in a only and in both locals, X9:2 everywhere
    x91 = [(d, "X9", "X9:1", "依据充分", v) for d, v in zip("abcd", [1, 0, 1, 1], strict=True)]
    x92 = [(d, "X9", "X9:2", "目标明确", 1) for d in "abcd"]
    rows = [*x91, *x92, ("a", "X1", "X1:1", "预测", 1)]  # another primary: left out
    secondary = pd.DataFrame(rows, columns=["doc_id", "primary", "secondary", "name", "value"])
    tier = pd.Series({"a": "national", "b": "national", "c": "local", "d": "local"})
    parts = secondary_gap(secondary, tier, "X9")
    assert parts["secondary"].tolist() == ["X9:1", "X9:2"]
    assert parts.loc[0, ["national_set", "local_set"]].tolist() == [1, 2]
    assert parts["part"].tolist() == [-0.25, 0.0]  # X9 = mean of its two: national 0.75, local 1.0


def test_a_count_belongs_to_a_theme_by_a_cue_in_its_own_clause_not_in_its_sentence():
    from policytext.findings.summaries import cue_in_clause

    text = "科技型企业超过4.2万家、高新技术企业6348家,3家企业通过科创板上市审核。"
    sentences = pd.DataFrame({"sentence_id": ["s1"], "start": [100], "text": [text]})
    k = text.index("科创板")
    hits = pd.DataFrame({"sentence_id": ["s1"], "category": ["finance"], "start": [k], "end": [k + 3]})
    counts = ["4.2万家", "6348家", "3家"]
    indicators = pd.DataFrame({"sentence_id": ["s1"] * 3, "surface": counts,
                               "start": [100 + text.index(c) for c in counts],
                               "end": [100 + text.index(c) + len(c) for c in counts]})
    found = cue_in_clause(indicators, SimpleNamespace(sentences=sentences, hits=hits), "finance")
    assert found.tolist() == [False, False, True]  # the listing's 3家 only: the stock of firms shares the sentence


def test_a_platform_kind_is_read_from_the_canonical_name():
    # 中科院 is written without the suffix its full name 中国科学院 carries: it is of that kind, not unclassified
    from policytext.findings.summaries import platform_kinds

    mentions = pd.DataFrame({"doc_id": ["a", "b", "c"], "name": ["中科院", "两江新区", "西部(成都)科学城"],
                             "key": ["中国科学院", "两江新区", ""], "type": ["institution", "platform", "platform"]})
    kinds = platform_kinds(mentions)
    assert kinds["kind"].tolist() == ["科学院", "科学城"]
    assert kinds.attrs["unclassified"] == ["两江新区"]


def test_documents_writing_a_term_count_it_inside_longer_words_and_in_its_variants():
    from types import SimpleNamespace

    from policytext.findings.summaries import docs_writing

    sentences = pd.DataFrame({"doc_id": ["a", "b", "b", "c"],
                              "text": ["建设国家实验室。", "支持高校、院所", "合作。", "无关的文字。"]})
    written = docs_writing(SimpleNamespace(sentences=sentences), ["实验室", "高校院所", "院所合作"], ["a", "b", "c"])
    assert written.to_dict() == {"实验室": 1, "高校院所": 1, "院所合作": 0}  # no word across two sentences


def test_a_count_given_as_a_present_stock_is_told_from_an_achievement():
    from policytext.findings.on_talent import present_stock

    rows = pd.DataFrame({"surface": ["约200人", "153名"],
                         "sentence": ["目前中心具有科研检测人员约200人。", "新引进国家级人才153名。"]})
    assert present_stock(rows).tolist() == [True, False]
    assert present_stock(rows.iloc[0:0]).tolist() == []
    # 目前 ('so far') with work done is an achievement; a possession verb with a completion marker after it too
    done = pd.DataFrame({"surface": ["536项", "36项", "30人"],
                         "sentence": ["目前,这些研发机构已开展研究项目536项。", "目前,科学城核心区已签约合作项目36项。",
                                      "中心现有团队已累计引进人才30人。"]})
    assert present_stock(done).tolist() == [False, False, False]


def test_the_note_on_passing_cells_names_single_documents_and_what_groups_share():
    from policytext.findings.on_evaluation import notable_groups_note

    notable = pd.DataFrame({"grouping": ["genre", "region", "doc_id", "doc_id"],
                            "group": ["law", "National", "d1", "d1"]})
    documents = pd.DataFrame({"doc_id": ["d1", "d2", "d3"], "genre": ["law", "law", "plan"],
                              "region": ["National", "National", "Chengdu"]})
    pairs = pd.DataFrame({"doc_id": ["d1", "d1", "d2", "d3"]})
    note = notable_groups_note(notable, documents, pairs)
    assert note.startswith("in 3 groups; 1 of these is a single document (d1), and genre law and region National, "
                           "which pass too, hold it.")
    assert note.endswith("(genre law and region National share 3 of their 3 clause codings).")
    two = pd.concat([notable, pd.DataFrame({"grouping": ["doc_id"], "group": ["d2"]})], ignore_index=True)
    assert notable_groups_note(two, documents, pairs).startswith(
        "in 4 groups; 2 of these are single documents (d1 and d2), and genre law and region National, which pass "
        "too, hold both.")


def test_a_cell_clause_whose_theme_cues_are_all_the_sides_text_is_one_by_construction():
    from policytext.findings.summaries import cell_by_construction

    codes = pd.DataFrame({
        "doc_id": ["d"] * 4, "clause_id": ["c1", "c2", "c3", "c3"], "sentence_id": ["s1", "s2", "s3", "s4"],
        "themes": ["ecosystem", "ecosystem", "ecosystem", ""], "instruments": ["supply"] * 4,
        "instrument": ["supply", "supply", "environment", "environment"], "subtool": ["x"] * 4,
        "instrument_basis": [""] * 4,
    })
    hits = pd.DataFrame(
        [("d", "c1", "s1", "instrument", "supply", "实验室", 0, 3),
         ("d", "c1", "s1", "theme", "ecosystem", "实验室", 0, 3),
         ("d", "c2", "s2", "instrument", "supply", "实验室", 0, 3),
         ("d", "c2", "s2", "theme", "ecosystem", "实验室", 0, 3),
         ("d", "c2", "s2", "theme", "ecosystem", "科学城", 5, 8),
         ("d", "c3", "s3", "theme", "ecosystem", "实验室", 0, 3)],
        columns=["doc_id", "clause_id", "sentence_id", "scheme", "category", "match", "start", "end"],
    )
    cell = cell_by_construction(SimpleNamespace(codes=codes, hits=hits), "supply", "ecosystem")
    # c3's primary is environment: not in the supply cell; c2 has an ecosystem cue of its own (科学城), but its
    # one supply cue is ecosystem text too: in the cell by construction from the side's end
    assert cell["clause_id"].tolist() == ["c1", "c2"]
    assert cell["on_shared_text"].tolist() == [True, True]
    own = pd.concat([hits, pd.DataFrame([("d", "c2", "s2", "instrument", "supply", "研发", 10, 12)],
                                        columns=hits.columns)], ignore_index=True)
    cell = cell_by_construction(SimpleNamespace(codes=codes, hits=own), "supply", "ecosystem")
    assert cell["on_shared_text"].tolist() == [True, False]  # c2: each code has a cue of its own


def test_a_top_n_keeps_every_row_tied_with_the_last_one():
    from policytext.findings.summaries import top_with_ties

    frame = pd.DataFrame({"term": list("abcdef"), "docs": [5, 3, 2, 2, 2, 1], "n": [9, 4, 3, 3, 3, 1]})
    assert top_with_ties(frame, ["docs", "n"], 3)["term"].tolist() == ["a", "b", "c", "d", "e"]
    assert top_with_ties(frame, ["docs", "n"], 2)["term"].tolist() == ["a", "b"]
    assert top_with_ties(frame, ["docs", "n"], 10)["term"].tolist() == list("abcdef")
    assert top_with_ties(frame, ["docs", "n"], 0).empty


def test_pairs_sharing_a_formulation_are_counted_within_and_between_genres_and_sets():
    from policytext.findings.on_reuse import genre_pair_note

    genre = pd.Series({"s1": "report", "s2": "report", "s3": "plan", "r1": "law", "r2": "law"})
    pairs = pd.DataFrame({"source_doc": ["s1", "s1", "s3", "r1"], "target_doc": ["s2", "s3", "r1", "r2"]})
    note = genre_pair_note(pairs, genre, ["s1", "s2", "s3"])
    # within: s1-s2 (report), r1-r2 (law) of 2 possible; between: s1-s3, s3-r1 of 10 - 2 = 8
    assert note.startswith("Pairs of documents of one catalog genre share a formulation in 2 of 2 cases, pairs of "
                           "two genres in 2 of 8; the corpus's own documents with each other in 2 of 3, with the "
                           "reference set in 1 of 6, and the reference documents among themselves in 1 of 1.")
    assert "reference set" not in genre_pair_note(pairs, genre, [])  # no own/reference split without both


def test_removed_text_is_ranked_by_artefact_with_reprints_counted_with_what_they_reprint():
    from policytext.findings.summaries import removed_by_artefact

    removed = pd.DataFrame({"reason": ["metadata_block", "duplicate_metadata", "copyright_notice", "title",
                                       "repeated_title"],
                            "text": ["索引号 发文字号", "索引号 发文字号", "版权所有不得转载", "标题", "标题"]})
    ranked = removed_by_artefact(removed)
    assert ranked.to_dict() == {"metadata_block": 14, "copyright_notice": 8, "title": 4}
    assert list(ranked.index) == ["metadata_block", "copyright_notice", "title"]
