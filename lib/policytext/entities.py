"""Named programmes, institutions, platforms and places, with type and clause id.

A name is a run of segmented tokens ending in a suffix of data/entities.tsv (实验室, 计划, 大学 …),
extended to the left over name-like tokens and stopped by punctuation, stopwords and verbs;
《…》 titles are programmes (policy documents) as printed; places come from the domain
dictionary (pos ns) and data/places.txt. Names are deduplicated by a normalised key (brackets
and quotes unified, spaces dropped).
"""

from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd

from .datafiles import rows
from .segment import is_content, segment, user_dictionary

MAX_TOKENS = 5
_VERBS = {
    "建设", "打造", "推动", "支持", "引进", "依托", "组建", "设立", "创建", "推进", "加快", "实施", "落实", "制定",
    "发布", "出台", "修订", "编制", "培育", "聚焦", "围绕", "构建", "完善", "提升", "发展", "开展", "成立", "揭牌",
    "投运", "启动", "共建", "联合", "牵头", "形成", "引导", "鼓励", "争取", "建成", "办好", "举办", "服务", "集聚",
    "入驻", "交付", "强化", "深化", "优化", "布局", "高标准", "高水平", "高质量", "新增", "包括", "通过", "签署",
    "申报", "认定", "积极", "持续", "全力", "大力", "努力", "进一步", "计划", "提出", "全面", "深入", "进入", "面向",
    "保障", "做靓", "做强", "改革", "筹建", "扩大", "研究", "吸纳", "纳入", "落地", "走进", "推出", "携手", "签约",
    "打通", "突出", "发挥", "参与", "融入", "提质", "升级", "遴选", "探索", "给予", "对接", "承接", "试行", "投用",
    "运行", "组织", "召开", "进", "做",
}
_NOT_FIRST = set("在蓉渝强为对与和及向从以将把由于给使各该其本我即并且或又做建抓促助让来赴进")
_GENERIC = {"科技", "创新", "研发", "技术", "产业", "重大", "重点", "国家", "市级", "省级", "一批", "若干", "各类",
            "相关", "行业", "高端", "特色", "区域", "科研", "国家级", "新型", "专业化", "综合", "公共", "示范",
            "区县", "平台", "中心"}
_TITLE = re.compile(r"《([^《》]{2,60})》")


@lru_cache(maxsize=1)
def suffixes() -> tuple[tuple[str, str], ...]:
    """(suffix, type) pairs, longest suffix first."""
    pairs = [(cols[1], cols[0]) for cols in rows("entities.tsv")]
    return tuple(sorted(pairs, key=lambda p: (-len(p[0]), p[0])))


@lru_cache(maxsize=1)
def places() -> frozenset[str]:
    """Place names: dictionary entries tagged ns, plus data/places.txt."""
    names = {w for w, _, pos in user_dictionary() if pos == "ns"}
    names |= {cols[0].strip() for cols in rows("places.txt")}
    return frozenset(names)


def normalise(name: str) -> str:
    """Key for deduplication: full-width brackets to ASCII, quotes and spaces dropped."""
    return re.sub(r"[\s“”\"‘’「」]", "", name.replace("（", "(").replace("）", ")"))


@lru_cache(maxsize=1)
def _suffix_pattern() -> re.Pattern:
    return re.compile("(?:" + "|".join(re.escape(sfx) for sfx, _ in suffixes()) + ")$")


def _entity_type(token_run: str) -> str | None:
    """Type of the longest suffix that `token_run` ends with and is longer than."""
    m = _suffix_pattern().search(token_run)
    if m is None:
        return None
    if m.start() > 0:
        return _suffix_types()[m.group(0)]
    return next((kind for sfx, kind in suffixes() if token_run.endswith(sfx) and len(token_run) > len(sfx)), None)


@lru_cache(maxsize=1)
def _suffix_types() -> dict[str, str]:
    return dict(suffixes())


def find_entities(text: str, tokens: list[str] | None = None) -> list[tuple[str, str]]:
    """(name, type) of every entity in one (Simplified) sentence, in order of appearance.

    `tokens` may pass the sentence's segmentation when the caller has it already.
    """
    found: list[tuple[int, str, str]] = []
    for m in _TITLE.finditer(text):
        found.append((m.start(), f"《{m.group(1)}》", "programme"))
    if tokens is None or _TITLE.search(text):
        tokens = segment(_TITLE.sub(lambda m: "。" * len(m.group(0)), text))
    pos = 0
    starts = []
    for t in tokens:
        starts.append(pos)
        pos += len(t)
    for i, token in enumerate(tokens):
        if token in places():
            found.append((starts[i], token, "place"))
        kind = None
        for j in range(i, max(-1, i - MAX_TOKENS), -1):
            run = "".join(tokens[j : i + 1])
            if j < i and not _name_token(tokens[j]):
                break
            if tokens[j] in _NOT_FIRST or tokens[j].startswith("第"):
                continue  # a name does not start with a preposition, a one-character verb or an ordinal
            candidate = _entity_type(run)
            if candidate and not _generic(tokens[j : i + 1]):
                kind, best = candidate, (starts[j], run)
        if kind and (i + 1 == len(tokens) or not _continues(tokens[i + 1])):
            found.append((best[0], best[1], kind))
    found.sort()
    out, seen = [], set()
    for _, name, kind in found:
        key = (normalise(name), kind)
        if key not in seen:
            seen.add(key)
            out.append((name, kind))
    return out


def _name_token(token: str) -> bool:
    return is_content(token) and token not in _VERBS and not re.search(r"[,，、。；;:：!！?？]", token)


def _continues(token: str) -> bool:
    """A following token that makes the run part of a longer name (…研究院规划 + 处 is a department)."""
    return token in {"处", "科", "室", "部", "片区", "分站", "办公室"}


def _generic(tokens: list[str]) -> bool:
    """A run made only of generic words (重点实验室, 创新平台) names no particular entity."""
    if len(tokens) == 1:
        suffix = next((s for s, _ in suffixes() if tokens[0].endswith(s)), "")
        return tokens[0][: len(tokens[0]) - len(suffix)] in _GENERIC | {""}
    return all(t in _GENERIC for t in tokens[:-1]) and len("".join(tokens)) <= 6


ENTITY_COLUMNS = ["doc_id", "clause_id", "sentence_id", "name", "key", "type"]


def entities(sentences: pd.DataFrame, segments: list[list[str]] | None = None) -> pd.DataFrame:
    """Every entity mention of a sentences table: doc_id, clause_id, sentence_id, name, key, type.

    `segments`, if given, is each sentence's `segment()` result, so the text is not cut twice.
    """
    rows = []
    for n, r in enumerate(sentences.itertuples(index=False)):
        for name, kind in find_entities(r.text, None if segments is None else segments[n]):
            rows.append((r.doc_id, r.clause_id, r.sentence_id, name, normalise(name), kind))
    return pd.DataFrame(rows, columns=ENTITY_COLUMNS)


def entity_summary(mentions: pd.DataFrame) -> pd.DataFrame:
    """One row per distinct entity (by key and type): name as first written, mentions, documents."""
    if mentions.empty:
        return pd.DataFrame(columns=["key", "type", "name", "mentions", "documents", "doc_ids"])
    g = mentions.groupby(["key", "type"], sort=True)
    out = pd.DataFrame(
        {
            "name": g["name"].first(),
            "mentions": g.size(),
            "documents": g["doc_id"].nunique(),
            "doc_ids": g["doc_id"].agg(lambda s: ";".join(sorted(set(s)))),
        }
    ).reset_index()
    return out.sort_values(["mentions", "key"], ascending=[False, True], ignore_index=True)
