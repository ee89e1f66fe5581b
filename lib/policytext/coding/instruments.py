"""One primary policy instrument per unit (clause), by the written codebook.

The codebook has three data files: instrument_codebook.tsv (the 16 sub-tools: definition, include,
exclude, examples), instruments.tsv (the cue terms of each sub-tool with their exclusion contexts)
and instrument_rules.tsv (which sentences are not instruments, and what a binding rule looks like).
coding_guide.md section 7 is the human-readable form, with the decision rule that `code_unit`
implements:

1. A unit that is a heading is `none` (a short line with no sentence end, a chapter heading, a
   standard section heading; never an article 第X条 or a lead-in ending in a colon).
2. The unit is split into sentences; rules are matched after the unit's label (第X条, (一), 一、…).
   When the unit's first sentence is background (principles, guiding thought, purpose of the
   document…) the whole unit is `none`: the heading governs its section. Otherwise a sentence is
   set aside (its cue hits are kept as evidence but not counted) when it reports a completed fact
   (已建成…, 累计…, 先后…, a year before the date the text was written), is background or rhetoric,
   or only assigns duties to agencies (X部门负责…).
3. In the remaining sentences every cue hit of a sub-tool scores 1, or 2 in the unit's lead
   sentence (the first remaining one: in official texts it names the measure the clause is about).
   An obligation or procedure (应当, 审查, 备案…) scores once more for environment/regulation_reform;
   a prohibition or sanction (不得, 处罚, 责令…) makes its sentence score for regulation_reform only.
4. The primary sub-tool is the one with the highest score; ties go to the sub-tool whose first
   counted hit comes earliest in the unit (the object of the first main verb), then to the longer
   (more specific) first hit, then to canonical order. No counted hit: `none`.
5. In a sequence of units (`code_units`), the items of a list introduced by a lead-in that ends in
   a colon (下列行为属于…：, 有以下情形之一的…：) have their main verb in the lead-in: they take the
   lead-in's code (their own becomes secondary), unless the lead-in is `none`.

Only the primary is counted; the other sub-tools that scored are kept as `secondary` evidence.
All functions are pure: text (and the written year) in, codes out.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from re import _constants, _parser
from typing import NamedTuple

import pandas as pd

from ..datafiles import numbered_rows
from ..language.lexicon import lexicon
from ..parsing.numbering import ARTICLE, CN_SMALL
from ..parsing.structure import split_sentences
from ..regexes import screened

SIDES = ("supply", "environment", "demand")
NONE = "none"
LEAD_WEIGHT = 2
RULE_KINDS = ("heading", "fact", "conditional", "background", "responsibility", "binding", "sanction")
_HEADING_MAX = 40  # a unit this short without a sentence end is a heading line
_TERMINAL = "。！？!?；;"
_ARTICLE = re.compile(rf"^\s*\**\s*{ARTICLE}")
_ITEM = re.compile(rf"^\s*\**\s*(?:\(?[{CN_SMALL}\d]+\)|[{CN_SMALL}]+是|\d+[.．、])")
_LABEL = re.compile(rf"^\s*\**\s*(?:{ARTICLE}|[{CN_SMALL}]+[、是]|"
                    rf"\(?[{CN_SMALL}\d]+\)|\d+[.．、]|\d+\s)\s*\**\s*")
_LEAD_IN = re.compile(r"[：:]\s*\**\s*$")
_PAST_YEAR = re.compile(r"^[^。；;，,]{0,8}?(?<![到至])(\d{4})年(?!(?:起|前|底前|之前|以前))")


@dataclass(frozen=True)
class SubTool:
    """One codebook row: a sub-tool with its definition and rules."""

    instrument: str
    subtool: str
    definition: str
    include: tuple[str, ...]
    exclude: tuple[str, ...]
    examples: tuple[str, ...]


class Evidence(NamedTuple):
    """One cue of a unit: a lexicon hit or a binding-rule marker, with its sentence and span (a named tuple:
    a chunk's units have tens of thousands of cues)."""

    sentence: int  # index of the sentence within the unit
    instrument: str
    subtool: str
    term: str
    match: str
    start: int  # offsets within the sentence
    end: int
    role: str  # 'primary', 'secondary', or 'set aside: <reason>'


@dataclass(frozen=True)
class UnitCode:
    """The code of one unit: ONE primary instrument and sub-tool (or none), why, and the evidence."""

    instrument: str
    subtool: str
    basis: str
    secondary: tuple[str, ...]
    evidence: tuple[Evidence, ...]


@cache
def codebook() -> tuple[SubTool, ...]:
    """The sub-tools of data/instrument_codebook.tsv, checked against the cue lexicon's sub-tools."""
    name = "instrument_codebook.tsv"
    out = []
    lines: dict[str, int] = {}
    for line, cols in numbered_rows(name):
        if (sub := cols[1].strip() if len(cols) > 1 else "") and lines.setdefault(sub, line) != line:
            raise ValueError(f"{name} line {line}: sub-tool {sub!r} is listed twice (first on line {lines[sub]})")
        if len(cols) != 6:
            raise ValueError(f"{name}: expected 6 TAB-separated columns "
                             f"(instrument, subtool, definition, include, exclude, examples), found {len(cols)}")
        side, sub, definition, include, exclude, examples = (c.strip() for c in cols)
        if side not in SIDES:
            raise ValueError(f"{name}: unknown instrument {side!r} for {sub!r}; allowed: {', '.join(SIDES)}")
        split = lambda cell: tuple(p.strip() for p in cell.split(" | ") if p.strip())  # noqa: E731
        out.append(SubTool(side, sub, definition, split(include), split(exclude), split(examples)))
    cues = {(t.category, t.subtool) for t in lexicon("instruments.tsv").terms}
    coded = {(s.instrument, s.subtool) for s in out}
    if cues != coded:
        raise ValueError(f"{name} and instruments.tsv disagree on the sub-tools: only in the codebook "
                         f"{sorted(coded - cues)}, only in the lexicon {sorted(cues - coded)}")
    return tuple(out)


def subtools() -> tuple[str, ...]:
    """Sub-tool names in canonical (codebook) order."""
    return tuple(s.subtool for s in codebook())


def side_of(subtool: str) -> str:
    """The instrument side of a sub-tool ('none' for 'none')."""
    return _sides().get(subtool, NONE)


@cache
def _sides() -> dict[str, str]:
    return {s.subtool: s.instrument for s in codebook()}


@cache
def _order() -> dict[str, int]:
    """Sub-tool -> its rank in canonical order (the last tie-break)."""
    return {s: i for i, s in enumerate(subtools())}


@cache
def unit_rules() -> dict[str, tuple[re.Pattern, ...]]:
    """The compiled patterns of data/instrument_rules.tsv, by kind."""
    name = "instrument_rules.tsv"
    out: dict[str, list[re.Pattern]] = {k: [] for k in RULE_KINDS}
    seen: dict[str, tuple[int, str]] = {}
    for line, cols in numbered_rows(name):
        if len(cols) != 3:
            raise ValueError(f"{name} line {line}: expected 3 TAB-separated columns (kind, pattern, note), "
                             f"found {len(cols)}")
        kind, pattern = cols[0].strip(), cols[1].strip()
        if kind not in out:
            raise ValueError(f"{name} line {line}: unknown kind {kind!r}; allowed: {', '.join(RULE_KINDS)}")
        first = seen.setdefault(pattern, (line, kind))
        if first[0] != line:
            where = "listed twice" if first[1] == kind else f"listed under two kinds: {first[1]} and {kind}"
            raise ValueError(f"{name} line {line}: pattern {pattern!r} is {where} (first on line {first[0]})")
        try:
            out[kind].append(re.compile(pattern))
        except re.error as exc:
            raise ValueError(f"{name}: pattern {pattern!r} is not a valid regular expression: {exc}") from exc
    return {k: tuple(v) for k, v in out.items()}


@cache
def _rules() -> dict[str, re.Pattern | None]:
    """Each kind's patterns as one alternation (None: the kind has none). Its search finds a match where any
    pattern has one, and the leftmost match, the earliest pattern's on a tie: what searching each pattern
    and keeping the leftmost match gives, in one scan."""
    return {kind: _alternation([p.pattern for p in patterns]) if patterns else None
            for kind, patterns in unit_rules().items()}


def _alternation(patterns: list[str]) -> re.Pattern:
    """Several patterns as one alternation. The regex engine jumps ahead to the characters a match can
    start with for one pattern alone, not for an alternation of groups: so several patterns, unless all
    are anchored at the start (a ^ fails at once elsewhere), are led by a lookahead on the characters any
    of them can start with (the same matches; the alternatives are tried only where one could start)."""
    alternation = "|".join(f"(?:{p})" for p in patterns)
    if len(patterns) > 1 and not all(p.startswith("^") for p in patterns):
        alternation = screened(alternation)
    return re.compile(alternation)


def _anchored(pattern: str) -> bool:
    """True when every match of `pattern` starts at the start of the text (it begins with ^, outside any
    alternation)."""
    items = _parser.parse(pattern)
    return len(items) > 0 and items[0] == (_constants.AT, _constants.AT_BEGINNING)


def _never(text: str) -> None:
    return None


@cache
def _finders() -> dict[str, Callable[[str], re.Match | None]]:
    """Each kind's search (`_rules`): its `match` when every pattern is anchored at the start (the same
    match, without trying every other position), a function finding nothing when the kind has none."""
    return {kind: _never if rule is None else
            rule.match if all(_anchored(p.pattern) for p in unit_rules()[kind]) else rule.search
            for kind, rule in _rules().items()}


def _search(kind: str, text: str) -> re.Match | None:
    return _finders()[kind](text)


def _normal(text: str) -> str:
    return text.replace("（", "(").replace("）", ")")


def _unlabelled(text: str) -> str:
    return _LABEL.sub("", _normal(text), count=1)


def is_heading(unit: str) -> bool:
    """True when the unit is a heading: a chapter or standard section heading, or a short line with no
    sentence end (。；！？) at all."""
    text = _normal(unit.strip())
    if _ARTICLE.match(text) or _LEAD_IN.search(text):
        return False
    if _search("heading", text):
        return True
    return len(text) <= _HEADING_MAX and not any(ch in text for ch in _TERMINAL)


def set_aside(sentence: str, written_year: int | None = None) -> str:
    """Why a sentence is not an instrument ('completed fact', 'background', 'responsibility'), or ''."""
    return _set_aside(_normal(sentence), written_year)


def _set_aside(text: str, written_year: int | None) -> str:
    """`set_aside` of a sentence whose brackets are already normalised (`_normal`)."""
    text = _LABEL.sub("", text, count=1)
    find = _finders()
    if not find["conditional"](text):
        if find["fact"](text):
            return "completed fact"
        # anchored at the start: its match is its search
        if written_year is not None and (year := _PAST_YEAR.match(text)) and int(year.group(1)) < written_year:
            return "completed fact"
    if find["background"](text):
        return "background"
    if find["responsibility"](text):
        return "responsibility"
    return ""


def code_sentences_of_unit(sentences: list[str], written_year: int | None = None,
                           heading: bool = False, cues: list[list[tuple]] | None = None) -> UnitCode:
    """The code of a unit given as its (Simplified) sentences, by the codebook's decision rule.

    `cues`: each sentence's instrument lexicon hits as (category, subtool, term, match, start, end), when
    already matched (the instrument rows of `codes.code_hits`); by default the sentences are matched here.
    """
    instrument, subtool, basis, secondary, found = _coded(sentences, written_year, heading, cues)
    return UnitCode(instrument, subtool, basis, secondary, tuple(Evidence(*f) for f in found))


def _coded(sentences: list[str], written_year: int | None, heading: bool,
           cues: list[list[tuple]] | None) -> tuple[str, str, str, tuple[str, ...], list[tuple]]:
    """`code_sentences_of_unit` as (instrument, subtool, basis, secondary, evidence), each evidence a plain
    tuple in the order of Evidence's fields (a chunk's clauses have tens of thousands of cues)."""
    if heading:
        return NONE, NONE, "heading", (), []
    lex = lexicon("instruments.tsv")
    order = _order()
    given = cues  # `cues` is each sentence's own list below
    scores: dict[str, int] = {}
    first: dict[str, tuple[int, int, int]] = {}
    found: list[tuple[int, str, str, str, str, int, int, str]] = []
    lead: int | None = None
    reasons: list[str] = []
    find = _finders()
    texts = [_normal(s) for s in sentences]
    opening = _set_aside(texts[0], written_year) if texts else ""
    section = opening == "background"
    for i, text in enumerate(texts):
        reason = "background section" if section else opening if i == 0 else _set_aside(text, written_year)
        cues = lex.match_tuples(text) if given is None else list(given[i])
        sanction = find["sanction"](text) if not reason else None
        if sanction:
            cues = [("environment", "regulation_reform", "sanction", sanction.group(0), sanction.start(),
                     sanction.end()), *cues]
            ruled = {0}
        else:
            ruled = set()
            if not reason and (m := find["binding"](text)):
                cues.append(("environment", "regulation_reform", "binding rule", m.group(0), m.start(), m.end()))
        if reason:
            reasons.append(reason)
            found += [(i, *c, f"set aside: {reason}") for c in cues]
            continue
        if lead is None:
            lead = i
        weight = LEAD_WEIGHT if i == lead else 1
        for k, c in enumerate(cues):
            if ruled and k not in ruled:  # under a sanction: evidence only
                found.append((i, *c, "secondary"))
                continue
            scores[c[1]] = scores.get(c[1], 0) + weight
            first.setdefault(c[1], (i, c[4], c[4] - c[5]))
            found.append((i, *c, ""))
    if not scores:
        basis = ("all sentences set aside: " + ", ".join(dict.fromkeys(reasons))) if reasons and lead is None \
            else "no cue of any sub-tool"
        return NONE, NONE, basis, (), found
    ranked = sorted(scores, key=lambda s: (-scores[s], first[s], order.get(s, len(order))))
    primary = ranked[0]
    evidence = [f if f[-1] else (*f[:-1], "primary" if f[2] == primary else "secondary") for f in found]
    basis = f"highest score {scores[primary]}" + (
        f" (tie with {', '.join(s for s in ranked[1:] if scores[s] == scores[primary])}: earliest cue)"
        if sum(v == scores[primary] for v in scores.values()) > 1 else "")
    return side_of(primary), primary, basis, tuple(ranked[1:]), evidence


def code_unit(text: str, written_year: int | None = None) -> UnitCode:
    """The code of one unit of (Simplified) text on its own: split into sentences, then the decision rule."""
    pieces = [text[a:b] for a, b in split_sentences(text)]
    return code_sentences_of_unit(pieces, written_year, heading=is_heading(text))


def is_lead_in(unit: str) -> bool:
    """True when the unit ends in a colon: it introduces a list whose items complete its sentence."""
    return bool(_LEAD_IN.search(unit.strip()))


def is_item(unit: str) -> bool:
    """True when the unit starts with an item label ((一), (1), 1., 一是), not an article (第X条) or 一、."""
    return bool(_ITEM.match(_normal(unit)))


def inherit(units: list[str], codes: list[UnitCode]) -> list[UnitCode]:
    """Rule 5: items of a list introduced by a coded lead-in (ending in a colon) take its code."""
    leads = _leads(units, [c.instrument for c in codes])
    return [code if lead is None else UnitCode(
                lead.instrument, lead.subtool, INHERITED,
                tuple(s for s in (code.subtool, *code.secondary) if s != NONE and s != lead.subtool),
                tuple(e if e.role.startswith("set aside") else e._replace(role="secondary") for e in code.evidence))
            for code, lead in zip(codes, (None if k is None else codes[k] for k in leads), strict=True)]


INHERITED = "item of a list: the lead-in's code"


def _leads(units: list[str], instruments: list[str]) -> list[int | None]:
    """For each unit, the index of the lead-in whose code it takes by rule 5 (None: it keeps its own), given
    each unit's own instrument."""
    out: list[int | None] = []
    lead = None
    for k, (text, instrument) in enumerate(zip(units, instruments, strict=True)):
        if lead is not None and is_item(text):
            out.append(lead)
            continue
        out.append(None)
        lead = k if is_lead_in(text) and instrument != NONE else None
    return out


def code_units(units: list[str], written_year: int | None = None) -> list[UnitCode]:
    """Codes of a document's units in order: each by `code_unit`, then list items take their lead-in's code."""
    return inherit(units, [code_unit(u, written_year) for u in units])


CODE_COLUMNS = ["instrument", "subtool", "instrument_basis", "secondary_subtools"]


def code_clauses(sentences: pd.DataFrame, written_year: int | Mapping[str, int | None] | None = None,
                 hits: pd.DataFrame | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Primary codes of every clause of a sentences table, and the evidence rows.

    Returns (units, evidence): `units` has one row per clause (doc_id, clause_id, instrument, subtool,
    instrument_basis, secondary_subtools ';'-joined); `evidence` one row per cue (doc_id, clause_id,
    sentence_id, instrument, subtool, term, match, start, end, role), spans within the sentence.
    The table may hold many documents (each a run of rows): a clause is a run of rows with one
    (doc_id, clause_id), and a list's items inherit only from a lead-in of their own document.
    `written_year` is one year for all, or a mapping doc_id -> year (a missing document: unknown).
    `hits`: the table's hits table (`codes.code_hits`), whose instrument rows are then the cues, instead of
    matching the sentences again.
    """
    cues = _cues(hits) if hits is not None else None
    columns = [sentences[c].tolist() for c in ("doc_id", "clause_id", "sentence_id", "text")]
    units, evidence = clause_rows(*columns, written_year, cues)
    return (
        pd.DataFrame(units, columns=["doc_id", "clause_id", *CODE_COLUMNS]),
        pd.DataFrame(evidence, columns=EVIDENCE_COLUMNS),
    )


def clause_rows(doc_ids: list, clause_ids: list, sentence_ids: list, texts: list[str],
                written_year: int | Mapping[str, int | None] | None = None,
                cues: Mapping[str, list[tuple]] | None = None) -> tuple[list[tuple], list[tuple]]:
    """`code_clauses` on a sentences table's columns as lists, giving the rows of its two tables as tuples;
    `cues`: sentence_id -> its instrument hits (category, subtool, term, match, start, end), when matched."""
    years = written_year if isinstance(written_year, Mapping) else None
    clauses: dict[tuple[str, str], tuple[list[str], list[str]]] = {}  # (doc_id, clause_id) -> sentence ids, texts
    for doc_id, clause_id, sentence_id, text in zip(doc_ids, clause_ids, sentence_ids, texts, strict=True):
        ids, own_texts = clauses.setdefault((doc_id, clause_id), ([], []))
        ids.append(sentence_id)
        own_texts.append(text)
    by_doc: dict[str, list[tuple[str, list[str], list[str]]]] = {}
    for (doc_id, clause_id), (ids, own_texts) in clauses.items():
        by_doc.setdefault(doc_id, []).append((clause_id, ids, own_texts))
    units, evidence = [], []
    for doc_id, doc_clauses in by_doc.items():
        year = years.get(doc_id) if years is not None else written_year
        joined = ["".join(own_texts) for _, _, own_texts in doc_clauses]
        own = [_coded(own_texts, year, is_heading(t), None if cues is None else [cues.get(i, ()) for i in ids])
               for (_, ids, own_texts), t in zip(doc_clauses, joined, strict=True)]
        # rule 5 as `inherit` applies it, on the plain tuples
        for (clause_id, ids, _), code, lead in zip(doc_clauses, own, _leads(joined, [c[0] for c in own]), strict=True):
            instrument, subtool, basis, secondary, found = code
            if lead is None:
                evidence += [(doc_id, clause_id, ids[e[0]], *e[1:]) for e in found]
            else:
                secondary = tuple(s for s in (subtool, *secondary) if s != NONE and s != own[lead][1])
                instrument, subtool, basis = own[lead][0], own[lead][1], INHERITED
                evidence += [(doc_id, clause_id, ids[e[0]], *e[1:-1],
                              e[-1] if e[-1].startswith("set aside") else "secondary") for e in found]
            units.append((doc_id, clause_id, instrument, subtool, basis, ";".join(secondary)))
    return units, evidence


def _cues(hits: pd.DataFrame) -> dict[str, list[tuple]]:
    """sentence_id -> its instrument hits (category, subtool, term, match, start, end), in table order."""
    out: dict[str, list[tuple]] = {}
    cues = zip(*(hits[c].tolist() for c in ("category", "subtool", "term", "match", "start", "end")), strict=True)
    for sentence_id, scheme, cue in zip(hits["sentence_id"].tolist(), hits["scheme"].tolist(), cues, strict=True):
        if scheme == "instrument":
            out.setdefault(sentence_id, []).append(cue)
    return out


EVIDENCE_COLUMNS = ["doc_id", "clause_id", "sentence_id", "instrument", "subtool", "term", "match", "start", "end",
                    "role"]


def render_codebook() -> str:
    """The codebook's sub-tools as Markdown (the text of coding_guide.md section 7.5)."""
    out = []
    for side in SIDES:
        out.append(f"#### {side}\n")
        for s in codebook():
            if s.instrument != side:
                continue
            out.append(f"**{s.subtool}.** {s.definition}\n")
            out.append("- Include: " + "; ".join(s.include) + ".")
            out.append("- Exclude: " + "; ".join(s.exclude) + ".")
            out.append("- Examples: " + "; ".join(f"「{e.replace(' => ', '」 → `')}`" for e in s.examples) + ".\n")
    return "\n".join(out).rstrip() + "\n"


__all__ = ["NONE", "SIDES", "Evidence", "SubTool", "UnitCode", "code_clauses", "code_sentences_of_unit",
           "code_unit", "code_units", "codebook", "inherit", "is_heading", "is_item", "is_lead_in",
           "render_codebook", "set_aside", "side_of", "subtools"]
