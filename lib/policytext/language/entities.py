"""Named programmes, platforms, initiatives, funds, plans and institutions, and places, with spans.

Entities that are counted come from a curated gazetteer (data/gazetteer.tsv: canonical name,
aliases, kind, owning jurisdiction, parts), matched leftmost-longest with quotation marks ignored
(“重科英才”计划 is 重科英才计划), so a mention always maps to one canonical entity and full names win
over their fragments. A name is a whole word or run of words: it begins and ends where the
segmenter's tokens do, never inside a longer word (科技部门, "S&T departments", does not name 科技部, the
Ministry). The kind is the gazetteer's own (platform, programme, institution, plan, fund, initiative:
defined in its header). 《…》 titles are policy documents, as printed (kind 'document'); a gazetteer
name inside a title is read too, with the title as its `context` (《成渝综合性科学中心建设方案》 names
成渝综合性科学中心). Places come from the domain dictionary (pos ns) and data/places.txt.

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
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

import ahocorasick
import pandas as pd

from ..datafiles import rows
from .segment import is_content, segment, user_dictionary

KINDS = ("programme", "platform", "initiative", "fund", "institution", "plan")
# The kind of a name no rule or list classifies: named as such, and never counted as a kind of platform.
UNCLASSIFIED = "unclassified"
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

    `source` is 'gazetteer', 'title' or 'place' for counted entities, 'rule' or 'quoted' for candidates;
    `context` is the 《title》 a gazetteer name was read in, or ''.
    """

    name: str
    key: str
    kind: str
    jurisdiction: str
    start: int
    end: int
    source: str
    context: str = ""


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


@lru_cache(maxsize=1)
def _gazetteer_rows() -> dict[str, tuple[str, str, frozenset[str]]]:
    """Canonical name -> (kind, jurisdiction, parts): what a match needs, looked up once per match."""
    return {c: (e.kind, e.jurisdiction, frozenset(e.parts)) for c, e in gazetteer().items()}


_QUOTE = re.compile("[" + re.escape(_QUOTES) + "]")

# Mentions are gathered as plain tuples in this order (the entity table's column order) and become
# Mention objects only for callers of find_mentions: a table of many documents makes no objects.
_NAME, _KEY, _KIND, _OWNER, _SOURCE, _START, _END, _CONTEXT = range(8)


def _strip(text: str) -> tuple[str, list[int]]:
    """Text with brackets made ASCII and quotation marks dropped, and where the dropped marks were.

    The marks are given by the offset in the stripped text before which each was dropped, in order,
    so that `_unstrip` maps an offset back without a list of every character's offset.
    """
    text = text.replace("（", "(").replace("）", ")")
    dropped = [m.start() - n for n, m in enumerate(_QUOTE.finditer(text))]
    return (_QUOTE.sub("", text) if dropped else text), dropped


def _unstrip(offset: int, dropped: list[int]) -> int:
    """Offset in the original text of the character at `offset` in the stripped text."""
    return offset + bisect_right(dropped, offset) if dropped else offset


def _gazetteer_matches(text: str) -> list[tuple]:
    """All gazetteer names in `text` (mention tuples), leftmost-longest, before the umbrella rule.

    The name is given without quotation marks (重科英才计划); the span covers them (‘重科英才’计划).
    """
    stripped, dropped = _strip(text)
    found = [(end + 1 - n, end + 1, canonical) for end, (n, canonical) in _automaton().iter(stripped)]
    if not found:
        return []
    found.sort(key=lambda m: (m[0], m[0] - m[1]))
    entries = _gazetteer_rows()
    out, last = [], 0
    for s, e, canonical in found:
        if s >= last:
            start, end = s, e
            if dropped:
                start, end = _unstrip(s, dropped), _unstrip(e - 1, dropped) + 1
                if start > 0 and text[start - 1] in _QUOTES and any(c in _QUOTES for c in text[start:end]):
                    start -= 1  # the opening quote of a quoted part of the name
            kind, jurisdiction, _ = entries[canonical]
            out.append((stripped[s:e], canonical, kind, jurisdiction, "gazetteer", start, end, ""))
            last = e
    return out


def _umbrella_rule(found: list[tuple]) -> list[tuple]:
    """`found` without the umbrella mentions whose parts are named too."""
    entries = _gazetteer_rows()
    named = {m[_KEY] for m in found}
    return [m for m in found if not entries[m[_KEY]][2] & named]


def _mention(m: tuple) -> Mention:
    return Mention(m[_NAME], m[_KEY], m[_KIND], m[_OWNER], m[_START], m[_END], m[_SOURCE], m[_CONTEXT])


def _on_word_boundaries(found: list[tuple], tokens: list[str]) -> list[tuple]:
    """The gazetteer matches of `found` that begin and end between two of `tokens` (a segmentation of the
    text matched): a name is never read inside a longer word (科技部 in 科技部门)."""
    if not found:
        return found
    ends = set(accumulate(map(len, tokens)))
    ends.add(0)
    return [m for m in found if m[_START] in ends and m[_END] in ends]


def gazetteer_mentions(text: str) -> list[Mention]:
    """Gazetteer entities named in `text`, leftmost-longest, on word boundaries, with spans in `text`,
    umbrella rule applied."""
    return [_mention(m) for m in _umbrella_rule(_on_word_boundaries(_gazetteer_matches(text), segment(text)))]


def _in_titles(text: str, titles: list[re.Match]) -> list[tuple]:
    """Gazetteer names inside the 《》 titles of `text`, on the title's own word boundaries, with spans in
    `text` and the title as their context."""
    out = []
    for t in titles:
        inner, offset = t.group(1), t.start(1)
        for m in _on_word_boundaries(_gazetteer_matches(inner), segment(inner)):
            out.append((*m[:_START], m[_START] + offset, m[_END] + offset, t.group(0)))
    return out


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
    if repeated := sorted({sfx for sfx, _ in pairs if [s for s, _ in pairs].count(sfx) > 1}):
        raise ValueError(f"entities.tsv: suffixes listed twice: {', '.join(repeated)} (each has one type)")
    return tuple(sorted(pairs, key=lambda p: (-len(p[0]), p[0])))


@lru_cache(maxsize=1)
def places() -> frozenset[str]:
    """Place names: dictionary entries tagged ns, plus data/places.txt."""
    names = {w for w, _, pos in user_dictionary() if pos == "ns"}
    names |= {cols[0].strip() for cols in rows("places.txt")}
    return frozenset(names)


_NORMALISE = re.compile(r"[\s“”\"‘’「」]")


def normalise(name: str) -> str:
    """Key for deduplication: full-width brackets to ASCII, quotes and spaces dropped."""
    return _NORMALISE.sub("", name.replace("（", "(").replace("）", ")"))


@lru_cache(maxsize=1)
def _suffix_index() -> tuple[dict[str, str], tuple[int, ...], ahocorasick.Automaton]:
    """Suffix -> type, the suffixes' lengths (longest first), and an automaton finding them in a text."""
    types = dict(suffixes())
    automaton = ahocorasick.Automaton()
    for sfx in types:
        automaton.add_word(sfx, len(sfx))
    automaton.make_automaton()
    return types, tuple(sorted({len(s) for s in types}, reverse=True)), automaton


def _entity_type(token_run: str) -> str | None:
    """Type of the longest suffix that `token_run` ends with and is longer than."""
    types, lengths, _ = _suffix_index()
    n = len(token_run)
    for length in lengths:
        if length < n and (kind := types.get(token_run[-length:])):
            return kind
    return None


def find_mentions(text: str, tokens: list[str] | None = None) -> tuple[list[Mention], list[Mention]]:
    """(entities, candidates) of one (Simplified) sentence, each in order of appearance.

    Entities: gazetteer names, 《》 titles, places. Candidates: rule-found names not in the gazetteer.
    `tokens` may pass the sentence's segmentation, `segment(text)`, when the caller has it already.
    """
    found, candidates = _find(text, tokens)
    return [_mention(m) for m in found], [_mention(m) for m in candidates]


def _find(text: str, tokens: list[str] | None) -> tuple[list[tuple], list[tuple]]:
    """find_mentions as mention tuples (fields in the order _NAME … _END)."""
    found: list[tuple] = []
    titles: list[re.Match] = []
    if "《" in text and (titles := list(_TITLE.finditer(text))):
        for m in titles:
            found.append((m.group(0), normalise(m.group(0)), "document", "", "title", m.start(), m.end(), ""))
        blanked = _TITLE.sub(lambda m: "。" * len(m.group(0)), text)  # its words are no part of another name
        tokens = (tokens is not None and _blank_titles(tokens, text, titles)) or segment(blanked)
    else:
        blanked = text
        if tokens is None:
            tokens = segment(text)
    every = _on_word_boundaries(_gazetteer_matches(blanked), tokens)
    if titles:
        every += _in_titles(text, titles)
    taken = [(m[_START], m[_END]) for m in found + every]  # an umbrella left out still blocks its rule name
    found += _umbrella_rule(every)
    candidates = _rule_names(text, tokens)
    if candidates and taken:
        candidates = [c for c in candidates if not any(c[_START] < e and s < c[_END] for s, e in taken)]
    names = places()
    if not names.isdisjoint(tokens) and (at := [i for i, t in enumerate(tokens) if t in names]):
        offsets = list(accumulate(map(len, tokens)))
        for i in at:
            t, end = tokens[i], offsets[i]
            if not any(end - len(t) < e and s < end for s, e in taken):
                found.append((t, t, "place", t, "place", end - len(t), end, ""))
    if len(found) > 1:
        found.sort(key=lambda m: (m[_START], m[_END]))
    return found, _dedupe_spans(candidates)


def _blank_titles(tokens: list[str], text: str, titles: list[re.Match]) -> list[str] | None:
    """segment() of `text` with its titles blanked (one 。 per character), from `tokens` = segment(text).

    jieba cuts text into blocks at every character that is not a word character, such as 《, 》 and 。,
    and cuts the blocks one by one, so a title's tokens are replaced and the rest kept. None when the
    tokens are not a segmentation of `text` or a title does not begin and end between tokens.
    """
    if "".join(tokens) != text:
        return None
    spans = [(m.start(), m.end()) for m in titles]
    out, pos, k = [], 0, 0
    for t in tokens:
        end = pos + len(t)
        while k < len(spans) and spans[k][1] <= pos:
            k += 1
        if k < len(spans) and spans[k][0] < end:  # the token overlaps title k
            if pos < spans[k][0] or end > spans[k][1]:
                return None
            out += "。" * len(t)
        else:
            out.append(t)
        pos = end
    return out


def _rule_names(text: str, tokens: list[str]) -> list[tuple]:
    """Suffix-rule and quoted names (candidate mention tuples), with their spans."""
    types, _, automaton = _suffix_index()
    out = []
    for m in _QUOTED.finditer(text):
        name = m.group(1) + m.group(2)
        out.append((m.group(0), normalise(name), types[m.group(2)], "", "quoted", m.start(), m.end(), ""))
    # A name ends where a suffix ends, at the end of a token: the suffixes are found in the joined tokens
    # in one pass, and only the few tokens that one ends are looked at. (segment() makes no empty
    # token; with one, where a run may end before it, every token is looked at.)
    offsets = list(accumulate(map(len, tokens)))  # where each token ends in the text
    if "" in tokens:
        last = range(len(tokens))
    else:
        last = []
        for at, _ in automaton.iter("".join(tokens)):  # in order of the suffixes' ends
            i = bisect_left(offsets, at + 1)
            if offsets[i] == at + 1 and (not last or last[-1] != i):
                last.append(i)
    for i in last:
        end = offsets[i]
        kind, best, run = None, "", ""
        for j in range(i, max(-1, i - MAX_TOKENS), -1):
            run = tokens[j] + run
            if j < i and not _name_token(tokens[j]):
                break
            if tokens[j] in _NOT_FIRST or tokens[j].startswith("第"):
                continue  # a name does not start with a preposition, a one-character verb or an ordinal
            candidate = _entity_type(run)
            if candidate and not _generic(tokens[j : i + 1]):
                kind, best = candidate, run
        if kind and (i + 1 == len(tokens) or not _continues(tokens[i + 1])):
            out.append((best, normalise(best), kind, "", "rule", end - len(best), end, ""))
    return out


def _dedupe_spans(mentions: list[tuple]) -> list[tuple]:
    """Leftmost-longest among overlapping candidates."""
    if len(mentions) < 2:
        return mentions
    out, last = [], 0
    for m in sorted(mentions, key=lambda m: (m[_START], m[_START] - m[_END])):
        if m[_START] >= last:
            out.append(m)
            last = m[_END]
    return out


def find_entities(text: str, tokens: list[str] | None = None) -> list[tuple[str, str]]:
    """(name, kind) of every counted entity of one (Simplified) sentence, in order, once per key."""
    out, seen = [], set()
    for m in _find(text, tokens)[0]:
        if (m[_KEY], m[_KIND]) not in seen:
            seen.add((m[_KEY], m[_KIND]))
            out.append((m[_NAME], m[_KIND]))
    return out


_PUNCTUATION = re.compile(r"[,，、。；;:：!！?？“”‘’]")


@lru_cache(maxsize=1 << 16)  # tokens recur: each is judged once
def _name_token(token: str) -> bool:
    return (is_content(token) and token not in _VERBS and token not in _NOT_NAME
            and not _PUNCTUATION.search(token))


def _continues(token: str) -> bool:
    """A following token that makes the run part of a longer name (…研究院规划 + 处 is a department)."""
    return token in {"处", "科", "室", "部", "片区", "分站", "办公室"}


_GENERIC_OR_NOT_NAME = frozenset(_GENERIC | _NOT_NAME)


def _generic(tokens: list[str]) -> bool:
    """A run made only of generic words (重点实验室, 创新平台) names no particular entity."""
    if len(tokens) == 1:
        token = tokens[0]
        types, lengths, _ = _suffix_index()
        length = next((n for n in lengths if n <= len(token) and token[-n:] in types), 0)
        stem = token[: len(token) - length]
        return stem == "" or stem in _GENERIC_OR_NOT_NAME
    return all(t in _GENERIC_OR_NOT_NAME for t in tokens[:-1]) and sum(map(len, tokens)) <= 6


ENTITY_COLUMNS = ["doc_id", "clause_id", "sentence_id", "name", "key", "type", "jurisdiction", "source", "start", "end",
                  "context"]


def entity_tables(
    sentences: pd.DataFrame, segments: list[list[str]] | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(entities, candidates) of a sentences table, one row per mention, columns ENTITY_COLUMNS.

    The table may hold many documents: each sentence is read on its own, so the rows are those of the
    documents' tables one after another. `key` is the canonical name (gazetteer) or the normalised
    name; `type` the kind; start/end are offsets in the sentence text; `context` is the 《title》 a
    gazetteer name was read inside, or ''. `segments`, if given, is each sentence's `segment()` result.
    """
    known, candidates = [], []
    columns = [sentences[c].tolist() for c in ("doc_id", "clause_id", "sentence_id", "text")]
    if segments is None:
        segments = [None] * len(columns[0])
    elif len(segments) != len(columns[0]):
        raise ValueError(f"entity_tables: {len(segments)} segmentations for {len(columns[0])} sentences")
    for doc_id, clause_id, sentence_id, text, tokens in zip(*columns, segments, strict=True):
        entities_, candidates_ = _find(text, tokens)
        if entities_:
            known += [(doc_id, clause_id, sentence_id, *m) for m in entities_]
        if candidates_:
            candidates += [(doc_id, clause_id, sentence_id, *m) for m in candidates_]
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
