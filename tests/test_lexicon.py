"""Lexicon matching: one hierarchical object per data file, longest match, no overlaps, spans, exclusions."""

import re

import pandas as pd
import pytest
from policytext.language.lexicon import Lexicon, Matcher, Term, lexicon, read_lexicon
from policytext.regexes import screened


def _lexicon(*rows, scope="category"):
    terms = tuple(
        Term(c, s, t.removeprefix("re:"), t.startswith("re:"), ex, "", n) for n, (c, s, t, ex) in enumerate(rows, 1)
    )
    return Lexicon("test", terms, scope)


def test_every_package_lexicon_is_one_hierarchy_category_subtool_terms():
    instruments = lexicon("instruments.tsv")
    tree = instruments.tree()
    assert list(tree) == ["supply", "environment", "demand"]
    assert "financial_support" in tree["environment"]
    assert any(t.term == "贷款" for t in tree["environment"]["financial_support"])
    assert lexicon("themes.tsv").subtools("finance") == ("",)
    assert lexicon("finance_instruments.tsv").categories == ("finance_instrument",)


def test_longest_match_wins_and_hits_do_not_overlap():
    lex = _lexicon(("f", "listing", "科创板", ""), ("f", "listing", "上市", ""), ("f", "listing", "科创板上市", ""))
    hits = lex.match("3家企业通过科创板上市审核")
    assert [(h.match, h.start, h.end) for h in hits] == [("科创板上市", 6, 11)]


def test_regex_terms_and_literals_compete_on_length():
    lex = _lexicon(("c", "", "一带一路", ""), ("c", "", "re:一带一路”?科技交流大会", ""))
    assert [h.term for h in lex.match("举办“一带一路”科技交流大会")] == ["一带一路”?科技交流大会"]


def test_an_alternation_no_longer_counts_star_market_listing_twice():
    """Referee's case: 科创板|上市 found 科创板上市 as two finance instruments."""
    hits = lexicon("finance_instruments.tsv").match("1家企业在科创板上市,3家企业通过科创板上市审核")
    assert [h.match for h in hits] == ["科创板上市", "科创板上市"]


def test_a_listing_voucher_is_not_a_listing():
    """Referee's case: 挂牌上市券 (a subsidy voucher) was counted as a stock listing."""
    text = "发挥高新企业培育券、高成长企业培育券、挂牌上市券“三张券”的激励作用"
    assert [h for h in lexicon("finance_instruments.tsv").match(text) if h.subtool == "上市/科创板"] == []
    assert not any(h.term in ("上市", "挂牌") for h in lexicon("themes.tsv").match(text))
    assert not any(h.term in ("上市", "挂牌") for h in lexicon("instruments.tsv").match(text))
    assert [h.subtool for h in lexicon("finance_instruments.tsv").match("支持企业挂牌上市")] == ["上市/科创板"] * 2


def test_a_bonded_zone_name_is_not_a_tax_incentive():
    """Referee's case: 综合保税区 was counted as a tax incentive (保税)."""
    text = "依托两路果园港综合保税区发展保税研发"
    counted = [h.match for h in lexicon("finance_instruments.tsv").match(text) if h.subtool == "税收优惠"]
    assert counted == ["保税"] and counted != []
    tax = [h for h in lexicon("instruments.tsv").match(text) if h.subtool == "tax_incentives"]
    assert [(h.start, h.end) for h in tax] == [(text.index("保税研发"), text.index("保税研发") + 2)]


def test_commercial_value_loans_are_not_knowledge_value_loans():
    """Referee's case: 商业价值信用贷款 was counted under 知识价值信用贷款."""
    hits = lexicon("finance_instruments.tsv").match("推动知识价值信用贷款扩面放量,探索企业商业价值信用贷款试点")
    assert [h.subtool for h in hits] == ["知识价值信用贷款", "商业价值信用贷款"]


def test_exclusion_contexts_void_only_the_hit_they_contain():
    lex = _lexicon(("f", "", "保税", "保税(?:区|港)"))
    assert [h.start for h in lex.match("综合保税区开展保税维修")] == [7]


def test_hits_overlap_across_categories_and_across_subtools_in_subtool_scope():
    lex = _lexicon(("t", "", "人才", ""), ("f", "", "人才贷", ""))
    assert {h.category for h in lex.match("推广人才贷")} == {"t", "f"}
    both = _lexicon(("e", "loan", "贷款", ""), ("e", "ip", "re:知识价值信用贷款", ""), scope="subtool")
    assert {h.subtool for h in both.match("知识价值信用贷款")} == {"loan", "ip"}
    one = _lexicon(("e", "loan", "贷款", ""), ("e", "ip", "re:知识价值信用贷款", ""))
    assert [h.subtool for h in one.match("知识价值信用贷款")] == ["ip"]


def test_spans_are_valid_in_the_original_text_with_full_width_brackets():
    text = "建设西部（重庆）科学城"
    (hit,) = lexicon("cooperation_terms.tsv").match(text)
    assert hit.subtool == "西部(重庆)科学城" and text[hit.start : hit.end] == "西部（重庆）科学城"


def test_hits_table_is_long_one_row_per_hit():
    sentences = pd.DataFrame(
        {"doc_id": ["d", "d"], "clause_id": ["d/c1", "d/c2"], "sentence_id": ["d/c1/1", "d/c2/1"],
         "text": ["川渝合作,成渝地区双城经济圈", "无关"]}
    )
    table = lexicon("cooperation_terms.tsv").hits(sentences)
    assert table[["subtool", "start", "end"]].values.tolist() == [["川渝", 0, 2], ["成渝地区双城经济圈", 5, 14]]


def test_bad_lexicon_lines_name_the_file_and_line(tmp_path, monkeypatch):
    import policytext.language.lexicon as lx

    monkeypatch.setattr(lx, "_numbered_rows", lambda name: [(7, ["a", "", "re:(", "", "n"])])
    with pytest.raises(ValueError, match=r"bad.tsv line 7: term '\(' is not a valid regular expression"):
        read_lexicon("bad.tsv")
    monkeypatch.setattr(lx, "_numbered_rows", lambda name: [(3, ["a", "b", "c"])])
    with pytest.raises(ValueError, match="bad.tsv line 3: expected 5 TAB-separated columns"):
        read_lexicon("bad.tsv")
    monkeypatch.setattr(lx, "_numbered_rows", lambda name: [(4, ["zz", "", "x", "", "n"])])
    with pytest.raises(ValueError, match="unknown category 'zz'"):
        read_lexicon("bad.tsv", categories=("a",))


def test_hits_are_packed_into_cells_only_on_request():
    from policytext.language.lexicon import pack

    sentences = pd.DataFrame({"doc_id": ["d"], "clause_id": ["d/c1"], "sentence_id": ["d/c1/1"],
                              "text": ["推广人才贷和科创板上市"]})
    cells = pack(lexicon("finance_instruments.tsv").hits(sentences))
    assert cells["d/c1/1"] == (
        "finance_instrument/人才贷/成果贷/研发贷:人才贷@2-5;finance_instrument/上市/科创板:科创板上市@6-11"
    )


def test_the_first_character_lookahead_never_loses_a_regex_hit():
    # several regex terms in one category share one alternation, led by a lookahead on the characters a
    # match can start with; a term led by a lookbehind, a digit class or an optional part still matches
    lex = _lexicon(("c", "", r"re:(?<![道品])德国[^。]{0,4}合作", ""), ("c", "", r"re:\d+家企业", ""),
                   ("c", "", r"re:(?:首台)?套装备", ""), ("c", "", r"re:[甲乙]方", ""))
    text = "与德国开展合作，品德国度，12家企业购买首台套装备和套装备，乙方。"
    assert [h.match for h in lex.match(text)] == ["德国开展合作", "12家企业", "首台套装备", "套装备", "乙方"]
    assert lex._regexes["c"][0].pattern.pattern.startswith("(?=[")


def test_screened_leads_a_pattern_with_the_characters_its_matches_start_with():
    assert screened(r"(?<!\d)(?:\d+|[一二])家") == r"(?=[\d一二])(?:(?<!\d)(?:\d+|[一二])家)"
    assert screened(r"(?:最高)?(?P<n>\d+)万元") == r"(?=[最\d])(?:(?:最高)?(?P<n>\d+)万元)"
    # any character, a negated class, a case-folded pattern or one that matches empty: left as it is
    for pattern in (r".创新", r"[^。]创新", r"\D创新", r"(?i)(?<!x)ab", r"(?:创新)?", r"(?=创)"):
        assert screened(pattern) == pattern
    assert screened(r"(?<!x)ab", re.IGNORECASE) == r"(?<!x)ab"
    # what the engine scans for by itself (a character, a class, words, ^): a lookahead would only slow it
    for pattern in (r"税收|减税", r"(?P<t0>科技)", r"[甲乙]方", r"^(第一条)?为"):
        assert screened(pattern) == pattern
    assert screened(r"税收|(?:减免|免征)税") != r"税收|(?:减免|免征)税"  # an alternative opens with a group


def test_a_screened_pattern_keeps_its_groups_and_matches():
    import re

    pattern = r"(?:(?P<pre>不超过)|(?<![第\d]))(?P<n>\d+|[一二三])(?P<unit>家|项)"
    plain, fast = re.compile(pattern), re.compile(screened(pattern))
    text = "第3项不超过5家，12项，一家、二项，第二项"
    assert [(m.span(), m.groupdict()) for m in fast.finditer(text)] == \
        [(m.span(), m.groupdict()) for m in plain.finditer(text)]
    assert [m.group(0) for m in fast.finditer(text)] == ["不超过5家", "12项", "一家", "二项"]


def test_the_lookahead_finds_what_the_plain_alternation_finds_on_the_seeds(seed_tables):
    import re

    texts = [t.replace("（", "(").replace("）", ")") for t in seed_tables.sentences["text"]]
    for name in ("themes.tsv", "instruments.tsv"):
        for alternations in lexicon(name)._regexes.values():
            for rx in alternations:
                plain = re.compile("|".join(f"(?P<t{i}>{t.term})" for i, t in enumerate(rx.terms)))
                for text in texts:
                    assert [(m.span(), m.lastgroup) for m in rx.pattern.finditer(text)] == \
                        [(m.span(), m.lastgroup) for m in plain.finditer(text)], (name, rx.pattern.pattern)


def test_texts_matched_together_get_the_hits_each_gets_on_its_own():
    # one automaton and one scan per alternation over all the texts; a match that would run from one text
    # into the next (甲…乙 across a joint), a lookbehind or lookahead at a text's edge, and a regex and a
    # literal of one category competing for the same span all come out as they do text by text; a match
    # across a joint that swallows the next text's own match (甲 | 甲乙方) leaves that text to be matched again
    lex = _lexicon(("c", "", "re:企业.{0,4}创新", ""), ("c", "", "re:甲[^，]{0,6}乙", ""),
                   ("c", "", "re:(?<![道品])德国", ""), ("c", "", "创新", ""), ("d", "", "re:版权(?=.?保护)", ""),
                   ("d", "", "re:(?:首台)?套装备", ""), ("d", "", "保税", "保税(?:区|港)"))
    texts = ["支持企业", "创新发展。", "甲方", "乙方", "德国", "品德国度", "企业开展创新", "", "版权", "保护版权保护",
             "（首台）套装备", "综合保税区开展保税维修", "甲乙", "甲", "甲乙方"]
    themes = lexicon("themes.tsv")
    matched = Matcher([lex, themes]).match_texts(texts)
    assert matched == [(lex.match_tuples(t), themes.match_tuples(t)) for t in texts]
    assert [h[3] for h in matched[12][0]] == ["甲乙"] and matched[2] == ([], [])
    assert [h[3] for h in matched[14][0]] == ["甲乙"]


# --- data files are validated; cues count only in their required context ------------------------------

def test_a_term_listed_twice_or_under_two_categories_is_an_error_naming_file_line_and_term(monkeypatch):
    import policytext.language.lexicon as lx

    monkeypatch.setattr(lx, "_numbered_rows", lambda name: [
        (5, ["cooperation", "", "区域一体化", "", "n"]), (9, ["cooperation", "", "区域一体化", "周边区域一体化", "n"])])
    with pytest.raises(ValueError, match=r"bad.tsv line 9: term '区域一体化' is listed twice \(first on line 5\)"):
        read_lexicon("bad.tsv")
    monkeypatch.setattr(lx, "_numbered_rows", lambda name: [
        (3, ["environment", "tax_incentives", "关税", "", "n"]), (8, ["demand", "trade_measures", "关税", "", "n"])])
    with pytest.raises(ValueError, match=r"bad.tsv line 8: term '关税' is listed under two categories: "
                                         r"environment/tax_incentives and demand/trade_measures"):
        read_lexicon("bad.tsv")


def test_the_package_lexicons_load_and_an_exclusion_is_no_longer_cancelled_by_a_second_row():
    from policytext.coding.codes import code_text

    for name in ("themes.tsv", "instruments.tsv", "finance_instruments.tsv", "cooperation_terms.tsv"):
        assert lexicon(name).terms
    assert "cooperation" not in code_text("推动周边区域一体化发展。")["themes"]
    assert "cooperation" in code_text("推动成渝区域一体化发展。")["themes"]


def test_a_cue_context_row_naming_a_term_the_lexicon_lacks_is_an_error(monkeypatch):
    import policytext.language.cues as cues

    monkeypatch.setattr(cues, "listed_terms", lambda: {"themes.tsv": {("cooperation", "", "不存在的词")}})
    with pytest.raises(ValueError, match=r"cue_contexts.tsv: themes.tsv has no term '不存在的词'"):
        read_lexicon("themes.tsv", ("ecosystem", "talent", "finance", "cooperation"))


@pytest.mark.parametrize(("text", "cooperation"), [
    ("引进一批国内外知名创投机构。", False),           # names no second region
    ("积极招收海内外博士。", False),
    ("深化国内外科技合作。", False),
    ("加强与新加坡等国内外机构的合作。", True),        # a named partner in a joint form
    ("推动成都与重庆的高校和国内外企业联合攻关。", True),  # two named regions
    ("引进中国科学院、北京大学、新加坡国立大学等单位。", False),  # 新加坡 inside a one-country name
    ("建强天府国际技术转移中心等交易平台。", False),     # 国际 inside a Chengdu name
    ("高标准建设成渝综合性科学中心。", True),           # a jointly owned name keeps its cue
    ("重庆与新加坡共建创新中心。", True),
    ("发挥两江新区的优势,引进更多国内外一流大学落户重庆。", False),  # a district and its city are one region
    ("重庆市科技局引进国内外人才落户重庆。", False),  # the city's own bureau is no partner
    ("引进中国科学院、北京大学等国内外知名机构。", True),  # national institutions, each a partner
])
def test_cooperation_cues_need_a_second_region_and_are_not_read_inside_one_regions_name(text, cooperation):
    from policytext.coding.codes import code_text

    assert ("cooperation" in code_text(text)["themes"].split(";")) is cooperation


def test_the_initiative_counts_read_each_sentence_on_its_own(seed_tables):
    from policytext.findings.summaries import lexicon_counts

    counts, _ = lexicon_counts(seed_tables, "cooperation_terms.tsv")
    # cq-theory-2023 writes 国内外 in seven places; only one sentence names a partner beside it
    # (国内外科技合作 … “一带一路”科技创新合作), the rest attract talent or firms "at home and abroad"
    assert counts.loc["cq-theory-2023", "国内外"] == 1
    assert counts.loc["cq-reply-2023", "川渝"] > 0 and counts["成渝"].sum() > counts["国内外"].sum()


def test_the_initiative_counts_need_a_partner_too():
    terms = lexicon("cooperation_terms.tsv")
    assert terms.match("引进国内外知名技术转移机构来渝设立分支机构。") == []
    assert [(h.subtool, h.start) for h in terms.match("与新加坡等国内外机构合作。")] == [("新加坡", 1), ("国内外", 5)]


def test_on_the_seeds_no_cooperation_hit_lies_inside_a_one_region_name_or_lacks_its_partner(seed_tables):
    from policytext.language.cues import has_partner, inside_name

    hits = seed_tables.hits
    coop = hits[hits["category"] == "cooperation"]
    text = seed_tables.sentences.set_index("sentence_id")["text"]
    assert len(coop) > 0
    for h in coop.itertuples():
        sentence = text[h.sentence_id].replace("（", "(").replace("）", ")")
        assert not inside_name(sentence, h.start, h.end), (h.term, sentence)
        if h.term in ("国内外", "海内外", "境内外", "[市省域]内外"):
            assert has_partner(sentence, h.start, h.end), sentence
    # the counter-examples of the seeds: 新加坡国立大学 (cq-wushan-2022) and 天府国际技术转移中心 (cd-bureau-2023)
    inside = [(h.term, h.sentence_id) for h in coop.itertuples() if h.term in ("新加坡", "国际")]
    assert not any("新加坡国立大学" in text[s] and t == "新加坡" for t, s in inside)


def test_cooperation_cue_words_are_apart_from_named_initiatives():
    terms = lexicon("cooperation_terms.tsv")
    assert {"一带一路", "成渝综合性科学中心", "成渝地区双城经济圈"} <= set(terms.subtools("initiative"))
    assert {"国内外", "成渝", "国际合作", "川渝"} <= set(terms.subtools("cue"))
    # the cue 成渝 does not count again inside an initiative's name: a stretch counts once
    hits = terms.match("共建成渝综合性科学中心")
    assert [(h.category, h.subtool) for h in hits] == [("initiative", "成渝综合性科学中心")]
    # 域内外 (inside and outside the area) is not 国内外 (at home and abroad)
    (hit,) = terms.match("深化与域内外知名高校院所的战略合作,与清华大学签约")
    assert hit.subtool == "域内外"
