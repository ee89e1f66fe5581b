"""Properties that must hold for any text, checked with hypothesis on generated input."""

import math
import os
from itertools import pairwise

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from policytext.coding.indicators import find_indicators
from policytext.language.segment import segment
from policytext.parsing.clean import clean
from policytext.parsing.structure import accounting, parse_structure, split_sentences

# Text built from the characters that matter to the parser: CJK, digits, units, punctuation,
# numbering labels, brackets and newlines, mixed with arbitrary unicode.
PIECES = st.sampled_from(
    ["科技", "创新", "人才", "一是", "二是", "（一）", "(1)", "1.", "一、", "第一条", "。", "；", "，", ",", "\n",
     "\n\n", "《", "》", "“", "”", "(", ")", "亿元", "万家", "%", "以上", "约", "第", "12", "4.2", "分享到",
     "责任编辑：", "【摘要】:", "本报讯", "图为", "(www.a.com)", "2023年4月12日", " ", "\u3000", "實驗室", "\r"]
)
POLICY_TEXT = st.lists(st.one_of(PIECES, st.text(max_size=5)), max_size=60).map("".join)
# HYPOTHESIS_EXAMPLES=3000 for a deeper search than the default run; HYPOTHESIS_RANDOM=1 for new examples
# (by default the examples are the same on every run, so that a red suite is reproducible).
FAST = settings(
    max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", "150")),
    derandomize=not os.environ.get("HYPOTHESIS_RANDOM"),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@FAST
@given(POLICY_TEXT)
def test_cleaning_never_raises_and_accounts_for_every_line(text):
    cleaned = clean(text)
    status = cleaned.line_status()
    assert sorted(status) == list(range(1, cleaned.n_lines + 1))
    kept = [n for n, s in status.items() if s == "kept"]
    assert sorted(kept) == list(cleaned.kept_lines)


@FAST
@given(POLICY_TEXT)
def test_cleaning_is_idempotent(text):
    once = clean(text)
    twice = clean(once.text)
    def paragraphs(cleaned):
        return [p.text for a in cleaned.articles for p in a.paragraphs]

    assert paragraphs(twice) == paragraphs(once)


@FAST
@given(POLICY_TEXT)
def test_segment_joins_back_to_its_input(text):
    assert "".join(segment(text)) == text


@FAST
@given(POLICY_TEXT)
def test_structure_offsets_point_at_their_text(text):
    cleaned = clean(text)
    structure = parse_structure("doc", cleaned)
    from policytext.parsing.script import to_simplified

    body = to_simplified(cleaned.text)
    for table in (structure.clauses, structure.sentences):
        for start, end, piece in table[["start", "end", "text"]].itertuples(index=False):
            assert body[start:end] == piece


@FAST
@given(POLICY_TEXT)
def test_sentences_cover_their_text_in_order(text):
    spans = split_sentences(text)
    assert all(s < e for s, e in spans)
    assert all(a[1] <= b[0] for a, b in pairwise(spans))


@FAST
@given(POLICY_TEXT)
def test_indicator_values_are_finite_numbers(text):
    found = find_indicators(text)
    for value, start, end, surface in found[["value", "start", "end", "surface"]].itertuples(index=False):
        assert math.isfinite(value) and value >= 0
        assert text[start:end] == surface


# Documents built as policy texts are: a title, then numbered units in every numbering style, each a
# heading, a provision or a label with a body after it, with chrome, blank lines and broken lines mixed in.
_CN_NUMS = "一二三四五六七八九十"
_STYLES = {
    "dun": lambda n: f"{_CN_NUMS[n]}、", "par": lambda n: f"（{_CN_NUMS[n]}）", "shi": lambda n: f"{_CN_NUMS[n]}是",
    "dot": lambda n: f"{n + 1}.", "apar": lambda n: f"({n + 1})", "circ": lambda n: chr(0x2460 + n),
    "article": lambda n: f"第{_CN_NUMS[n]}条 ", "chapter": lambda n: f"第{_CN_NUMS[n]}章 ",
}
_PHRASES = st.sampled_from(
    ["总体要求", "对新认定的国家级孵化器给予100万元奖励", "支持企业加大研发投入", "十到二十万元", "不得转载",
     "版权所有", "到2025年，高新技术企业达到1万家", "处五万元以上十万元以下的罚款", "前两款规定的", "實驗室"]
)
_ENDS = st.sampled_from(["", "。", "；", "：", "，"])
_SENTENCE = st.tuples(_PHRASES, _ENDS).map("".join)
_UNIT = st.tuples(st.sampled_from(sorted(_STYLES)), st.integers(0, 9), st.lists(_SENTENCE, min_size=1, max_size=3),
                  st.lists(st.lists(_SENTENCE, min_size=1, max_size=3).map("".join), max_size=2))
_CHROME = st.sampled_from(["", "分享到：", "责任编辑：张三", "未经授权不得转载", "2023年4月12日",
                           "成都市科学技术局文件", "1990年9月7日 第七届全国人民代表大会常务委员会第十五次会议通过",
                           "目录", "---"])


def _document(parts) -> str:
    title, head, units, tail = parts
    lines = [title, head]
    for style, n, sentences, body in units:
        lines.append(_STYLES[style](n) + "".join(sentences))
        lines += body
    return "\n\n".join([*lines, tail])


GENERATED = st.tuples(_SENTENCE, _CHROME, st.lists(_UNIT, max_size=8), _CHROME).map(_document)


@FAST
@given(st.one_of(GENERATED, POLICY_TEXT))
def test_every_character_lands_in_one_clause_heading_or_removed_line(text):
    cleaned = clean(text)
    account = accounting(text, cleaned, parse_structure("doc", cleaned))
    assert account.ok, account
    assert account.raw == account.clause + account.heading + account.removed
