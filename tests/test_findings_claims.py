"""What the findings of notebooks 00, 01, 02 and 05 may claim: a near tie is said as a tie, a national
designation is not a shared platform, a headcount of existing staff is not a talent achievement, demand is
counted on the primary code, a share of targets rests on enough quantities. Each rule on hand-made input
and on the seeds."""

from types import SimpleNamespace

import pandas as pd
import pytest
from policytext import findings
from policytext.findings.evidence import exists
from policytext.findings.narrative import TIE, leaders, tied
from policytext.findings.on_talent import _stock


@pytest.fixture(scope="module")
def tables(seed_tables):
    from policytext.findings.summaries import canonical_tables

    return canonical_tables(seed_tables)  # each text once, as the notebooks read them


def _sentences(rows):
    """A sentences table from (doc_id, sentence_id, text); each sentence its own clause."""
    return pd.DataFrame(
        [(d, s, s.rsplit("/", 1)[0], t) for d, s, t in rows], columns=["doc_id", "sentence_id", "clause_id", "text"]
    )


# -- a near tie is a tie -------------------------------------------------------------------------------------


def test_a_lead_within_the_tolerance_is_a_tie_and_a_clear_lead_is_not():
    shares = pd.Series({"theory": 0.336, "bureau": 0.330, "news": 0.312, "reply": 0.258})
    assert leaders(shares) == ["theory"]  # exact maximum: one document
    assert tied(shares) == ["theory", "bureau"]  # 0.6 points of 33.6%: a tie
    assert tied(shares, largest=False) == ["reply"]
    assert tied(pd.Series({"theory": 7.5, "interview": 7.3, "reply": 4.3})) == ["theory", "interview"]
    assert tied(pd.Series({"a": 36.2, "b": 27.8})) == ["a"]
    assert tied(pd.Series({"a": 0.0, "b": 0.0, "c": 0.01}), largest=False) == ["a", "b"]  # zero ties only zero


def test_own_vocabulary_names_every_document_within_the_tolerance_of_the_largest_share(tables, monkeypatch):
    from policytext.findings import summaries

    docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "genre": ["theory", "bureau", "reply"], "region": ["x"] * 3})
    own = pd.DataFrame(
        {"tokens": [803, 888, 726], "own_tokens": [270, 293, 187], "own_share": [270 / 803, 293 / 888, 187 / 726],
         "top_own": ["", "", ""], "top_own_count": [0, 0, 0]},
        index=pd.Index(["a", "b", "c"], name="doc_id"),
    )
    monkeypatch.setattr(summaries, "own_vocabulary", lambda t: own)
    f = findings.own_vocabulary(SimpleNamespace(documents=docs))
    assert f.holds and "a (theory) and b (bureau) (tied)" in f.claim and "c (reply)" in f.claim
    assert [g.doc_ids for g in f.comparison] == [("a", "b"), ("c",)]

    monkeypatch.undo()
    f = findings.own_vocabulary(tables)
    share = summaries.own_vocabulary(tables)["own_share"]
    top = [d for d in share.index if share[d] >= share.max() * (1 - TIE)]
    assert set(f.comparison[0].doc_ids) == set(top)
    assert all(d in f.claim for d in top) and all(exists(tables.clauses, q) for q in f.evidence)


# -- 01 · a shared name and what it names ---------------------------------------------------------------------


def _platform_tables():
    docs = pd.DataFrame({"doc_id": ["cd", "cq"], "genre": ["plan", "report"], "region": ["Chengdu", "Chongqing"]})
    sentences = _sentences([
        ("cd", "cd/a1/s1/c1/1", "全力推进国家实验室入轨运行,共建成渝综合性科学中心。"),
        ("cq", "cq/a1/s1/c1/1", "争取在渝建设国家实验室,共建成渝综合性科学中心,与北京大学合作。"),
        ("cd", "cd/a1/s1/c2/1", "协同建设国际技术转移中心,与北京大学合作。"),
        ("cq", "cq/a1/s1/c2/1", "建设国际技术转移中心。"),
    ])
    rows = [
        ("cd", "cd/a1/s1/c1/1", "国家实验室", "platform", "national"),
        ("cq", "cq/a1/s1/c1/1", "国家实验室", "platform", "national"),
        ("cd", "cd/a1/s1/c1/1", "成渝综合性科学中心", "platform", "Chengdu–Chongqing"),
        ("cq", "cq/a1/s1/c1/1", "成渝综合性科学中心", "platform", "Chengdu–Chongqing"),
        ("cq", "cq/a1/s1/c1/1", "北京大学", "institution", "national"),
        ("cd", "cd/a1/s1/c2/1", "北京大学", "institution", "national"),
    ]
    entities = pd.DataFrame(rows, columns=["doc_id", "sentence_id", "name", "type", "jurisdiction"]).assign(
        key=lambda x: x["name"]
    )
    candidates = pd.DataFrame(
        [("cd", "cd/a1/s1/c2/1", "国际技术转移中心", "platform"),
         ("cq", "cq/a1/s1/c2/1", "国际技术转移中心", "platform")],
        columns=["doc_id", "sentence_id", "name", "type"],
    ).assign(key=lambda x: x["name"], jurisdiction="")
    return SimpleNamespace(documents=docs, sentences=sentences, clauses=sentences, entities=entities,
                           entity_candidates=candidates)


def test_a_designation_named_in_both_cities_is_not_counted_as_a_joint_platform():
    t = _platform_tables()
    f = findings.shared_platforms(t)
    assert f.holds and "3 of 3" in f.claim
    assert "1 is a joint place of the two cities (成渝综合性科学中心)" in f.claim
    assert "1 is a national designation" in f.claim and "(国家实验室)" in f.claim
    assert "1 is an institution both work with (北京大学)" in f.claim
    assert "国际技术转移中心" in f.detail  # found by the rules in both cities: named, though not counted
    assert any("国际技术转移中心" in q.passage for q in f.evidence)
    assert all(exists(t.clauses, q) for q in f.evidence)


def test_on_the_seeds_no_designation_is_called_a_joint_platform_and_the_caveat_says_why_names_are_missed(tables):
    from policytext.findings.summaries import designations

    f = findings.shared_platforms(tables)
    joint = f.claim.split("joint place")[1].split(";")[0] if "joint place" in f.claim else ""
    assert not any(name in joint for name in designations())
    assert "suffix" not in f.caveat and "gazetteer" in f.caveat
    assert all(exists(tables.clauses, q) for q in f.evidence)


def test_every_designation_is_a_national_platform_of_the_gazetteer():
    from policytext.findings.summaries import designations
    from policytext.language.entities import gazetteer

    g = gazetteer()
    assert designations() and all(g[name].kind == "platform" and g[name].jurisdiction == "national"
                                  for name in designations())


# -- 02 · talent ------------------------------------------------------------------------------------------------


def test_a_returnee_programme_is_found_as_a_programme():
    from policytext.language.entities import find_entities

    assert ("重庆市留学人员创业创新支持计划", "programme") in find_entities(
        "深入实施重庆市留学人员创业创新支持计划,加大创业支持力度,开展绩效评估。"
    )


def test_the_talent_programme_count_includes_every_document_naming_one(tables):
    from policytext.findings.summaries import talent_programmes

    f = findings.talent_programmes(tables)
    found = talent_programmes(tables)
    named = sorted(set(found.loc[found["talent_by_name"], "doc_id"]))
    assert sorted(f.comparison[0].doc_ids) == named
    assert f.claim.startswith(f"{len(named)} documents of {len(tables.documents)}")


def test_a_headcount_of_existing_staff_is_set_aside_and_teams_are_counted():
    stock = {"sentence": "目前,海关具有各类科研检测人员约200人。", "surface": "约200人"}
    done = {"sentence": "已累计集聚高层次人才团队4417人,其中院士团队15个。", "surface": "4417人"}
    plan = {"sentence": "现有基础上,力争引进人才200名以上。", "surface": "200名以上"}
    assert _stock(stock) and not _stock(done)
    assert _stock(plan)  # a stock word before the number: read as a stock, the safe side


def test_on_the_seeds_people_counts_give_no_overall_verdict_and_keep_no_stock(tables):
    from policytext.findings.summaries import coded_indicators

    f = findings.people_counts(tables)
    numbers = coded_indicators(tables, "talent")
    counted = numbers[numbers["measures"].isin(["people", "teams"])]
    stock = counted[counted.apply(_stock, axis=1)]
    assert "mostly" not in f.claim
    assert f.numbers[0].denominator == len(counted) - len(stock)
    assert all(s in f.detail for s in stock["surface"])
    assert all(exists(tables.clauses, q) for q in f.evidence)


def test_the_talent_headline_quotes_the_sentence_densest_in_talent_terms(tables):
    f = findings.theme_rate(tables, "talent", "02_talent_policy", substance=True)
    plain = findings.theme_rate(tables, "talent", "02_talent_policy")
    hits = tables.hits[tables.hits["category"] == "talent"]
    n = hits.groupby("clause_id").size()
    assert n.get(f.evidence[0].clause_id, 0) >= n.get(plain.evidence[0].clause_id, 0)
    assert plain.claim == f.claim and exists(tables.clauses, f.evidence[0])


# -- 05 · instruments -------------------------------------------------------------------------------------------


def test_demand_is_counted_in_clauses_on_the_primary_code_with_the_tools_named_under_other_codes():
    docs = pd.DataFrame({"doc_id": ["a", "b"], "genre": ["theory", "plan"], "region": ["x", "y"]})
    sentences = _sentences([
        ("a", "a/a1/s1/c1/1", "共建一带一路科技创新合作区。"),
        ("a", "a/a1/s1/c2/1", "加强基础研究,完善首台套扶持政策。"),
        ("b", "b/a1/s1/c1/1", "二是扩大市场。"),
        ("b", "b/a1/s1/c1/2", "支持政府采购使用创新产品。"),
        ("b", "b/a1/s1/c2/1", "加大研发投入。"),
    ])
    codes = sentences.assign(
        themes="", subtools="", subtool="", instrument_basis="",
        instruments=["demand", "supply;demand", "", "demand", "supply"],  # the 一带一路 name is an overseas cue
        instrument=["environment", "supply", "demand", "demand", "supply"],  # primary code per clause
    )
    hits = pd.DataFrame(
        [("a/a1/s1/c1/1", "a/a1/s1/c1", "instrument", "demand", "overseas_institutions", "一带一路", 2),
         ("a/a1/s1/c2/1", "a/a1/s1/c2", "instrument", "demand", "first_set_and_scenarios", "首台", 9),
         ("b/a1/s1/c1/2", "b/a1/s1/c1", "instrument", "demand", "public_procurement", "政府采购", 2)],
        columns=["sentence_id", "clause_id", "scheme", "category", "subtool", "match", "start"],
    )
    t = SimpleNamespace(documents=docs, sentences=sentences, clauses=sentences, codes=codes, hits=hits)
    f = findings.demand_share(t)
    # 4 clauses, 1 coded demand (its two sentences count once); 2 sentences name a tool, 1 under a supply code
    assert f.holds and f.numbers[0].numerator == 1 and f.numbers[0].denominator == 4
    assert f.numbers[1].value == 2 and "1 of them in clauses whose primary code" in f.claim
    assert "all in" not in f.claim and f.evidence[0].clause_id in ("a/a1/s1/c2", "b/a1/s1/c1")
    assert "扩大市场" not in f.evidence[0].passage  # the heading is not quoted


def test_on_the_seeds_the_demand_headline_counts_each_coded_clause_once(tables):
    from policytext.coding.codes import INSTRUMENTS, unit_codes

    f = findings.demand_share(tables, headline=True)
    units = unit_codes(tables.codes)
    assert f.numbers[0].numerator == (units["instrument"] == "demand").sum()
    assert f.numbers[0].denominator == units["instrument"].isin(INSTRUMENTS).sum()
    assert all(exists(tables.clauses, q) for q in f.evidence)


def test_a_share_of_targets_is_compared_only_on_enough_quantities():
    docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "genre": ["reply", "theory", "news"],
                         "region": ["Chongqing"] * 3})
    rows = [("a", "achievement")] * 6 + [("b", "target")] * 3 + [("c", "achievement")] * 4 + [("c", "target")]
    ind = pd.DataFrame(rows, columns=["doc_id", "kind"]).assign(surface="1个", sentence="建成1个。")
    ind["clause_id"] = ind["doc_id"] + "/a1/s1/c1"
    clauses = pd.DataFrame({"doc_id": ["a", "b", "c"], "clause_id": ["a/a1/s1/c1", "b/a1/s1/c1", "c/a1/s1/c1"],
                            "article": [1, 1, 1]})
    t = SimpleNamespace(documents=docs, indicators=ind, clauses=clauses)
    f = findings.report_or_promise(t)
    assert f.holds and "b (theory)" not in f.claim and "a (reply)" in f.claim and "c (news)" in f.claim
    assert "fewer than 5 quantities: b (3)" in f.detail
    assert [n.denominator for n in f.numbers] == [6, 5]
    thin = SimpleNamespace(documents=docs, indicators=ind[ind["doc_id"] != "c"], clauses=clauses)
    assert not findings.report_or_promise(thin).holds  # one document with enough numbers: nothing stated
    # c's page also holds a second article of 6 results: each article is its own unit, c's own share unchanged
    brief = pd.DataFrame([("c", "achievement")] * 6, columns=["doc_id", "kind"]).assign(
        surface="1台", sentence="现有1台。", clause_id="c/a2/s1/c1")
    two = SimpleNamespace(documents=docs, indicators=pd.concat([ind, brief], ignore_index=True),
                          clauses=pd.concat([clauses, pd.DataFrame({"doc_id": ["c"], "clause_id": ["c/a2/s1/c1"],
                                                                    "article": [2]})], ignore_index=True))
    g = findings.report_or_promise(two)
    assert "c (article 1) (news)" in g.claim and [n.denominator for n in g.numbers][-1] == 5


# -- caveats cite what exists ------------------------------------------------------------------------------------


def test_no_caveat_of_these_findings_cites_a_readme_table_the_readme_lacks(tables):
    from support import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    built = [findings.own_vocabulary(tables), findings.ecosystem_coverage(tables), findings.shared_platforms(tables),
             findings.talent_programmes(tables), findings.people_counts(tables), findings.demand_share(tables),
             findings.report_or_promise(tables)]
    for f in built:
        if "README" in f.caveat:  # only the instrument agreement is a README table
            assert f.key == "demand-share" and "demand" in readme.split("primary instrument per clause")[1][:80]
    assert "upper bound" not in findings.ecosystem_coverage(tables).caveat
