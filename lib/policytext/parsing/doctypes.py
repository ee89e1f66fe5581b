"""Document types: a closed vocabulary (data/doc_types.tsv), inferred from a document's title, issuer and
history, and checked where a catalog names a genre.

Legal ranks (法律, 行政法规, 地方性法规, 部门规章, 地方政府规章, 司法解释, 党内法规) are read from who enacted
the text and how: the national legislature, the State Council (its order, its executive meeting, its
approval), a local people's congress, a ministry's or a local government's order, the supreme court or
procuratorate, the party centre. Any other text takes the normative kind its title ends with (…的通知 →
通知, …实施方案 → 方案); a title ending with none of them is 其他.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..datafiles import rows
from ..errors import CorpusWarning
from .regions import place_at_start

TYPES_FILE = "doc_types.tsv"
OTHER = "其他"


@dataclass(frozen=True)
class DocType:
    """One type of the vocabulary: its name, family (legal, normative, other), aliases and English name."""

    name: str
    family: str
    aliases: tuple[str, ...]
    english: str
    id: str


@cache
def doc_types() -> tuple[DocType, ...]:
    """The vocabulary of data/doc_types.tsv, in its order."""
    return tuple(DocType(r[0], r[1], tuple(a for a in r[2].split("|") if a), r[3], r[4])
                 for r in rows(TYPES_FILE)[1:])


def type_names() -> tuple[str, ...]:
    """The names of the vocabulary (法律 … 其他)."""
    return tuple(t.name for t in doc_types())


def _key(value: str) -> str:
    return re.sub(r"[\s_\-]+", "", value).lower()


@cache
def _aliases() -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    for t in doc_types():
        for name in (t.name, t.english, *t.aliases):
            found.setdefault(_key(name), [])
            if t.name not in found[_key(name)]:
                found[_key(name)].append(t.name)
    return {k: tuple(v) for k, v in found.items()}


def type_of_genre(genre: str, inferred: str = "") -> str:
    """The vocabulary type a catalog's genre names ('official notice' → 通知, 'law' → 法律), '' if none.

    A genre naming several types (regulation: 行政法规 or 地方性法规) means the `inferred` one when it is
    among them, else the first listed."""
    names = _aliases().get(_key(genre or ""), ())
    if not names:
        return ""
    return inferred if inferred in names else names[0]


def check_genres(path: str | Path, genres: list[str]) -> list[str]:
    """The genres of a catalog that name no type of the vocabulary, sorted; warns once, naming the file
    and the allowed values. Those documents are typed from their text instead."""
    unknown = sorted({g for g in genres if g and not type_of_genre(g)})
    if unknown:
        warnings.warn(
            f"{path}: genre {', '.join(repr(g) for g in unknown)} is not a known document type; those "
            f"documents are typed from their text (allowed: {', '.join(type_names())}, or an English name "
            f"listed in policytext/data/{TYPES_FILE})", CorpusWarning, stacklevel=3,
        )
    return unknown


# A title's last words, longest first, and the kind each names; brackets such as （试行） or （2019年修订）
# at the end are read past.
_KIND_ENDINGS = (
    ("实施细则", "细则"), ("细则", "细则"), ("实施方案", "方案"), ("工作方案", "方案"), ("行动方案", "方案"),
    ("方案", "方案"), ("行动计划", "方案"), ("计划", "方案"), ("规划", "规划"), ("纲要", "规划"),
    ("实施意见", "意见"), ("指导意见", "意见"), ("意见", "意见"), ("通知", "通知"), ("通告", "通知"),
    ("批复", "批复"), ("答复", "答复"), ("答复函", "答复"), ("复函", "函"), ("函", "函"),
    ("若干措施", "措施"), ("措施", "措施"), ("决定", "决定"), ("决议", "决定"), ("办法", "办法"),
    ("条例", "条例"), ("规定", "规定"), ("规则", "规定"), ("准则", "规定"), ("规程", "规定"),
)
_TRAILING = re.compile(r"([(（][^()（）]{1,20}[)）]|\s)+$")
_LAW_TITLE = re.compile(r"(?<![办方做])法$|^中华人民共和国.{0,30}法$|法修正案")
# Bodies: the national legislature, local congresses, the State Council, courts, the party centre.
_NPC = re.compile(r"^(中华人民共和国)?全国人民代表大会(常务委员会)?$")
_LOCAL_CONGRESS = re.compile(r".+人民代表大会(常务委员会)?$")
_STATE_COUNCIL = re.compile(r"^(中华人民共和国)?国务院$")
_COURTS = re.compile(r"^最高人民(法院|检察院)")
_PARTY = re.compile(r"^(中国共产党|中共中央|中共|中央委员会|中央办公厅)")
_LOCAL_GOVERNMENT = re.compile(r"(省|市|自治区|州|县|区)人民政府$")
_MINISTRY = re.compile(r"(部|总局|总署|委员会|局|署|银行|办公厅)$")
_LEGAL_KINDS = ("条例", "规定", "办法", "细则")


def title_kind(title: str) -> str:
    """The normative kind a title's last words name (…的通知 → 通知), '' if none."""
    t = _TRAILING.sub("", title or "")
    t = re.sub(r"[”\"》]+$", "", t)
    for ending, kind in _KIND_ENDINGS:
        if t.endswith(ending):
            return kind
    return ""


_HEADLINE = re.compile(r"^(?![\d〇一二三四五六七八九]{4}\s*年)(.{0,80}关于.{2,160}|.{2,60})$")
# A covering note that issues what follows (…现印发给你们): the document is a notice.
_ISSUING_NOTE = re.compile(r"(现|特)(将|把)?.{0,40}印发给你们|现予印发|现印发|印发给你们")


def headline_title(text: str, lines: int = 60) -> str:
    """The first headline among a text's first `lines` lines whose last words name a kind (…关于…的通知),
    two adjacent lines joined when the headline is broken over them; '' if none."""
    rows = [re.sub(r"^#+\s*", "", line.strip()) for line in text.split("\n")[:lines]]
    rows = [r for r in rows if r]
    for i, line in enumerate(rows):
        for candidate in (line, line + rows[i + 1] if i + 1 < len(rows) else ""):
            # a line ending inside a cited title (…若干措施》) is not the whole headline
            if (candidate and _HEADLINE.match(candidate) and title_kind(candidate)
                    and not re.search(r"[。；：:]", candidate) and candidate.count("《") == candidate.count("》")
                    and not candidate.endswith(("》", "”"))):
                return candidate
    return ""


def issues_attachment(text: str) -> bool:
    """True when the opening of a text is a covering note issuing what follows (…现印发给你们)."""
    return bool(_ISSUING_NOTE.search(text[:1500]))


def infer_type(title: str, issuers: list[str], history: list[str] = (), orders: list[str] = ()) -> tuple[str, str]:
    """The document's type and the basis for it, from its title, issuers and history.

    issuers: its issuing bodies (see `metadata.document_facts`); history: the bodies its statute history
    names (`history.parse_history`); orders: promulgation orders it names (国务院令第731号)."""
    t = _TRAILING.sub("", title or "")
    kind = title_kind(t)
    bodies = [*issuers, *history]
    events = list(history)
    if _LAW_TITLE.search(t) and not any(_LOCAL_CONGRESS.match(b) and not _NPC.match(b) for b in issuers):
        return "法律", "title names a law (…法)"
    if any(_NPC.match(b) for b in issuers[:1] or bodies):
        return "法律", "enacted by the national legislature"
    if any(_COURTS.match(b) for b in issuers[:1] or bodies):
        if kind in ("通知", "意见", "函"):
            return kind, f"a court's or procuratorate's {kind}: coded by its form"
        return "司法解释", "issued by the supreme court or procuratorate"
    if any(_PARTY.match(b) for b in issuers[:1] or bodies) and kind in ("条例", "规定", "办法", "细则", ""):
        return "党内法规", "issued by the party centre"
    if any(_LOCAL_CONGRESS.match(b) for b in bodies):
        return "地方性法规", "enacted by a local people's congress"
    state = any(_STATE_COUNCIL.match(b) for b in bodies) or any("国务院" in o.split("令")[0] for o in orders)
    if state and (kind in _LEGAL_KINDS or not issuers or events) and (
            not re.match(r"^国务院(办公厅)?关于", t) or kind in ("条例", "规定")):
        return "行政法规", "enacted, promulgated or approved by the State Council"
    if any(_LOCAL_GOVERNMENT.search(o.split("令")[0]) for o in orders):
        return "地方政府规章", "promulgated by a local government's order"
    if any(_MINISTRY.search(o.split("令")[0]) for o in orders) and kind in (*_LEGAL_KINDS, ""):
        return "部门规章", "promulgated by a ministry's order"
    if events and kind in _LEGAL_KINDS:
        if any(_LOCAL_GOVERNMENT.search(b) for b in bodies):
            return "地方政府规章", "adopted by a local government"
        if any(_MINISTRY.search(b) for b in bodies):
            return "部门规章", "adopted by a ministry"
    if kind in _LEGAL_KINDS and not issuers and not _PARTY.match(t):
        # no issuer printed: rules (规章) may not be named 条例 (Regulations on the Procedures for the
        # Formulation of Rules, art. 7), so a 条例 is a regulation; a 规定, 办法 or 细则 opening with a place
        # is taken for a local regulation, one without for a ministry's rules, their most common ranks
        local = place_at_start(t) is not None
        if kind == "条例" or local:
            return ("地方性法规", f"a {kind} whose title opens with a place") if local else (
                "行政法规", "a 条例 whose title names no place")
        return "部门规章", f"a {kind} whose title names no place and no issuer"
    if kind:
        return kind, f"title ends with {kind}"
    return OTHER, "no type named by the title or the issuer"
