"""The instrument codebook: one primary sub-tool per unit, `none` for what is not an instrument.

Hand-made clauses, one per exclusion class of the codebook (coding_guide.md section 7) and per part of
the primary-choice rule, then the codes table of the real seeds, then the agreement measures on a
tiny hand-made gold.
"""

from pathlib import Path

import pandas as pd
import pytest
from policytext.coding.codes import unit_codes
from policytext.coding.instruments import (
    NONE,
    SIDES,
    code_unit,
    code_units,
    codebook,
    render_codebook,
    side_of,
    subtools,
)
from policytext.language.lexicon import lexicon
from policytext.validation.agreement import code_independent, cohen_kappa, multi_kappa, primary_agreement


@pytest.fixture(scope="module")
def tables(seed_tables):
    return seed_tables


def primary(text: str, year: int | None = 2021) -> str:
    code = code_unit(text, year)
    return f"{code.instrument}/{code.subtool}"


# --- the codebook as data -------------------------------------------------------------------------

def test_codebook_has_the_sixteen_subtools_of_the_lexicon_each_with_rules_and_examples():
    assert len(codebook()) == 16
    assert {(s.instrument, s.subtool) for s in codebook()} == {
        (t.category, t.subtool) for t in lexicon("instruments.tsv").terms
    }
    for s in codebook():
        assert s.definition and s.include and s.exclude and s.examples, s.subtool
        assert all(" => " in e for e in s.examples), s.subtool


def test_codebook_examples_code_as_the_codebook_says():
    """Every example of the codebook is coded by the rules as it is written there."""
    for s in codebook():
        for example in s.examples:
            text, expected = example.split(" => ")
            text += "" if text[-1] in "。；" else "。"  # examples are written as bare clauses
            assert primary(text) == (f"{expected}/{NONE}" if expected == NONE else expected), example


def test_coding_guide_carries_the_rendered_codebook():
    guide = Path(__file__).parents[1] / "lib" / "policytext" / "data" / "coding_guide.md"
    assert render_codebook() in guide.read_text(encoding="utf-8")


def test_side_of_each_subtool():
    assert side_of("trade_measures") == "demand"
    assert side_of("regulation_reform") == "environment"
    assert side_of(NONE) == NONE
    assert subtools()[0] == "talent_training"


def test_each_rule_kind_finds_the_leftmost_match_of_its_patterns_in_one_search(tables):
    # one search per kind (an alternation, led by a lookahead or tried at the start only) stands for
    # searching every pattern of instrument_rules.tsv and keeping the leftmost match, the earlier pattern's
    # on a tie
    from policytext.coding.instruments import _search, _unlabelled, unit_rules

    texts = [_unlabelled(t) for t in tables.sentences["text"].tolist()]
    texts += ["第三条 已建成国家级平台5个。", "坚持创新驱动原则", "市科技局负责组织实施。", "本办法自发布之日起施行。",
              "对弄虚作假的，予以通报批评；应当按照规定备案。", "保障措施", "累计", ""]
    assert any(_search("fact", t) for t in texts) and any(_search("responsibility", t) for t in texts)
    for kind, patterns in unit_rules().items():
        for text in texts:
            each = [m for p in patterns if (m := p.search(text))]
            leftmost = min(each, key=lambda m: m.start()) if each else None
            found = _search(kind, text)
            assert (found and found.span()) == (leftmost and leftmost.span()), (kind, text)


# --- exclusion classes: not an instrument ---------------------------------------------------------

def test_completed_fact_with_a_platform_name_is_not_supply():
    assert primary("已建成国家级孵化器12家、科技服务平台30个。") == "none/none"
    assert primary("建设科技服务平台，培育国家级孵化器。").startswith("supply/")


def test_cumulative_and_sequence_reports_are_not_instruments():
    assert primary("累计引进高层次人才团队120个。") == "none/none"
    assert primary("先后制定实施科技创新行动计划等政策文件。") == "none/none"


def test_a_year_before_the_written_date_is_a_report_and_a_later_one_is_not():
    assert primary("2020年,全市新建重点实验室5个。", year=2021) == "none/none"
    assert primary("2020年,全市新建重点实验室5个。", year=2019) == "supply/infrastructure"


def test_conditional_already_in_a_rule_is_not_a_report():
    assert primary("已经取得科技计划项目立项的,不得重复申报。") == "environment/regulation_reform"


# The codebook of the blind gold (lib/policytext/data/gold/independent/README.md): demand/trade_measures is "trade
# measures (import/export, customs, trade facilitation)"; its decision rule 9 puts bonded supervision,
# imports and customs clearance of R&D goods there. A trade word that is only a place, an actor, a
# reported fact, a slogan, part of a name or a figure is no measure.
TRADE_MEASURES = {
    "import measure": "市人民政府可以批准医疗机构进口少量临床急需的药品和医疗器械。",
    "import pilot": "开展生物医药研发用物品进口试点。",
    "customs clearance": "为研发用物品提供通关便利,简化通关手续。",
    "customs supervision innovation": "推进海关监管创新。",
    "bonded supervision": "对企业开展跨境研发所需的货物实施保税监管。",
    "bonded supervision in a zone": "对综合保税区内研发用物品实行保税监管。",
    "trade facilitation": "支持申建综合保税区,推进跨境贸易便利化。",
    "cross-border e-commerce": "试点开展跨境电子商务零售进口药品和医疗器械业务。",
    "technology trade": "发展技术贸易,促进技术进出口。",
    "export promotion": "支持企业开拓国际市场,扩大高新技术产品出口。",
    "market access abroad": "帮助企业取得境外市场准入资质。",
}

INCIDENTAL_TRADE_WORDS = {
    "bonded zone as a place": "企业位于综合保税区内,开展研发设计。",
    "free-trade zone as a place": "支持企业在自贸试验区内设立研发中心。",
    "customs agency as an actor": "市科技局与重庆海关签署合作备忘录。",
    "customs agency in a duty clause": "市商务部门、海关等单位根据各自职责负责相关工作。",
    "imported equipment reported": "企业进口科研仪器设备价值2亿元。",
    "imported goods as a fact": "该中心拥有进口设备50台。",
    "import substitution as a slogan": "加快实现关键零部件进口替代。",
    "WTO in a name": "遵守世界贸易组织规则。",
    "trade agreement in a title": "依照《与贸易有关的知识产权协定》保护知识产权。",
    "trade figures": "全市进出口总额增长12%。",
    "trade volume": "对外贸易额同比增长8%。",
    "technology trade figure": "技术贸易额突破100亿元。",
}


@pytest.mark.parametrize("case", sorted(TRADE_MEASURES))
def test_a_measure_on_trade_is_a_demand_side_trade_measure(case):
    assert primary(TRADE_MEASURES[case]) == "demand/trade_measures", case


@pytest.mark.parametrize("case", sorted(INCIDENTAL_TRADE_WORDS))
def test_an_incidental_trade_word_is_no_trade_measure(case):
    text = INCIDENTAL_TRADE_WORDS[case]
    assert not [h for h in lexicon("instruments.tsv").match(text) if h.subtool == "trade_measures"], case
    assert code_unit(text).instrument != "demand", case


def test_duty_relief_on_imports_is_a_tax_incentive_not_a_trade_measure():
    # codebook: 进口税收优惠 and 保税 as a relief are environment/tax_incentives
    assert primary("落实科研用品进口税收优惠政策。") == "environment/tax_incentives"
    assert primary("聚焦材料进口环节和设备进口环节,通过保税政策等进一步减轻科技型企业发展压力。") \
        == "environment/tax_incentives"
    assert primary("免税进口的科研仪器设备按有关政策规定执行。") != "demand/trade_measures"


def test_trade_words_in_the_seeds(seed_tables):
    # cq-daily-2021: the bonded policy for imported materials lightens firms' costs (a duty relief), the
    # customs agency is a partner named; cq-reply-2023's import pilot for research goods is a trade measure
    hits = seed_tables.hits
    trade = hits[(hits["category"] == "demand") & (hits["subtool"] == "trade_measures")]
    text = seed_tables.sentences.set_index("sentence_id")["text"]
    traded = [text[s] for s in trade["sentence_id"]]
    assert any("研发用物品进口试点" in s for s in traded)
    assert not any("减轻科技型企业发展压力" in s or "签署合作备忘录," in s for s in traded)


def test_the_clearest_demand_measure_of_the_seeds_is_coded_demand(seed_tables):
    # cd-bureau-2023: 采购使用创新产品, 对首台套、首批次、首版次市场化应用产品予以补助 -- the subsidy is for
    # first-set products (codebook: 对首台(套)装备给予保险补偿 => demand), so its grant words are no supply cue
    codes = seed_tables.codes.drop_duplicates("clause_id").set_index("clause_id")
    clause = seed_tables.clauses.loc[seed_tables.clauses["text"].str.contains("首台套、首批次、首版次"), "clause_id"]
    assert len(clause) == 1 and codes.loc[clause.iloc[0], "instrument"] == "demand"
    assert primary("对首台套、首批次、首版次市场化应用产品予以补助。") == "demand/first_set_and_scenarios"
    assert primary("对企业研发项目予以补助。") == "supply/capital_input"  # a grant is still a grant


def test_an_imported_equipment_report_is_not_demand():
    assert primary("企业进口科研仪器设备价值2亿元。") == "none/none"
    assert code_unit("2022年全市企业进口设备300台套。").instrument != "demand"


def test_headings_are_none_but_articles_and_lead_ins_are_not_headings():
    for heading in ("第一章 总则", "二、主要任务", "(一)健全科研诚信管理制度"):
        assert primary(heading) == "none/none", heading
        assert code_unit(heading).basis == "heading"
    assert code_unit("第十条下列行为属于科研失信行为:").basis != "heading"


def test_background_rhetoric_purpose_and_furniture_are_none():
    for text in (
        "为规范科研诚信管理,根据有关法律法规,结合本省实际,制定本办法。",
        "本办法自印发之日起施行。",
        "本办法由省科技厅负责解释。",
        "(一)指导思想。以习近平新时代中国特色社会主义思想为指导,建设国家实验室。",
        "第四条科研诚信管理遵循客观公正、奖惩并举的原则。",
    ):
        assert primary(text) == "none/none", text


def test_a_clause_that_only_assigns_duties_is_none():
    assert primary("市科技局负责全市科研诚信管理工作。") == "none/none"


# --- the primary-choice rule -----------------------------------------------------------------------

def test_one_primary_even_when_several_subtools_have_cues():
    code = code_unit("(三)完善科技金融服务。设立天使投资引导基金,开展技术经理人培训,建设孵化器。")
    assert (code.instrument, code.subtool) == ("environment", "financial_support")
    assert "talent_training" in code.secondary
    assert {e.role for e in code.evidence} == {"primary", "secondary"}


def test_lead_sentence_weighs_double():
    text = "(二)加强知识产权保护。建设实验室。建设研究院。"
    assert primary(text) == "environment/intellectual_property"


def test_tie_goes_to_the_earliest_cue():
    assert primary("设立引导基金,开展人才培训。") == "environment/financial_support"
    assert primary("开展人才培训,设立引导基金。") == "supply/talent_training"


def test_a_sanction_governs_its_sentence():
    code = code_unit("对弄虚作假的,追回已拨付的财政资金。")
    assert code.subtool == "regulation_reform"


def test_list_items_take_their_lead_ins_code():
    codes = code_units(["第十条下列行为属于科研失信行为:", "(一)在科技计划项目申报中虚报经费的;",
                        "(二)抄袭他人科研成果的;", "第十一条 本市设立科技成果转化专项资金。"])
    assert [c.subtool for c in codes] == ["regulation_reform"] * 3 + ["capital_input"]
    assert codes[1].basis.startswith("item of a list")


def test_a_unit_without_any_cue_is_none():
    assert code_unit("推动全市科技创新迈好第一步、见到新气象。").basis == "no cue of any sub-tool"


# --- the codes table of the real seeds -----------------------------------------------------------

def test_every_seed_clause_has_exactly_one_primary_code_consistent_with_its_side(tables):
    units = unit_codes(tables.codes)
    assert len(units) == tables.codes["clause_id"].nunique() == len(tables.clauses)
    assert set(units["instrument"]) <= {*SIDES, NONE}
    assert all(side_of(s) == i for s, i in zip(units["subtool"], units["instrument"], strict=True))
    per_clause = tables.codes.groupby("clause_id")[["instrument", "subtool"]].nunique()
    assert (per_clause == 1).all().all()


def test_primary_evidence_spans_point_at_their_text_and_support_their_clause_primary(tables):
    evidence = tables.instrument_evidence
    assert len(evidence) > 0
    codes = tables.codes.set_index("sentence_id")
    for r in evidence.itertuples():
        sentence = codes.loc[r.sentence_id]
        assert (r.doc_id, r.clause_id) == (sentence["doc_id"], sentence["clause_id"])
        assert (r.instrument, r.subtool) == (sentence["instrument"], sentence["subtool"])
        assert sentence["text"][r.start:r.end].replace("（", "(").replace("）", ")") == r.match


def test_every_clause_coded_from_its_own_cues_has_evidence_and_none_has_evidence_without_a_side(tables):
    units = unit_codes(tables.codes).set_index("clause_id")
    with_evidence = set(tables.instrument_evidence["clause_id"])
    assert all(units.loc[c, "instrument"] != NONE for c in with_evidence)
    scored = units[units["instrument_basis"].str.startswith("highest score")]
    assert set(scored.index) <= with_evidence


def test_the_codes_table_holds_no_packed_evidence(tables):
    assert "instrument_evidence" not in tables.codes.columns
    assert list(tables.instrument_evidence.columns) == ["doc_id", "clause_id", "sentence_id", "instrument",
                                                        "subtool", "term", "match", "start", "end"]


def test_a_report_clause_of_the_seeds_is_not_coded_as_a_measure(tables):
    """cq-wushan-2022: 已累计引进…105家…来渝开展合作 reports results; its platform names are not supply."""
    units = unit_codes(tables.codes).merge(tables.clauses[["clause_id", "text"]], on="clause_id")
    report = units[units["text"].str.contains("已累计引进中国科学院", regex=False)]
    assert report["instrument"].tolist() == [NONE]


# --- agreement on a tiny hand-made gold --------------------------------------------------------------

def test_kappa_on_hand_made_codings():
    assert multi_kappa(["a", "a", "b", "b"], ["a", "a", "b", "a"]) == pytest.approx(0.5)
    assert multi_kappa(["a", "b"], ["a", "b"]) == 1.0
    assert cohen_kappa([1, 1, 0, 0], [1, 1, 0, 1]) == pytest.approx(0.5)
    with pytest.raises(ValueError, match="same non-zero length"):
        multi_kappa(["a"], [])


def test_primary_agreement_per_side_four_way_and_confusion():
    units = pd.DataFrame({
        "gold_instrument": ["supply", "supply", "environment", "environment", "none", "demand"],
        "gold_subtool": ["infrastructure", "talent_training", "regulation_reform", "goal_planning", "none",
                         "trade_measures"],
        "instrument": ["supply", "environment", "environment", "environment", "none", "none"],
        "subtool": ["infrastructure", "regulation_reform", "regulation_reform", "regulation_reform", "none", "none"],
    })
    r = primary_agreement(units)
    sides = r["sides"].set_index("category")
    assert sides.loc["supply", "gold_positive"] == 2 and sides.loc["supply", "coded_positive"] == 1
    assert sides.loc["supply", "precision"] == 1.0 and sides.loc["supply", "recall"] == 0.5
    assert sides.loc["demand", "recall"] == 0.0
    assert r["instrument_agreement"] == pytest.approx(4 / 6)
    assert r["subtool_agreement"] == pytest.approx(3 / 6)
    assert r["confusion"].loc["talent_training", "regulation_reform"] == 1
    assert r["confusion"].loc["goal_planning", "regulation_reform"] == 1


def test_independent_gold_reader_codes_units_in_order_with_the_written_year(tmp_path):
    pd.DataFrame({"file": ["x.txt"], "title": ["t"], "date_written": ["2021-07-16"]}).to_csv(
        tmp_path / "sources.csv", index=False)
    pd.DataFrame({
        "file": ["x.txt"] * 3, "unit_id": ["u1", "u2", "u3"],
        "unit_text": ["2020年,全市新建重点实验室5个。", "第五条下列行为属于失信行为:", "(一)抄袭他人科研成果的;"],
        "instrument": ["none", "environment", "environment"],
        "subtool": ["none", "regulation_reform", "regulation_reform"],
    }).to_csv(tmp_path / "units.csv", index=False)
    coded = code_independent(tmp_path)
    assert coded["subtool"].tolist() == ["none", "regulation_reform", "regulation_reform"]
    assert primary_agreement(coded)["instrument_kappa"] == 1.0


def test_independent_gold_without_its_columns_is_a_clear_error(tmp_path):
    pd.DataFrame({"file": ["x.txt"], "date_written": ["2021"]}).to_csv(tmp_path / "sources.csv", index=False)
    pd.DataFrame({"file": ["x.txt"], "unit_text": ["a"]}).to_csv(tmp_path / "units.csv", index=False)
    with pytest.raises(ValueError, match="units.csv: missing columns"):
        code_independent(tmp_path)


def test_a_rule_pattern_or_sub_tool_listed_twice_is_an_error_naming_file_and_line(monkeypatch):
    import policytext.coding.instruments as ins

    rows = [(12, ["fact", "累计", "n"]), (40, ["background", "累计", "n"])]
    monkeypatch.setattr(ins, "numbered_rows", lambda name: rows)
    ins.unit_rules.cache_clear()
    try:
        with pytest.raises(ValueError, match=r"instrument_rules.tsv line 40: pattern '累计' is listed under two "
                                             r"kinds: fact and background \(first on line 12\)"):
            ins.unit_rules()
    finally:
        ins.unit_rules.cache_clear()
    monkeypatch.setattr(ins, "numbered_rows", lambda name: [(5, ["supply", "capital_input", "d", "i", "e", "x"]),
                                                            (9, ["supply", "capital_input", "d", "i", "e", "x"])])
    with pytest.raises(ValueError, match=r"instrument_codebook.tsv line 9: sub-tool 'capital_input' is listed twice"):
        ins.codebook.__wrapped__()  # the cached result is the package's own file
