"""Quantified indicators: every count, amount or percentage written with Arabic digits.

4.2万家 -> 42000 家; 630.5亿元 -> 63050000000 元; 80亿元以上 -> 8000000000 元 (qualifier 以上).
Ordinals (第六次), names (5G, 十四五), periods and dates (2018年, 2019—2022年, 6月6日) and
document numbers (第0159号) are not indicators: they carry no unit from UNITS, or are ordinals.
Kind is read from cues in the sentence (已/累计/新增 -> achievement; 力争/将/目标/全年 -> target).
"""

from __future__ import annotations

import math
import re

import pandas as pd

MULTIPLIERS = {"万": 1e4, "亿": 1e8, "千": 1e3, "百": 1e2}
UNITS = ("元", "家", "个", "项", "人", "名", "台", "件", "次", "条", "所", "座", "支", "套", "篇", "场", "户",
         "亩", "吨", "倍", "%", "％")
_QUANTITY = re.compile(
    r"(?P<pre>超过|超|约|近|逾|达到|达)?"
    r"(?<![\d.第])(?P<num>\d+(?:\.\d+)?)(?P<yu>余|多)?(?P<mult>[万亿千百]{0,2})"
    r"(?P<unit>" + "|".join(re.escape(u) for u in UNITS) + r")"
    r"(?P<post>以上|左右|以内|以下)?"
    r"(?!月|小时|工作日|年)(?!(?<=人)[工才员民口])"
)
_CLAUSE_BREAK = re.compile(r"[,，;；。:：!！?？]")
_ACHIEVED = re.compile(r"已|累计|新增|较上年|同比|目前|现有|共有|以来|翻了|取得|获得|形成了|实现了|成交额")
_TARGET = re.compile(r"力争|将|目标|计划|争取|拟|预计|全年|年内|到20\d\d年")
_IMPERATIVE = re.compile(r"^(加快|推动|推进|支持|实施|建设|打造|培育|引进|设立|组建|聚焦|出台|遴选|制定|开展)")
_SECTION_TARGET = re.compile(r"下一步|打算|计划|目标|举措|任务|重点|思路")
_SECTION_ACHIEVED = re.compile(r"情况|成效|成绩|进展|回顾|总体")
_LEAD_CUES = ("累计", "力争")
_LEADING = re.compile(
    r"^[、，,“”\s]*(?:其中包括|包括|组织实施|提质发展|全年|推动|建设|引进|培育|支持|集聚|开展|这些|该|已|累计|新增|签约)*"
)
INDICATOR_COLUMNS = ["surface", "start", "end", "value", "unit", "qualifier", "subject", "kind"]


def _number(num: str, mult: str) -> float:
    value = float(num)
    for ch in mult:
        value *= MULTIPLIERS[ch]
    return value


def _subject(text: str, m: re.Match) -> str:
    """What is counted: the noun phrase after a measure word (105家 + 高校), else the phrase before."""
    after = re.match(r"的?([\u4e00-\u9fff（）()A-Za-z&]{2,14})", text[m.end() :])
    unit = m.group("unit")
    if after and (unit not in ("元", "%", "％", "倍") or text[m.end() : m.end() + 1] == "的") and not m.group("post"):
        phrase = after.group(1)
        return re.split(r"[的等]", phrase)[0] if len(phrase) > 2 else phrase
    before = _CLAUSE_BREAK.split(text[: m.start()])[-1]
    before = re.split(r"\d+(?:\.\d+)?[万亿千百]*\S?", before)[-1].lstrip("度的了")
    before = re.sub(r"(超过|超|约|近|逾|达到|达|累计|力争|已|新增|共|为|是|增长|保持)+$", "", before)
    before = before.split("、")[-1].split("等")[-1]
    return _LEADING.sub("", before)[-20:]


def _kind(sentence: str, clause: str, section: str = "") -> str:
    """achievement or target, from the number's own clause, its section heading, then its sentence."""
    if _ACHIEVED.search(clause):
        return "achievement"
    if _TARGET.search(clause):
        return "target"
    if _SECTION_TARGET.search(section):
        return "target"
    if _SECTION_ACHIEVED.search(section):
        return "achievement"
    if _ACHIEVED.search(sentence):
        return "achievement"
    if _TARGET.search(sentence) or _IMPERATIVE.search(clause) or _IMPERATIVE.search(sentence):
        return "target"
    return "achievement"


def find_indicators(sentence: str, section: str = "") -> pd.DataFrame:
    """Indicators in one (Simplified) sentence; offsets are relative to the sentence."""
    return pd.DataFrame(_find(sentence, section), columns=INDICATOR_COLUMNS)


def _find(sentence: str, section: str = "") -> list[dict]:
    rows = []
    for m in _QUANTITY.finditer(sentence):
        value = _number(m.group("num"), m.group("mult"))
        if not math.isfinite(value):
            continue
        clause_start = max((b.end() for b in _CLAUSE_BREAK.finditer(sentence, 0, m.start())), default=0)
        clause = sentence[clause_start : m.start()]
        cues = [c for c in _LEAD_CUES if c in clause]
        quals = [q for q in (m.group("pre"), m.group("yu"), m.group("post")) if q and q not in ("达到", "达")]
        qualifier = ";".join(sorted(set(cues), key=clause.index) + quals)
        unit = "%" if m.group("unit") in ("%", "％") else m.group("unit")
        start = m.start() if m.group("pre") not in ("达到", "达") else m.start("num")
        rows.append(
            {"surface": sentence[start : m.end()], "start": start, "end": m.end(), "value": value, "unit": unit,
             "qualifier": qualifier, "subject": _subject(sentence, m),
             "kind": _kind(sentence, sentence[clause_start : m.end()], section)}
        )
    return rows


def indicators(sentences: pd.DataFrame, clauses: pd.DataFrame | None = None) -> pd.DataFrame:
    """Indicators of a sentences table (doc_id, clause_id, sentence_id, start, text): one row each.

    With `clauses`, each sentence's section heading also informs the kind (下一步工作打算 -> target).
    """
    sections = {} if clauses is None else dict(zip(clauses["clause_id"], clauses["section_path"], strict=True))
    rows = []
    for row in sentences.itertuples(index=False):
        for found in _find(row.text, sections.get(row.clause_id, "")):
            rows.append(
                {"doc_id": row.doc_id, "clause_id": row.clause_id, "sentence_id": row.sentence_id}
                | found
                | {"start": found["start"] + row.start, "end": found["end"] + row.start, "sentence": row.text}
            )
    return pd.DataFrame(rows, columns=["doc_id", "clause_id", "sentence_id", *INDICATOR_COLUMNS, "sentence"])
