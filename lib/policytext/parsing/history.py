"""A statute's legislative history, read from the lines under its title.

Laws, regulations, rules and party documents print their history before the first chapter or article,
with or without brackets, on one line or several:

    （2001年10月27日第九届全国人民代表大会常务委员会第二十四次会议通过 根据2009年8月27日第十一届…
    第十次会议《关于修改部分法律的决定》第一次修正）
    2020年10月17日第十三届全国人民代表大会常务委员会第二十二次会议通过
    2009年9月17日 中华人民共和国国务院令第563号公布
    2022年1月1日 施行

Each dated event becomes one row: its order, ISO date, event (通过 adopted, 修正 amended, 修订 revised,
批准 approved, 公布 promulgated — also printed 发布 or 印发 —, 施行 in force — also printed 实施) and the
body that acted (全国人民代表大会
常务委员会, 国务院, 重庆市人民代表大会常务委员会 …, without session numbers). The lines are read from
the document's normalised text, whatever cleaning later keeps or moves out of the body.

The version printed (the written date) is the last adoption, amendment or revision; the first adoption
dates the law's first text (`date_first`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .dates import find_dates
from .numbering import DIVISION

HISTORY_COLUMNS = ["doc_id", "seq", "date", "event", "body", "text"]
# The event words of a history segment, as printed -> as recorded.
EVENTS = (
    ("通过", "通过"), ("修正", "修正"), ("修订", "修订"), ("批准", "批准"),
    ("公布", "公布"), ("发布", "公布"), ("印发", "公布"), ("施行", "施行"), ("实施", "施行"), ("修改", "修正"),
)
_EVENT_WORD = re.compile("|".join(w for w, _ in EVENTS))
# Events that make a version of the text; of these, the last printed dates the version.
VERSION_EVENTS = ("通过", "修正", "修订")
# How far under the title the history may run: it ends at the first chapter, article or body paragraph.
_HEAD_LINES = 30
_HEAD_CHARS = 3000
_BODY_START = re.compile(rf"^\s*(#+\s*)?({DIVISION}|目\s*录|序\s*言)")
# A history line: brackets or a date (digits or Chinese numerals) first, or the word 根据 carrying on.
_HISTORY_LINE = re.compile(r"^\s*[(（]?\s*(根据\s*)?(\d{4}|[〇零一二三四五六七八九]{4})\s*年")
# A session number and the words around a body's name that are not its name.
_SESSION = re.compile(
    r"第?[一二三四五六七八九十百零〇\d]+(届|次)|(全体|常务|主任|专题)?会议|审议|讨论|根据|[(（)）\s:：、，,。]"
)
_ORDER = re.compile(
    r"(?P<body>[\u4e00-\u9fff、]{2,40}?)(令|公告)\s*(〔\d{4}〕)?\s*第\s*(?P<n>[\d一二三四五六七八九十百零〇]+)\s*号"
)
_CITED = re.compile(r"《[^》]*》")
# Punctuation of prose: a line with it is a body paragraph that happens to open with a date.
_PROSE = re.compile(r"[，,。；;：:]")
# A comma, semicolon or full stop between two events of one line (…批准；2019年2月23日…修改，2019年3月28日…),
# or before a 根据 that the next line carries on, is no prose.
_SEPARATOR = re.compile(r"[，,；;。]\s*(?=根据|(\d{4}|[〇零一二三四五六七八九]{4})\s*年|$)")
# A bracketed history inside a longer line (a page that runs the order, title and history together).
_BRACKETED = re.compile(
    r"[(（]\s*(\d{4}|[〇零一二三四五六七八九]{4})\s*年[^()（）]{4,1500}?(通过|公布|发布|修正|修订|批准|施行)[^()（）]{0,20}[)）]"
)
# A decision cited as the event's source names its body: 《国务院关于修改…的决定》.
_DECISION_BODY = re.compile(r"《([一-鿿]{2,30}?)关于")
_PREFIX = re.compile(r"^(中华人民共和国)(?=国务院|国家|最高|中央军事委员会|主席)")


@dataclass(frozen=True)
class HistoryEvent:
    """One dated event of a statute's history: order, ISO day, event, acting body, the segment's text."""

    seq: int
    date: str
    event: str
    body: str
    text: str
    order: str = ""  # the promulgation order it names (国务院令第563号), '' if none


def history_head(text: str) -> str:
    """The history lines under a document's title, joined with newlines ('' if it prints none).

    `text` is the document's normalised text. Reading stops at the first chapter, article, table of
    contents or preamble, and after the first line that neither is a history line nor continues one. A
    page that prints no history lines may still carry one bracketed inside a longer line near its top
    (…条例 （1994年1月28日…发布 根据…第一次修订）): the first such block is the history."""
    lines = text.split("\n")[:_HEAD_LINES]
    kept: list[str] = []
    open_bracket = False
    for line in lines:
        s = line.strip()
        if not s or s.startswith("<!--"):
            continue
        if _BODY_START.match(s):
            break
        if kept and kept[-1].count("《") > kept[-1].count("》"):
            kept[-1] += s  # a cited decision's title broken over two lines
            continue
        if open_bracket or (_HISTORY_LINE.match(s) and not _PROSE.search(_SEPARATOR.sub("", _CITED.sub("", s)))):
            kept.append(s)
            open_bracket = (open_bracket or s.startswith(("(", "（"))) and not s.rstrip("　 ").endswith((")", "）"))
            continue
        if kept:
            break  # the history is one block: a body paragraph ends it
    if not kept and (m := _BRACKETED.search(text[:_HEAD_CHARS])):
        return m.group(0)
    return "\n".join(kept)


def _body(segment: str) -> str:
    """The acting body named in one history segment (after its date, before its event word)."""
    s = _CITED.sub("", segment)
    if m := _ORDER.search(s):
        return "、".join(_PREFIX.sub("", b) for b in m.group("body").split("、"))
    m = _EVENT_WORD.search(s)
    s = s[: m.start()] if m else s
    s = s.replace("人大常委会", "人民代表大会常务委员会").replace("人大", "人民代表大会")
    # a session name: 第十三届全国人民代表大会常务委员会第二十二次会议 -> 全国人民代表大会常务委员会
    s = _SESSION.sub("", s)
    s = re.sub(r"^(于|经|由|在)", "", s)
    s = re.sub(r"(第?\d+次|公告|决定|令)$", "", s)
    if len(s) < 2 and (m := _DECISION_BODY.search(segment)):
        s = m.group(1)
    return _PREFIX.sub("", s) if len(s) >= 2 else ""


def parse_history(text: str) -> list[HistoryEvent]:
    """The dated events of the history printed under a document's title (see the module docstring).

    A segment runs from one date to the next; one with a session but no event word of its own
    (最高人民法院审判委员会第1747次会议, then the other court's 通过) is an adoption."""
    head = history_head(text)
    if not head:
        return []
    dates = find_dates(head)
    events: list[HistoryEvent] = []
    for i, d in enumerate(dates):
        end = dates[i + 1].start if i + 1 < len(dates) else len(head)
        segment = head[d.end:end]
        if re.match(r"^[\s　]*(至|—|-|～|~)", segment):
            continue  # a span of dates, not an event
        clean = _CITED.sub("", segment)
        # of several event words, a version's (…批准的《决定》第一次修正, 修订发布) names the event; 施行
        # after another event is a note on it (…令第6号发布 自发布之日施行)
        words = [dict(EVENTS)[w] for w in _EVENT_WORD.findall(clean)]
        words = [w for w in words if w in VERSION_EVENTS] or [w for w in words if w != "施行"] or words
        if words:
            event = words[-1]
        elif "会议" in clean:
            event = "通过"
        else:
            continue
        order = _ORDER.search(clean)
        order_text = re.sub(r"\s+", "", order.group(0)) if order else ""
        text_of = re.sub(r"\s+", " ", head[d.start:end]).strip(" 　()（）根据")
        events.append(HistoryEvent(len(events) + 1, d.iso, event, _body(segment), text_of, order_text))
    return events


def history_records(doc_id: str, text: str) -> list[tuple]:
    """Rows of the history table (HISTORY_COLUMNS) for one document's normalised text."""
    return [(doc_id, e.seq, e.date, e.event, e.body, e.text) for e in parse_history(text)]


def version_date(events: list[HistoryEvent]) -> str:
    """The date of the version printed: the last adoption, amendment or revision; else the last
    promulgation, else the last approval, else the first entry into force; '' when there is no history."""
    for kinds in (VERSION_EVENTS, ("公布",), ("批准",), ("施行",)):
        dated = sorted(e.date for e in events if e.event in kinds)
        if dated:
            return dated[-1] if kinds != ("施行",) else dated[0]
    return ""


def version_event(events: list[HistoryEvent]) -> HistoryEvent | None:
    """The event that dates the version printed (see `version_date`), or None."""
    day = version_date(events)
    return next((e for e in reversed(events) if e.date == day), None)


def first_date(events: list[HistoryEvent]) -> str:
    """The first adoption (else the first event) of the history: the date of the law's first text."""
    adopted = sorted(e.date for e in events if e.event in (*VERSION_EVENTS, "批准", "公布"))
    return adopted[0] if adopted else min((e.date for e in events), default="")
