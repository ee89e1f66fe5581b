"""Innovation value-chain stage of a clause: basic research, technology development, transfer, industrialisation.

The codebook is data (data/value_chain.tsv: stage, include/exclude rule, pattern, example, note).
A clause is coded with one stage (the one with most distinct matched terms, ties to the later stage)
and keeps every matched stage and term as evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from ..datafiles import rows
from ..language.lexicon import context_free, join_texts, locate

STAGES = ("basic_research", "technology_development", "transfer", "industrialisation")
NONE = "none"
CODEBOOK = "value_chain.tsv"
_MASK = "\u3000"  # a masked span keeps its length (offsets stay valid) but matches no pattern


@dataclass(frozen=True)
class Rule:
    """One codebook row: the stage, include or exclude, the compiled pattern."""

    stage: str
    rule: str
    pattern: re.Pattern
    example: str
    note: str


@lru_cache(maxsize=1)
def codebook() -> tuple[Rule, ...]:
    """The rows of data/value_chain.tsv, validated."""
    out = []
    for n, cols in enumerate(rows(CODEBOOK), 1):
        if len(cols) != 5:
            raise ValueError(f"{CODEBOOK}: data row {n} has {len(cols)} columns, expected 5 (stage, rule, pattern, "
                             "example, note)")
        stage, rule, pattern, example, note = cols
        if rule not in ("include", "exclude"):
            raise ValueError(f"{CODEBOOK}: data row {n}: rule must be include or exclude, not {rule!r}")
        if stage not in STAGES and not (rule == "exclude" and stage == "*"):
            raise ValueError(f"{CODEBOOK}: data row {n}: unknown stage {stage!r} (one of {', '.join(STAGES)})")
        try:
            compiled = re.compile(pattern)
        except re.error as exc:
            raise ValueError(f"{CODEBOOK}: data row {n}: bad pattern {pattern!r}: {exc}") from exc
        out.append(Rule(stage, rule, compiled, example, note))
    return tuple(out)


def _any_of(patterns: tuple[re.Pattern, ...]) -> re.Pattern | None:
    """One pattern that matches somewhere in a text exactly when one of `patterns` does (None if none):
    a text it does not match is passed over without trying the patterns one by one."""
    if not patterns:
        return None
    if any(re.search(r"\\\d|\(\?P=", p.pattern) for p in patterns):
        return re.compile("")  # a back-reference would count its groups in the joined pattern: no screen
    try:
        return re.compile("|".join(f"(?:{p.pattern})" for p in patterns))
    except re.error:  # patterns that cannot stand side by side (a repeated group name): no screen
        return re.compile("")


@lru_cache(maxsize=8)
def _plan(rules: tuple[Rule, ...]) -> tuple[tuple, ...]:
    """Per stage, its exclusion and inclusion patterns in codebook order, each list with its screen
    (`_any_of`): sorted out once, not per text."""
    plan = []
    for stage in STAGES:
        excludes = tuple(r.pattern for r in rules if r.rule == "exclude" and r.stage in (stage, "*"))
        includes = tuple(r.pattern for r in rules if r.rule == "include" and r.stage == stage)
        plan.append((stage, _any_of(excludes), excludes, _any_of(includes), includes))
    return tuple(plan)


def _mask(match: re.Match) -> str:
    return _MASK * len(match.group(0))


def stage_matches(text: str, rules: tuple[Rule, ...] | None = None) -> dict[str, list[str]]:
    """Distinct matched terms per stage (stages without a match left out), exclusions applied."""
    return _matches(text, _plan(codebook() if rules is None else rules))


def _matches(text: str, plan) -> dict[str, list[str]]:
    text = text.replace("（", "(").replace("）", ")")
    found: dict[str, list[str]] = {}
    for stage, any_exclude, excludes, any_include, includes in plan:
        masked = text
        if any_exclude is not None and any_exclude.search(text):
            for pattern in excludes:
                masked = pattern.sub(_mask, masked)
        if any_include is None or not any_include.search(masked):
            continue
        terms = [m.group(0) for pattern in includes for m in pattern.finditer(masked) if m.group(0)]
        if terms:
            found[stage] = list(dict.fromkeys(terms))
    return found


def matches_many(texts: list[str], plan=None) -> list[dict[str, list[str]]]:
    """`stage_matches` of every text: each pattern runs once over the texts joined (`lexicon.join_texts`),
    not once per text; a text that a match runs into from outside is matched again on its own."""
    plan = _plan(codebook()) if plan is None else plan
    normal = [t.replace("（", "(").replace("）", ")") for t in texts]  # same length: offsets stay valid
    if not _joinable(plan):
        return [_matches(t, plan) for t in normal]
    joined, starts = join_texts(normal)
    found: list[dict[str, list[str]]] = [{} for _ in normal]
    redo: set[int] = set()  # texts a match or mask runs into from outside: matched again on their own

    def mask(match: re.Match) -> str:
        locate(starts, normal, *match.span(), redo)
        return _MASK * len(match.group(0))

    for stage, any_exclude, excludes, any_include, includes in plan:
        masked = joined
        if any_exclude is not None and any_exclude.search(joined):
            for pattern in excludes:  # in codebook order: one mask can hide the next pattern's match
                masked = pattern.sub(mask, masked)
        if any_include is None or not any_include.search(masked):
            continue
        for pattern in includes:
            for m in pattern.finditer(masked):
                if m.end() > m.start() and (i := locate(starts, normal, *m.span(), redo)) is not None:
                    found[i].setdefault(stage, []).append(m.group(0))
    for i, per_stage in enumerate(found):
        if i in redo:
            found[i] = _matches(normal[i], plan)
        else:
            for stage, terms in per_stage.items():
                per_stage[stage] = list(dict.fromkeys(terms))
    return found


@lru_cache(maxsize=8)
def _joinable(plan) -> bool:
    """True when every pattern of `plan` matches inside a text as it would with the text standing alone."""
    return all(context_free(p.pattern for p in patterns)
               for _stage, _any_ex, excludes, _any_in, includes in plan for patterns in (excludes, includes))


def stage_of(text: str, rules: tuple[Rule, ...] | None = None) -> str:
    """The one stage of a text: most distinct matched terms, a tie to the later stage; 'none' if no match."""
    found = stage_matches(text, rules)
    if not found:
        return NONE
    return max(found, key=lambda s: (len(found[s]), STAGES.index(s)))


STAGE_COLUMNS = ["doc_id", "clause_id", "stage", "stages", "evidence"]


def code_stages(clauses: pd.DataFrame) -> pd.DataFrame:
    """One row per clause (doc_id, clause_id, text): its stage, all matched stages and the matched terms.

    `stages` and `evidence` are ';'-joined ('stage:term' per evidence item), like the codes table.
    """
    out = []
    texts = clauses["text"].tolist()
    for doc_id, clause_id, found in zip(clauses["doc_id"].tolist(), clauses["clause_id"].tolist(),
                                        matches_many(texts), strict=True):
        stage = max(found, key=lambda s: (len(found[s]), STAGES.index(s))) if found else NONE
        out.append((doc_id, clause_id, stage, ";".join(s for s in STAGES if s in found),
                    ";".join(f"{s}:{t}" for s in STAGES for t in found.get(s, []))))
    return pd.DataFrame(out, columns=STAGE_COLUMNS)
