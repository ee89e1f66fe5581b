"""Named programmes, platforms, initiatives, funds, plans and institutions, and places, with spans.

Entities that are counted come from a curated gazetteer (data/gazetteer.tsv: canonical name,
aliases, kind, owning jurisdiction, parts), matched leftmost-longest with quotation marks ignored
(“重科英才”计划 is 重科英才计划), so a mention always maps to one canonical entity and full names win
over their fragments. 《…》 titles are policy documents, as printed (kind 'document'); places come
from the domain dictionary (pos ns) and data/places.txt.

Names found by rules but not in the gazetteer are candidates for review, in their own table and
never counted: a run of segmented tokens ending in a suffix of data/entities.tsv (实验室, 计划, 大学 …),
extended to the left over name-like tokens and stopped by punctuation, stopwords, verbs and
non-name words (国内外); and a quoted name followed by a programme suffix (“X”计划). A candidate
overlapping a gazetteer mention or a title is dropped.

Umbrella rule: a gazetteer entry may list its parts (西部科学城 -> 西部(成都)科学城, 西部(重庆)科学城;
三大人才计划 -> its three programmes). In a sentence that also names one of its parts, the umbrella
mention is not counted, because it restates them; alone, it counts as itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick
import pandas as pd

from .datafiles import rows
from .segment import is_content, segment, user_dictionary

KINDS = ("programme", "platform", "initiative", "fund", "institution", "plan")
_QUOTES = "“”\"‘’「」『』"


@dataclass(frozen=True)
class Entity:
    """One gazetteer entry."""

    canonical: str
    aliases: tuple[str, ...]
    kind: str
    jurisdiction: str
    parts: tuple[str, ...]
    note: str


@dataclass(frozen=True)
class Mention:
    """A name in a sentence: as written, its key (canonical name or normalised form), kind, owner, span.

    `source` is 'gazetteer', 'title' or 'place' for counted entities, 'rule' or 'quoted' for candidates.
    """

    name: str
    key: str
    kind: str
    jurisdiction: str
    start: int
    end: int
    source: str


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, Entity]:
    """Canonical name -> Entity, from data/gazetteer.tsv (validated)."""
    out: dict[str, Entity] = {}
    for cols in rows("gazetteer.tsv"):
        if len(cols) != 6:
            raise ValueError(f"gazetteer.tsv: expected 6 TAB-separated columns, found {len(cols)} in {cols!r}")
        canonical, aliases, kind, jurisdiction, parts, note = (c.strip() for c in cols)
        if kind not in KINDS:
            raise ValueError(f"gazetteer.tsv: {canonical}: kind {kind!r} is not one of {', '.join(KINDS)}")
        if canonical in out:
            raise ValueError(f"gazetteer.tsv: {canonical} is listed twice")
        out[canonical] = Entity(canonical, tuple(filter(None, aliases.split("|"))), kind, jurisdiction,
                                tuple(filter(None, parts.split("|"))), note)
    for e in out.values():
        if missing := [p for p in e.parts if p not in out]:
            raise ValueError(f"gazetteer.tsv: {e.canonical}: parts not in the gazetteer: {', '.join(missing)}")
    return out


@lru_cache(maxsize=1)
def _automaton() -> ahocorasick.Automaton:
    a = ahocorasick.Automaton()
    seen: dict[str, str] = {}
    for e in gazetteer().values():
        for name in (e.canonical, *e.aliases):
            key = _strip(name)[0]
            if seen.setdefault(key, e.canonical) != e.canonical:
                raise ValueError(f"gazetteer.tsv: {name} names both {seen[key]} and {e.canonical}")
            a.add_word(key, (len(key), e.canonical))
    a.make_automaton()
    return a


def _strip(text: str) -> tuple[str, list[int]]:
    """Text with brackets made ASCII and quotation marks dropped, and each kept character's offset."""
    kept = [(i, c) for i, c in enumerate(text.replace("（", "(").replace("）", ")")) if c not in _QUOTES]
    return "".join(c for _, c in kept), [i for i, _ in kept]


def _gazetteer_matches(text: str) -> list[Mention]:
    """All gazetteer names in `text`, leftmost-longest, before the umbrella rule.

    The name is given without quotation marks (重科英才计划); the span covers them (‘重科英才’计划).
    """
    stripped, offsets = _strip(text)
    found = sorted(
        ((end + 1 - n, end + 1, canonical) for end, (n, canonical) in _automaton().iter(stripped)),
        key=lambda m: (m[0], -(m[1] - m[0])),
    )
    out, last = [], 0
    for s, e, canonical in found:
        if s >= last:
            start, end = offsets[s], offsets[e - 1] + 1
            if start > 0 and text[start - 1] in _QUOTES and any(c in _QUOTES for c in text[start:end]):
                start -= 1  # the opening quote of a quoted part of the name
            entity = gazetteer()[canonical]
            out.append(Mention(stripped[s:e], canonical, entity.kind, entity.jurisdiction, start, end, "gazetteer"))
            last = e
    return out


def gazetteer_mentions(text: str) -> list[Mention]:
    """Gazetteer entities named in `text`, leftmost-longest, with spans in `text`, umbrella rule applied."""
    found = _gazetteer_matches(text)
    named = {m.key for m in found}
    return [m for m in found if not set(gazetteer()[m.key].parts) & named]


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
# Words that are never part of a name: a run of tokens stops at them (国内外一流大学 is no entity).
_NOT_NAME = {"国内外", "海内外", "境内外", "国内", "国外", "海外", "境外", "一流", "知名", "顶尖", "全国", "全市",
             "全省", "各级", "有关", "多层次", "多元化", "一批", "一系列", "等", "其他"}
_GENERIC = {"科技", "创新", "研发", "技术", "产业", "重大", "重点", "国家", "市级", "省级", "一批", "若干", "各类",
            "相关", "行业", "高端", "特色", "区域", "科研", "国家级", "新型", "专业化", "综合", "公共", "示范",
            "区县", "平台", "中心"}
_TITLE = re.compile(r"《([^《》]{2,60})》")
# A quoted name followed by a programme suffix: “重科英才”计划, ‘蓉漂’计划.
_QUOTED = re.compile(r"[“‘「『\"]([^“”‘’「」『』\"，,。；;、]{2,20})[”’」』\"](行动计划|计划|工程|专项|基金)")


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


def find_mentions(text: str, tokens: list[str] | None = None) -> tuple[list[Mention], list[Mention]]:
    """(entities, candidates) of one (Simplified) sentence, each in order of appearance.

    Entities: gazetteer names, 《》 titles, places. Candidates: rule-found names not in the gazetteer.
    `tokens` may pass the sentence's segmentation when the caller has it already.
    """
    found: list[Mention] = []
    for m in _TITLE.finditer(text):
        found.append(Mention(m.group(0), normalise(m.group(0)), "document", "", m.start(), m.end(), "title"))
    blanked = _TITLE.sub(lambda m: "。" * len(m.group(0)), text)
    every = _gazetteer_matches(blanked)
    taken = [(m.start, m.end) for m in found + every]  # an umbrella left out still blocks its rule name
    found += gazetteer_mentions(blanked)
    if tokens is None or _TITLE.search(text):
        tokens = segment(_TITLE.sub(lambda m: "。" * len(m.group(0)), text))
    candidates = [c for c in _rule_names(text, tokens) if not any(c.start < e and s < c.end for s, e in taken)]
    pos = 0
    for t in tokens:
        if t in places() and not any(pos < e and s < pos + len(t) for s, e in taken):
            found.append(Mention(t, t, "place", t, pos, pos + len(t), "place"))
        pos += len(t)
    found.sort(key=lambda m: (m.start, m.end))
    return found, _dedupe_spans(candidates)


def _rule_names(text: str, tokens: list[str]) -> list[Mention]:
    """Suffix-rule and quoted names (candidates), with their spans."""
    out = []
    for m in _QUOTED.finditer(text):
        name = m.group(1) + m.group(2)
        out.append(Mention(m.group(0), normalise(name), _suffix_types()[m.group(2)], "", m.start(), m.end(), "quoted"))
    starts, pos = [], 0
    for t in tokens:
        starts.append(pos)
        pos += len(t)
    for i in range(len(tokens)):
        kind, best = None, None
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
            out.append(Mention(best[1], normalise(best[1]), kind, "", best[0], best[0] + len(best[1]), "rule"))
    return out


def _dedupe_spans(mentions: list[Mention]) -> list[Mention]:
    """Leftmost-longest among overlapping candidates."""
    out, last = [], 0
    for m in sorted(mentions, key=lambda m: (m.start, -(m.end - m.start))):
        if m.start >= last:
            out.append(m)
            last = m.end
    return out


def find_entities(text: str, tokens: list[str] | None = None) -> list[tuple[str, str]]:
    """(name, kind) of every counted entity of one (Simplified) sentence, in order, once per key."""
    out, seen = [], set()
    for m in find_mentions(text, tokens)[0]:
        if (m.key, m.kind) not in seen:
            seen.add((m.key, m.kind))
            out.append((m.name, m.kind))
    return out


def _name_token(token: str) -> bool:
    return (is_content(token) and token not in _VERBS and token not in _NOT_NAME
            and not re.search(r"[,，、。；;:：!！?？“”‘’]", token))


def _continues(token: str) -> bool:
    """A following token that makes the run part of a longer name (…研究院规划 + 处 is a department)."""
    return token in {"处", "科", "室", "部", "片区", "分站", "办公室"}


def _generic(tokens: list[str]) -> bool:
    """A run made only of generic words (重点实验室, 创新平台) names no particular entity."""
    if len(tokens) == 1:
        suffix = next((s for s, _ in suffixes() if tokens[0].endswith(s)), "")
        return tokens[0][: len(tokens[0]) - len(suffix)] in _GENERIC | _NOT_NAME | {""}
    return all(t in _GENERIC | _NOT_NAME for t in tokens[:-1]) and len("".join(tokens)) <= 6


ENTITY_COLUMNS = ["doc_id", "clause_id", "sentence_id", "name", "key", "type", "jurisdiction", "source", "start", "end"]


def entity_tables(
    sentences: pd.DataFrame, segments: list[list[str]] | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(entities, candidates) of a sentences table, one row per mention, columns ENTITY_COLUMNS.

    `key` is the canonical name (gazetteer) or the normalised name; `type` the kind; start/end are
    offsets in the sentence text. `segments`, if given, is each sentence's `segment()` result.
    """
    known, candidates = [], []
    columns = [sentences[c].tolist() for c in ("doc_id", "clause_id", "sentence_id", "text")]
    for n, (doc_id, clause_id, sentence_id, text) in enumerate(zip(*columns, strict=True)):
        entities_, candidates_ = find_mentions(text, None if segments is None else segments[n])
        for target, mentions in ((known, entities_), (candidates, candidates_)):
            target += [(doc_id, clause_id, sentence_id, m.name, m.key, m.kind, m.jurisdiction, m.source, m.start, m.end)
                       for m in mentions]
    return pd.DataFrame(known, columns=ENTITY_COLUMNS), pd.DataFrame(candidates, columns=ENTITY_COLUMNS)


def entities(sentences: pd.DataFrame, segments: list[list[str]] | None = None) -> pd.DataFrame:
    """Every counted entity mention of a sentences table (gazetteer names, titles, places); see entity_tables."""
    return entity_tables(sentences, segments)[0]


def entity_candidates(sentences: pd.DataFrame, segments: list[list[str]] | None = None) -> pd.DataFrame:
    """Names found by rules but not in the gazetteer, for review (never counted); see entity_tables."""
    return entity_tables(sentences, segments)[1]


def entity_summary(mentions: pd.DataFrame) -> pd.DataFrame:
    """One row per distinct entity (by key and type): name (canonical, or as first written), jurisdiction,
    mentions, documents."""
    if mentions.empty:
        return pd.DataFrame(columns=["key", "type", "name", "jurisdiction", "mentions", "documents", "doc_ids"])
    if "source" in mentions.columns:  # a gazetteer entity is shown by its canonical name
        mentions = mentions.assign(name=mentions["key"].where(mentions["source"] == "gazetteer", mentions["name"]))
    g = mentions.groupby(["key", "type"], sort=True)
    out = pd.DataFrame(
        {
            "name": g["name"].first(),
            "jurisdiction": g["jurisdiction"].first(),
            "mentions": g.size(),
            "documents": g["doc_id"].nunique(),
            "doc_ids": g["doc_id"].agg(lambda s: ";".join(sorted(set(s)))),
        }
    ).reset_index()
    return out.sort_values(["mentions", "key"], ascending=[False, True], ignore_index=True)
