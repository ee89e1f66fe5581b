"""Cleaning against the hand-made gold (tests/data/gold/parse) and on pages with unseen chrome."""

import json
import random
import re

import pytest
from policytext.parsing.clean import REASONS, clean, load_rules
from policytext.parsing.script import to_simplified
from policytext.parsing.structure import parse_structure, split_sentences
from policytext.pipeline.tables import parse_document
from support import DATA, GOLD

GOLD_FILES = sorted((GOLD / "parse").glob("*.json"))
PAGES = DATA / "pages"


@pytest.fixture(scope="module")
def tables(seed_tables):
    return seed_tables


def gold_ids():
    return [p.stem for p in GOLD_FILES]


@pytest.fixture(params=GOLD_FILES, ids=gold_ids())
def case(request, tables):
    gold = json.loads(request.param.read_text(encoding="utf-8"))
    doc_id = tables.documents.set_index("file").loc[gold["file"], "doc_id"]
    return gold, tables.parsed[doc_id]


def test_removed_lines_and_reasons_match_the_gold(case):
    gold, parsed = case
    mine = sorted((r.line, r.reason) for r in parsed.cleaned.removed)
    assert mine == sorted((r["line"], r["reason"]) for r in gold["removed"])


def test_kept_lines_match_the_gold(case):
    gold, parsed = case
    assert list(parsed.cleaned.kept_lines) == sorted(gold["kept_lines"])


def test_rejoined_line_breaks_match_the_gold(case):
    gold, parsed = case
    assert sorted(parsed.cleaned.joins) == sorted(tuple(pair) for pair in gold["rejoins"])


def test_cut_fragments_match_the_gold_and_leave_the_body(case):
    gold, parsed = case
    cut = [(r.line, r.text) for r in parsed.cleaned.removed if r.reason == "inline_watermark"]
    assert cut == [(r["line"], r["text"]) for r in gold["removed"] if r["reason"] == "inline_watermark"]
    for _, text in cut:
        assert text not in parsed.cleaned.text


def test_every_raw_line_is_kept_removed_or_blank(case):
    _, parsed = case
    status = parsed.cleaned.line_status()
    assert sorted(status) == list(range(1, parsed.cleaned.n_lines + 1))
    assert set(status.values()) <= {"kept", "blank"} | set(REASONS)


def test_passages_survive_intact_and_chrome_is_gone(case):
    gold, parsed = case
    for passage in gold["must_survive"]:
        assert passage in parsed.simplified, passage
    for fragment in gold["must_not_contain"]:
        assert fragment not in parsed.simplified, fragment


def test_no_sentence_is_counted_twice(case):
    _, parsed = case
    sentences = [s for s in parsed.structure.sentences["text"] if len(s) > 6]
    assert len(sentences) == len(set(sentences))


def test_photo_caption_is_lifted_out_and_sentence_rejoined(tables):
    parsed = tables.parsed["cq-daily-2021"]
    assert "推动产业链上中下游、大中小企业融通创新" in parsed.simplified
    assert parsed.cleaned.articles[0].captions == (
        "2020 线上中国国际智能产业博览会展馆现场,工作人员正在演示5G+远程维护。重庆日报资料图片",
    )
    assert "推动产业链上\n" not in parsed.simplified


def test_words_broken_across_blank_lines_are_rejoined(tables):
    parsed = tables.parsed["cq-daily-2021"]
    assert "职务科技成果所有权" in parsed.simplified
    assert "通过保税政策" in parsed.simplified


def test_duplicated_metadata_table_is_kept_once_as_metadata(tables):
    parsed = tables.parsed["cq-reply-2023"]
    fields = parsed.metadata.set_index("field")["value"]
    assert fields["doc_number"] == "渝科局函〔2023〕278号"
    assert (parsed.metadata["field"] == "doc_number").sum() == 1
    assert "索引号" not in parsed.simplified


def test_inline_watermark_is_cut_and_its_sentence_kept(tables):
    parsed = tables.parsed["cq-theory-2023"]
    assert "努力将其打造成国家级常设化的军民融合博览会。\n" in parsed.simplified
    assert "xing528" not in parsed.simplified
    assert "inline_watermark" in {r.reason for r in parsed.cleaned.removed}


def test_abstract_repeating_the_body_is_removed(tables):
    parsed = tables.parsed["cq-theory-2023"]
    assert parsed.simplified.count("重庆与新加坡共建创新中心") == 1
    assert "abstract_duplicate" in {r.reason for r in parsed.cleaned.removed}


def test_abstract_with_new_sentences_is_kept_as_metadata_not_discarded():
    text = "关于科技金融的意见\n【摘要】:本文提出三项新举措。\n一、设立科技创新基金,支持企业研发。\n"
    parsed = parse_document("t", text)
    assert [r.reason for r in parsed.cleaned.removed if r.line == 2] == ["abstract"]
    assert parsed.metadata.set_index("field").loc["abstract", "value"] == "本文提出三项新举措。"


def test_two_articles_in_one_file_are_split_with_their_titles(tables):
    articles = tables.parsed["cq-daily-2021"].cleaned.articles
    assert [a.title for a in articles] == [
        "坚持“四个面向”战略方向 建设具有全国影响力的科技创新中心",
        "市科技局与重庆海关携手推出“政策包” 整合进口税政策,激发科研主体创新活力",
    ]
    assert articles[1].paragraphs[0].text.startswith("本报讯")


def test_traditional_document_is_converted_and_original_kept(tables):
    parsed = tables.parsed["cd-bureau-2023"]
    assert "習近平" in parsed.cleaned.text and "习近平" in parsed.simplified
    assert len(parsed.simplified) == len(parsed.cleaned.text)
    row = tables.documents.set_index("doc_id").loc["cd-bureau-2023"]
    assert row["converted_to_simplified"]


def test_signed_date_disagreeing_with_the_header_is_listed(tables):
    d = tables.disagreements
    row = d[(d["doc_id"] == "cq-reply-2023") & (d["column"] == "date_written")]
    found = row[["catalog", "text_field", "text_value"]].values.tolist()
    assert found == [["2023-04-12", "date_written", "2023-07-26"]]


def test_metadata_matches_the_gold(case):
    gold, parsed = case
    meta = parsed.metadata
    values = set(meta["value"])
    if gold["metadata"]["doc_number"]:
        assert gold["metadata"]["doc_number"] in values
    for d in gold["metadata"]["dates"]:
        assert d["date"] in set(meta.loc[meta["field"].str.startswith("date"), "value"])
    if gold["metadata"]["title"]:
        assert gold["metadata"]["title"] in values


# -- pages with chrome the seeds do not have ----------------------------------------------


def test_government_page_chrome_signature_and_articles_of_regulation():
    parsed = parse_document("gov", (PAGES / "gov_notice.txt").read_text(encoding="utf-8"))
    reasons = {r.line: r.reason for r in parsed.cleaned.removed}
    assert reasons == {
        1: "breadcrumb", 2: "title", 3: "dateline", 4: "share_widget", 5: "metadata_block", 6: "addressee",
        10: "signature", 11: "signature", 12: "qr_code", 13: "site_chrome", 14: "site_chrome",
        15: "site_chrome", 16: "copyright_notice", 17: "site_chrome",
    }
    assert list(parsed.structure.clauses["label"].str.strip()) == ["第一条", "第二条", "第三条"]
    meta = parsed.metadata.set_index("field")["value"]
    assert meta["doc_number"] == "市科技局西科发〔2024〕12号"
    assert meta["date_signed"] == "2024-02-28"


def test_news_page_caption_watermark_and_broken_sentence():
    parsed = parse_document("news", (PAGES / "news_page.txt").read_text(encoding="utf-8"))
    reasons = {r.line: r.reason for r in parsed.cleaned.removed}
    assert reasons[1] == "site_chrome" and reasons[4] == "byline" and reasons[11] == "photo_caption"
    assert reasons[14] == "editor_line" and reasons[16] == "site_chrome"
    assert "共建联合实验室30个,培育" in parsed.simplified.replace("，", ",")
    assert "kejinews" not in parsed.simplified
    assert parsed.cleaned.articles[0].title == "长三角科技创新共同体建设提速"
    assert parsed.structure.sections.empty


def test_traditional_page_without_numbered_clauses():
    parsed = parse_document("tw", (PAGES / "plain_traditional.txt").read_text(encoding="utf-8"))
    assert parsed.cleaned.articles[0].title == "科技产业园区招商说明"
    assert list(parsed.structure.clauses["kind"]) == ["paragraph", "paragraph"]
    assert {r.reason for r in parsed.cleaned.removed} == {"byline", "title", "share_widget"}


def test_a_rule_with_an_unknown_reason_is_rejected_naming_the_file(monkeypatch):
    import policytext.parsing.clean as clean_module

    monkeypatch.setattr(clean_module, "rows", lambda name: [["no_such_reason", "any", "no", "x", "comment"]])
    load_rules.cache_clear()
    try:
        with pytest.raises(ValueError, match="cleaning_rules.tsv"):
            load_rules()
    finally:
        load_rules.cache_clear()


def test_a_date_line_is_never_taken_for_a_phone_number():
    rules = [r for r in load_rules() if r.reason == "contact_details"]
    assert not any(r.pattern.search("2025-07-28") for r in rules)
    assert any(r.pattern.search("023-6312 3456") for r in rules)


# -- invariants on generated text ---------------------------------------------------------


def _generated_pages(n=40):
    rng = random.Random(7)
    pieces = [
        "科技创新", "人才", "实验室", "，", "。", "；", "\n", "\n\n", "分享到", "责任编辑：张三", "（一）", "一是",
        "1.", "第一条", "2023年4月12日", "(www.abc.com)", "版权声明", "【摘要】：", "本报讯", "图为", "电话：123",
    ]
    for _ in range(n):
        yield "".join(rng.choice(pieces) for _ in range(rng.randint(1, 80)))


@pytest.mark.parametrize("text", list(_generated_pages()))
def test_accounting_adds_up_and_cleaning_is_idempotent_on_generated_text(text):
    cleaned = clean(text)
    status = cleaned.line_status()
    assert sorted(status) == list(range(1, cleaned.n_lines + 1))
    again = clean(cleaned.text)
    assert _paragraphs(again) == _paragraphs(cleaned)


def _paragraphs(cleaned):
    return [p.text for a in cleaned.articles for p in a.paragraphs]


def test_sentence_splitter_keeps_quotes_and_book_titles_whole():
    text = "他说:“要加快发展。”随后发布《关于A。B的意见》;明确目标!"
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == ["他说:“要加快发展。”", "随后发布《关于A。B的意见》;", "明确目标!"]


def test_to_simplified_keeps_length():
    assert len(to_simplified("成都市科學技術局著力")) == len("成都市科學技術局著力")


BODY = ("为推动科技创新高质量发展，现就有关事项通知如下。\n\n"
        "一、加强基础研究。支持高校和科研院所开展基础研究，建设一批重点实验室。\n")


@pytest.mark.parametrize("title", [
    "关于印发<成都市科技创新券实施办法>的通知",
    "研发投入 > 产出增长",
    "A > B",
])
def test_a_title_holding_a_greater_than_sign_is_kept_as_the_title(title):
    cleaned = clean(f"{title}\n\n{BODY}")
    assert "breadcrumb" not in {r.reason for r in cleaned.removed}
    assert cleaned.articles[0].title == title


@pytest.mark.parametrize("trail", ["首页 > 政务公开 > 通知公告", "西部网 > 陕西新闻 > 科技", "首页>新闻中心"])
def test_a_breadcrumb_trail_is_removed_as_a_breadcrumb(trail):
    cleaned = clean(f"{trail}\n关于加快科技创新的通知\n\n{BODY}")
    assert [(r.line, r.reason) for r in cleaned.removed if r.reason == "breadcrumb"] == [(1, "breadcrumb")]


# -- real laws (tests/data/law_fixtures, copied from LawRefBook/Laws) and unseen official-document heads --------

LAWS = DATA / "law_fixtures"
LAW_FILES = sorted(p.name for p in LAWS.glob("*.md") if p.name != "README.md")
_ARTICLE = re.compile(r"^第[一二三四五六七八九十百零〇]+条")
_STATUTE = {"statute_history", "promulgation_order", "table_of_contents"}


def _law(name):
    from policytext.reading.readers import read_text

    return read_text(LAWS / name).documents[0].text


@pytest.mark.parametrize("name", LAW_FILES)
def test_a_laws_history_lines_are_removed_and_every_article_is_kept(name):
    text = _law(name)
    lines = text.split("\n")
    cleaned = clean(text)
    status = cleaned.line_status()
    marker = (LAWS / name).read_text(encoding="utf-8").split("\n").index("<!-- INFO END -->")
    header = [n for n in range(2, marker + 1) if lines[n - 1].strip()]
    assert all(status[n] in _STATUTE for n in header), [(n, status[n]) for n in header]
    articles = [n for n, line in enumerate(lines, start=1) if _ARTICLE.match(line.strip())]
    assert all(status[n] == "kept" for n in articles)
    assert header or articles
    clauses = parse_structure("law", cleaned).clauses
    removed = {r.text.strip() for r in cleaned.removed if r.reason in _STATUTE}
    assert not [t for t in clauses["text"] if t.strip() in removed]


def test_a_copyright_statutes_reprint_article_is_text_not_a_reprint_notice():
    text = _law("copyright-2020.md")
    cleaned = clean(text)
    article = ("作品刊登后，除著作权人声明不得转载、摘编的外，其他报刊可以转载或者作为文摘、资料刊登，"
               "但应当按照规定向著作权人支付报酬。")
    assert article in cleaned.text
    assert not [r for r in cleaned.removed if r.reason == "copyright_notice"]


def test_a_bracketed_history_after_the_header_and_a_reprinted_title_are_not_clauses():
    cleaned = clean(_law("spc-eco-damage-2020.md"))
    assert [r.reason for r in cleaned.removed if r.text.startswith("（2019年5月20日")] == ["statute_history"]
    assert cleaned.text.startswith("为正确审理生态环境损害赔偿案件")
    reprinted = clean(_law("spc-crime-names-8.md"))
    assert reprinted.text.startswith("根据《中华人民共和国刑法修正案（十二）》")
    assert {r.reason for r in reprinted.removed} == {"title", "statute_history", "repeated_title", "metadata_block"}


def test_an_unnumbered_chapter_heading_after_the_history_stays_in_the_body():
    cleaned = clean(_law("zj-expropriation-2020.md"))
    assert cleaned.text.startswith("总则\n第一条")


def test_a_promulgation_order_and_a_table_of_contents_are_removed_with_their_own_reasons():
    body = "第一章 总则\n第一条 为了规范科学技术普及工作，制定本法。\n第二章 组织管理\n第二条 国家加强科普工作。"
    text = ("中华人民共和国科学技术普及法\n中华人民共和国主席令\n第三十一号\n"
            "《中华人民共和国科学技术普及法》已由中华人民共和国第十四届全国人民代表大会常务委员会第十三次会议于"
            "2024年12月25日修订通过，现予公布，自公布之日起施行。\n中华人民共和国主席 习近平\n2024年12月25日\n"
            "（2002年6月29日第九届全国人民代表大会常务委员会第二十八次会议通过　2024年12月25日第十四届全国人民代表大会"
            "常务委员会第十三次会议修订）\n目录\n第一章 总则\n第二章 组织管理\n" + body)
    cleaned = clean(text)
    reasons = [r.reason for r in cleaned.removed]
    assert reasons == ["title", *["promulgation_order"] * 5, "statute_history", *["table_of_contents"] * 3]
    assert cleaned.text == body
    for reason in _STATUTE:
        assert reason in REASONS


@pytest.mark.parametrize("letterhead", ["成都市科学技术局文件", "成都市人民政府办公厅文件", "中共成都市委员会文件",
                                        "成 都 市 科 学 技 术 局 文 件", "成都市科学技术局 成都市财政局文件"])
def test_a_red_header_letterhead_is_removed_and_never_the_title(letterhead):
    text = (f"{letterhead}\n\n成科字〔2023〕12号\n\n成都市科学技术局关于印发《成都市科技创新券管理办法》的通知\n\n"
            "各区（市）县科技主管部门：\n\n现将《成都市科技创新券管理办法》印发给你们，请遵照执行。\n")
    cleaned = clean(text)
    assert (1, "letterhead") in [(r.line, r.reason) for r in cleaned.removed]
    titles = [f.value for f in cleaned.fields if f.name == "title"]
    assert titles == ["成都市科学技术局关于印发《成都市科技创新券管理办法》的通知"]


@pytest.mark.parametrize("line", [
    "第三十五条 作品刊登后，除著作权人声明不得转载、摘编的外，其他报刊可以转载。",
    "（二）未经许可不得转载；",
    "本网站刊登的作品，著作权人声明不得转载、摘编的，其他网站不得转载，但应当按照规定支付报酬。",
    "机动车维修经营者应当在业务受理场所明示维修类别、收费标准、监督电话等内容。",
])
def test_a_numbered_provision_or_a_sentence_sharing_words_with_chrome_stays(line):
    text = f"关于规范网络转载的通知\n\n为规范网络转载秩序，现就有关事项通知如下。\n\n{line}\n\n请各单位认真贯彻执行。\n"
    cleaned = clean(text)
    assert line in cleaned.text


@pytest.mark.parametrize("chrome", ["未经授权不得转载", "版权所有：重庆日报", "转载请注明出处", "© 2023 巫山"])
def test_a_short_standalone_copyright_line_is_chrome_in_the_body_too(chrome):
    text = f"关于网络转载的通知\n\n为规范网络转载秩序，现就有关事项通知如下。\n\n{chrome}\n\n请各单位认真贯彻执行。\n"
    cleaned = clean(text)
    assert [r.reason for r in cleaned.removed if r.text == chrome] == ["copyright_notice"]


def test_the_seeds_real_copyright_chrome_still_goes(tables):
    doc_id = tables.documents.set_index("file").loc["004_be53cfa65109a65f.txt", "doc_id"]
    cleaned = tables.parsed[doc_id].cleaned
    notices = [r.text for r in cleaned.removed if r.reason == "copyright_notice"]
    assert any(t.startswith("版权声明") for t in notices)
    assert any("版权均为本站所有" in t for t in notices) and any("法律顾问" in t for t in notices)
    assert "版权" not in cleaned.text and "转载" not in cleaned.text


def test_a_line_that_is_only_a_link_is_chrome_and_a_sentence_citing_one_is_not():
    text = ("关于开展科技创新券申报的通知\n\n各有关单位：\n\n申报系统网址为https://kjj.cq.gov.cn，请按时登录填报。\n\n"
            "https://www.cq.gov.cn/zwgk/index.html\n\n请各单位认真组织申报。\n")
    cleaned = clean(text)
    assert [r.reason for r in cleaned.removed if r.text.startswith("https://")] == ["site_chrome"]
    assert "申报系统网址为https://kjj.cq.gov.cn，请按时登录填报。" in cleaned.text


def test_a_title_that_ends_in_wenjian_is_not_a_letterhead():
    title = "重庆市人民政府关于宣布失效一批市政府文件"
    cleaned = clean(f"{title}\n\n为推进依法行政，市政府决定宣布失效一批文件。\n")
    assert [f.value for f in cleaned.fields if f.name == "title"] == [title]
