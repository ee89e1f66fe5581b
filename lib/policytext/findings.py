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

from .compare import UNCATALOGUED, count, genre, number, regions_title
from .evidence import Quote, cut, exists, from_row
from .narrative import TIE, UNKNOWN, leaders, listing, pct, tied

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


# -- rates of a theme: the one comparison notebooks 02-04 make ----------------------------------------------


def _densest(tables, rows: pd.DataFrame, theme: str) -> pd.Series:
    """The row of `rows` whose sentence has the most hits of `theme` (the first such): a sentence about the
    theme, not one that names it in passing."""
    hits = tables.hits[tables.hits["category"] == theme].groupby("sentence_id").size()
    n = rows["sentence_id"].map(hits).fillna(0).to_numpy()
    return rows.iloc[int(n.argmax())]


def _concentration(tables, rows: pd.DataFrame, doc_id: str, theme: str) -> str:
    """'15 of its 21 talent sentences lie in one section (5. 打造创新人才队伍).' when one section holds more
    than half of a document's sentences of `theme`, else ''."""
    section = rows["sentence_id"].str.rsplit("/", n=2).str[0]
    if section.empty:
        return ""
    top = section.value_counts()
    if top.iloc[0] * 2 <= len(rows):
        return ""
    heads = tables.sections.set_index("section_id")
    sid = top.index[0]
    name = f" ({heads.loc[sid, 'label']} {heads.loc[sid, 'heading']})".replace("( ", "(") if sid in heads.index else ""
    return (
        f" {top.iloc[0]} of its {len(rows)} {theme} sentences lie in one section{name}, so its lead comes from "
        "that section."
    )


def theme_rate(
    tables,
    theme: str,
    notebook: str,
    key: str = "",
    caveat: str = "",
    headline: bool = False,
    substance: bool = False,
) -> Finding:
    """Which document gives `theme` the largest and smallest part, per 100 sentences and per 10,000
    characters; the ratio is stated in both units, and where the units disagree the claim says so.
    With `substance`, the quoted sentence is the leader's sentence with the most hits of the theme (not
    its first, which may name the theme in passing), and the detail says when one section of the leader
    holds most of its theme sentences."""
    from .summaries import code_counts, coded_sentences, first_match

    key = key or f"{theme}-rate"
    topic = f"Which documents give {theme} the largest part"
    counts = code_counts(tables)[theme].astype(int)
    guards = [
        enough_documents(tables),
        at_least(int(counts.sum()), 1, f"sentence coded {theme}", f"sentences coded {theme}"),
    ]
    if not all(g.holds for g in guards):
        return not_stated(notebook, key, topic, guards, headline)
    d = tables.documents.set_index("doc_id")
    sentences, chars = d["sentences"].reindex(counts.index), d["clean_chars"].reindex(counts.index)
    per100 = counts / sentences * 100
    per10k = counts / chars * 10_000
    hi, lo = tied(per100), tied(per100, largest=False)
    a, b = per100[hi[0]], per100[lo[0]]
    if len(hi) > 1:
        claim = (
            f"{who(tables, hi)} give {theme} the largest part, about {a:.0f} {theme} sentences per 100 sentences "
            f"each (a tie within {TIE:.0%})"
        )
    elif b == 0:
        claim = (
            f"{doc_name(tables, hi[0])} gives {theme} the largest part, {a:.0f} {theme} sentences per 100 "
            f"sentences, while {who(tables, lo)} {'has' if len(lo) == 1 else 'have'} none"
        )
    else:
        claim = (
            f"{doc_name(tables, hi[0])} has {a / b:.1f} times as many {theme} sentences per 100 sentences as "
            f"{who(tables, lo)}: {a:.0f} against {b:.0f}"
        )
    claim += "."
    # The same contrast by length in characters: long sentences make a sentence count favour a text.
    hi_c, lo_c = tied(per10k), tied(per10k, largest=False)
    ca, cb = per10k[hi[0]], per10k[lo[0]]
    if set(hi_c) == set(hi) and set(lo_c) == set(lo):
        detail = (
            f"Per 10,000 characters the order is the same, {ca:.0f} against {cb:.0f}"
            + (f" ({ca / cb:.1f} times)" if cb and len(hi) == 1 else "")
            + "."
        )
    else:
        detail = (
            f"Per 10,000 characters the order differs: {who(tables, hi_c)} {'leads' if len(hi_c) == 1 else 'lead'} "
            f"with {per10k[hi_c[0]]:.0f} and {who(tables, lo_c)} {'is' if len(lo_c) == 1 else 'are'} lowest with "
            f"{per10k[lo_c[0]]:.0f}, so which text gives {theme} more depends on the unit."
        )
    coded = coded_sentences(tables, theme)
    own = coded[coded["doc_id"] == hi[0]]
    example = _densest(tables, own, theme) if substance else own.iloc[0]
    q = from_row(example, literal(first_match(tables, example["sentence_id"], theme)))
    if substance:
        detail += _concentration(tables, own, hi[0], theme)
    numbers = tuple(
        Number(f"{theme} sentences in {doc}", v, "per 100 sentences", int(counts[doc]), int(sentences[doc]))
        for doc, v in ((hi[0], a), (lo[0], b))
    ) + tuple(
        Number(f"{theme} sentences in {doc}", v, "per 10,000 characters", int(counts[doc]), int(chars[doc]))
        for doc, v in ((hi[0], ca), (lo[0], cb))
    )
    return Finding(
        notebook,
        key,
        topic,
        tuple(guards),
        claim,
        detail,
        (group(tables, "highest", hi), group(tables, "lowest", lo)),
        numbers,
        (q,),
        " ".join(x for x in (thin_note(tables), caveat) if x),
        headline,
    )


def rate_in_range(
    tables, theme: str, inside: str, against: str, notebook: str, key: str = "", headline: bool = False
) -> Finding:
    """Whether the `theme` rate of each `inside` document lies within the range of the `against` documents,
    per 100 sentences and per 10,000 characters (the claim says so when the two units disagree)."""
    from .summaries import code_counts

    key = key or f"{theme}-range"
    topic = f"Whether {inside} texts give {theme} a part {against} texts do not"
    d = tables.documents.set_index("doc_id")
    a, b = d.index[d["region"] == inside].tolist(), d.index[d["region"] == against].tolist()
    guards = [at_least(len(a), 1, f"{inside} document"), at_least(len(b), 2, f"{against} document")]
    if not all(g.holds for g in guards):
        return not_stated(notebook, key, topic, guards, headline)
    counts = code_counts(tables)[theme].astype(int)
    per100 = counts / d["sentences"].reindex(counts.index) * 100
    per10k = counts / d["clean_chars"].reindex(counts.index) * 10_000

    def verdicts(rate):
        lo, hi = rate[b].min(), rate[b].max()
        return {x: lo <= rate[x] <= hi for x in a}, lo, hi

    inside100, lo100, hi100 = verdicts(per100)
    inside10k, lo10k, hi10k = verdicts(per10k)
    doc = a[0]
    where = "inside" if inside100[doc] else "outside"
    claim = (
        f"{doc_name(tables, doc)}, {'the one' if len(a) == 1 else 'a'} {inside} document, has {per100[doc]:.0f} "
        f"{theme} sentences per 100 sentences, {where} the range of the {count(len(b), against + ' document')} "
        f"({lo100:.0f}–{hi100:.0f})."
    )
    same = inside100[doc] == inside10k[doc]
    detail = (
        f"Per 10,000 characters it is {per10k[doc]:.0f}, {'also ' if same else ''}"
        f"{'inside' if inside10k[doc] else 'outside'} their range ({lo10k:.0f}–{hi10k:.0f})"
        + ("." if same else ", so the verdict depends on the unit.")
    )
    if len(a) > 1:  # several documents: how many lie inside, in each unit
        n100, n10k = sum(inside100.values()), sum(inside10k.values())
        claim = (
            f"{n100} of the {count(len(a), inside + ' document')} have a {theme} rate inside the range of the "
            f"{count(len(b), against + ' document')} ({lo100:.0f}–{hi100:.0f} {theme} sentences per 100 sentences)."
        )
        detail = f"Per 10,000 characters, {n10k} of them lie inside their range ({lo10k:.0f}–{hi10k:.0f})" + (
            "." if n100 == n10k else ", so the count depends on the unit."
        )
    return Finding(
        notebook,
        key,
        topic,
        tuple(guards),
        claim,
        detail,
        (group(tables, inside, a), group(tables, against, b)),
        (
            Number(
                f"{theme} sentences in {doc}",
                per100[doc],
                "per 100 sentences",
                int(counts[doc]),
                int(d.loc[doc, "sentences"]),
            ),
            Number(
                f"{theme} sentences in {doc}",
                per10k[doc],
                "per 10,000 characters",
                int(counts[doc]),
                int(d.loc[doc, "clean_chars"]),
            ),
        ),
        (),
        f"the comparison is {regions_title(tables, [inside, against])}: a rate inside the other city's range says "
        "the city does not stand out, not that the cities agree.",
        headline,
    )


# -- 00 · corpus ---------------------------------------------------------------------------------------------


def genre_confound(tables, notebook: str = "00_corpus_overview", headline: bool = False) -> Finding:
    """Whether any genre holds documents from every region: the only like-for-like city comparisons."""
    from .compare import shared_genres

    topic = "Whether city and genre can be told apart"
    g = genre(tables)
    catalogued = int((g != UNCATALOGUED).sum())
    guards = [
        enough_regions(tables),
        at_least(catalogued, 1, "document with a catalogued genre", "documents with a catalogued genre"),
    ]
    if not all(x.holds for x in guards):
        return not_stated(notebook, key="genre-confound", topic=topic, guards=guards, headline=headline)
    d = tables.documents.assign(genre=lambda x: x["doc_id"].map(g))
    regions = known_regions(tables)
    d = d[d["region"].isin(regions)]
    genres = sorted(d["genre"].unique())
    both = shared_genres(tables, regions)
    title = regions_title(tables, regions)
    if both:
        claim = (
            f"City can be compared within {count(len(both), 'genre')} only: {len(both)} of the "
            f"{count(len(genres), 'genre')} ({listing(both)}) {'holds' if len(both) == 1 else 'hold'} documents "
            f"from every region."
        )
    else:
        claim = (
            f"City and genre cannot be separated in this corpus: none of the {count(len(genres), 'genre')} "
            f"holds documents from every region."
        )
    return Finding(
        notebook,
        "genre-confound",
        topic,
        tuple(guards),
        claim,
        f"A comparison of the regions is {title}.",
        tuple(group(tables, r, d.loc[d["region"] == r, "doc_id"]) for r in regions),
        (Number("genres holding documents from every region", len(both), "genres", len(both), len(genres)),),
        (),
        "every city contrast in the later notebooks is labelled with the genres it compares; only "
        "documents of a shared genre would make it a comparison of cities.",
        headline,
    )


def cleaning_share(tables, notebook: str = "00_corpus_overview", headline: bool = False) -> Finding:
    """Which document keeps the smallest share of its characters as policy text, and what was cut."""
    topic = "Which document cleaning cut most"
    guards = [enough_documents(tables)]
    if not guards[0].holds:
        return not_stated(notebook, "cleaning-share", topic, guards, headline)
    d = tables.documents.set_index("doc_id")
    share = d["clean_chars"] / d["n_chars"].where(d["n_chars"] > 0)
    low = leaders(share, largest=False)
    total = d["clean_chars"].sum() / d["n_chars"].sum()
    first = low[0]
    removed = tables.removed[tables.removed["doc_id"] == first]
    reasons = removed["reason"].value_counts()
    top = leaders(reasons) if len(reasons) else []
    claim = (
        f"{who(tables, low)} {'keeps' if len(low) == 1 else 'keep'} the smallest share of "
        f"{'its' if len(low) == 1 else 'their'} "
        f"characters as policy text: {pct(share[first], 1)}, against {pct(total, 1)} for the corpus."
    )
    detail = (
        f"Of its {count(len(removed), 'removed line')}, the most are removed as "
        f"{listing(f'`{r}`' for r in top)} ({reasons[top[0]]}{' each' if len(top) > 1 else ''})."
        if top
        else ""
    )
    src = str(d.loc[first, "source"]) if "source" in d else ""
    return Finding(
        notebook,
        "cleaning-share",
        topic,
        tuple(guards),
        claim,
        detail,
        (group(tables, "lowest", low), group(tables, "corpus", d.index)),
        (
            Number(
                f"characters kept in {first}",
                share[first],
                "share",
                int(d.loc[first, "clean_chars"]),
                int(d.loc[first, "n_chars"]),
            ),
            Number(
                "characters kept in the corpus", total, "share", int(d["clean_chars"].sum()), int(d["n_chars"].sum())
            ),
        ),
        (),
        "the cleaning rules were written from these pages and generic web chrome; a new site may need a "
        "new rule" + (f"; {first} comes from {src}." if src and src not in UNKNOWN else "."),
        headline,
    )


def own_vocabulary(tables, notebook: str = "00_corpus_overview", headline: bool = False) -> Finding:
    """Which documents have the largest share of words no other document uses (a near tie, within TIE,
    is said as a tie), set against the lowest, with the spread of the rest and the top own word."""
    from .glossary import gloss
    from .summaries import own_vocabulary as own_table

    topic = "Which document has the most vocabulary of its own"
    guards = [enough_documents(tables, 3)]
    if not guards[0].holds:
        return not_stated(notebook, "own-vocabulary", topic, guards, headline)
    own = own_table(tables)
    share = own["own_share"]
    hi, lo = tied(share), tied(share, largest=False)
    h, lw = hi[0], lo[0]
    if len(hi) > 1:
        claim = (
            f"{who(tables, hi)} have the largest share of words no other document uses, "
            f"{listing(pct(share[x], 1) for x in hi)} of their content tokens (a lead under "
            f"{TIE:.0%} of the share counts as a tie), against {pct(share[lw], 1)} for {who(tables, lo)}."
        )
    else:
        claim = (
            f"{who(tables, hi)} has the largest share of words no other document uses, {pct(share[h], 1)} of its "
            f"content tokens, against {pct(share[lw], 1)} for {who(tables, lo)}."
        )
    rest = share.drop(index=lo)
    detail = (
        f"{count(len(rest), 'document')} of {len(share)} lie between {pct(rest.min(), 1)} and {pct(rest.max(), 1)}; "
        "the order among them depends on tokenisation choices (which place names are left out)."
    )
    longest = own["tokens"].idxmax()
    if len(hi) == 1:
        detail += (
            f" {h} is also the longest document ({own.loc[h, 'tokens']:,} tokens)."
            if longest == h
            else f" It is not the longest document ({longest} has {own.loc[longest, 'tokens']:,} tokens "
            f"against its {own.loc[h, 'tokens']:,})."
        )
    word = own.loc[h, "top_own"]
    q = None
    if word:
        sents = tables.sentences[tables.sentences["doc_id"] == h]
        rows = sents[sents["text"].str.contains(word, regex=False)]
        q = from_row(rows.iloc[0], literal(word)) if len(rows) else None
        in_text = int(sents["text"].str.count(literal(word)).sum())
        detail += (
            f" The most frequent such word of {h} is {gloss(word)}: {in_text} times in its text, "
            f"{own.loc[h, 'top_own_count']} of them as a word of its own (the rest inside longer words)."
            if in_text > own.loc[h, "top_own_count"]
            else f" The most frequent such word of {h} is {gloss(word)} ({own.loc[h, 'top_own_count']} times)."
        )
    return Finding(
        notebook,
        "own-vocabulary",
        topic,
        tuple(guards),
        claim,
        detail,
        (group(tables, "highest", hi), group(tables, "lowest", lo)),
        tuple(
            Number(
                f"content tokens of {x} used by no other document",
                own.loc[x, "own_share"],
                "share",
                int(own.loc[x, "own_tokens"]),
                int(own.loc[x, "tokens"]),
            )
            for x in (*hi, lw)
        ),
        (q,) if q else (),
        "the share falls as documents are added to the corpus; " + thin_note(tables),
        headline,
    )


# -- 01 · ecosystems -----------------------------------------------------------------------------------------


def ecosystem_coverage(tables, notebook: str = "01_innovation_ecosystems", headline: bool = False) -> Finding:
    """A check of the method: how broad the ecosystem code is, as the range of the share of each document's
    sentences it covers (its lexicon is the core vocabulary of S&T policy, so it is broad by construction)."""
    from .summaries import code_counts, coded_sentences

    topic = "Method check: how broad the ecosystem code is"
    counts = code_counts(tables)["ecosystem"].astype(int)
    guards = [
        enough_documents(tables),
        at_least(int(counts.sum()), 1, "sentence coded ecosystem", "sentences coded ecosystem"),
    ]
    if not all(g.holds for g in guards):
        return not_stated(notebook, "ecosystem-coverage", topic, guards, headline)
    sentences = tables.documents.set_index("doc_id")["sentences"].reindex(counts.index)
    share = counts / sentences
    hi, lo = tied(share), tied(share, largest=False)
    broad = share.min() >= 0.5
    claim = (
        "Method check: the ecosystem code is broad"
        + (", covering most sentences of every document" if broad else "")
        + f", from {pct(share[lo[0]], 1)} of the sentences in {who(tables, lo)} to {pct(share[hi[0]], 1)} in "
        f"{who(tables, hi)}."
    )
    detail = (
        "Its lexicon is the core vocabulary of S&T policy (科技成果, 实验室, 企业创新, 成果转化), so it also "
        "matches sentences that mention these in passing; it describes how much of a text speaks this "
        "vocabulary, and the platform counts above are the measure of what the texts build."
    )
    coded = coded_sentences(tables, "ecosystem")
    rows = coded[coded["doc_id"] == lo[0]]
    q = from_row(rows.iloc[0]) if len(rows) else None
    return Finding(
        notebook,
        "ecosystem-coverage",
        topic,
        tuple(guards),
        claim,
        detail,
        (group(tables, "lowest", lo), group(tables, "highest", hi)),
        tuple(
            Number(f"sentences of {x} coded ecosystem", share[x], "share", int(counts[x]), int(sentences[x]))
            for x in (lo[0], hi[0])
        ),
        (q,) if q else (),
        "the ecosystem theme agrees only moderately with hand coding (κ 0.59 on the seed clauses the rules were "
        "written on, docs/agreement.md), and no precision or recall is measured, so the direction of the error "
        "is not known.",
        headline,
    )


JOINT = "Chengdu–Chongqing"  # the gazetteer's jurisdiction of a place the two cities hold together


def _sentence_quotes(tables, sentence_ids, name: str, most: int = 2) -> list[Quote]:
    out = []
    for sid in sentence_ids[:most]:
        rows = tables.sentences[tables.sentences["sentence_id"] == sid]
        if len(rows):
            pattern = literal(name)
            out.append(from_row(rows.iloc[0], pattern if re.search(pattern, rows.iloc[0]["text"]) else ""))
    return out


def shared_platforms(tables, notebook: str = "01_innovation_ecosystems", headline: bool = False) -> Finding:
    """Platforms and institutions named in texts of more than one region, sorted into what a shared name
    can mean: one joint place (jurisdiction Chengdu–Chongqing, or a 成渝/川渝/双城 name), a national
    designation each city holds or seeks for its own facility (data/designations.txt), an institution both
    work with, or another platform; and the names the rules found in both regions' texts that the
    gazetteer lacks (not counted, but named, since a joint platform may be among them)."""
    from .summaries import designations, shared_entities

    topic = "Which platforms texts of different regions both name"
    guards = [enough_regions(tables)]
    if not guards[0].holds:
        return not_stated(notebook, "shared-platforms", topic, guards, headline)
    named = tables.entities[tables.entities["type"].isin(["platform", "institution"])]
    total = named["key"].nunique()
    shared = shared_entities(tables).sort_values(
        ["type", "documents", "key"], ascending=[False, False, True], ignore_index=True
    )
    candidates = shared_entities(tables, table="entity_candidates")
    regions = known_regions(tables)
    d = tables.documents
    comparison = tuple(group(tables, r, d.loc[d["region"] == r, "doc_id"]) for r in regions)
    owner = named.drop_duplicates("key").set_index("key")["jurisdiction"]
    generic = designations()

    def sort(row) -> str:
        if owner.get(row["key"], "") == JOINT or re.search("成渝|川渝|双城", row["name"]):
            return "joint"
        if row["key"] in generic:
            return "designation"
        return "institution" if row["type"] == "institution" else "platform"

    shared = shared.assign(sort=shared.apply(sort, axis=1) if len(shared) else pd.Series(dtype=str))
    by = {k: shared.loc[shared["sort"] == k] for k in ("joint", "designation", "institution", "platform")}
    rule_note = (
        f" The rules also find {listing(candidates['name'])} in texts of both regions "
        f"({count(int(candidates['documents'].sum()), 'document')}), a name the gazetteer lacks and so "
        "not counted here."
        if len(candidates)
        else ""
    )
    if shared.empty:
        claim = (
            f"No platform or institution is named in texts of more than one region "
            f"(0 of {count(total, 'distinct name')})."
        )
        return Finding(
            notebook,
            "shared-platforms",
            topic,
            tuple(guards),
            claim,
            rule_note.strip(),
            comparison,
            (Number("names shared across regions", 0, "names", 0, total),),
            (),
            f"the comparison is {regions_title(tables, regions)}.",
            headline,
        )
    joint = by["joint"]
    if joint.empty:
        head = "none of them is a joint place of the two cities"
    else:
        head = (
            f"{len(joint)} {'is a' if len(joint) == 1 else 'are'} joint "
            f"{'place' if len(joint) == 1 else 'places'} of the two cities ({listing(joint['name'])})"
        )
    parts = []
    if len(by["designation"]):
        n = len(by["designation"])
        parts.append(
            f"{n} {'is a national designation' if n == 1 else 'are national designations'} that each city "
            f"holds or seeks for a facility of its own ({listing(by['designation']['name'])})"
        )
    if len(by["institution"]):
        n = len(by["institution"])
        parts.append(
            f"{n} {'is an institution' if n == 1 else 'are institutions'} both work with "
            f"({listing(by['institution']['name'])})"
        )
    if len(by["platform"]):
        n = len(by["platform"])
        other = "is another platform" if n == 1 else "are other platforms"
        parts.append(f"{n} {other} ({listing(by['platform']['name'])})")
    claim = (
        f"{len(shared)} of {count(total, 'distinct platform and institution', 'distinct platforms and institutions')} "
        f"are named in texts of more than one region, and {head}"
        + (f"; {listing(parts)}." if parts else ".")
    )
    first = joint.iloc[0] if len(joint) else shared.iloc[0]
    quotes = _sentence_quotes(tables, first["sentences"].split(";"), first["name"])
    if len(candidates):
        c = candidates.sort_values(["documents", "key"], ascending=[False, True]).iloc[0]
        quotes += _sentence_quotes(tables, c["sentences"].split(";"), c["name"], most=1)
    detail = (
        f"{first['name']} is named in {first['documents']} documents of {first['regions'].replace(';', ' and ')}."
        + rule_note
    )
    return Finding(
        notebook,
        "shared-platforms",
        topic,
        tuple(guards),
        claim,
        detail,
        comparison,
        (
            Number("names shared across regions", len(shared), "names", len(shared), total),
            Number("shared names that are one joint place", len(joint), "names", len(joint), len(shared)),
            Number("shared names that are national designations", len(by["designation"]), "names",
                   len(by["designation"]), len(shared)),
            Number("shared names that are institutions", len(by["institution"]), "names", len(by["institution"]),
                   len(shared)),
        ),
        tuple(quotes),
        f"the comparison is {regions_title(tables, regions)}; only names in the gazetteer are counted, so a name "
        "the rules find but the gazetteer lacks is left out of the count however often it is named (it is "
        "listed for review), and the same place named differently in the two cities' texts is missed.",
        headline,
    )


# -- 02 · talent ---------------------------------------------------------------------------------------------


def _rule_programmes(tables) -> str:
    """' The rules also find X (doc) in talent sentences, …' for programme names the gazetteer lacks."""
    from .summaries import coded_sentences

    talent = set(coded_sentences(tables, "talent")["sentence_id"])
    c = tables.entity_candidates
    c = c[(c["type"] == "programme") & c["sentence_id"].isin(talent)].drop_duplicates(["doc_id", "key"])
    if c.empty:
        return ""
    return (
        f" The rules also find {listing(f'{n} ({d})' for n, d in zip(c['name'], c['doc_id'], strict=True))} in "
        "talent sentences, not counted: names the gazetteer lacks may be generic (a city's key talent programmes)."
    )


def talent_programmes(tables, notebook: str = "02_talent_policy", headline: bool = False) -> Finding:
    """Which documents name talent programmes of their own (gazetteer kind programme, in talent sentences;
    plans and 《…》 titles are not programmes), per 10,000 characters; rule-found programme names the
    gazetteer lacks are named in the detail, not counted."""
    from .compare import per_length
    from .summaries import talent_programmes as programmes_table

    topic = "Which documents name talent programmes of their own"
    programmes = programmes_table(tables)
    own = programmes[programmes["talent_by_name"] & ~programmes["name"].str.startswith("《")]
    guards = [
        enough_documents(tables),
        at_least(len(own), 1, "talent programme named as a text's own", "talent programmes named as a text's own"),
    ]
    if not all(g.holds for g in guards):
        return not_stated(notebook, "talent-programmes", topic, guards, headline)
    counts = own.groupby("doc_id").size().reindex(tables.documents["doc_id"], fill_value=0)
    rate = per_length(counts, tables)
    holders = rate[rate > 0]
    top = tied(holders)
    chars = tables.documents.set_index("doc_id")["clean_chars"]
    claim = (
        f"{count(len(holders), 'document')} of {len(rate)} {'names' if len(holders) == 1 else 'name'} talent "
        f"programmes of {'its' if len(holders) == 1 else 'their'} own, most densely "
        f"{who(tables, top)}: {rate[top[0]]:.0f} per 10,000 characters."
    )
    names = own.loc[own["doc_id"] == top[0], "name"].tolist()
    first = own[own["doc_id"] == top[0]].iloc[0]
    rows = tables.sentences[tables.sentences["sentence_id"] == first["sentence_id"]]
    q = from_row(rows.iloc[0], literal(first["name"])) if len(rows) else None
    return Finding(
        notebook,
        "talent-programmes",
        topic,
        tuple(guards),
        claim,
        f"{top[0]} names {listing(names)}." + _rule_programmes(tables),
        (group(tables, "naming programmes", holders.index), group(tables, "naming none", rate.index[rate == 0])),
        tuple(
            Number(f"own talent programmes in {x}", rate[x], "per 10,000 characters", int(counts[x]), int(chars[x]))
            for x in holders.sort_values(ascending=False).index
        ),
        (q,) if q else (),
        "a bureau's own plan naturally names its programmes, a report of interviews fewer; " + thin_note(tables),
        headline,
    )


# Words before a count of people that make it a present stock (目前…具有…人员约200人): a headcount of existing
# staff describes a resource, not what a talent policy achieved or aims for, so people_counts sets it aside.
STOCK = re.compile("目前|现有|具有|拥有")


def _stock(row) -> bool:
    before = str(row["sentence"]).split(str(row["surface"]))[0]
    return bool(STOCK.search(before))


def people_counts(tables, notebook: str = "02_talent_policy", headline: bool = False) -> Finding:
    """The counts of people and of teams in talent sentences (indicator measures 'people' and 'teams'),
    document by document, as achievements or targets; headcounts of existing staff (a present stock, STOCK)
    are set aside and named. No overall verdict ('mostly reported'): the counts are few and each document's
    kind goes with its genre (a report reports, a plan sets targets), so they are given by document."""
    from .summaries import coded_indicators

    topic = "Whether counts of people and teams are reported or promised"
    numbers = coded_indicators(tables, "talent")
    counted = numbers[numbers["measures"].isin(["people", "teams"])]
    stock = counted[counted.apply(_stock, axis=1)] if len(counted) else counted
    people = counted.drop(index=stock.index)
    guards = [
        at_least(len(people), 1, "count of people or teams in a talent sentence",
                 "counts of people or teams in talent sentences")
    ]
    if not guards[0].holds:
        return not_stated(notebook, "people-counts", topic, guards, headline)
    kinds = people["kind"].value_counts()
    ach, tgt = int(kinds.get("achievement", 0)), int(kinds.get("target", 0))
    other = len(people) - ach - tgt
    docs = list(dict.fromkeys(people["doc_id"]))
    per_doc = []
    for x in docs:
        k = people.loc[people["doc_id"] == x, "kind"].value_counts()
        bits = [f"{int(k[c])} {'achievement' if c == 'achievement' else c}{'s' if k[c] > 1 else ''}"
                for c in ("achievement", "target", "provision") if c in k]
        per_doc.append(f"{doc_name(tables, x)} {listing(bits)}")
    claim = (
        f"Talent sentences state {count(len(people), 'count of people or teams', 'counts of people or teams')} "
        f"in {count(len(docs), 'document')}: {_kinds(ach, tgt, other)}; by document, {'; '.join(per_doc)}."
    )
    detail = (
        f"Set aside as headcounts of existing staff, not talent achievements: {listing(stock['surface'])} "
        f"({listing(dict.fromkeys(stock['sentence_id']))}, a sentence describing a present stock)."
        if len(stock)
        else ""
    )
    quotes = []
    for kind in ("achievement", "target"):
        rows = people[people["kind"] == kind]
        if len(rows):
            quotes.append(from_row(rows.iloc[0], literal(rows.iloc[0]["surface"])))
    return Finding(
        notebook,
        "people-counts",
        topic,
        tuple(guards),
        claim,
        detail,
        (group(tables, "documents with counts of people or teams", docs),),
        (
            Number("achievements among counts of people and teams", ach, "counts", ach, len(people)),
            Number("targets among counts of people and teams", tgt, "counts", tgt, len(people)),
            Number("headcounts of existing staff set aside", len(stock), "counts"),
        ),
        tuple(quotes),
        "achievement and target are read from cues (已/累计/新增 against 力争/将/目标); counts of different kinds "
        "of people (teams, academicians, postdocs) are not added up, and a total across documents mixes genres.",
        headline,
    )


# -- 03 · finance --------------------------------------------------------------------------------------------


def one_region_instruments(tables, notebook: str = "03_st_finance", headline: bool = False) -> Finding:
    """Named finance instruments found in one region's texts only, when each region has several texts."""
    from .summaries import lexicon_counts, lexicon_patterns

    topic = "Which finance instruments one region names alone"
    regions = known_regions(tables)
    guards = [enough_regions(tables)]
    if guards[0].holds:
        guards.append(per_group(tables, regions))
    if not all(g.holds for g in guards):
        return not_stated(notebook, "one-region-instruments", topic, guards, headline)
    instruments, glosses = lexicon_counts(tables, "finance_instruments.tsv")
    instruments = instruments.loc[:, instruments.sum() > 0]
    region = tables.documents.set_index("doc_id")["region"]
    known = instruments[region[instruments.index].isin(regions).to_numpy()]
    reach = (known > 0).groupby(region[known.index]).sum().T
    one_sided = reach[(reach > 0).sum(axis=1) == 1]
    d = tables.documents
    comparison = tuple(group(tables, r, d.loc[d["region"] == r, "doc_id"]) for r in regions)
    if one_sided.empty:
        return Finding(
            notebook,
            "one-region-instruments",
            topic,
            tuple(guards),
            f"Every one of the {count(instruments.shape[1], 'named finance instrument')} found is named in more "
            "than one region's texts.",
            "",
            comparison,
            (Number("instruments named in one region only", 0, "instruments", 0, instruments.shape[1]),),
            (),
            f"the comparison is {regions_title(tables, regions)}.",
            headline,
        )
    order = sorted(one_sided.index, key=lambda k: (-one_sided.loc[k].max(), k))
    top = order[0]
    side = one_sided.columns[one_sided.loc[top].argmax()]
    holder = known.index[(known[top] > 0) & (region[known.index] == side)][0]
    pattern = lexicon_patterns("finance_instruments.tsv")[top]
    rows = tables.sentences[(tables.sentences["doc_id"] == holder) & tables.sentences["text"].str.contains(pattern)]
    q = from_row(rows.iloc[0], pattern) if len(rows) else None
    n_side = int((d["region"] == side).sum())
    claim = (
        f"{len(one_sided)} of {count(instruments.shape[1], 'named finance instrument')} appear in one region's texts "
        f"only; the most widespread, {top} ({glosses[top]}), is named in {one_sided.loc[top, side]} of {n_side} "
        f"{side} documents and in none of the others."
    )
    return Finding(
        notebook,
        "one-region-instruments",
        topic,
        tuple(guards),
        claim,
        "",
        comparison,
        (
            Number(
                "instruments named in one region only",
                len(one_sided),
                "instruments",
                len(one_sided),
                instruments.shape[1],
            ),
            Number(
                f"{side} documents naming {top}",
                int(one_sided.loc[top, side]),
                "documents",
                int(one_sided.loc[top, side]),
                n_side,
            ),
        ),
        (q,) if q else (),
        f"the comparison is {regions_title(tables, regions)}; absence from a few texts is not absence from "
        "a city's policy.",
        headline,
    )


def money_kinds(tables, notebook: str = "03_st_finance", headline: bool = False) -> Finding:
    """Whether the amounts of money the texts state are reported or promised."""
    topic = "Whether amounts of money are reported or promised"
    money = tables.indicators[tables.indicators["unit"] == "元"]
    guards = [at_least(len(money), 1, "amount in yuan", "amounts in yuan")]
    if not guards[0].holds:
        return not_stated(notebook, "money-kinds", topic, guards, headline)
    kinds = money["kind"].value_counts()
    ach, tgt = int(kinds.get("achievement", 0)), int(kinds.get("target", 0))
    other = len(money) - ach - tgt
    verdict = (
        "mostly reported"
        if ach > len(money) / 2
        else "mostly promised"
        if tgt > len(money) / 2
        else "neither mostly reported nor mostly promised"
    )
    claim = f"Amounts of money are {verdict}: of {count(len(money), 'amount')} in yuan, {_kinds(ach, tgt, other)}."
    by_doc = money["doc_id"].value_counts()
    top = leaders(by_doc)
    quotes = []
    for kind in ("achievement", "target"):
        rows = money[money["kind"] == kind]
        if len(rows):
            quotes.append(from_row(rows.iloc[0], literal(rows.iloc[0]["surface"])))
    return Finding(
        notebook,
        "money-kinds",
        topic,
        tuple(guards),
        claim,
        f"{who(tables, top)} {'states' if len(top) == 1 else 'state'} the most of them ({by_doc[top[0]]} "
        f"of {len(money)}{' each' if len(top) > 1 else ''}).",
        (group(tables, "documents stating amounts", by_doc.index),),
        (
            Number("achievements among amounts in yuan", ach, "amounts", ach, len(money)),
            Number("targets among amounts in yuan", tgt, "amounts", tgt, len(money)),
        ),
        tuple(quotes),
        "the amounts measure different things (a market's turnover, a loan volume, a fund), so they are "
        "neither summed nor ranked; the kind is read from cues.",
        headline,
    )


# -- 04 · Chengdu and Chongqing ------------------------------------------------------------------------------


def keyness_contrast(
    tables,
    k: pd.DataFrame,
    side_a: list,
    side_b: list,
    labels=("Chengdu", "Chongqing"),
    notebook: str = "04_chengdu_chongqing_cooperation",
    headline: bool = False,
) -> Finding:
    """The word that leans furthest to each side of a keyness table (`policytext.keyness`)."""
    from .glossary import gloss

    a, b = labels
    topic = f"Which words set {a} and {b} apart"
    guards = [
        at_least(len(side_a), 1, f"{a} document", where="the corpus has"),
        at_least(len(side_b), 1, f"{b} document", where="the corpus has"),
    ]
    if all(g.holds for g in guards):
        guards.append(
            Guard("a word to rank", not k.empty, "the two sides share no counted word" if k.empty else "words")
        )
    if not all(g.holds for g in guards):
        return not_stated(notebook, "keyness", topic, guards, headline)
    top_a, top_b = k.iloc[0], k.iloc[-1]
    significant = bool(k.attrs.get("significance"))
    who_a = f"the {a} side" if len(side_a) > 1 else f"the one {a} document"
    who_b = f"the {b} side" if len(side_b) > 1 else f"the one {b} document"
    per = 1000 / max(1, int(k["count_a"].sum())), 1000 / max(1, int(k["count_b"].sum()))  # occurrences per 1,000 tokens
    claim = (
        f"{gloss(top_a['term'])} leans furthest to {who_a} ({int(top_a['count_a'])} against "
        f"{int(top_a['count_b'])} occurrences, {top_a['count_a'] * per[0]:.1f} against {top_a['count_b'] * per[1]:.1f} "
        f"per 1,000 tokens of each side), {gloss(top_b['term'])} to {who_b} ({int(top_b['count_a'])} against "
        f"{int(top_b['count_b'])}, in {int(top_b['docs_b'])} of {len(side_b)} {b} documents)."
    )
    detail = (
        "Both at p < 0.01."
        if significant and max(top_a["p"], top_b["p"]) < 0.01
        else "The ranking only describes these texts: with one document on a side no word is called significant."
        if not significant
        else ""
    )
    qa = next((q for x in side_a if (q := _first_quote(tables, x, literal(top_a["term"])))), None)
    qb = next((q for x in side_b if (q := _first_quote(tables, x, literal(top_b["term"])))), None)
    return Finding(
        notebook,
        "keyness",
        topic,
        tuple(guards),
        claim,
        detail,
        (group(tables, a, side_a), group(tables, b, side_b)),
        (
            Number(f"z-score of {top_a['term']}", float(top_a["z"]), "(log-odds, positive = " + a + ")", digits=1),
            Number(f"z-score of {top_b['term']}", float(top_b["z"]), "(log-odds, positive = " + a + ")", digits=1),
        ),
        tuple(q for q in (qa, qb) if q),
        f"the comparison is {regions_title(tables, [a, b])}; a word of one genre's idiom leans to the city "
        "that wrote that genre.",
        headline,
    )


def _first_quote(tables, doc_id: str, pattern: str) -> Quote | None:
    s = tables.sentences
    rows = s[(s["doc_id"] == doc_id) & s["text"].str.contains(pattern, regex=True)]
    return from_row(rows.iloc[0], pattern) if len(rows) else None


def shared_initiatives(
    tables,
    side_a: list,
    side_b: list,
    labels=("Chengdu", "Chongqing"),
    notebook: str = "04_chengdu_chongqing_cooperation",
    headline: bool = False,
) -> Finding:
    """Cross-regional initiatives (data/cooperation_terms.tsv) named on both sides."""
    from .summaries import lexicon_counts, lexicon_patterns

    a, b = labels
    topic = f"Which initiatives {a} and {b} texts both name"
    guards = [at_least(len(side_a), 1, f"{a} document"), at_least(len(side_b), 1, f"{b} document")]
    if not all(g.holds for g in guards):
        return not_stated(notebook, "shared-initiatives", topic, guards, headline)
    coop, glosses = lexicon_counts(tables, "cooperation_terms.tsv")
    both = [t for t in coop.columns if coop.loc[side_a, t].sum() > 0 and coop.loc[side_b, t].sum() > 0]
    comparison = (group(tables, a, side_a), group(tables, b, side_b))
    if not both:
        return Finding(
            notebook,
            "shared-initiatives",
            topic,
            tuple(guards),
            f"No initiative of the {coop.shape[1]} counted is named on both sides.",
            "",
            comparison,
            (Number("initiatives named on both sides", 0, "initiatives", 0, coop.shape[1]),),
            (),
            f"the sides are {regions_title(tables, [a, b])}.",
            headline,
        )
    patterns = lexicon_patterns("cooperation_terms.tsv")
    longest = max(both, key=lambda t: (len(t), t))
    qa = next((q for x in side_a if (q := _first_quote(tables, x, patterns[longest]))), None)
    qb = next((q for x in side_b if (q := _first_quote(tables, x, patterns[longest]))), None)
    claim = f"Both sides name {len(both)} of the {count(coop.shape[1], 'initiative')} counted ({listing(both)})."
    return Finding(
        notebook,
        "shared-initiatives",
        topic,
        tuple(guards),
        claim,
        f"The longest-named of them is {longest} ({glosses[longest]}).",
        comparison,
        (Number("initiatives named on both sides", len(both), "initiatives", len(both), coop.shape[1]),),
        tuple(q for q in (qa, qb) if q),
        f"a name both sides use shows a common agenda, not joint action; the sides are "
        f"{regions_title(tables, [a, b])}.",
        headline,
    )


# -- 05 · instruments ----------------------------------------------------------------------------------------


def demand_share(tables, notebook: str = "05_policy_instruments", headline: bool = False) -> Finding:
    """The demand side's share of the instrument-coded sentences, overall and by genre (by document when
    genres are not catalogued), on the primary code of each sentence's clause (the codebook coding of
    policytext.instruments, the one measured against hand coding), not on the multi-label lexicon cues:
    those match 一带一路, foreign partners and trade words as 'overseas institutions' or 'trade'.
    A near tie for the highest share (within TIE) is said as a tie."""
    from .codes import INSTRUMENTS
    from .summaries import coded_sentences, first_match

    topic = "How rare demand-side tools are"
    g = genre(tables)
    by = "genre" if (g != UNCATALOGUED).all() else "document"
    primary = tables.codes["instrument"]
    keys = tables.codes["doc_id"].map(g) if by == "genre" else tables.codes["doc_id"]
    m = pd.DataFrame({side: (primary == side).astype(int).to_numpy() for side in INSTRUMENTS})
    sides = m.groupby(keys.to_numpy()).sum()
    total = int(sides.to_numpy().sum())
    guards = [at_least(total, 1, "sentence with a primary instrument code", "sentences with a primary instrument code")]
    if not guards[0].holds:
        return not_stated(notebook, "demand-share", topic, guards, headline)
    per = sides.sum(axis=1)
    share = (sides["demand"] / per.where(per > 0)).dropna()
    demand = int(sides["demand"].sum())
    name = (lambda x: f"the {x}") if by == "genre" else (lambda x: doc_name(tables, x))
    holders = share[share > 0]
    rare = (share < RARE).all()
    claim = (
        f"Demand-side tools are {'rare in every ' + by if rare else 'not rare in every ' + by}: "
        f"{demand} of the {total} sentences with a primary instrument code ({pct(demand, total)}) are coded demand"
    )
    if demand == 0:
        claim += "."
    elif len(holders) == 1:
        x = holders.index[0]
        claim += f", all in {name(x)} ({int(sides.loc[x, 'demand'])} of {int(per[x])})."
    else:
        hi = tied(holders)
        claim += (
            f", in {count(len(holders), by)} of {len(share)}; the highest share is {pct(share[hi[0]], 1)} in "
            f"{_names(hi, name)}."
        )
    rows = coded_sentences(tables, "demand")
    # Quote a sentence that names the tool (a cue matches), not its clause's heading (二是…).
    cues = [(r, first_match(tables, r["sentence_id"], "demand")) for _, r in rows.iterrows()]
    cues = [(r, c) for r, c in cues if c] or [(r, "") for _, r in rows.head(1).iterrows()]
    q = from_row(cues[0][0], literal(cues[0][1]) if cues[0][1] else "") if cues else None
    docs = tables.documents["doc_id"]
    members = (lambda x: docs[docs.map(g) == x]) if by == "genre" else (lambda x: [x])
    zero = share.index[share == 0]
    return Finding(
        notebook,
        "demand-share",
        topic,
        tuple(guards),
        claim,
        "Each sentence counts once, with the side of its clause's primary code; by the lexicon cues, which let a "
        "sentence carry several sides, demand is more frequent, but most of those cues are names of international "
        "cooperation (一带一路, foreign partners) and trade words, not demand-side tools.",
        (
            group(tables, f"{by}s with demand codes", [d for x in holders.index for d in members(x)]),
            group(tables, f"{by}s without", [d for x in zero for d in members(x)]),
        ),
        (
            Number("sentences coded demand", demand / total, "share", demand, total),
            *(
                Number(f"sentences coded demand in {x}", share[x], "share", int(sides.loc[x, "demand"]), int(per[x]))
                for x in holders.sort_values(ascending=False).index
            ),
        ),
        (q,) if q else (),
        "the primary coding's agreement with hand coding on demand is in the README agreement table "
        "(docs/instruments.md), but the gold holds only a handful of demand units, so that figure is itself "
        "uncertain; " + thin_note(tables),
        headline,
    )


def instrument_theme_pair(
    tables, min_clauses: int = 5, notebook: str = "05_policy_instruments", headline: bool = False
) -> Finding:
    """The instrument side × theme pair furthest above independence, counted in clauses; stated only when
    it rests on at least `min_clauses` clauses and lies two Pearson residuals above independence."""
    from .compare import observed_expected
    from .summaries import instrument_by_theme

    topic = "Which instrument side goes with which theme beyond chance"
    cross = instrument_by_theme(tables)
    oe = observed_expected(cross)
    total = int(cross.to_numpy().sum())
    guards = [at_least(total, 1, "clause coded with a side and a theme", "clauses coded with a side and a theme")]
    if guards[0].holds:
        top = oe.iloc[0]
        guards.append(
            Guard(
                f"a pair observed in at least {min_clauses} clauses and two Pearson residuals above independence",
                int(top["observed"]) >= min_clauses and top["residual"] >= 2,
                f"the pair furthest above independence, {top['row']} × {top['column']}, rests on "
                f"{count(int(top['observed']), 'clause')} (residual {top['residual']:+.1f})",
            )
        )
    if not all(g.holds for g in guards):
        return not_stated(notebook, "instrument-theme", topic, guards, headline)
    clause_ids = _clauses_with_pair(tables, top["row"], top["column"])
    q = clause_quote(tables, clause_ids[0]) if clause_ids else None
    claim = (
        f"{top['row'].capitalize()}-side tools go with {top['column']} more often than chance: "
        f"{int(top['observed'])} clauses carry both against {top['expected']:.1f} expected (×{top['ratio']:.2f})."
    )
    return Finding(
        notebook,
        "instrument-theme",
        topic,
        tuple(guards),
        claim,
        "",
        (),
        (
            Number(f"clauses coded {top['row']} × {top['column']}", int(top["observed"]), "clauses"),
            Number("expected under independence", float(top["expected"]), "clauses", digits=1),
            Number("Pearson residual", float(top["residual"]), "", digits=1),
        ),
        (q,) if q else (),
        "the side and theme lexicons share terms (金融 is both), so some pairs co-occur by construction; "
        "the overlap table above gives that share, counted in sentences.",
        headline,
    )


def _clauses_with_pair(tables, side: str, theme: str) -> list[str]:
    from .codes import THEMES, indicator_matrix, unit_codes

    t = indicator_matrix(tables.codes, "themes", THEMES)
    t.insert(0, "clause_id", tables.codes["clause_id"].to_numpy())
    themed = t.groupby("clause_id", sort=False).max()
    units = unit_codes(tables.codes).set_index("clause_id")
    ok = themed.index[(themed[theme] == 1).to_numpy() & (units["instrument"].reindex(themed.index) == side).to_numpy()]
    return list(ok)


MIN_QUANTITIES = 5  # a document's share of targets is compared only when it states at least this many


def report_or_promise(tables, notebook: str = "05_policy_instruments", headline: bool = False) -> Finding:
    """How widely the share of targets among the quantities a document states varies within one region,
    over documents stating at least MIN_QUANTITIES quantities (a share of 3 numbers says nothing)."""
    topic = "Whether the quantities stated are targets or results, within one city"
    ind = tables.indicators
    kinds = ind.pivot_table(index="doc_id", columns="kind", values="surface", aggfunc="count", fill_value=0)
    kinds = kinds.reindex(columns=["achievement", "target"], fill_value=0)
    tot = kinds.sum(axis=1)
    kinds = kinds[tot >= MIN_QUANTITIES]
    region = tables.documents.set_index("doc_id")["region"]
    regions = [r for r in known_regions(tables) if (region[kinds.index] == r).sum() >= 2]
    guards = [
        Guard(
            f"a recorded region with at least two documents stating {MIN_QUANTITIES} or more quantities each",
            bool(regions),
            f"no recorded region has two documents stating {MIN_QUANTITIES} or more quantities",
        )
    ]
    if not guards[0].holds:
        return not_stated(notebook, "report-or-promise", topic, guards, headline)
    share = kinds["target"] / tot[kinds.index]
    spread = {r: share[region[share.index] == r].max() - share[region[share.index] == r].min() for r in regions}
    r = max(regions, key=lambda x: (spread[x], x))
    within = share[region[share.index] == r]
    lo, hi = tied(within, largest=False), tied(within)
    claim = (
        f"Within {r}, among documents stating at least {MIN_QUANTITIES} quantities, the share of targets among "
        f"the quantities stated runs from {pct(within[lo[0]], 1)} in {who(tables, lo)} to "
        f"{pct(within[hi[0]], 1)} in {who(tables, hi)}."
    )
    thin = tot[(tot < MIN_QUANTITIES) & (tot > 0)]
    detail = (
        "The share measures whether a text's numbers are targets, not whether the text promises: a section of "
        "plans may state no number at all."
        + (
            f" Left out for stating fewer than {MIN_QUANTITIES} quantities: "
            f"{listing(f'{x} ({int(thin[x])})' for x in thin.index)}."
            if len(thin)
            else ""
        )
    )
    quotes = []
    for doc, kind in ((lo[0], "achievement"), (hi[0], "target")):
        rows = ind[(ind["doc_id"] == doc) & (ind["kind"] == kind)]
        if len(rows):
            quotes.append(from_row(rows.iloc[0], literal(rows.iloc[0]["surface"])))
    return Finding(
        notebook,
        "report-or-promise",
        topic,
        (*guards, at_least(len(within), 2, f"{r} document stating {MIN_QUANTITIES} or more quantities")),
        claim,
        detail,
        (group(tables, "lowest", lo), group(tables, "highest", hi)),
        tuple(
            Number(f"targets among the quantities of {x}", within[x], "share", int(kinds.loc[x, "target"]), int(tot[x]))
            for x in (*lo, *hi)
        ),
        tuple(quotes),
        "the kind is read from cues (已/累计 against 力争/将) and can misread a sentence, and a document's "
        "quantities may sit in a part of another kind (a news brief inside an interview); " + thin_note(tables),
        headline,
    )


# -- 06 · reuse ----------------------------------------------------------------------------------------------


def _dated(tables, doc_id: str) -> str:
    """'doc (first adopted 1984-03-12)', 'doc (written 2021-01)' or 'doc (undated)': the date reuse orders by."""
    d = tables.documents.set_index("doc_id")
    first = str(d["date_first"].get(doc_id, "") or "") if "date_first" in d else ""
    written = str(d["date_written"].get(doc_id, "") or "")
    return f"{doc_id} (" + (f"first adopted {first}" if first else f"written {written}" if written else "undated") + ")"


def _runs(tables, r) -> str:
    """How a reuse row's documents are ordered: 'runs from A (date) to B (date)' or, without an order by date,
    'is shared by A (date) and B (date), which came first undetermined'."""
    a, b = _dated(tables, r["source_doc"]), _dated(tables, r["target_doc"])
    if r["direction"] == "forward":
        return f"runs from {a} to {b}"
    return f"is shared by {a} and {b}, which came first undetermined by their dates"


def _span_quotes(r) -> tuple[Quote, Quote]:
    return (
        Quote(r["source_text"], r["source_doc"], r["source_clause"]),
        Quote(r["target_text"], r["target_doc"], r["target_clause"]),
    )


def cross_city_reuse(
    tables, kept: pd.DataFrame, labels=("Chengdu", "Chongqing"), notebook: str = "06_text_reuse", headline: bool = False
) -> Finding:
    """Spans of substance (formulas excluded; with a `central_origin` column) shared by a document of each region."""
    a, b = labels
    topic = f"Which formulations {a} and {b} texts share"
    region = tables.documents.set_index("doc_id")["region"]
    guards = [
        at_least(int((region == a).sum()), 1, f"{a} document"),
        at_least(int((region == b).sum()), 1, f"{b} document"),
    ]
    if not all(g.holds for g in guards):
        return not_stated(notebook, "cross-city-reuse", topic, guards, headline)
    pair = kept["source_doc"].map(region) + "|" + kept["target_doc"].map(region)
    cross = kept[pair.isin([f"{a}|{b}", f"{b}|{a}"])].sort_values(["length", "source_start"], ascending=[False, True])
    d = tables.documents
    comparison = (
        group(tables, a, d.loc[d["region"] == a, "doc_id"]),
        group(tables, b, d.loc[d["region"] == b, "doc_id"]),
    )
    if cross.empty:
        return Finding(
            notebook,
            "cross-city-reuse",
            topic,
            tuple(guards),
            f"No {a} and {b} documents share a passage of substance.",
            "",
            comparison,
            (Number("shared spans", 0, "spans"),),
            (),
            f"the sides are {regions_title(tables, [a, b])}.",
            headline,
        )
    own = cross[cross["central_origin"] == ""]
    claim = (
        f"{count(len(cross), 'span')} of substance {'is' if len(cross) == 1 else 'are'} shared by a "
        f"{a} and a {b} document; {len(cross) - len(own)} of them come from a documented central text."
    )
    if len(own):
        r = own.iloc[0]
        detail = (
            f"The longest without a documented central origin, {r['length']} characters, {_runs(tables, r)}; it "
            "may still come from a central text this corpus does not hold."
        )
        quotes = _span_quotes(r)
    else:
        r = cross.iloc[0]
        detail = f"The longest, {r['length']} characters, comes from {r['central_origin']}."
        quotes = _span_quotes(r)
    return Finding(
        notebook,
        "cross-city-reuse",
        topic,
        tuple(guards),
        claim,
        detail,
        comparison,
        (
            Number("cross-city spans", len(cross), "spans"),
            Number(
                "of them with a documented central origin",
                len(cross) - len(own),
                "spans",
                len(cross) - len(own),
                len(cross),
            ),
            Number("longest cross-city span", int(cross["length"].max()), "characters"),
        ),
        quotes,
        "a shared span shows a common formulation, not borrowing: two local texts may both take it from a "
        "central document; the direction only orders the texts by date (first adoption, else writing).",
        headline,
    )


def vertical_reuse(
    tables, kept: pd.DataFrame, tier: pd.Series, notebook: str = "06_text_reuse", headline: bool = False
) -> Finding:
    """The longest span shared by a national and a local document (tier: doc_id -> national/local)."""
    topic = "What national and local texts share"
    guards = [
        at_least(int((tier == "national").sum()), 1, "national document"),
        at_least(int((tier == "local").sum()), 1, "local document"),
    ]
    if not all(g.holds for g in guards):
        return not_stated(notebook, "vertical-reuse", topic, guards, headline)
    vertical = kept[kept["source_doc"].map(tier) != kept["target_doc"].map(tier)]
    comparison = (
        group(tables, "national", tier.index[tier == "national"]),
        group(tables, "local", tier.index[tier == "local"]),
    )
    if vertical.empty:
        return Finding(
            notebook,
            "vertical-reuse",
            topic,
            tuple(guards),
            "No national and local documents share a passage of substance.",
            "",
            comparison,
            (Number("spans across levels", 0, "spans"),),
            (),
            "",
            headline,
        )
    r = vertical.sort_values(["length", "source_start"], ascending=[False, True]).iloc[0]
    down = vertical[(vertical["direction"] == "forward") & (vertical["source_doc"].map(tier) == "national")]
    claim = (
        f"{count(len(vertical), 'span')} of substance {'is' if len(vertical) == 1 else 'are'} shared across levels "
        f"of government, {len(down)} of them from an earlier national text to a later local one; the longest, "
        f"{r['length']} characters, {_runs(tables, r)}."
    )
    caveat = (
        "here the earlier text is local and the later national; the likeliest origin is an earlier version of "
        "the national text that both follow, so direction by date is not direction of influence."
        if tier[r["source_doc"]] == "local" and r["direction"] == "forward"
        else "a shared span shows the later text follows the earlier one, not that it implements it; a national "
        "law is dated by its first adoption, so its wording may be that of a later revision."
    )
    return Finding(
        notebook,
        "vertical-reuse",
        topic,
        tuple(guards),
        claim,
        "",
        comparison,
        (
            Number("spans across levels", len(vertical), "spans"),
            Number("of them national to local", len(down), "spans", len(down), len(vertical)),
            Number("longest", int(r["length"]), "characters"),
        ),
        _span_quotes(r),
        caveat,
        headline,
    )


# -- 07 · evaluation -----------------------------------------------------------------------------------------


def stage_agreement(agreement: dict, notebook: str = "07_policy_evaluation", headline: bool = False) -> Finding:
    """The value-chain stage rules against the independent hand coding (a summary from agreement.stage_agreement)."""
    topic = "How far the stage coder agrees with a hand coder"
    n, rules, gold = int(agreement["n"]), int(agreement["coded_staged"]), int(agreement["gold_staged"])
    guards = [at_least(n, 1, "hand-coded unit", where="the gold has")]
    if not guards[0].holds:
        return not_stated(notebook, "stage-agreement", topic, guards, headline)
    more = ("far more" if rules >= 2 * gold else "more") if rules > gold else ("fewer" if rules < gold else "as many")
    claim = (
        f"The rules give a value-chain stage to {more} units than a hand coder: {rules} of {n} against {gold} "
        f"(Cohen's κ = {agreement['kappa']:.2f})."
    )
    return Finding(
        notebook,
        "stage-agreement",
        topic,
        tuple(guards),
        claim,
        "Most disagreement is the rules coding a stage where the coder saw none." if rules > gold else "",
        (),
        (
            Number("units given a stage by the rules", rules, "units", rules, n),
            Number("units given a stage by the hand coder", gold, "units", gold, n),
            Number("Cohen's κ", float(agreement["kappa"]), "", digits=2),
        ),
        (),
        f"only {gold} gold units carry a stage, too few for per-stage precision.",
        headline,
    )


def instrument_stage_pair(
    tables,
    cells: pd.DataFrame | None,
    staged: pd.DataFrame,
    min_codings: int = 5,
    notebook: str = "07_policy_evaluation",
    headline: bool = False,
) -> Finding:
    """The instrument × stage cell furthest above its margins (cells: policytext.instrument_stage, corpus)."""
    topic = "Which tools serve which stage beyond the margins"
    total = 0 if cells is None or cells.empty else int(cells["observed"].sum())
    guards = [at_least(total, 1, "clause coding with a side and a stage", "clause codings with a side and a stage")]
    if guards[0].holds:
        top = cells.loc[cells["residual"].idxmax()]
        guards.append(
            Guard(
                f"a cell of at least {min_codings} clause codings two residuals above its margins",
                int(top["observed"]) >= min_codings and top["residual"] >= 2,
                f"the highest cell, {top['instrument']} × {top['stage']}, has "
                f"{count(int(top['observed']), 'clause coding')} (residual {top['residual']:+.1f})",
            )
        )
    if not all(g.holds for g in guards):
        return not_stated(notebook, "instrument-stage", topic, guards, headline)
    clause = top["clause_ids"][0]
    evidence = staged.set_index("clause_id")["evidence"].get(clause, "")
    term = next((e.split(":", 1)[1] for e in evidence.split(";") if e.startswith(top["stage"] + ":")), "")
    q = clause_quote(tables, clause, literal(term) if term else "")
    stage = top["stage"].replace("_", " ")
    claim = (
        f"{top['instrument'].capitalize()} tools go with {stage} more often than the margins predict: "
        f"{int(top['observed'])} clause codings against {top['expected']:.1f} expected (residual "
        f"{top['residual']:+.1f})."
    )
    return Finding(
        notebook,
        "instrument-stage",
        topic,
        tuple(guards),
        claim,
        "A clause with two instrument sides counts once for each.",
        (),
        (
            Number(f"clause codings {top['instrument']} × {top['stage']}", int(top["observed"]), "clause codings"),
            Number("expected from the margins", float(top["expected"]), "clause codings", digits=1),
        ),
        (q,) if q else (),
        "the cells rest on two automatic coders, and the stage coder agrees with hand coding only fairly.",
        headline,
    )


def pmc_ranking(
    tables, formal: pd.DataFrame, pmc=None, notebook: str = "07_policy_evaluation", headline: bool = False
) -> Finding:
    """The PMC ranking's ends, and how far the score follows the length of the document (in clauses); with
    `pmc` (from pmc.score_documents), the secondary variables set for the first and not the last, and a
    clause that sets one."""
    topic = "Which formal document scores highest on the PMC index"
    guards = [at_least(len(formal), 3, "scored formal document")]
    if not guards[0].holds:
        return not_stated(notebook, "pmc-ranking", topic, guards, headline)
    clauses = tables.documents.set_index("doc_id")["clauses"]
    scores = formal.set_index("doc_id")["pmc"]
    hi, lo = leaders(scores), leaders(scores, largest=False)
    rho = scores.rank().corr(clauses.reindex(scores.index).rank())
    claim = (
        f"{who(tables, hi)} {'ranks' if len(hi) == 1 else 'rank'} first on the PMC index ({scores[hi[0]]:.2f}) and "
        f"{who(tables, lo)} last ({scores[lo[0]]:.2f}); across the {len(scores)} scored documents the score "
        f"{'rises' if rho > 0 else 'falls'} with length (Spearman ρ = {rho:.2f} against the number of clauses)."
    )
    detail = f"{hi[0]} has {clauses[hi[0]]} clauses, {lo[0]} {clauses[lo[0]]}."
    quotes = ()
    if pmc is not None:
        sec = pmc.secondary.pivot(index="secondary", columns="doc_id", values="value")
        only_top = [v for v in sec.index if sec.loc[v, hi[0]] == 1 and sec.loc[v, lo[0]] == 0]
        ev = pmc.evidence[(pmc.evidence["doc_id"] == hi[0]) & pmc.evidence["secondary"].isin(only_top)]
        ev = ev[ev["clause_id"] != ""]
        names = pmc.secondary.drop_duplicates("secondary").set_index("secondary")["name"]
        detail += f" {len(only_top)} secondary variables are set for {hi[0]} and not for {lo[0]}"
        if len(ev):
            first = ev.iloc[0]
            detail += f", e.g. {first['secondary']} {names[first['secondary']]}, set by the clause quoted"
            q = clause_quote(tables, first["clause_id"], literal(first["matched"]) if first["matched"] else "")
            quotes = (q,) if q else ()
        detail += "."
    return Finding(
        notebook,
        "pmc-ranking",
        topic,
        tuple(guards),
        claim,
        detail,
        (group(tables, "first", hi), group(tables, "last", lo)),
        (
            Number(f"PMC of {hi[0]}", float(scores[hi[0]]), "of 10", digits=2),
            Number(f"PMC of {lo[0]}", float(scores[lo[0]]), "of 10", digits=2),
            Number("Spearman ρ, PMC against clauses", float(rho), "", digits=2),
        ),
        quotes,
        "keyword rules reward long, broad texts: every clause is another chance to match a rule; and the scheme "
        "measures instruments that promote S&T, so a law whose subject is a right or a regulatory regime scores "
        "low by construction (the scope note above).",
        headline,
    )


def pmc_tiers(
    tables,
    formal: pd.DataFrame,
    from_text: list[str] | None = None,
    notebook: str = "07_policy_evaluation",
    headline: bool = False,
) -> Finding:
    """National against local mean PMC, and the part of the gap that catalog-derived variables make: the gap on
    `pmc_text` (the index without them, policytext.pmc) or, for scores without that column, on the primaries
    `from_text` read from the text alone."""
    topic = "Whether national documents score higher than local ones"
    sizes = formal["tier"].value_counts()
    guards = [
        at_least(int(sizes.get("national", 0)), 2, "scored national document"),
        at_least(int(sizes.get("local", 0)), 2, "scored local document"),
    ]
    if not all(g.holds for g in guards):
        return not_stated(notebook, "pmc-tiers", topic, guards, headline)
    means = formal.groupby("tier")["pmc"].mean()
    text_score = formal["pmc_text"] if "pmc_text" in formal else formal[from_text or []].sum(axis=1)
    text_part = text_score.groupby(formal["tier"]).mean()
    gap, text_gap = means["national"] - means["local"], text_part["national"] - text_part["local"]
    catalog = gap - text_gap
    without = (
        "without the catalog-derived variables (pmc_text: issuer level, genre and source, set from the catalog)"
        if "pmc_text" in formal
        else f"on the {len(from_text or [])} variables read from the text alone"
    )
    claim = (
        f"National documents score {means['national']:.2f} on the PMC index on average and local ones "
        f"{means['local']:.2f} ({sizes['national']} against {sizes['local']}), a gap of {gap:+.2f}; {without} the "
        f"gap is {text_gap:+.2f}, so the catalog-derived part is {catalog:+.2f}"
        + (f" ({abs(catalog) / abs(gap):.0%} of the gap)." if abs(gap) >= 0.01 else ".")
    )
    genres_n = (
        formal.assign(genre=formal["doc_id"].map(genre(tables)))
        .groupby("tier")["genre"]
        .agg(lambda g: listing(sorted(set(g))))
    )
    return Finding(
        notebook,
        "pmc-tiers",
        topic,
        tuple(guards),
        claim,
        "",
        (
            group(tables, "national", formal.loc[formal["tier"] == "national", "doc_id"]),
            group(tables, "local", formal.loc[formal["tier"] == "local", "doc_id"]),
        ),
        (
            Number("mean PMC, national", float(means["national"]), "of 10", digits=2),
            Number("mean PMC, local", float(means["local"]), "of 10", digits=2),
            Number("gap without catalog-derived variables", float(text_gap), "", digits=2),
            Number("catalog-derived part of the gap", float(catalog), "", digits=2),
        ),
        (),
        f"the tiers differ in genre ({genres_n.get('national', '')} against {genres_n.get('local', '')}) and "
        "in date, so the gap is not a level effect alone; the scheme measures instruments that promote S&T, so "
        "a law whose subject is a right scores low by construction (the scope note above).",
        headline,
    )
