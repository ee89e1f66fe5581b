"""The PMC (Policy Modeling Consistency) index of formal policy documents (Ruiz Estrada 2011).

The variable scheme is data (data/pmc_variables.tsv): primary variables X1..X10, each the mean of
binary secondary variables, each secondary set by keyword rules over the document's clauses or by
metadata rules over its catalog row. The PMC index is the sum of the primary variables (0-10).
Which genres are scored is data (data/pmc_scope.tsv); a coder's corrections are data
(data/pmc_overrides.tsv, or any table with the same columns). Every secondary set to 1 keeps its
evidence: the clause ids and matched text, the catalog field, or the override's reason.

Catalog-derived variables: a secondary with a `field` rule can be set from the catalog row rather
than from the text (X2:1 a law's genre, X3:1-X3:4 the issuer and its level, X10:1 the source), so
between national and local documents it differs by construction. `catalog_derived()` names them, and
every score is given twice: `pmc` (the scheme as published, 0-10) and `pmc_text` (the same with the
catalog-derived secondaries left out: each primary the mean of the rest, a primary with none left
omitted, so 0-9 with this scheme).

Scope: the scheme measures instruments that promote S&T (incentives, targets, goals of innovation
policy), so a law whose subject is a right (patents) or a regulatory regime scores low by
construction, not because it is a poor policy: `scope_note()` says so, for printing beside scores.
"""

from __future__ import annotations

import csv
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from ..datafiles import rows
from ..regexes import screened
from .instrument_stage import INSTRUMENTS, clause_instruments

VARIABLES = "pmc_variables.tsv"
SCOPE = "pmc_scope.tsv"
OVERRIDES = "pmc_overrides.tsv"
SCOPE_NOTE = "pmc_scope_note.txt"
RULE_KINDS = ("text", "field", "instrument", "horizon")
OVERRIDE_COLUMNS = ["doc_id", "secondary", "value", "reason"]
# Grade bands of the literature on the 0-10 scale: lower bound inclusive.
GRADES = ((9.0, "perfect"), (7.0, "excellent"), (5.0, "acceptable"), (0.0, "poor"))
SURFACE = (("X1", "X2", "X3"), ("X4", "X5", "X6"), ("X7", "X8", "X9"))
_TARGET_YEAR = re.compile(r"(?:到|至|力争到?|争取到?)(20\d\d)年")


@dataclass(frozen=True)
class Rule:
    """One way a secondary variable can be set: its kind, argument and (for regex rules) pattern."""

    kind: str
    columns: tuple[str, ...]
    argument: str
    pattern: re.Pattern | None


@dataclass(frozen=True)
class Secondary:
    """A secondary variable with its primary and its rules (OR-ed)."""

    primary: str
    primary_name: str
    secondary: str
    name: str
    rules: tuple[Rule, ...]
    note: str = ""  # what it means, in English (its first rule's note in data/pmc_variables.tsv)

    @property
    def from_catalog(self) -> bool:
        """True when a rule reads the catalog row (a `field` rule): the value may not come from the text."""
        return any(r.kind == "field" for r in self.rules)


def _rule(kind_field: str, argument: str, where: str) -> Rule:
    kind, _, cols = kind_field.partition(":")
    if kind not in RULE_KINDS:
        raise ValueError(f"{where}: unknown rule {kind_field!r} (one of text, field:COLUMNS, instrument, horizon)")
    if kind == "field" and not cols:
        raise ValueError(f"{where}: a field rule names its columns, e.g. field:genre")
    if kind == "instrument" and argument not in INSTRUMENTS:
        raise ValueError(f"{where}: instrument rule needs one of {', '.join(INSTRUMENTS)}, not {argument!r}")
    if kind == "horizon":
        if not re.fullmatch(r"\d+-\d+", argument):
            raise ValueError(f"{where}: horizon rule needs MIN-MAX years, not {argument!r}")
        return Rule(kind, (), argument, None)
    try:
        pattern = re.compile(argument) if kind in ("text", "field") else None
    except re.error as exc:
        raise ValueError(f"{where}: bad pattern {argument!r}: {exc}") from exc
    return Rule(kind, tuple(cols.split("|")) if cols else (), argument, pattern)


@lru_cache(maxsize=1)
def scheme() -> tuple[Secondary, ...]:
    """The secondary variables of data/pmc_variables.tsv in file order, rules gathered and validated."""
    found: dict[str, Secondary] = {}
    for n, cols in enumerate(rows(VARIABLES), 1):
        where = f"{VARIABLES}: data row {n}"
        if len(cols) != 7:
            raise ValueError(f"{where} has {len(cols)} columns, expected 7")
        primary, primary_name, secondary, name, kind, argument, note = cols
        if not re.fullmatch(r"X\d+", primary) or not secondary.startswith(primary + ":"):
            raise ValueError(f"{where}: secondary {secondary!r} must be named {primary}:n")
        rule = _rule(kind, argument, where)
        old = found.get(secondary)
        found[secondary] = Secondary(primary, primary_name, secondary, name, (*(old.rules if old else ()), rule),
                                     old.note if old else note.split(";")[0].strip())
    return tuple(found.values())


def catalog_derived() -> list[str]:
    """Secondary variables that a catalog field can set (`field` rules), in scheme order."""
    return [s.secondary for s in scheme() if s.from_catalog]


@lru_cache(maxsize=1)
def scope_note() -> str:
    """What the PMC scheme measures and what it cannot, in one paragraph (data/pmc_scope_note.txt)."""
    text = " ".join(line.strip() for cols in rows(SCOPE_NOTE) for line in cols)
    if not text:
        raise ValueError(f"{SCOPE_NOTE}: the scope note is empty")
    return text


def primaries() -> list[str]:
    """Primary variable ids in scheme order (X1, X2, ...)."""
    return list(dict.fromkeys(s.primary for s in scheme()))


@lru_cache(maxsize=1)
def scope() -> dict[str, tuple[str, str]]:
    """genre -> (scope, reason) from data/pmc_scope.tsv; scope is 'formal' (scored) or 'other'."""
    out = {}
    for n, cols in enumerate(rows(SCOPE), 1):
        if len(cols) != 3 or cols[1] not in ("formal", "other"):
            raise ValueError(f"{SCOPE}: data row {n} must be genre, formal|other, reason")
        out[cols[0]] = (cols[1], cols[2])
    return out


def in_scope(genre: str, doc_type: str = "") -> tuple[bool, str]:
    """Whether a genre is scored, and why (or why not); a genre not listed in data/pmc_scope.tsv (or none)
    gives way to the document's type (`doctypes`: catalogued or inferred), which is listed."""
    if genre not in scope() and doc_type in scope():
        kind, reason = scope()[doc_type]
        return kind == "formal", f"document type {doc_type}: {reason}"
    kind, reason = scope().get(genre, ("other", f"genre {genre!r} is not listed in {SCOPE}"))
    return kind == "formal", reason


def read_overrides(source: str | Path | pd.DataFrame | None = None) -> pd.DataFrame:
    """The override table (doc_id, secondary, value, reason), validated; default data/pmc_overrides.tsv.

    A path may be a .tsv (with '#' comment lines) or a .csv with a header row.
    """
    name = str(source) if source is not None and not isinstance(source, pd.DataFrame) else OVERRIDES
    if isinstance(source, pd.DataFrame):
        table = source.astype(str)
    elif source is None:
        table = pd.DataFrame(rows(OVERRIDES), columns=OVERRIDE_COLUMNS) if rows(OVERRIDES) else pd.DataFrame(
            columns=OVERRIDE_COLUMNS)
    else:
        path = Path(source)
        if not path.exists():
            raise FileNotFoundError(f"{path}: no such override table")
        text = path.read_text(encoding="utf-8-sig")
        lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
        if path.suffix == ".csv":
            table = pd.DataFrame(list(csv.DictReader(lines)))
        else:
            table = pd.DataFrame([ln.split("\t") for ln in lines], columns=OVERRIDE_COLUMNS)
    missing = [c for c in OVERRIDE_COLUMNS if c not in table.columns]
    if missing:
        raise ValueError(f"{name}: missing columns {', '.join(missing)} (need {', '.join(OVERRIDE_COLUMNS)})")
    known = {s.secondary for s in scheme()}
    columns = (table[c].tolist() for c in OVERRIDE_COLUMNS)
    for n, (doc_id, secondary, value, reason) in enumerate(zip(*columns, strict=True), 1):
        if secondary not in known:
            raise ValueError(f"{name}: row {n}: unknown secondary variable {secondary!r} (see {VARIABLES})")
        if str(value) not in ("0", "1"):
            raise ValueError(f"{name}: row {n}: value must be 0 or 1, not {value!r}")
        if not str(reason).strip():
            raise ValueError(f"{name}: row {n}: give the reason for overriding {secondary} of {doc_id}")
    return table[OVERRIDE_COLUMNS].reset_index(drop=True)


def grade(score: float) -> str:
    """The literature's grade of a 0-10 PMC index: perfect, excellent, acceptable or poor."""
    return next(label for low, label in GRADES if score >= low)


def _field(doc: dict, columns: tuple[str, ...]) -> tuple[str, str]:
    for c in columns:
        value = doc.get(c)
        if value is not None and str(value) not in ("", "nan"):
            return c, str(value)
    return "", ""


@lru_cache(maxsize=256)
def _scan(pattern: re.Pattern) -> re.Pattern:
    """A text rule's pattern as it is searched: screened (policytext.regexes), the same matches found faster
    (a rule opening with a lookbehind is otherwise tried at every character of a document)."""
    return re.compile(screened(pattern.pattern, pattern.flags), pattern.flags)


@lru_cache(maxsize=256)
def _anchored(pattern: re.Pattern) -> bool:
    """Whether a pattern holds an anchor (^, $, \\A, \\Z): only then can it match a clause on its own
    and not the clauses joined by line breaks."""
    return bool(re.search(r"(?<!\\)[\^$]|\\[AZ]", pattern.pattern.replace("[^", "[")))


def _fire(rule: Rule, doc: dict, clauses: list[tuple[str, str]], sides: list[tuple[str, str, str]],
          targets: list[tuple[str, str, int]], joined: tuple[str, list[int]] | None = None) -> list[tuple[str, str]]:
    """(clause_id, matched) pairs showing the rule fires for the document; empty if it does not.

    clauses: the document's (clause_id, normalised text); sides: its (clause_id, instrument, evidence);
    targets: its (clause_id, matched, year) target years, in clause order; joined: the clauses' texts joined
    by line breaks and the offset of each in it, searched first (once per document instead of once per clause).
    """
    if rule.kind == "text":
        search = _scan(rule.pattern).search
        if joined is None or _anchored(rule.pattern):
            return [(clause_id, m.group(0)) for clause_id, text in clauses if (m := search(text))]
        # A match inside one clause is a match of the joined text (lookarounds see a line break where the
        # clause ends), so a clause with a match holds the first match of the joined text from its start on:
        # only the clauses where such a match starts are searched on their own, each once.
        text, starts = joined
        out, pos = [], 0
        if not clauses:
            return out
        while (m := search(text, pos)) is not None:
            k = bisect_right(starts, m.start()) - 1
            clause_id, own = clauses[k]
            if (found := search(own)) is not None:
                out.append((clause_id, found.group(0)))
            if k + 1 == len(clauses):
                break
            pos = starts[k + 1]
        return out
    if rule.kind == "field":
        column, value = _field(doc, rule.columns)
        return [("", f"{column}={value}")] if value and rule.pattern.search(value) else []
    if rule.kind == "instrument":
        return [(clause_id, evidence) for clause_id, side, evidence in sides if side == rule.argument]
    low, high = (int(x) for x in rule.argument.split("-"))
    year = str(doc.get("written_from", ""))[:4]
    if not year.isdigit() or not targets:
        return []
    latest = max(t[2] for t in targets)
    if low <= latest - int(year) <= high:
        return [(c, f"{matched} ({latest - int(year)} years after {year})") for c, matched, y in targets if y == latest]
    return []


def _by_document(frame: pd.DataFrame, columns: list[str]) -> dict[str, list[tuple]]:
    """doc_id -> the tuples of `columns` of its rows, in row order: one pass instead of a filter per document."""
    out: dict[str, list[tuple]] = {}
    for doc_id, *values in zip(*(frame[c].tolist() for c in ["doc_id", *columns]), strict=True):
        out.setdefault(doc_id, []).append(tuple(values))
    return out


def _fixes(table: pd.DataFrame) -> dict[str, list[tuple]]:
    return _by_document(table, ["secondary", "value", "reason"])


@lru_cache(maxsize=1)
def _default_fixes() -> dict[str, list[tuple]]:
    """The shipped override table by document, read and validated once (score_documents never changes it)."""
    return _fixes(read_overrides())


@lru_cache(maxsize=1)
def _document_fields() -> frozenset[str]:
    """The documents-table columns scoring reads: the scored row's own and those the field rules name."""
    named = {c for var in scheme() for rule in var.rules if rule.kind == "field" for c in rule.columns}
    return frozenset({"doc_id", "genre", "doc_type", "region", "written_from", *named})


def _offsets(clauses: list[tuple[str, str]]) -> list[int]:
    """Where each clause starts in the clauses' texts joined by line breaks."""
    out, at = [], 0
    for _, text in clauses:
        out.append(at)
        at += len(text) + 1
    return out


@dataclass(frozen=True)
class PMC:
    """PMC results: `scores` one row per document (in scope or not), `secondary` one row per document ×
    secondary variable, `evidence` one row per piece of evidence of a secondary set to 1. `scope_note` is
    what the scheme measures (print it beside the scores); `catalog_derived` the secondaries a catalog
    field can set, which `scores.pmc_text` leaves out."""

    scores: pd.DataFrame
    secondary: pd.DataFrame
    evidence: pd.DataFrame
    scope_note: str = ""
    catalog_derived: tuple[str, ...] = ()


def _normalised(text: str) -> str:
    return text.replace("（", "(").replace("）", ")")


def score_documents(documents: pd.DataFrame, clauses: pd.DataFrame, codes: pd.DataFrame,
                    overrides: str | Path | pd.DataFrame | None = None, evidence: pd.DataFrame | None = None) -> PMC:
    """Score every in-scope document of the documents table from its clauses and sentence codes.

    documents: the documents table (doc_id, genre, catalog columns, written_from); clauses: the
    clauses table (doc_id, clause_id, text); codes: the sentence codes table (for X7's instrument
    rules); overrides: a table or path (default data/pmc_overrides.tsv) -- rows for documents not in
    `documents` are ignored, so one table can serve several corpora; evidence: the instrument evidence
    table (`tables.instrument_evidence`), whose cues an instrument rule shows as its evidence -- needed
    when a clause of `codes` has an instrument side.
    """
    variables = scheme()
    order = primaries()
    weight = {p: sum(1 for v in variables if v.primary == p) for p in order}
    text_weight = {p: sum(1 for v in variables if v.primary == p and not v.from_catalog) for p in order}
    texts = _by_document(clauses, ["clause_id", "text"])
    coded = clause_instruments(codes, evidence)
    if evidence is None and len(coded):
        raise ValueError("score_documents: the codes table has clauses coded with an instrument side; pass "
                         "their cues as evidence= (the instrument_evidence table of the parsed corpus)")
    sides = _by_document(coded, ["clause_id", "instrument", "evidence"])
    fixes_of = _default_fixes() if overrides is None else _fixes(read_overrides(overrides))
    score_rows, secondary_rows, evidence_rows = [], [], []
    columns = [c for c in documents.columns.tolist() if c in _document_fields()]  # the rest is never read
    for record in zip(*(documents[c].tolist() for c in columns), strict=True):
        doc = dict(zip(columns, record, strict=True))
        doc_id = doc["doc_id"]
        ok, reason = in_scope(str(doc.get("genre", "")), str(doc.get("doc_type", "") or ""))
        base = (doc_id, doc.get("genre", ""), doc.get("region", ""), ok, reason)
        if not ok:
            score_rows.append((*base, *(float("nan") for _ in order), float("nan"), float("nan"), ""))
            continue
        own = [(clause_id, _normalised(text)) for clause_id, text in texts.get(doc_id, ())]
        targets = [(clause_id, m.group(0), int(m.group(1))) for clause_id, text in own
                   for m in _TARGET_YEAR.finditer(text)]
        joined = ("\n".join(text for _, text in own), _offsets(own))
        fixes = {secondary: (int(value), why) for secondary, value, why in fixes_of.get(doc_id, ())}
        sums = dict.fromkeys(order, 0)
        text_sums = dict.fromkeys(order, 0)
        for var in variables:
            hits = [(c, m, f"rule {rule.kind}") for rule in var.rules
                    for c, m in _fire(rule, doc, own, sides.get(doc_id, ()), targets, joined)]
            value, source = int(bool(hits)), "rule"
            if var.secondary in fixes:
                value, why = fixes[var.secondary]
                source = "override"
                hits = [("", why, "override")] if value else []
            sums[var.primary] += value
            if not var.from_catalog:
                text_sums[var.primary] += value
            secondary_rows.append((doc_id, var.primary, var.primary_name, var.secondary, var.name, value, source))
            evidence_rows += [(doc_id, var.secondary, c, m, src) for c, m, src in hits]
        primary = [sums[p] / weight[p] for p in order]
        total = round(sum(primary), 6)
        from_text = round(sum(text_sums[p] / text_weight[p] for p in order if text_weight[p]), 6)
        score_rows.append((*base, *primary, total, from_text, grade(total)))
    return PMC(
        scores=pd.DataFrame(score_rows, columns=["doc_id", "genre", "region", "in_scope", "scope_reason", *order,
                                                 "pmc", "pmc_text", "grade"]),
        secondary=pd.DataFrame(secondary_rows, columns=["doc_id", "primary", "primary_name", "secondary", "name",
                                                        "value", "source"]),
        evidence=pd.DataFrame(evidence_rows, columns=["doc_id", "secondary", "clause_id", "matched", "source"]),
        scope_note=scope_note(),
        catalog_derived=tuple(catalog_derived()),
    )


def from_tables(tables) -> PMC:
    """The PMC results the pipeline already holds (its `evaluation` stage scores every document with
    `score_documents` and the default overrides, data/pmc_overrides.tsv): `tables.pmc`, `tables.pmc_secondary`
    and `tables.pmc_evidence` of a parsed corpus (`policytext.parse`, or any object with those three tables
    and `documents`), with the scope note and the catalog-derived secondaries. Raises ValueError when the
    documents are not all scored (the evaluation stage switched off); call `score_documents` for other
    overrides."""
    scores = tables.pmc
    if len(scores) != len(tables.documents) or set(scores["doc_id"]) != set(tables.documents["doc_id"]):
        raise ValueError("from_tables: the pmc table does not score every document (was the evaluation stage "
                         "switched off?); score them with score_documents")
    return PMC(scores=scores, secondary=tables.pmc_secondary, evidence=tables.pmc_evidence, scope_note=scope_note(),
               catalog_derived=tuple(catalog_derived()))


def surface(scores: pd.DataFrame, doc_id: str) -> pd.DataFrame:
    """The PMC surface of one document: its X1..X9 as a 3 × 3 matrix (rows X1-X3, X4-X6, X7-X9)."""
    row = scores.set_index("doc_id").loc[doc_id]
    return pd.DataFrame([[row[v] for v in line] for line in SURFACE],
                        index=[f"{line[0]}–{line[-1]}" for line in SURFACE], columns=["1", "2", "3"])
