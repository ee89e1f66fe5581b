"""Statute history under a title: each dated event, the version printed, the first adoption, the history
table, and the documents' written date, date_first, issuer and number drawn from it."""

from pathlib import Path

import pytest
from policytext.parsing.history import first_date, history_head, history_records, parse_history, version_date
from policytext.parsing.metadata import document_facts, history_metadata
from policytext.parsing.script import to_simplified
from policytext.pipeline.pipeline import OPTIONAL_STAGES, TABLE_NAMES, run_chunk
from policytext.reading.readers import read_file

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "tests" / "data" / "laws" / "dev"  # real files of LawRefBook/Laws (sources in its sources.csv)


def events(text):
    return [(e.date, e.event, e.body) for e in parse_history(text)]


def test_bracketed_history_on_one_line_gives_each_event_with_its_body():
    text = ("中华人民共和国某某法\n（2001年10月27日第九届全国人民代表大会常务委员会第二十四次会议通过 "
            "根据2009年8月27日第十一届全国人民代表大会常务委员会第十次会议《关于修改部分法律的决定》第一次修正 "
            "根据2021年4月29日第十三届全国人民代表大会常务委员会第二十八次会议《关于修改〈中华人民共和国某某法〉"
            "的决定》第二次修正）\n第一章 总则\n第一条 为了……，制定本法。")
    assert events(text) == [
        ("2001-10-27", "通过", "全国人民代表大会常务委员会"),
        ("2009-08-27", "修正", "全国人民代表大会常务委员会"),
        ("2021-04-29", "修正", "全国人民代表大会常务委员会"),
    ]
    found = parse_history(text)
    assert version_date(found) == "2021-04-29" and first_date(found) == "2001-10-27"


def test_markdown_lines_without_brackets_and_promulgation_and_entry_into_force():
    text = ("# 优化营商环境条例\n\n2019年10月8日 国务院第66次常务会议通过\n\n"
            "2019年10月22日 中华人民共和国国务院令第722号公布\n\n2020年1月1日 施行\n\n## 第一章 总则\n")
    assert events(text) == [("2019-10-08", "通过", "国务院"), ("2019-10-22", "公布", "国务院"),
                            ("2020-01-01", "施行", "")]
    assert parse_history(text)[1].order == "中华人民共和国国务院令第722号"
    assert version_date(parse_history(text)) == "2019-10-08"


def test_written_date_falls_back_on_promulgation_then_approval():
    promulgated = "某某规定\n2021年7月22日 国家市场监督管理总局令第43号公布\n2022年1月1日 施行\n第一条 为了……"
    assert version_date(parse_history(promulgated)) == "2021-07-22"
    approved = "某某条例\n1991年4月1日 国务院批准\n1991年4月22日 国家工商行政管理局令第6号发布 自发布之日施行\n第一条 …"
    assert events(approved) == [("1991-04-01", "批准", "国务院"), ("1991-04-22", "公布", "国家工商行政管理局")]
    assert version_date(parse_history(approved)) == "1991-04-22"


def test_party_plenary_adoption_is_the_written_date_and_names_the_central_committee():
    text = "中共中央关于某某问题的决定\n（2019年10月31日中国共产党第十九届中央委员会第四次全体会议通过）\n一、……"
    assert events(text) == [("2019-10-31", "通过", "中国共产党中央委员会")]
    facts = document_facts(history_metadata("d", text))
    assert facts["date_written"] == "2019-10-31" and facts["issuers"] == "中共中央"


def test_an_approved_amending_decision_is_an_amendment_and_the_city_congress_is_the_issuer():
    text = ("# 洛阳市某条例\n\n2004年9月4日 洛阳市第十二届人民代表大会常务委员会第五次会议通过\n\n"
            "2004年9月25日 河南省第十届人民代表大会常务委员会第十一次会议批准\n\n"
            "2010年9月29日 河南省第十一届人民代表大会常务委员会第十七次会议批准的《洛阳市人民代表大会常务委员会"
            "关于修改部分地方性法规的决定》修正\n\n第一条 为了……")
    assert [e[1] for e in events(text)] == ["通过", "批准", "修正"]
    facts = document_facts(history_metadata("d", text))
    assert facts["date_written"] == "2010-09-29"
    assert facts["date_first"] == "2004-09-04"
    assert facts["issuers"] == "洛阳市人民代表大会常务委员会"


def test_prose_opening_with_a_date_is_not_history():
    text = ("某某规定\n1998年9月17日，我院以法〔1998〕86号通知印发了《意见》，现根据新的情况，作如下规定：\n"
            "第一条 ……")
    assert parse_history(text) == []
    assert history_head(text) == ""


def test_a_decision_title_broken_over_two_lines_is_one_item():
    text = ("中华人民共和国土地管理法\n2019年8月26日 第十三届全国人民代表大会常务委员会第十二次会议"
            "《关于修改〈中华人民共和国土地管理法〉\n〈中华人民共和国城市房地产管理法〉的决定》第三次修正\n第一章 总则")
    assert events(text) == [("2019-08-26", "修正", "全国人民代表大会常务委员会")]


def test_abbreviated_session_of_a_county_congress_and_an_announcement_number():
    text = ("某自治县城市管理条例\n2015年3月26日 景宁畲族自治县八届人大四次会议通过\n"
            "2015年6月8日 景宁畲族自治县人民代表大会常务委员会公告第18号公布\n第一条 ……")
    found = parse_history(text)
    assert found[0].body == "景宁畲族自治县人民代表大会"
    assert found[1].order == "景宁畲族自治县人民代表大会常务委员会公告第18号"


def test_history_table_is_registered_and_filled_from_the_normalised_head():
    assert "history" in TABLE_NAMES
    text = (DEV / "土地管理法(2019-08-26).md").read_text(encoding="utf-8")
    rows = history_records("x", to_simplified(read_file(DEV / "土地管理法(2019-08-26).md").documents[0].text))
    assert [r[1] for r in rows] == [1, 2, 3, 4, 5]
    assert [r[3] for r in rows] == ["通过", "修正", "修订", "修正", "修正"]
    assert all(r[5].replace(" ", "") in text.replace(" ", "").replace("\n", "") for r in rows[:4])


@pytest.mark.parametrize(("name", "written", "first", "issuer"), [
    ("民族区域自治法(2001-02-28).md", "2001-02-28", "1984-05-31", "全国人民代表大会"),
    ("中央储备粮管理条例(2016-02-06).md", "2011-01-08", "2003-08-15", "国务院"),
    ("最高人民法院关于审理买卖合同纠纷案件适用法律问题的解释(2020-12-29).md", "2020-12-23", "2012-03-31",
     "最高人民法院"),
    ("宁波市宗教活动场所管理办法(2021-08-12).md", "2021-07-30", "1997-03-27", "宁波市人民代表大会常务委员会"),
])
def test_real_laws_documents_row_takes_dates_and_issuer_from_the_history(name, written, first, issuer):
    text = read_file(DEV / name).documents[0].text
    chunk = run_chunk([{"doc_id": "x", "text": text, "title": "", "script": ""}], disable=OPTIONAL_STAGES)
    row = chunk.tables["documents"].iloc[0]
    assert (row["date_written"], row["date_first"]) == (written, first)
    assert row["issuer"].split(";")[0] == issuer
    assert len(chunk.tables["history"]) >= 2
    assert chunk.tables["history"]["doc_id"].eq("x").all()
