"""Quantified indicators on hand-made sentences: numbers, qualifiers and bounds, kinds, subjects, measures."""

import csv
import math

import pandas as pd
import pytest
from policytext.coding.indicators import (
    BOUNDS,
    KINDS,
    MEASURES,
    find_indicators,
    kind_cues,
    qualifiers,
    quantity_forms,
    units,
    written_span,
)
from policytext.datafiles import rows
from policytext.findings.summaries import in_theme
from support import DATA, real_texts


def one(sentence: str, surface: str, written=None) -> pd.Series:
    found = find_indicators(sentence, written=written)
    hit = found[found["surface"] == surface]
    assert len(hit) == 1, (surface, found[["surface", "value", "unit"]].to_dict("records"))
    return hit.iloc[0]


# ------------------------------------------------------------------ numbers


@pytest.mark.parametrize(
    ("sentence", "surface", "value", "unit"),
    [
        ("全市共有1,200家高新技术企业。", "1,200家", 1200, "家"),
        ("技术合同成交额达到1,234.5亿元。", "1,234.5亿元", 123450000000, "元"),
        ("培育科技型企业1.2万余家。", "1.2万余家", 12000, "家"),
        ("集聚各类人才2万多人。", "2万多人", 20000, "人"),
        ("认定一百二十家企业。", "一百二十家", 120, "家"),
        ("建设两个国家级平台。", "两个", 2, "个"),
        ("设立三千万元的引导基金。", "三千万元", 30000000, "元"),
        ("研发投入强度提高0.5个百分点。", "0.5个百分点", 0.5, "个百分点"),
        ("推出新产品12款。", "12款", 12, "款"),
        ("建成3所新型研发机构。", "3所", 3, "所"),
        ("组建创新团队5支。", "5支", 5, "支"),
        ("推广首台套装备20台套。", "20台套", 20, "台套"),
        ("开展培训500人次。", "500人次", 500, "人次"),
        ("服务企业300家次。", "300家次", 300, "家次"),
        ("授权发明专利30件。", "30件", 30, "件"),
        ("契税补贴百分之五十。", "百分之五十", 50, "%"),
    ],
)
def test_numbers_are_read_in_base_units(sentence, surface, value, unit):
    row = one(sentence, surface)
    assert row["value"] == pytest.approx(value) and row["unit"] == unit
    assert math.isnan(row["value_max"])


@pytest.mark.parametrize(
    ("sentence", "surface", "low", "high", "unit"),
    [
        ("给予500万元至1000万元支持。", "500万元至1000万元", 5e6, 1e7, "元"),
        ("按投资额10%—20%给予补助。", "10%—20%", 10, 20, "%"),
        ("每家补助5—10万元。", "5—10万元", 5e4, 1e5, "元"),
        ("遴选5至10家单位。", "5至10家", 5, 10, "家"),
    ],
)
def test_ranges_give_value_and_value_max(sentence, surface, low, high, unit):
    row = one(sentence, surface)
    assert (row["value"], row["value_max"], row["unit"]) == (pytest.approx(low), pytest.approx(high), unit)


@pytest.mark.parametrize(
    "sentence",
    ["落实三个方面的任务。", "坚持“四个面向”。", "打造一个平台。", "一次性奖励。", "千家万户受益。",
     "深入贯彻市委五届九次全会精神。", "今后五年。", "3个月内完成。", "(2019—2022年)", "组织名单公布。"],
)
def test_rhetoric_articles_ordinals_and_periods_are_not_indicators(sentence):
    assert find_indicators(sentence).empty


# ------------------------------------------------------------------ qualifiers and bounds


@pytest.mark.parametrize(
    ("sentence", "surface", "qualifier", "bound"),
    [
        ("单个项目支持金额不超过500万元。", "不超过500万元", "不超过", "at_most"),
        ("研发投入不少于100万元。", "不少于100万元", "不少于", "at_least"),
        ("研发投入占比不低于3%。", "不低于3%", "不低于", "at_least"),
        ("贷款利率不高于5%。", "不高于5%", "不高于", "at_most"),
        ("给予最高500万元的支持。", "最高500万元", "最高", "at_most"),
        ("引进团队100个以上。", "100个以上", "以上", "at_least"),
        ("职工人数300人以下。", "300人以下", "以下", "at_most"),
        ("科技型企业超过4.2万家。", "超过4.2万家", "超过", "at_least"),
        ("引进人才近3000人。", "近3000人", "近", "about"),
        ("检测人员约200人。", "约200人", "约", "about"),
        ("培育团队10个左右。", "10个左右", "左右", "about"),
        ("建成平台10余个。", "10余个", "余", "at_least"),
        ("建成平台10个。", "10个", "", "exact"),
    ],
)
def test_qualifiers_carry_a_bound(sentence, surface, qualifier, bound):
    row = one(sentence, surface)
    assert (row["qualifier"], row["bound"]) == (qualifier, bound)


def test_not_more_than_is_never_read_as_more_than():
    row = one("对年销售收入不超过2000万元的企业予以支持。", "不超过2000万元")
    assert row["qualifier"] == "不超过" and row["bound"] == "at_most"


def test_a_qualifier_a_few_words_away_still_bounds_the_number():
    row = one("最高可给予500万元奖励。", "500万元")
    assert row["qualifier"] == "最高" and row["bound"] == "at_most"


# ------------------------------------------------------------------ kinds


@pytest.mark.parametrize(
    ("sentence", "surface"),
    [
        ("对认定的企业，给予最高500万元的支持。", "最高500万元"),
        ("按投资额10%给予补助。", "10%"),
        ("对年销售收入不超过2000万元的企业，优先支持。", "不超过2000万元"),
        ("每家企业奖励50万元。", "50万元"),
        ("首付款比例调整为20%。", "20%"),
    ],
)
def test_support_standards_and_thresholds_are_provisions(sentence, surface):
    assert one(sentence, surface)["kind"] == "provision"


def test_a_year_after_the_written_date_makes_a_target_whatever_the_verb():
    assert one("到2025年，新增国家级专精特新企业20家。", "20家", written="2023")["kind"] == "target"


def test_a_year_before_the_written_date_makes_an_achievement():
    sentence = "2023年，全市技术合同成交额达到2150亿元。"
    assert one(sentence, "2150亿元", written="2024-03-01")["kind"] == "achievement"
    assert one(sentence, "2150亿元", written="2022-12-01")["kind"] == "target"


def test_base_years_of_a_comparison_do_not_date_the_number():
    assert one("力争研发投入较2020年增长20%。", "20%", written="2023")["kind"] == "target"


def test_awards_won_are_counts_not_support_standards():
    assert one("获得国家科技奖励5项。", "5项")["kind"] == "achievement"


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [("已建成国家级平台10个。", "achievement"), ("累计培育企业100家。", "achievement"),
     ("力争培育企业100家。", "target"), ("预计新增产值50亿元。", "target"), ("较上年增长15%。", "achievement")],
)
def test_without_a_year_the_cue_words_decide(sentence, kind):
    assert find_indicators(sentence)["kind"].tolist() == [kind]


@pytest.mark.parametrize(
    ("value", "span"),
    [("2023-07-26", (2023, 2023)), ("2018/2019", (2018, 2019)), (("2023-01-01", "2023-12-31"), (2023, 2023)),
     ("", None), (None, None), (("", ""), None)],
)
def test_written_spans(value, span):
    assert written_span(value) == span


# ------------------------------------------------------------------ subjects and measures


@pytest.mark.parametrize(
    ("sentence", "surface", "subject"),
    [
        ("全社会研究与试验发展经费投入达到630.5亿元。", "630.5亿元", "全社会研究与试验发展经费投入"),
        ("新增为2403家科技型企业发放“科创贷”。", "2403家", "科技型企业"),
        ("新增为2403家企业发放知识价值信用贷款70.7亿元。", "2403家", "企业"),
        ("专利代理师不得同时在两个以上专利代理机构从事专利代理业务。", "两个以上", "专利代理机构"),
        ("知识价值信用贷款70.7亿元,较上年分别增长30.8%、31.2%。", "30.8%", "知识价值信用贷款增长"),
        ("知识价值信用贷款70.7亿元,较上年分别增长30.8%、31.2%。", "31.2%", "知识价值信用贷款增长"),
        ("培育科技型企业1.2万余家。", "1.2万余家", "科技型企业"),
        ("引进知名技术转移服务机构10家以上。", "10家以上", "知名技术转移服务机构"),
        ("集聚高层次人才团队4417人。", "4417人", "高层次人才团队"),
        ("设立2000万元的人才引育基金。", "2000万元", "人才引育基金"),
        ("对年销售收入不超过2000万元的企业予以支持。", "不超过2000万元", "年销售收入"),
        ("首付款比例调整为20%。", "20%", "首付款比例"),
    ],
)
def test_subjects_are_whole_noun_phrases(sentence, surface, subject):
    assert one(sentence, surface)["subject"] == subject


@pytest.mark.parametrize(
    ("sentence", "surface", "measures"),
    [
        ("引进高层次人才800名。", "800名", "people"),
        ("集聚院士团队15个。", "15个", "teams"),
        ("培育科技型企业100家。", "100家", "firms"),
        ("建设重点实验室10个。", "10个", "institutions"),
        ("实施重大专项10项。", "10项", "projects"),
        ("发放人才贷5亿元。", "5亿元", "money"),
        ("增长15%。", "15%", "share"),
        ("形成20条工作清单。", "20条", "other"),
    ],
)
def test_measures_says_what_is_counted(sentence, surface, measures):
    assert one(sentence, surface)["measures"] == measures


def test_talent_takes_people_and_teams_not_a_talent_loan_amount():
    found = pd.concat([find_indicators("发放“人才贷”5亿元，支持创新团队12个，引进人才300名。")])
    talent = found[in_theme(found, "talent")]
    assert talent["surface"].tolist() == ["12个", "300名"]


# ------------------------------------------------------------------ data files


def test_data_files_use_only_known_categories():
    assert set(units().values()) <= {*MEASURES, "subject"}
    assert {b for _, b in qualifiers().values()} <= set(BOUNDS)
    assert {k for k, _, _ in kind_cues()} <= set(KINDS)
    assert {"不超过", "不少于", "不低于", "不高于", "最高", "以上", "以下", "超过", "近", "约"} <= set(qualifiers())
    assert {"款", "项", "件", "所", "支", "台套", "人次", "家次", "个百分点"} <= set(units())
    for theme, measures, _pattern, _gloss in rows("indicator_themes.tsv"):
        assert set(measures.split(";")) <= set(MEASURES), theme


def test_theme_indicators_of_the_seeds_measure_what_the_theme_counts(seed_tables):
    from policytext.findings.summaries import theme_indicators

    tables = seed_tables
    talent = theme_indicators(tables, "talent")
    assert not talent.empty
    assert set(talent["measures"]) <= {"people", "teams", "projects", "other"}
    assert "元" not in set(talent["unit"])


def test_full_width_digits_are_read_and_the_surface_is_kept_as_written():
    row = one("全市有高新技术企业１２００家。", "１２００家")
    assert row["value"] == 1200 and row["subject"] == "高新技术企业"


@pytest.mark.parametrize("sentence", ["数十家企业参与。", "十几家单位参与。"])
def test_vague_counts_are_not_numbers(sentence):
    assert find_indicators(sentence).empty


def test_a_year_in_a_lead_sentence_governs_the_list_after_it():
    from policytext.coding.indicators import indicators

    sentences = pd.DataFrame(
        {"doc_id": ["d"] * 3, "clause_id": ["c1", "c1", "c2"], "sentence_id": ["s1", "s2", "s3"],
         "start": [0, 12, 24],
         "text": ["到2025年，主要目标是：", "高新技术企业达到1万家。", "全市高新技术企业达到5000家。"]}
    )
    found = indicators(sentences, written="2023")
    assert found["kind"].tolist() == ["target", "achievement"]
    assert indicators(sentences, written={"d": "2023"})["kind"].tolist() == ["target", "achievement"]


# ------------------------------------------------------------------ periods, ages and other general classes


@pytest.mark.parametrize(
    ("sentence", "surface", "value", "unit", "bound"),
    [
        ("申请人应当年满30周岁。", "满30周岁", 30, "岁", "at_least"),
        ("35岁以下的大专毕业生。", "35岁以下", 35, "岁", "at_most"),
        ("可给予4个月的缓存期。", "4个月", 4, "个月", "exact"),
        ("情节较重的，1至3年不得申请。", "1至3年", 1, "年", "exact"),
        ("缴款期限最长不超过一年。", "最长不超过一年", 1, "年", "at_most"),
        ("可自购房之日起满半年后提取。", "满半年", 0.5, "年", "at_least"),
        ("审批时限原则上不超过7个工作日。", "不超过7个工作日", 7, "个工作日", "at_most"),
        ("减免6个月租金。", "6个月", 6, "个月", "exact"),
    ],
)
def test_periods_and_ages_count_as_thresholds_or_granted_terms(sentence, surface, value, unit, bound):
    row = one(sentence, surface)
    assert (row["value"], row["unit"], row["bound"]) == (pytest.approx(value), unit, bound)


@pytest.mark.parametrize(
    "sentence",
    ["自公告之日起6个月内办理。", "20个工作日内办结。", "近5年来，全国城市节水。", "连续四年组织评议。", "今后五年。",
     "三年内实现全覆盖。", "制定三年行动计划。", "实现24小时在线。", "2022年1月1日起施行。", "提前五个工作日通告。"],
)
def test_windows_spans_and_plan_names_are_not_terms(sentence):
    assert find_indicators(sentence).empty


@pytest.mark.parametrize(
    ("sentence", "surface", "value", "value_max"),
    [("价格浮动范围为±5%。", "5%", -5, 5), ("处1万元以上5万元以下的罚款。", "1万元以上5万元以下", 1e4, 5e4),
     ("按赔偿数额的一倍以上五倍以下确定。", "一倍以上五倍以下", 1, 5)],
)
def test_symmetric_and_open_ranges(sentence, surface, value, value_max):
    row = one(sentence, surface)
    assert (row["value"], row["value_max"]) == (pytest.approx(value), pytest.approx(value_max))


@pytest.mark.parametrize(
    ("sentence", "surfaces"),
    [("岗位补贴495元（1650元*30%=495元）。", ["495元", "495元"]), ("关于60万吨乙烯项目问题。", []),
     ("购买面积在144平方米以下（不含144平方米）。", ["144平方米以下"]), ("一个家庭只能购买一套住房。", ["一套"]),
     ("在一家专利代理机构从业。", []), ("购买二套住房。", []), ("万分之五的滞纳金。", ["万分之五"])],
)
def test_what_is_and_is_not_a_quantity(sentence, surfaces):
    assert find_indicators(sentence)["surface"].tolist() == surfaces


def test_amounts_without_yuan_are_money_when_the_sentence_speaks_of_yuan():
    row = one("补贴总价的1.5%，不超过3万，地下车位补贴3000元。", "不超过3万")
    assert (row["value"], row["unit"], row["bound"]) == (30000, "元", "at_most")


@pytest.mark.parametrize(
    ("sentence", "surface", "kind"),
    [
        ("家庭已无住房或仅有1套住房，且已结清住房贷款的，可以提取。", "仅有1套", "provision"),
        ("取得预售许可证支付30%。", "30%", "provision"),
        ("高档住房是指交易单价达到均价2倍（含2倍）以上的住房。", "2倍（含2倍）以上", "provision"),
        ("面向建筑业企业组织不少于2场对接活动。", "不少于2场", "target"),
        ("对2022年1月1日至2022年12月31日期间新购置、单位价值在500万元以上的设备，给予补贴。", "500万元以上",
         "provision"),
        ("我们将认真实施人才计划，重点引育高层次人才200名以上。", "200名以上", "target"),
    ],
)
def test_kinds_of_rules_plans_and_conditions(sentence, surface, kind):
    assert one(sentence, surface, written="2022-06-01")["kind"] == kind


@pytest.mark.parametrize(
    ("sentence", "surface"),
    [("按上年度最低工资标准1970元执行。", "1970元"), ("最低折旧年限为3年的设备。", "3年")],
)
def test_a_superlative_that_opens_a_noun_is_not_a_bound(sentence, surface):
    assert one(sentence, surface)["bound"] == "exact"


# ------------------------------------------------------------------ money: ranges, financial numerals, limits

@pytest.mark.parametrize(
    ("sentence", "surface", "low", "high"),
    [
        ("给予十到二十万元奖励。", "十到二十万元", 100000, 200000),
        ("给予10—20万元支持。", "10—20万元", 100000, 200000),
        ("给予5万至10万元补助。", "5万至10万元", 50000, 100000),
        ("给予一千到两千万元支持。", "一千到两千万元", 1e7, 2e7),
        ("报账金额在1 万(含)-5 万元之间的交由上级批复。", "1 万(含)-5 万元", 10000, 50000),
        ("奖励1万元--5万元。", "1万元--5万元", 10000, 50000),
    ],
)
def test_a_range_applies_its_unit_to_both_ends(sentence, surface, low, high):
    row = one(sentence, surface)
    assert (row["value"], row["value_max"], row["unit"]) == (low, high, "元")
    assert (row["lower"], row["upper"], bool(row["inclusive"])) == (low, high, True)


@pytest.mark.parametrize(
    ("sentence", "surface", "value"),
    [("税额共计壹仟玖佰圆整，限月缴清。", "壹仟玖佰圆", 1900), ("注册资本肆佰叁拾萬元。", "肆佰叁拾萬元", 4300000),
     ("注册资本肆佰叁拾萬。", "肆佰叁拾萬", 4300000),
     ("共计六十四万零一百四十三元一角七分。", "六十四万零一百四十三元一角七分", 640143.17),
     ("金额为82，225.00元。", "82，225.00元", 82225)],
)
def test_financial_numerals_jiao_and_fen_and_full_width_separators_are_read(sentence, surface, value):
    row = one(sentence, surface)
    assert row["unit"] == "元" and row["value"] == pytest.approx(value)


@pytest.mark.parametrize(
    ("sentence", "surface", "lower", "upper", "inclusive"),
    [
        ("给予50万元（含）以上支持。", "50万元（含）以上", 500000, math.nan, True),
        ("对年营收不低于2000万元的企业给予支持。", "不低于2000万元", 2e7, math.nan, True),
        ("最高可给予300万元的奖励。", "300万元", math.nan, 3e6, True),
        ("年收入超过50万元的，不予补助。", "超过50万元", 500000, math.nan, False),
        ("申请人年龄不满35岁。", "不满35岁", math.nan, 35, False),
        ("引进人才约200名。", "约200名", math.nan, math.nan, None),
        ("给予30万元奖励。", "30万元", 300000, 300000, True),
    ],
)
def test_bounds_are_kept_as_lower_and_upper_limits_with_their_inclusiveness(sentence, surface, lower, upper, inclusive):
    row = one(sentence, surface)
    assert row["lower"] == pytest.approx(lower, nan_ok=True) and row["upper"] == pytest.approx(upper, nan_ok=True)
    assert pd.isna(row["inclusive"]) if inclusive is None else row["inclusive"] == inclusive


def _jionlp_cases():
    lines = [line for line in (DATA / "money" / "jionlp_renminbi.tsv").read_text(encoding="utf-8").splitlines()
             if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


# Forms of the peer project's tests this parser does not read, and why (docs/indicators.md).
JIONLP_NOT_READ = {
    "15k左右": "k and w abbreviations (15k, 30w) are informal writing, not found in policy texts",
    "30w上下": "k and w abbreviations are informal writing",
    "10~15k元": "k and w abbreviations are informal writing",
    "三百万": "an amount with no 元 is money only when its sentence speaks of 元",
    "十块三毛": "spoken 块/毛 amounts: only 块钱 is read",
    "一百三十五块六角七分钱": "spoken 块/毛 amounts: only 块钱 is read",
}


@pytest.mark.parametrize("case", [
    pytest.param(c, id=c["text"], marks=[pytest.mark.xfail(reason=JIONLP_NOT_READ[c["text"]], strict=True)]
                 if c["text"] in JIONLP_NOT_READ else [])
    for c in _jionlp_cases() if c["scope"] == "in"
])
def test_peer_projects_renminbi_cases(case):
    found = find_indicators(case["text"])
    found = found[found["unit"] == "元"]
    assert len(found) == 1, found
    row = found.iloc[0]
    high = float(case["value_max"]) if case["value_max"] else math.nan
    assert row["value"] == pytest.approx(float(case["value"]))
    assert row["value_max"] == pytest.approx(high, nan_ok=True)
    assert row["bound"] == case["bound"]


@pytest.mark.parametrize("case", [c for c in _jionlp_cases() if c["scope"] == "vague"], ids=lambda c: c["text"])
def test_vague_amounts_of_the_peer_project_are_not_read_as_numbers(case):
    assert find_indicators(case["text"]).empty


# ------------------------------------------------------------------ statutes

@pytest.mark.parametrize(
    "sentence",
    ["第十条 违反前两款规定的，由主管部门责令改正。", "有上述三项情形之一的，不予登记。", "依照前三条规定处理。",
     "本条第一款规定的期限届满。"],
)
def test_references_to_a_laws_own_paragraphs_items_and_articles_are_not_quantities(sentence):
    assert find_indicators(sentence).empty


@pytest.mark.parametrize(
    ("sentence", "surface"),
    [
        ("第十条 违反本法规定的，处五万元以上十万元以下的罚款。", "五万元以上十万元以下"),
        ("没收违法所得，并处违法所得1倍以上5倍以下的罚款。", "1倍以上5倍以下"),
        ("可以处10万元以下的罚款。", "10万元以下"),
        ("由公安机关处五日以上十五日以下拘留。", "五日以上十五日以下"),
        ("处以二万元罚金。", "二万元"),
    ],
)
def test_fines_and_penalties_are_a_kind_of_their_own(sentence, surface):
    assert one(sentence, surface, written="2022")["kind"] == "penalty"


def test_a_laws_rules_with_a_number_are_provisions_not_reports_or_plans():
    from policytext.coding.indicators import indicators
    from policytext.parsing.clean import clean
    from policytext.parsing.structure import parse_structure

    text = ("某某条例\n\n第一条 为了规范管理，制定本条例。\n\n第二条 申请人应当由至少两名专家推荐。\n\n"
            "第三条 有下列情形之一的，不予受理：\n\n（一）转让人已完成投资总额的百分之二十五以上；\n\n"
            "（二）确保每年至少组织一次培训。\n\n第四条 违反本条例的，处一万元罚款。\n")
    s = parse_structure("law", clean(text))
    found = indicators(s.sentences, s.clauses, written="2020")
    assert dict(zip(found["surface"], found["kind"], strict=True)) == {
        "至少两名": "provision", "百分之二十五以上": "provision", "一次": "provision", "一万元": "penalty"}


def test_a_list_after_fenbie_measures_in_order_what_the_quantities_before_it_measure():
    # 较上年分别增长30.8%、31.2%: the number of firms grew 30.8 %, the loans 31.2 %
    found = find_indicators("新增为2403家企业发放知识价值信用贷款70.7亿元,较上年分别增长30.8%、31.2%。")
    assert found["subject"].tolist() == ["企业", "知识价值信用贷款", "企业增长", "知识价值信用贷款增长"]
    # without 分别 a list shares the subject of its first quantity, as before
    found = find_indicators("知识价值信用贷款70.7亿元,较上年增长30.8%、31.2%。")
    assert found["subject"].tolist()[1:] == ["知识价值信用贷款增长", "知识价值信用贷款增长"]


def test_a_noun_phrase_after_a_count_ends_in_its_noun():
    # 1500家科技型企业新获贷款: 新 (newly) opens the verb phrase, it is not part of the firms
    found = find_indicators("力争帮助1500家科技型企业新获贷款80亿元以上。")
    assert found["subject"].tolist()[0] == "科技型企业"


def test_the_screened_quantity_pattern_finds_what_the_plain_one_finds_in_real_texts():
    # the quantity pattern is led by a lookahead on the characters a match starts with (found from the
    # pattern itself): on the seeds and the development laws it must give the same matches and groups
    import re

    from policytext.coding.indicators import _plain, _quantity

    plain, fast = re.compile(quantity_forms()), _quantity()
    assert fast.pattern != plain.pattern
    texts = [_plain(t) for t in real_texts()]
    found = [[(m.span(), m.groupdict()) for m in fast.finditer(t)] for t in texts]
    assert found == [[(m.span(), m.groupdict()) for m in plain.finditer(t)] for t in texts]
    assert sum(map(len, found)) > 1000
