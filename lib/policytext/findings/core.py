"""A notebook's findings as data: the claim, what it compares, its numbers with their units, the quoted
evidence, the caveat and the conditions under which the corpus can support it.

A `Finding` shows itself in a notebook as Markdown and carries the same content as JSON (mime type
`application/vnd.policytext.finding+json`), so `scripts/findings_table.py` writes the README from the
executed notebooks and the tests check every quoted passage against the parsed corpus. A finding whose
guard fails (one region, one document per side, nothing coded) says "Not stated on this corpus" and why;
it never fills a sentence with a placeholder subject.

Builders take the parsed tables (and, where a notebook computed something costly, that result) and return
one Finding each; notebooks only display them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from .compare import UNCATALOGUED, count, genre, number
from .evidence import Quote, cut, exists
from .narrative import UNKNOWN, listing

MIME = "application/vnd.policytext.finding+json"
RARE = 0.15  # a share of codes below this is called rare


# -- the parts of a finding ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Number:
    """A number a claim rests on: what it measures, its value and unit, and the counts it is made of."""

    what: str
    value: float
    unit: str
    numerator: float | None = None
    denominator: float | None = None
    digits: int = 0

    def __str__(self) -> str:
        value = f"{self.value:.{self.digits}%}" if self.unit == "share" else f"{self.value:,.{self.digits}f}"
        unit = "" if self.unit in ("share", "") else f" {self.unit}"
        parts = f" ({_n(self.numerator)} of {_n(self.denominator)})" if self.denominator is not None else ""
        return f"{self.what}: {value}{unit}{parts}"

    def to_dict(self) -> dict:
        return {
            "what": self.what,
            "value": _plain(self.value),
            "unit": self.unit,
            "numerator": _plain(self.numerator),
            "denominator": _plain(self.denominator),
        }


@dataclass(frozen=True)
class Group:
    """One side of a comparison: a label, its documents and their genres."""

    label: str
    doc_ids: tuple[str, ...]
    genres: tuple[str, ...]

    def to_dict(self) -> dict:
        return {"label": self.label, "doc_ids": list(self.doc_ids), "genres": list(self.genres)}


@dataclass(frozen=True)
class Guard:
    """A condition the corpus must meet for the finding to be stated, and what the corpus has."""

    condition: str
    holds: bool
    observed: str

    def to_dict(self) -> dict:
        return {"condition": self.condition, "holds": bool(self.holds), "observed": self.observed}


@dataclass(frozen=True)
class Finding:
    """One claim of a notebook with everything a reader needs to judge it (see the module docstring)."""

    notebook: str
    key: str
    topic: str
    guards: tuple[Guard, ...] = ()
    claim: str = ""
    detail: str = ""
    comparison: tuple[Group, ...] = ()
    numbers: tuple[Number, ...] = ()
    evidence: tuple[Quote, ...] = ()
    caveat: str = ""
    headline: bool = False
    extra: dict = field(default_factory=dict, compare=False)

    @property
    def holds(self) -> bool:
        """True when every guard holds (the claim is stated)."""
        return all(g.holds for g in self.guards)

    @property
    def why_not(self) -> str:
        """What the corpus lacks, from the failing guards ('' when the finding holds)."""
        return "; ".join(f"{g.observed} (needs {g.condition})" for g in self.guards if not g.holds)

    @property
    def statement(self) -> str:
        """The claim, or 'Not stated on this corpus: …' with the reason."""
        return self.claim if self.holds else f"Not stated on this corpus: {self.why_not}."

    def markdown(self) -> str:
        """The finding as a notebook shows it: claim, detail, numbers, evidence, caveat."""
        if not self.holds:
            return f"**{self.topic}.** *Not stated on this corpus:* {self.why_not}."
        parts = [f"**{self.claim}**"]
        if self.detail:
            parts.append(self.detail)
        text = " ".join(parts)
        if self.numbers:
            text += "\n\n*Numbers:* " + "; ".join(str(n) for n in self.numbers) + "."
        if self.comparison:
            text += "\n\n*Compares:* " + " against ".join(_group_text(g) for g in self.comparison) + "."
        if self.evidence:
            text += "\n\n*Evidence:* " + "; ".join(str(q) for q in self.evidence) + "."
        if self.caveat:
            text += f"\n\n*Caveat:* {self.caveat}"
        return text

    def to_dict(self) -> dict:
        """The finding as JSON-ready data (key order fixed)."""
        return {
            "notebook": self.notebook,
            "key": self.key,
            "topic": self.topic,
            "headline": self.headline,
            "holds": self.holds,
            "statement": self.statement,
            "claim": self.claim if self.holds else "",
            "detail": self.detail if self.holds else "",
            "comparison": [g.to_dict() for g in self.comparison] if self.holds else [],
            "numbers": [n.to_dict() for n in self.numbers] if self.holds else [],
            "evidence": [quote_dict(q) for q in self.evidence] if self.holds else [],
            "caveat": self.caveat if self.holds else "",
            "guards": [g.to_dict() for g in self.guards],
        }

    def _repr_markdown_(self) -> str:
        return self.markdown()

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        return {"text/markdown": self.markdown(), MIME: self.to_dict(), "text/plain": self.statement}


def quote_dict(q: Quote) -> dict:
    """A Quote as data: the passage (cuts marked by flags, not by … in the text), document and clause."""
    return {
        "passage": q.passage,
        "doc_id": q.doc_id,
        "clause_id": q.clause_id,
        "cut_left": q.cut_left,
        "cut_right": q.cut_right,
    }


def quote_from(data: dict) -> Quote:
    """The Quote a `quote_dict` describes."""
    return Quote(data["passage"], data["doc_id"], data["clause_id"], bool(data["cut_left"]), bool(data["cut_right"]))


def unsupported(data: dict, clauses: pd.DataFrame) -> list[str]:
    """The quotes of a finding (its JSON data) that do not stand verbatim in the clause they name."""
    return [str(quote_from(q)) for q in data.get("evidence", []) if not exists(clauses, quote_from(q))]


def collect(nb: dict) -> list[dict]:
    """Every finding's data in an executed notebook (a dict as read by json or nbformat), in cell order."""
    found = []
    for cell in nb.get("cells", []):
        for output in cell.get("outputs", []):
            data = output.get("data", {}).get(MIME)
            if data:
                found.append(dict(data))
    return found


def not_stated(notebook: str, key: str, topic: str, guards, headline: bool = False) -> Finding:
    """A finding whose guards do not all hold: it states nothing but why."""
    return Finding(notebook, key, topic, tuple(guards), headline=headline)


# -- small helpers ---------------------------------------------------------------------------------------


def _n(x) -> str:
    if x is None:
        return ""
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.2f}"


def _plain(x):
    if x is None:
        return None
    x = float(x)
    return int(x) if x.is_integer() else round(x, 6)


def _group_text(g: Group) -> str:
    kinds = [k for k in g.genres if k != UNCATALOGUED]
    docs = listing(g.doc_ids) if len(g.doc_ids) <= 4 else count(len(g.doc_ids), "document")
    return f"{g.label}: {docs}" + (f" ({listing(kinds)})" if kinds else "")


def doc_name(tables, doc_id: str) -> str:
    """'cq-theory-2023 (theory article)', or the bare doc_id when no genre is catalogued."""
    g = genre(tables).get(doc_id, UNCATALOGUED)
    return doc_id if g == UNCATALOGUED else f"{doc_id} ({g})"


def group(tables, label: str, doc_ids) -> Group:
    """A Group of the given documents with their genres (in order of first appearance)."""
    doc_ids = tuple(doc_ids)
    g = genre(tables)
    return Group(label, doc_ids, tuple(dict.fromkeys(g[d] for d in doc_ids)))


def who(tables, ids, most: int = 4) -> str:
    """'A (genre)' or 'A and B (tied)' for the documents holding an extreme value; beyond `most` documents,
    the first few and how many others."""
    names = [doc_name(tables, d) for d in ids]
    if len(names) > most:
        names = [*names[: most - 1], f"{len(names) - most + 1} other documents"]
    return listing(names) + (" (tied)" if len(ids) > 1 else "")


def _names(ids, name, most: int = 4) -> str:
    names = [name(x) for x in ids]
    if len(names) > most:
        names = [*names[: most - 1], f"{len(names) - most + 1} others"]
    return listing(names) + (" (tied)" if len(ids) > 1 else "")


def _kinds(achievements: int, targets: int, provisions: int) -> str:
    """'4 report achievements and 1 states a target (2 state provisions)': each verb agreeing with its count."""
    text = (
        f"{achievements} {'reports an achievement' if achievements == 1 else 'report achievements'} and "
        f"{targets} {'states a target' if targets == 1 else 'state targets'}"
    )
    return text + (
        f" ({provisions} {'states a provision' if provisions == 1 else 'state provisions'}, such as a threshold)"
        if provisions
        else ""
    )


def known_regions(tables) -> list[str]:
    """Regions recorded for at least one document, in corpus order ('unknown' left out)."""
    return [r for r in dict.fromkeys(tables.documents["region"]) if str(r) not in UNKNOWN]


def at_least(n: int, needed: int, noun: str, plural: str | None = None, where: str = "the corpus has") -> Guard:
    """The guard 'at least `needed` `noun`s', observed as '`where` n nouns'."""
    return Guard(f"at least {count(needed, noun, plural)}", n >= needed, f"{where} {count(n, noun, plural)}")


def enough_documents(tables, needed: int = 2) -> Guard:
    """At least `needed` documents in the corpus."""
    return at_least(len(tables.documents), needed, "document")


def enough_regions(tables, needed: int = 2) -> Guard:
    """At least `needed` regions recorded in the catalog."""
    regions = known_regions(tables)
    return Guard(
        f"documents from at least {number(needed)} recorded regions",
        len(regions) >= needed,
        "no region is recorded"
        if not regions
        else f"the corpus has one region ({regions[0]})"
        if len(regions) == 1
        else f"the corpus has {len(regions)} regions",
    )


def per_group(tables, regions, needed: int = 2) -> Guard:
    """At least `needed` documents in each of `regions`."""
    d = tables.documents
    sizes = {r: int((d["region"] == r).sum()) for r in regions}
    short = {r: n for r, n in sizes.items() if n < needed}
    return Guard(
        f"at least {count(needed, 'document')} per region",
        not short,
        listing(f"{r} has {count(n, 'document')}" for r, n in short.items()) or "every region has enough",
    )


def thin_note(tables) -> str:
    """How far a document's figure can stand for its genre."""
    g = genre(tables)
    if (g == UNCATALOGUED).all():
        return "no genre is catalogued, so a difference between documents may be one of kind of text."
    if g.value_counts().max() == 1:
        return "each genre is one document here, so a document's figure is not its genre's."
    return "some genres hold few documents, so a document's figure is not its genre's."


def clause_quote(tables, clause_id: str, pattern: str = "", max_chars: int = 90) -> Quote | None:
    """A Quote of clause `clause_id` cut around `pattern` (a regex; its first match), or None."""
    rows = tables.clauses[tables.clauses["clause_id"] == clause_id]
    if not len(rows):
        return None
    row = rows.iloc[0]
    return cut(row["text"], row["doc_id"], clause_id, pattern, max_chars)


def literal(text: str) -> str:
    """`text` as a regex matching itself."""
    return re.escape(text)
