"""Clean body -> articles, sections, numbered clauses, paragraphs and sentences, with ids and offsets.

Levels: a section is a heading line (一、 / 一． / 第X章 / 第X节 / 附件 / 附表 / a short '1.' line /
an unnumbered run-in heading line); a clause is a numbered item ((一) / 一是 / (1) / ① / 第X条 / a
long '1.' paragraph, including 一是…二是… enumerations inside one paragraph) or, failing a number, a
paragraph. A paragraph that holds several numbered units in its running text (a document printed on
one line) is first cut into units at its markers (`inline_units`).
Ids read doc/a1/s2/c3 (article, section, clause; s0 = before the first section) and sentences
doc/a1/s2/c3/4. Offsets are character positions in the document's clean text (`Cleaned.text`);
the Simplified text has the same length, so they hold for both scripts.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass

import pandas as pd

from .clean import Cleaned
from .numbering import (
    ARABIC_HEADING,
    CLAUSE_LABEL,
    CN_NUMERAL,
    HEADING_MAX,
    SECTION_LABEL,
    TERMINAL,
    cn_number,
    ends_sentence,
    heading_like,
)

_OPEN = "《(（[【"
_CLOSE = "》)）]】"
_TRAILERS = "”’」』)）\"'"
_LABEL_ONLY_MAX = 30
# A heading run into its body (一、总体要求。坚持…) is short; a provision's first sentence is longer.
RUN_IN_HEADING_MAX = 16
_CN = CN_NUMERAL
# A numbering marker inside running text (a whole notice printed on one line): chapter, section and
# article (第一章/第一节/第一条), heading (一、), clause ((一)), item (1. / (1)). 一是 runs are found apart.
# The pattern only tries positions at a unit boundary (see `_at_boundary`): no marker holds a space or a
# boundary mark, so the markers found there are the same as when every position is tried.
_MARKER = re.compile(
    r"(?:^|(?<=[\s。；;！？!?：:]))(?:"
    rf"第(?P<law>{_CN})(?P<unit>[章节条])|(?P<dun>{_CN})[、.．](?!\d)|[（(](?P<par>{_CN})[)）]|[（(](?P<apar>\d{{1,2}})[)）]"
    r"|(?<![\d.．])(?P<ar>\d{1,2})[.．、](?!\d)|(?P<circ>[\u2460-\u2473])|(?P<att>附件|附表)(?=\d{0,2}(\s|$)))"
)
# A marker starts a unit only at the start, after sentence-final punctuation or a colon, or after a
# space where a line break was lost; a 第一条 cited inside a sentence has none of these before it.
_RUN_IN = re.compile(rf"\s*(\S{{1,{_LABEL_ONLY_MAX}}}?)\s")
# 一是 at a sentence start or after a colon (重点做好以下工作：一是…；二是…).
_ENUM = re.compile(rf"(?:(?<=^)|(?<=[。；;！？!?：:]))\s*({_CN})是")
# A heading numbered 一. / 一． instead of 一、.
_CN_HEADING = re.compile(rf"^{_CN}[.．](?!\d)")
# Items numbered with circled digits (①②③), a level below 1. / (1).
_CIRCLED = re.compile(r"^[\u2460-\u2473]")
_CITED = re.compile(r"(规定|的|所|中|之|和|与|、|至|或|及|第|款|项)")
_BOUNDARY = "。；;！？!?：:"
# Attachments and attached tables are sections of their own: 附件 / 附件1 / 附表.
# The list of attachments under the body (附件：1.… 2.…) has a colon and is not one (GB/T 9704).
_ATTACHMENT = re.compile(r"^(附件|附表)\s*(\d{1,2}|[一二三四五六七八九十]{1,3})?(?!\s*[:：\d])")
_SECTION_PATTERNS = (_ATTACHMENT, SECTION_LABEL, _CN_HEADING, ARABIC_HEADING)


# The characters split_sentences acts on (brackets, sentence ends, newlines): everything else is stepped over
# in C instead of one character at a time in Python.
_SENTENCE_MARK = re.compile("[" + re.escape(_OPEN + _CLOSE + TERMINAL) + "\n]")
_NON_SPACE = re.compile(r"\S")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence: ends at 。！？!?；; or a newline, never inside 《》 or brackets."""
    spans: list[tuple[int, int]] = []
    depth = 0
    pos = 0  # a sentence starts at the first non-space character from here
    n = len(text)
    for m in _SENTENCE_MARK.finditer(text):
        i = m.start()
        if i < pos:  # a closing quote or bracket already taken into the sentence before
            continue
        ch = text[i]
        if ch == "\n":
            first = _NON_SPACE.search(text, pos, i)
            if first is not None:
                _close(spans, text, first.start(), i)
            pos = i + 1
            continue
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            if depth:
                depth -= 1
        elif depth == 0:  # sentence-final punctuation outside brackets
            end = i + 1
            while end < n and text[end] in _TRAILERS:
                end += 1
            _close(spans, text, _NON_SPACE.search(text, pos, end).start(), end)
            pos = end
    first = _NON_SPACE.search(text, pos)
    if first is not None:
        _close(spans, text, first.start(), n)
    return spans


def _close(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


@dataclass(frozen=True)
class Structure:
    """Tables of one document's structure (tidy: one row per unit, ids that join)."""

    sections: pd.DataFrame
    clauses: pd.DataFrame
    sentences: pd.DataFrame
    paragraphs: pd.DataFrame


def _inline_items(text: str) -> list[tuple[int, str]]:
    """Start offsets and labels of a 一是/二是/… run inside a paragraph (empty unless ≥ 2 in order)."""
    found = [(m.start(1), m.group(1) + "是") for m in _ENUM.finditer(text)]
    items: list[tuple[int, str]] = []
    for pos, label in found:
        if cn_number(label[:-1]) == len(items) + 1:
            items.append((pos, label))
    return items if len(items) >= 2 else []


def _marker_at(m: re.Match) -> tuple[str, int | None]:
    """(family, number) of a numbering marker match."""
    if m.group("law"):
        return "第" + m.group("unit"), cn_number(m.group("law"))
    for family in ("dun", "par"):
        if m.group(family):
            return family, cn_number(m.group(family))
    for family in ("apar", "ar"):
        if m.group(family):
            return family, int(m.group(family))
    if m.group("circ"):
        return "circ", ord(m.group("circ")) - 0x2460 + 1
    if m.group("att"):
        return "att", 1  # attachments are not counted in sequence: each one starts a unit
    return "", None


def _at_boundary(text: str, pos: int) -> bool:
    if pos == 0:
        return True
    if text[pos - 1].isspace():
        return True
    return text[pos - 1] in _BOUNDARY


def inline_units(text: str, last: dict[str, int] | None = None) -> list[int]:
    """Offsets (> 0) where a numbered unit starts inside `text`: markers at a unit boundary whose
    number continues its family's sequence (n = previous + 1) or starts one (n = 1).

    `last` holds the previous number of each family (updated in place) so that a sequence runs on
    across paragraphs; a 第三条 cited in a sentence, or numbers out of sequence, do not cut."""
    last = {} if last is None else last
    cuts = []
    for m in _MARKER.finditer(text):
        if not _at_boundary(text, m.start()):
            continue
        family, n = _marker_at(m)
        # articles run on through a whole law: a 第一条 after 第三条 is a citation, not a restart
        restart = n == 1 and (family not in last or not family.startswith("第") or family == "att")
        if n is None or not (restart or n == last.get(family, 0) + 1):
            continue
        if family.startswith("第") and _CITED.match(text, m.end()):
            continue
        last[family] = n
        if m.start() > 0:
            cuts.append(m.start())
    return cuts


def _label(text: str) -> str:
    m = CLAUSE_LABEL.match(text) or _CIRCLED.match(text)
    return m.group(0) if m else ""


def _first_sentence(text: str) -> str:
    spans = split_sentences(text)
    return text[spans[0][0] : spans[0][1]] if spans else text


class _Builder:
    def __init__(self, doc_id: str, simplified: str) -> None:
        self.doc_id = doc_id
        self.text = simplified
        self.sections: list[dict] = []
        self.clauses: list[dict] = []
        self.paragraphs: list[dict] = []
        self.open_clause = False
        self.last_marker: dict[str, int] = {}

    def article(self, number: int, paragraphs: list[tuple[int, int, tuple[int, ...]]]) -> None:
        self.a, self.s, self.c = number, 0, 0
        self.section_path = ""
        self.open_clause = False
        self.item_provisions = False  # the last 一、 item was a provision of its own, not a heading
        units = [u for start, end, lines in paragraphs for u in self.paragraph(start, end, lines)]
        for n, (start, end, lines, inline) in enumerate(units):
            self.unit(start, end, lines, inline, units[n + 1][0] if n + 1 < len(units) else None)

    def paragraph(self, start: int, end: int, lines: tuple[int, ...]) -> list[tuple[int, int, tuple[int, ...], bool]]:
        """A paragraph's units: (start, end, lines, inline), cut at numbering markers in its running text."""
        text = self.text[start:end]
        bounds = [0, *inline_units(text, self.last_marker), len(text)]
        inline = len(bounds) > 2
        units = []
        for a, b in itertools.pairwise(bounds):
            piece = self.text[start + a : start + b]
            lead = len(piece) - len(piece.lstrip())
            size = len(piece.rstrip())
            if size > lead:
                units.append((start + a + lead, start + a + size, lines, inline))
        return units

    def provision_item(self, text: str, following: int | None, inline: bool = False) -> bool:
        """A 一、 item that is a provision of its own (一、对新认定的国家级孵化器给予100万元奖励。): a sentence,
        not a heading, with no body of its own after it: the next unit is the next item (or a chapter), or
        nothing, or an unnumbered paragraph after items that were provisions too. A short heading with its
        body after it in the same paragraph (一、总体要求。坚持…) is a heading."""
        label = SECTION_LABEL.match(text)
        if not label or text.startswith("第") or heading_like(text):
            return False
        if not ends_sentence(text) and len(text) <= HEADING_MAX:
            return False
        rest = text[label.end() :]
        first = _first_sentence(rest)
        if inline and _RUN_IN.match(first):
            return False  # 一、总体要求 以培育…: the heading ends where a line break was lost
        if len(split_sentences(rest)) > 1 and len(first.rstrip("。；;：:")) <= RUN_IN_HEADING_MAX:
            return False
        if following is None:
            return True
        after = self.text[following : following + 40]
        if SECTION_LABEL.match(after) or _ATTACHMENT.match(after):
            return True
        return self.item_provisions and not (CLAUSE_LABEL.match(after) or _CIRCLED.match(after))

    def unit(self, start: int, end: int, lines: tuple[int, ...], inline: bool = False,
             following: int | None = None) -> None:
        text = self.text[start:end]
        role = "body"
        if SECTION_LABEL.match(text) and not text.startswith("第"):
            self.item_provisions = self.provision_item(text, following, inline)
        if SECTION_LABEL.match(text) and self.item_provisions:
            role = "clause"
            self.enumeration(start, end, SECTION_LABEL.match(text).group(0))
        elif self.is_section(text, inline):
            role = "heading"
            self.section(start, end, text, inline)
        elif (label := _label(text)) and not _inline_items(text):
            self.clause(start, end, label, "numbered")
            self.open_clause = len(text) <= _LABEL_ONLY_MAX and len(split_sentences(text)) == 1
            role = "clause_heading" if self.open_clause else "clause"
        elif self.open_clause:
            self.extend(end)
        else:
            role = "clause" if self.enumeration(start, end) else "body"
        self.paragraphs.append(
            {"doc_id": self.doc_id, "article": self.a, "lines": " ".join(map(str, lines)), "role": role,
             "start": start, "end": end, "text": text}
        )

    def enumeration(self, start: int, end: int, label: str = "") -> bool:
        """Clauses of a paragraph: its 一是/二是 items (and any text before them), or the whole paragraph
        (numbered when `label`, the 一、 of an item that is a provision, opens it)."""
        text = self.text[start:end]
        items = _inline_items(text)
        if not items:
            self.clause(start, end, label, "numbered" if label else "paragraph")
            return False
        if items[0][0] > 0:
            label = label or _label(text)
            self.clause(start, start + items[0][0], label, "numbered" if label else "paragraph")
        bounds = [p for p, _ in items] + [len(text)]
        for (pos, label), stop in zip(items, bounds[1:], strict=True):
            self.clause(start + pos, start + stop, label, "numbered")
        return True

    def is_section(self, text: str, inline: bool = False) -> bool:
        if _ATTACHMENT.match(text):  # cut at 附件 inside running text, it heads what follows
            return inline or heading_like(text) or len(text) <= _LABEL_ONLY_MAX
        if SECTION_LABEL.match(text) or _CN_HEADING.match(text):
            return True
        if ARABIC_HEADING.match(text):
            return heading_like(text)
        return heading_like(text) and not CLAUSE_LABEL.match(text)

    def section(self, start: int, end: int, text: str, inline: bool = False) -> None:
        self.s += 1
        self.c = 0
        self.open_clause = False
        m = next((m for p in _SECTION_PATTERNS if (m := p.match(text))), None)
        label = m.group(0) if m else ""
        first = _first_sentence(text[len(label) :])
        if inline and (run_in := _RUN_IN.match(first)):
            first = text[len(label) : len(label) + run_in.end(1)]  # the heading ends where a line break was lost
        heading = first.strip().strip(":：").rstrip("。；;")
        self.section_path = label + heading
        own = len((text[: len(label) + len(first)]).rstrip())  # the heading's own span; the rest is clauses
        self.sections.append(
            {"doc_id": self.doc_id, "article": self.a, "section_id": f"{self.doc_id}/a{self.a}/s{self.s}",
             "label": label, "heading": heading, "start": start, "end": start + own}
        )
        rest = text[len(label) + len(first) :]
        if rest.strip():
            offset = end - len(rest)
            self.enumeration(offset + (len(rest) - len(rest.lstrip())), end)

    def clause(self, start: int, end: int, label: str, kind: str) -> None:
        self.c += 1
        self.open_clause = False
        while end > start and self.text[end - 1].isspace():
            end -= 1
        text = self.text[start:end]
        heading = _first_sentence(text[len(label) :]).rstrip("。；;") if label else ""
        self.clauses.append(
            {"doc_id": self.doc_id, "article": self.a, "clause_id": f"{self.doc_id}/a{self.a}/s{self.s}/c{self.c}",
             "section_id": f"{self.doc_id}/a{self.a}/s{self.s}", "section_path": self.section_path,
             "label": label, "kind": kind, "heading": heading, "start": start, "end": end, "text": text}
        )

    def extend(self, end: int) -> None:
        last = self.clauses[-1]
        last["end"] = end
        last["text"] = self.text[last["start"] : end]

    def sentences(self) -> list[dict]:
        rows = []
        for clause in self.clauses:
            for n, (s, e) in enumerate(split_sentences(clause["text"]), start=1):
                rows.append(
                    {"doc_id": self.doc_id, "article": clause["article"], "clause_id": clause["clause_id"],
                     "sentence_id": f"{clause['clause_id']}/{n}", "start": clause["start"] + s,
                     "end": clause["start"] + e, "text": clause["text"][s:e]}
                )
        return rows


SECTION_COLUMNS = ["doc_id", "article", "section_id", "label", "heading", "start", "end"]
CLAUSE_COLUMNS = ["doc_id", "article", "clause_id", "section_id", "section_path", "label", "kind", "heading",
                  "start", "end", "text"]
SENTENCE_COLUMNS = ["doc_id", "article", "clause_id", "sentence_id", "start", "end", "text"]
PARAGRAPH_COLUMNS = ["doc_id", "article", "lines", "role", "start", "end", "text"]


STRUCTURE_TABLES = {"sections": SECTION_COLUMNS, "clauses": CLAUSE_COLUMNS, "sentences": SENTENCE_COLUMNS,
                    "paragraphs": PARAGRAPH_COLUMNS}


def structure_records(doc_id: str, cleaned: Cleaned) -> dict[str, list[dict]]:
    """The rows of each structure table (STRUCTURE_TABLES) of one cleaned document, as plain records.

    Reads the Simplified body (`cleaned.simplified`); a chunk of documents' records becomes one
    DataFrame per table (`parse_structure` does it for one document)."""
    builder = _Builder(doc_id, cleaned.simplified)
    pos = 0
    for article in cleaned.articles:
        spans = []
        for p in article.paragraphs:
            spans.append((pos, pos + len(p.text), p.lines))
            pos += len(p.text) + 1
        pos += 1  # the blank line between articles
        builder.article(article.number, spans)
    return {"sections": builder.sections, "clauses": builder.clauses, "sentences": builder.sentences(),
            "paragraphs": builder.paragraphs}


def parse_structure(doc_id: str, cleaned: Cleaned) -> Structure:
    """Sections, clauses, sentences and paragraphs of one cleaned document (Simplified text)."""
    records = structure_records(doc_id, cleaned)
    return Structure(**{name: pd.DataFrame(records[name], columns=columns)
                        for name, columns in STRUCTURE_TABLES.items()})


@dataclass(frozen=True)
class Accounting:
    """Where every character of a document went: into a clause, a section heading or a removed line.

    Counts are of non-space characters. `dropped` holds raw characters found in none of the three,
    `twice` characters found more often than the raw text has them; `uncovered` and `overlapping` are
    offsets of the clean text in no clause or heading, or in more than one."""

    raw: int
    clause: int
    heading: int
    removed: int
    dropped: str
    twice: str
    uncovered: tuple[int, ...]
    overlapping: tuple[int, ...]

    @property
    def ok(self) -> bool:
        """Nothing dropped, nothing counted twice."""
        return not (self.dropped or self.twice or self.uncovered or self.overlapping)


def _chars(text: str) -> Counter:
    return Counter(ch for ch in text if not ch.isspace())


def accounting(raw: str, cleaned: Cleaned, structure: Structure) -> Accounting:
    """Check that every character of `raw` lands in exactly one of a clause, a section heading or a removed
    line (or fragment): the clean text's every non-space offset is in one clause or one heading, and the
    characters of the three add up to the raw text's."""
    body = cleaned.text
    cover = [0] * len(body)
    spans = {"clause": structure.clauses, "heading": structure.sections}
    counts: dict[str, Counter] = {}
    for name, table in spans.items():
        counts[name] = Counter()
        for start, end in zip(table["start"].tolist(), table["end"].tolist(), strict=True):
            counts[name] += _chars(body[start:end])
            for pos in range(start, end):
                cover[pos] += 1
    counts["removed"] = _chars("".join(r.text for r in cleaned.removed))
    found = counts["clause"] + counts["heading"] + counts["removed"]
    given = _chars(raw)
    solid = [pos for pos, ch in enumerate(body) if not ch.isspace()]
    return Accounting(
        raw=sum(given.values()), clause=sum(counts["clause"].values()), heading=sum(counts["heading"].values()),
        removed=sum(counts["removed"].values()),
        dropped="".join(sorted((given - found).elements())), twice="".join(sorted((found - given).elements())),
        uncovered=tuple(p for p in solid if cover[p] == 0), overlapping=tuple(p for p in solid if cover[p] > 1),
    )


def outline(structure: Structure) -> list[str]:
    """Indented outline lines: sections, then clauses with label and heading (for reports)."""
    out = []
    by_section = structure.clauses.groupby("section_id", sort=False)
    headings = structure.sections.set_index("section_id")
    for section_id, clauses in by_section:
        if section_id in headings.index:
            row = headings.loc[section_id]
            out.append(f"{section_id}  {row['label']}{row['heading']}")
        for _, c in clauses.iterrows():
            desc = f"{c['label']}{c['heading']}" if c["label"] else re.sub(r"\s+", "", c["text"])[:24] + "…"
            out.append(f"    {c['clause_id'].split('/', 1)[1]:>10}  {desc}")
    return out
