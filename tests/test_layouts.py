"""Layouts of official documents the seeds do not have, each on hand-made documents
(tests/data/layouts/, described in its README): dates at the end, metadata headers, one-line
notices, regulations; and the parse-agreement measure itself (tests/data/layouts/gold.json)."""

import importlib.util
import itertools
import json

import pytest
from policytext.parsing.dates import date_line, find_dates, iso_date
from policytext.parsing.headerfields import header_fields
from policytext.parsing.metadata import doc_numbers, document_facts
from policytext.parsing.structure import inline_units
from policytext.pipeline.tables import parse_document
from policytext.validation.parse_agreement import marker_kind, parse_agreement, parsed_facts
from support import DATA

LAYOUTS = DATA / "layouts"


def parse(name):
    return parse_document(name, (LAYOUTS / f"{name}.txt").read_text(encoding="utf-8"))


def facts(name):
    return document_facts(parse(name).metadata)


# -- dates --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, iso",
    [
        ("二〇二五年七月二十八日", "2025-07-28"),
        ("二○二五年十二月三十一日", "2025-12-31"),
        ("2025 年 7 月 28 日", "2025-07-28"),
        ("2025-07-28", "2025-07-28"),
        ("２０２５年７月２８日", "2025-07-28"),
        ("（2025年7月28日）", "2025-07-28"),
        ("2025-07-28 10:30:00", "2025-07-28"),
    ],
)
def test_a_line_that_is_only_a_date_is_read_in_every_printed_form(text, iso):
    assert date_line(text) == iso


@pytest.mark.parametrize("text", ["2025-02-30", "2025年2月29日", "2025年13月1日", "二〇二五年二月三十日", "1234-01-01"])
def test_a_day_the_calendar_lacks_is_not_a_date(text):
    assert find_dates(text) == [] and iso_date(text) == "" and date_line(text) == ""


def test_a_date_inside_a_sentence_is_found_but_the_line_is_no_date_line():
    text = "本办法自2025年8月1日起施行。"
    assert [m.iso for m in find_dates(text)] == ["2025-08-01"]
    assert text[find_dates(text)[0].start : find_dates(text)[0].end] == "2025年8月1日"
    assert date_line(text) == ""


def test_chinese_numeral_date_after_the_signature_then_a_release_note():
    doc = parse("date_cn_numerals")
    f = document_facts(doc.metadata)
    assert (f["date_written"], f["issuers"]) == ("2025-07-28", "重庆市科学技术局")
    assert f["date_written_basis"].startswith("signature")
    assert "此件公开发布" not in doc.simplified and "二〇二五" not in doc.simplified
    assert {r.reason for r in doc.cleaned.removed if "此件" in r.text} == {"release_note"}


def test_spaced_date_with_joint_issuers_on_one_line_and_attachments_after_it():
    doc = parse("date_spaced_joint")
    f = document_facts(doc.metadata)
    assert f["date_written"] == "2025-07-28"
    assert f["issuers"].split(";") == ["四川省科学技术厅", "重庆市科学技术局"]
    assert "项目申报书" in doc.simplified  # the attachment list stays in the body…
    assert "attachment" not in {marker_kind(x) for x in doc.structure.sections["label"]}  # …and heads nothing


def test_bare_iso_date_under_the_signature_is_the_signature_date_not_contact_details():
    doc = parse("date_bare_iso")
    assert facts("date_bare_iso")["date_written"] == "2025-07-28"
    assert "contact_details" not in {r.reason for r in doc.cleaned.removed}


def test_an_impossible_signature_date_gives_no_date():
    assert facts("date_invalid")["date_written"] == ""


# -- metadata headers ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "line, fields",
    [
        ("[ 成文日期 ]2025-07-28", [("成文日期", "2025-07-28")]),
        ("[ 索引号 ] | 115/2023-00093 | [ 发文字号 ] | 渝科局函〔2023〕278号 |",
         [("索引号", "115/2023-00093"), ("发文字号", "渝科局函〔2023〕278号")]),
        ("[ 发文字号 ]川科规〔2025〕3号[ 成文日期 ]2025-07-28[ 发布日期 ]",
         [("发文字号", "川科规〔2025〕3号"), ("成文日期", "2025-07-28"), ("发布日期", "")]),
        ("索引号：115/2025-01 发文字号：川科发〔2025〕3号 成文日期：2025年7月28日",
         [("索引号", "115/2025-01"), ("发文字号", "川科发〔2025〕3号"), ("成文日期", "2025年7月28日")]),
        ("发布时间：2025-07-31 10:30:00 来源：市科技局", [("发布时间", "2025-07-31 10:30:00"), ("来源", "市科技局")]),
        ("来源于企业的需求", []),
        ("各单位要按照发文字号：执行", []),
    ],
)
def test_header_fields_in_every_layout(line, fields):
    assert header_fields(line) == fields


def test_one_field_per_line_in_brackets_with_an_empty_field():
    doc = parse("header_bracket_lines")
    f = document_facts(doc.metadata)
    assert (f["date_written"], f["date_published"]) == ("2025-07-28", "2025-07-30")
    assert (f["issuers"], f["doc_number"]) == ("四川省科学技术厅", "川科规〔2025〕3号")
    assert "索引号" not in doc.simplified and "有效性" not in doc.simplified


def test_several_fields_on_one_line_and_a_publication_time_of_day():
    f = facts("header_one_line")
    assert (f["date_written"], f["date_published"]) == ("2025-07-28", "2025-07-31")
    assert f["doc_number"] == "渝科局发〔2025〕45号"
    assert facts("header_bracket_one_line")["doc_number"] == "成科字〔2025〕8号"


@pytest.mark.parametrize(
    "text, numbers",
    [
        ("根据国科发区〔2025〕12号文件精神", ["国科发区〔2025〕12号"]),
        ("按照渝府办发〔2024〕3号和川府发〔2024〕15号的要求", ["渝府办发〔2024〕3号", "川府发〔2024〕15号"]),
        ("转发渝经信发[2025]7号", ["渝经信发[2025]7号"]),
    ],
)
def test_a_document_number_never_takes_the_words_before_it(text, numbers):
    assert doc_numbers(text) == numbers


def test_header_date_and_signature_date_are_both_kept():
    doc = parse_document("t", "[ 成文日期 ]2025-07-28\n关于某事的通知\n各单位：\n现将有关事项通知如下，请遵照执行。\n"
                              "重庆市科学技术局\n2025年7月20日\n")
    meta = doc.metadata.set_index("field")["value"]
    assert (meta["date_written"], meta["date_signed"]) == ("2025-07-28", "2025-07-20")
    assert document_facts(doc.metadata)["date_written"] == "2025-07-28"


def test_validity_note_is_metadata_and_leaves_the_body():
    doc = parse("expired_notice")
    meta = doc.metadata.set_index("field")["value"]
    assert meta["invalid_since"] == "2024-12-31"
    assert "失效" not in doc.simplified
    reg = parse("regulation").metadata.set_index("field")["value"]
    assert (reg["valid_from"], reg["valid_until"]) == ("2025-08-01", "2030-07-31")


# -- structure --------------------------------------------------------------------------


def test_a_whole_notice_on_one_line_is_cut_into_its_numbered_units():
    markers = parsed_facts((LAYOUTS / "one_line_notice.txt").read_text(encoding="utf-8")).markers
    assert markers == ["一、", "二、", "(一)", "(二)", "(三)", "一是", "二是", "三、", "1.", "2."]
    s = parse("one_line_notice").structure
    assert list(s.sections["heading"])[1:] == ["总体要求", "主要措施", "保障措施"]


@pytest.mark.parametrize(
    "text",
    [
        "依据本办法第一条规定执行，并参照第二条办理。",
        "全年投入1.5亿元，增长2.3%。",
        "第三条 对孵化器给予奖励。第一条规定的对象除外。",
    ],
)
def test_no_cut_inside_numbers_or_at_articles_cited_in_a_sentence(text):
    assert inline_units(text) == []


def test_regulation_chapters_sections_articles_and_attachments():
    markers = parsed_facts((LAYOUTS / "regulation.txt").read_text(encoding="utf-8")).markers
    chapters_and_parts = [m for m in markers if marker_kind(m) in ("chapter", "part")]
    assert chapters_and_parts == ["第一章", "第二章", "第一节", "第二节", "第三章"]
    assert [m for m in markers if marker_kind(m) == "article"] == [f"第{c}条" for c in "一二三四五六"]
    assert [m for m in markers if marker_kind(m) == "attachment"] == ["附件1", "附表"]


# -- the measure --------------------------------------------------------------------------


def test_parse_agreement_on_the_hand_made_gold_is_complete():
    r = parse_agreement(LAYOUTS / "gold.json", LAYOUTS)
    for measure in ("date_written_correct", "issuers", "doc_number", "structure_markers"):
        assert r[measure]["n"] > 0 and r[measure]["hits"] == r[measure]["n"], measure


def test_parse_agreement_counts_a_wrong_or_missing_fact_as_a_miss(tmp_path):
    gold = json.loads((LAYOUTS / "gold.json").read_text(encoding="utf-8"))
    gold["documents"][0]["date_written"] = "2025-07-29"
    gold["documents"][0]["structure"].append({"marker": "三、", "kind": "heading"})
    (tmp_path / "gold.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    r = parse_agreement(tmp_path / "gold.json", LAYOUTS)
    assert r["date_written_correct"]["hits"] == r["date_written_correct"]["n"] - 1
    assert r["structure_markers"]["hits"] == r["structure_markers"]["n"] - 1
    assert r["rows"][0]["missing_markers"] == ["三、"]


def test_a_gold_with_an_unknown_kind_is_rejected_naming_the_file(tmp_path):
    (tmp_path / "gold.json").write_text(
        '{"documents": [{"file": "a.txt", "date_written": "", "issuers": [], "doc_number": "",'
        ' "structure": [{"marker": "一、", "kind": "title"}]}]}', encoding="utf-8")
    with pytest.raises(ValueError, match=r"gold\.json.*a\.txt.*title"):
        parse_agreement(tmp_path / "gold.json", tmp_path)


@pytest.mark.parametrize("path", sorted(LAYOUTS.glob("*.txt")), ids=lambda p: p.stem)
def test_units_on_every_layout_point_at_their_text_and_follow_each_other(path):
    doc = parse(path.stem)
    s = doc.structure
    for table, column in ((s.clauses, "text"), (s.sentences, "text"), (s.paragraphs, "text")):
        for start, end, text in table[["start", "end", column]].itertuples(index=False):
            assert doc.simplified[start:end] == text
    for table in (s.clauses, s.sections):
        spans = list(table[["start", "end"]].itertuples(index=False))
        assert all(a_end <= b_start for (_, a_end), (b_start, _) in itertools.pairwise(spans))


def test_a_reply_on_one_line_loses_its_signature_but_keeps_its_last_sentence():
    doc = parse("one_line_reply")
    f = document_facts(doc.metadata)
    assert (f["date_written"], f["issuers"]) == ("2025-07-28", "重庆市科学技术局")
    assert doc.simplified.endswith("感谢你对科技工作的关心和支持。")
    assert [r.reason for r in doc.cleaned.removed] == ["signature"]


def test_a_header_run_into_the_document_on_one_line_is_cut_off_and_read():
    doc = parse("one_line_with_header")
    f = document_facts(doc.metadata)
    assert (f["date_written"], f["doc_number"]) == ("2025-07-28", "渝科局函〔2025〕101号")
    assert doc.simplified.startswith("关于2025年度科技创新券兑付情况的公告")
    assert "索引号" not in doc.simplified


def test_distribution_lines_after_the_signature_leave_the_body():
    doc = parse("signature_print_note")
    assert document_facts(doc.metadata)["date_written"] == "2025-07-28"
    assert "抄送" not in doc.simplified and "印发给你们" in doc.simplified


def test_the_adoption_note_under_a_law_title_dates_it_and_is_not_part_of_the_title():
    doc = parse("law_adoption_note")
    assert doc.cleaned.articles[0].title == "重庆市科技创新促进条例"
    f = document_facts(doc.metadata)
    # the note is the statute's history: its adoption dates the version printed
    assert f["date_written"] == "2025-07-28" and f["date_written_basis"].startswith("statute history: 通过")


def test_headings_numbered_with_a_dot_and_an_enumeration_after_a_colon():
    text = (
        "关于做好科技工作的通知\n各单位：\n一．总体要求\n"
        "今年重点做好以下工作：一是加强基础研究；二是推进成果转化。\n二．保障措施\n加强组织领导。\n"
    )
    assert parsed_facts(text).markers == ["一.", "一是", "二是", "二."]


def test_issuers_opening_a_title_are_read_when_nothing_is_signed():
    text = "四川省科学技术厅 四川省财政厅关于开展项目申报的通知\n各单位：\n现将有关事项通知如下，请遵照执行。\n"
    assert parsed_facts(text).issuers == ["四川省科学技术厅", "四川省财政厅"]


def test_a_government_order_is_signed_by_a_person_above_the_text_it_promulgates():
    doc = parse("government_order")
    f = document_facts(doc.metadata)
    assert (f["date_written"], f["issuers"]) == ("2025-07-28", "重庆市人民政府")
    assert f["doc_number"] == "重庆市人民政府令第999号"
    assert "张某某" not in doc.simplified and "第一条 为规范科技创新券管理" in doc.simplified


@pytest.mark.parametrize(
    "line, name",
    [
        ("标　　题：国务院关于某事的通知", "标题"),
        ("索 引 号：000014349/2025-00012", "索引号"),
        ("来　　源：国务院办公厅", "来源"),
    ],
)
def test_field_names_spread_out_to_align_a_table_are_read(line, name):
    assert header_fields(line)[0][0] == name


def test_one_line_units_enumerations_circled_items_and_attachments_in_running_text():
    text = (
        "关于某事的复函 一、总体情况。存在问题：一是成本高；二是效率低。二、下一步。1.补贴如下：①毕业生2万元；"
        "②人才3万元。请遵照执行。 附件：清单 国务院办公厅 2018年12月23日 （本文有删减） 附件 推广清单 序号 名称\n"
    )
    markers = parsed_facts(text).markers
    # 附件：清单 is the list of attachments; 附件 alone heads the attachment
    assert markers == ["一、", "一是", "二是", "二、", "1.", "①", "②", "附件"]
    assert {marker_kind(m) for m in markers} == {"heading", "enumeration", "item", "attachment"}


def test_header_rows_printed_as_a_bar_table_and_a_colon_for_an_empty_field():
    text = (
        "[ 发布机构 ] | ： |\n[ 发文字号 ] | 渝府办发〔2025〕65 号 |\n"
        "| 标题 ： | 重庆市人民政府办公厅关于某事的通知 |  |\n| 主 题 词： |  |  |\n"
        "重庆市人民政府办公厅\n关于某事的通知\n各区县人民政府：\n现将有关事项通知如下，请遵照执行。\n"
    )
    p = parsed_facts(text)
    assert (p.issuers, p.doc_number) == (["重庆市人民政府办公厅"], "渝府办发〔2025〕65号")


def test_a_law_without_header_takes_its_number_from_the_last_promulgation_note():
    text = (
        "# 某某条例\n\n2007年2月24日 中华人民共和国国务院令第487号公布\n\n"
        "2024年11月8日 中华人民共和国国务院令第796号修订\n\n## 第一章 总 则\n\n第一条 为了规范，制定本条例。\n"
    )
    p = parsed_facts(text)
    assert p.doc_number == "中华人民共和国国务院令第796号" and p.markers == ["第一章", "第一条"]


def test_the_documents_table_takes_written_and_published_dates_and_issuers_from_the_text(tmp_path):
    import policytext
    from policytext.pipeline.tables import parse_corpus

    (tmp_path / "notice.txt").write_bytes((LAYOUTS / "header_bracket_lines.txt").read_bytes())
    (tmp_path / "signed.txt").write_bytes((LAYOUTS / "date_spaced_joint.txt").read_bytes())
    with pytest.warns(policytext.errors.CorpusWarning, match="no catalog.csv"):  # no catalog: every field from the text
        corpus = policytext.load_corpus(tmp_path)
    docs = parse_corpus(corpus).documents.set_index("file")
    notice, signed = docs.loc["notice.txt"], docs.loc["signed.txt"]
    assert (notice["date_written"], notice["date_published"]) == ("2025-07-28", "2025-07-30")
    assert "成文日期" in notice["date_written_basis"] and "发布日期" in notice["date_published_basis"]
    assert notice["publisher"] == "四川省科学技术厅"
    assert (signed["date_written"], signed["written_from"], signed["written_to"]) == ("2025-07-28",) * 3
    assert "signature" in signed["date_written_basis"]
    assert signed["publisher"] == "四川省科学技术厅;重庆市科学技术局"


@pytest.mark.slow  # parses the whole development set
def test_development_set_meets_its_targets():
    devset = DATA / "devset"
    if not (devset / "gold.json").exists():
        pytest.skip("tests/data/devset/ is absent")
    if importlib.util.find_spec("policytext.reading.readers") is None:
        pytest.skip("the development set's HTML pages need policytext.reading.readers")
    r = parse_agreement(devset / "gold.json", devset / "docs")
    for measure in ("date_written_correct", "issuers", "doc_number"):
        assert r[measure]["rate"] >= 0.95, (measure, r[measure])
    assert r["structure_markers"]["hits"] == r["structure_markers"]["n"]
