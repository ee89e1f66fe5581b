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
from .narrative import UNKNOWN, leaders, listing, pct

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


def theme_rate(tables, theme: str, notebook: str, key: str = "", caveat: str = "", headline: bool = False) -> Finding:
    """Which document gives `theme` the largest and smallest part, per 100 sentences and per 10,000
    characters; the ratio is stated in both units, and where the units disagree the claim says so."""
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
    hi, lo = leaders(per100), leaders(per100, largest=False)
    a, b = per100[hi[0]], per100[lo[0]]
    if len(hi) > 1:
        claim = f"{who(tables, hi)} give {theme} the largest part, {a:.0f} {theme} sentences per 100 sentences each"
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
    hi_c, lo_c = leaders(per10k), leaders(per10k, largest=False)
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
    example = coded[coded["doc_id"] == hi[0]].iloc[0]
    q = from_row(example, literal(first_match(tables, example["sentence_id"], theme)))
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
    """Which document has the largest share of words no other document uses, with its length beside it."""
    from .glossary import gloss
    from .summaries import own_vocabulary as own_table

    topic = "Which document has the most vocabulary of its own"
    guards = [enough_documents(tables, 3)]
    if not guards[0].holds:
        return not_stated(notebook, "own-vocabulary", topic, guards, headline)
    own = own_table(tables)
    hi, lo = leaders(own["own_share"]), leaders(own["own_share"], largest=False)
    h, lw = hi[0], lo[0]
    claim = (
        f"{who(tables, hi)} {'has' if len(hi) == 1 else 'have'} the largest share of words no other document uses, "
        f"{pct(own.loc[h, 'own_share'], 1)} of {'its' if len(hi) == 1 else 'each'} content tokens, against "
        f"{pct(own.loc[lw, 'own_share'], 1)} for {who(tables, lo)}."
    )
    longest = own["tokens"].idxmax()
    detail = (
        f"{h} is also the longest document ({own.loc[h, 'tokens']:,} tokens), and the share grows with length."
        if longest == h
        else f"It is not the longest document ({longest} has {own.loc[longest, 'tokens']:,} tokens "
        f"against its {own.loc[h, 'tokens']:,}), so length alone does not explain it."
    )
    word = own.loc[h, "top_own"]
    q = None
    if word:
        rows = tables.sentences[
            (tables.sentences["doc_id"] == h) & tables.sentences["text"].str.contains(word, regex=False)
        ]
        q = from_row(rows.iloc[0], literal(word)) if len(rows) else None
        detail += f" Its most frequent such word is {gloss(word)} ({own.loc[h, 'top_own_count']} times)."
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
            for x in (h, lw)
        ),
        (q,) if q else (),
        "the share falls as documents are added to the corpus; " + thin_note(tables),
        headline,
    )


# -- 01 · ecosystems -----------------------------------------------------------------------------------------


def ecosystem_coverage(tables, notebook: str = "01_innovation_ecosystems", headline: bool = False) -> Finding:
    """How much of each document the ecosystem code covers: its range across documents."""
    from .summaries import code_counts, coded_sentences

    topic = "How much of each document the ecosystem code covers"
    counts = code_counts(tables)["ecosystem"].astype(int)
    guards = [
        enough_documents(tables),
        at_least(int(counts.sum()), 1, "sentence coded ecosystem", "sentences coded ecosystem"),
    ]
    if not all(g.holds for g in guards):
        return not_stated(notebook, "ecosystem-coverage", topic, guards, headline)
    sentences = tables.documents.set_index("doc_id")["sentences"].reindex(counts.index)
    share = counts / sentences
    hi, lo = leaders(share), leaders(share, largest=False)
    broad = share.min() >= 0.5
    claim = (
        f"The ecosystem code covers most sentences of every document, from {pct(share[lo[0]], 1)} in "
        if broad
        else f"The ecosystem code covers from {pct(share[lo[0]], 1)} of the sentences in "
    ) + f"{who(tables, lo)} to {pct(share[hi[0]], 1)} in {who(tables, hi)}."
    detail = (
        "A code that covers most of every text cannot tell the texts apart; the platform counts below are "
        "the sharper measure."
        if broad
        else ""
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
        "the ecosystem theme agrees only moderately with hand coding (README), so these shares are upper bounds.",
        headline,
    )


def shared_platforms(tables, notebook: str = "01_innovation_ecosystems", headline: bool = False) -> Finding:
    """Platforms and institutions named in texts of more than one region, and what kind they are."""
    from .summaries import shared_entities

    topic = "Which platforms texts of different regions both name"
    guards = [enough_regions(tables)]
    if not guards[0].holds:
        return not_stated(notebook, "shared-platforms", topic, guards, headline)
    named = tables.entities[tables.entities["type"].isin(["platform", "institution"])]
    total = named["key"].nunique()
    shared = shared_entities(tables).sort_values(
        ["type", "documents", "key"], ascending=[False, False, True], ignore_index=True
    )
    regions = known_regions(tables)
    d = tables.documents
    comparison = tuple(group(tables, r, d.loc[d["region"] == r, "doc_id"]) for r in regions)
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
            "",
            comparison,
            (Number("names shared across regions", 0, "names", 0, total),),
            (),
            f"the comparison is {regions_title(tables, regions)}.",
            headline,
        )
    institutions = int((shared["type"] == "institution").sum())
    joint = shared[shared["name"].str.contains("成渝|川渝|双城")]
    claim = (
        f"{len(shared)} of {count(total, 'distinct platform and institution', 'distinct platforms and institutions')} "
        f"are named in texts of more than one region ({listing(shared['name'])}); "
        f"{institutions} of them {'is an institution' if institutions == 1 else 'are institutions'} (universities, "
        f"academies) rather than platforms, and "
        + ("none carries" if joint.empty else f"{len(joint)} {'carries' if len(joint) == 1 else 'carry'}")
        + " a Chengdu–Chongqing name."
    )
    first = shared.iloc[0]
    pattern = literal(first["name"])
    quotes = []
    for sid in first["sentences"].split(";")[:2]:
        rows = tables.sentences[tables.sentences["sentence_id"] == sid]
        if len(rows):
            quotes.append(from_row(rows.iloc[0], pattern if re.search(pattern, rows.iloc[0]["text"]) else ""))
    return Finding(
        notebook,
        "shared-platforms",
        topic,
        tuple(guards),
        claim,
        f"{first['name']} is named in {first['documents']} documents of {first['regions'].replace(';', ' and ')}.",
        comparison,
        (
            Number("names shared across regions", len(shared), "names", len(shared), total),
            Number("shared names that are institutions", institutions, "names", institutions, len(shared)),
        ),
        tuple(quotes),
        f"the comparison is {regions_title(tables, regions)}; names are found by suffix rules and the "
        "gazetteer, so a joint platform without a known suffix is missed.",
        headline,
    )


# -- 02 · talent ---------------------------------------------------------------------------------------------


def talent_programmes(tables, notebook: str = "02_talent_policy", headline: bool = False) -> Finding:
    """Which documents name talent programmes of their own, per 10,000 characters."""
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
    top = leaders(holders)
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
        f"{top[0]} names {listing(names)}.",
        (group(tables, "naming programmes", holders.index), group(tables, "naming none", rate.index[rate == 0])),
        tuple(
            Number(f"own talent programmes in {x}", rate[x], "per 10,000 characters", int(counts[x]), int(chars[x]))
            for x in holders.sort_values(ascending=False).index
        ),
        (q,) if q else (),
        "a bureau's own plan naturally names its programmes, a report of interviews fewer; " + thin_note(tables),
        headline,
    )


def people_counts(tables, notebook: str = "02_talent_policy", headline: bool = False) -> Finding:
    """Whether the numbers of people in talent sentences report achievements or state targets."""
    from .summaries import coded_indicators

    topic = "Whether numbers of people are reported or promised"
    numbers = coded_indicators(tables, "talent")
    people = numbers[numbers["unit"].isin(["人", "名"])]
    guards = [at_least(len(people), 1, "count of people in a talent sentence", "counts of people in talent sentences")]
    if not guards[0].holds:
        return not_stated(notebook, "people-counts", topic, guards, headline)
    kinds = people["kind"].value_counts()
    ach, tgt = int(kinds.get("achievement", 0)), int(kinds.get("target", 0))
    verdict = (
        "neither reported nor promised"
        if ach == tgt == 0
        else "reported, not promised"
        if tgt == 0
        else "promised, not reported"
        if ach == 0
        else "mostly reported"
        if ach > tgt
        else "mostly promised"
        if tgt > ach
        else "as often reported as promised"
    )
    other = len(people) - ach - tgt
    claim = (
        f"Numbers of people in talent sentences are {verdict}: of "
        f"{count(len(people), 'count of people', 'counts of people')}, "
        f"{_kinds(ach, tgt, other)}."
    )
    quotes = []
    for kind in ("achievement", "target"):
        rows = people[people["kind"] == kind]
        if len(rows):
            quotes.append(from_row(rows.iloc[0], literal(rows.iloc[0]["surface"])))
    docs = list(dict.fromkeys(people["doc_id"]))
    return Finding(
        notebook,
        "people-counts",
        topic,
        tuple(guards),
        claim,
        f"They come from {listing(doc_name(tables, x) for x in docs)}.",
        (group(tables, "documents with counts of people", docs),),
        (
            Number("achievements among counts of people", ach, "counts", ach, len(people)),
            Number("targets among counts of people", tgt, "counts", tgt, len(people)),
        ),
        tuple(quotes),
        "achievement and target are read from cues (已/累计/新增 against 力争/将/目标); counts of different kinds "
        "of people (teams, academicians, postdocs) are not added up.",
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
    from .keywords import keyness_tokens

    # leave one document out: a word that leans to a side because one of its documents repeats it
    tokens = tables.doc_tokens()
    for top, side, col in ((top_a, side_a, "count_a"), (top_b, side_b, "count_b")):
        per_doc = {d: keyness_tokens(tokens[d]).count(top["term"]) for d in side}
        main = sorted(per_doc, key=lambda d: (-per_doc[d], d))[0]
        if len(side) > 1 and 2 * per_doc[main] > int(top[col]):
            detail += (
                f" {per_doc[main]} of the {int(top[col])} {top['term']} are in one document, {main}; the side's "
                f"other documents have {int(top[col]) - per_doc[main]}."
            )
    detail = detail.strip()
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
    """Named initiatives (category `initiative` of data/cooperation_terms.tsv: programmes, projects, events,
    strategies) named on both sides; cue words (category `cue`: 川渝, 国际合作, 国内外 …) name nothing and are
    reported apart."""
    from .lexicon import lexicon
    from .summaries import lexicon_counts, lexicon_patterns

    a, b = labels
    topic = f"Which initiatives {a} and {b} texts both name"
    guards = [at_least(len(side_a), 1, f"{a} document"), at_least(len(side_b), 1, f"{b} document")]
    if not all(g.holds for g in guards):
        return not_stated(notebook, "shared-initiatives", topic, guards, headline)
    coop, glosses = lexicon_counts(tables, "cooperation_terms.tsv")
    lex = lexicon("cooperation_terms.tsv")
    named, cues = list(lex.subtools("initiative")), list(lex.subtools("cue"))

    def on_both(columns: list[str]) -> list[str]:
        return [t for t in columns if coop.loc[side_a, t].sum() > 0 and coop.loc[side_b, t].sum() > 0]

    both, both_cues = on_both(named), on_both(cues)
    comparison = (group(tables, a, side_a), group(tables, b, side_b))
    cue_note = (
        f"Both also use the cue {'word' if len(both_cues) == 1 else 'words'} {listing(both_cues)}, which "
        f"{'marks' if len(both_cues) == 1 else 'mark'} cooperation but {'names' if len(both_cues) == 1 else 'name'} "
        "no initiative (the same word may stand for different things on each side)."
        if both_cues
        else ""
    )
    if not both:
        return Finding(
            notebook,
            "shared-initiatives",
            topic,
            tuple(guards),
            f"No initiative of the {len(named)} named ones counted is named on both sides.",
            cue_note,
            comparison,
            (Number("initiatives named on both sides", 0, "initiatives", 0, len(named)),),
            (),
            f"the sides are {regions_title(tables, [a, b])}.",
            headline,
        )
    patterns = lexicon_patterns("cooperation_terms.tsv")
    longest = max(both, key=lambda t: (len(t), t))
    qa = next((q for x in side_a if (q := _first_quote(tables, x, patterns[longest]))), None)
    qb = next((q for x in side_b if (q := _first_quote(tables, x, patterns[longest]))), None)
    claim = (
        f"Both sides name {len(both)} of the {count(len(named), 'named initiative')} counted "
        f"({listing(f'{t} ({glosses[t]})' for t in both)})."
    )
    return Finding(
        notebook,
        "shared-initiatives",
        topic,
        tuple(guards),
        claim,
        cue_note,
        comparison,
        (Number("initiatives named on both sides", len(both), "initiatives", len(both), len(named)),),
        tuple(q for q in (qa, qb) if q),
        f"a name both sides use shows a common agenda, not joint action; the sides are "
        f"{regions_title(tables, [a, b])}.",
        headline,
    )


# -- 05 · instruments ----------------------------------------------------------------------------------------


def demand_share(tables, notebook: str = "05_policy_instruments", headline: bool = False) -> Finding:
    """The demand side's share of instrument codes, overall and by genre (by document when genres are not
    catalogued)."""
    from .codes import INSTRUMENTS, indicator_matrix
    from .summaries import coded_sentences, first_match

    topic = "How rare demand-side tools are"
    g = genre(tables)
    by = "genre" if (g != UNCATALOGUED).all() else "document"
    m = indicator_matrix(tables.codes, "instruments", INSTRUMENTS)
    keys = tables.codes["doc_id"].map(g) if by == "genre" else tables.codes["doc_id"]
    sides = m.groupby(keys.to_numpy()).sum()
    total = int(sides.to_numpy().sum())
    guards = [at_least(total, 1, "instrument code")]
    if not guards[0].holds:
        return not_stated(notebook, "demand-share", topic, guards, headline)
    per = sides.sum(axis=1)
    share = (sides["demand"] / per.where(per > 0)).dropna()
    demand = int(sides["demand"].sum())
    hi, lo = leaders(share), leaders(share, largest=False)
    rare = (share < RARE).all()
    name = (lambda x: f"the {x}") if by == "genre" else (lambda x: doc_name(tables, x))
    claim = (
        (
            f"Demand-side tools are rare in every {by}: "
            if rare
            else f"Demand-side tools are {'rare overall but not' if demand / total < RARE else 'not rare'} "
            f"in every {by}: "
        )
        + f"they are {pct(demand, total)} of the sentence codes by instrument side ({demand} of {total}), from "
        f"{pct(share[lo[0]], 1)} in {_names(lo, name)} to {pct(share[hi[0]], 1)} in {_names(hi, name)}."
    )
    rows = coded_sentences(tables, "demand")
    rows = rows[(rows["doc_id"].map(g) if by == "genre" else rows["doc_id"]) == hi[0]]
    q = (
        from_row(rows.iloc[0], literal(first_match(tables, rows.iloc[0]["sentence_id"], "demand")))
        if len(rows)
        else None
    )
    docs = tables.documents["doc_id"]
    members = (lambda x: docs[docs.map(g) == x]) if by == "genre" else (lambda x: [x])
    return Finding(
        notebook,
        "demand-share",
        topic,
        tuple(guards),
        claim,
        "A sentence may carry several sides, so the codes outnumber the sentences.",
        (
            group(tables, f"lowest {by}", [d for x in lo for d in members(x)]),
            group(tables, f"highest {by}", [d for x in hi for d in members(x)]),
        ),
        (
            Number("demand-side codes", demand / total, "share", demand, total),
            *(
                Number(f"demand-side codes in {x}", share[x], "share", int(sides.loc[x, "demand"]), int(per[x]))
                for x in (lo[0], hi[0])
            ),
        ),
        (q,) if q else (),
        "the lexicon over-codes the demand side (README agreement table), so the true share is if "
        "anything lower; " + thin_note(tables),
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


def report_or_promise(tables, notebook: str = "05_policy_instruments", headline: bool = False) -> Finding:
    """How widely the share of targets among a document's quantities varies within one region."""
    topic = "Whether reporting or promising varies within one city"
    ind = tables.indicators
    kinds = ind.pivot_table(index="doc_id", columns="kind", values="surface", aggfunc="count", fill_value=0)
    kinds = kinds.reindex(columns=["achievement", "target"], fill_value=0)
    kinds = kinds[kinds.sum(axis=1) > 0]
    region = tables.documents.set_index("doc_id")["region"]
    regions = [r for r in known_regions(tables) if (region[kinds.index] == r).sum() >= 2]
    guards = [
        Guard(
            "a recorded region with at least two documents stating quantities",
            bool(regions),
            "no recorded region has two documents stating quantities",
        )
    ]
    if not guards[0].holds:
        return not_stated(notebook, "report-or-promise", topic, guards, headline)
    share = kinds["target"] / kinds.sum(axis=1)
    spread = {r: share[region[share.index] == r].max() - share[region[share.index] == r].min() for r in regions}
    r = max(regions, key=lambda x: (spread[x], x))
    within = share[region[share.index] == r]
    lo, hi = leaders(within, largest=False), leaders(within)
    claim = (
        f"Within {r} alone, the share of targets among a document's quantities runs from "
        f"{pct(within[lo[0]], 1)} in {who(tables, lo)} to {pct(within[hi[0]], 1)} in {who(tables, hi)}."
    )
    quotes = []
    for doc, kind in ((lo[0], "achievement"), (hi[0], "target")):
        rows = ind[(ind["doc_id"] == doc) & (ind["kind"] == kind)]
        if len(rows):
            quotes.append(from_row(rows.iloc[0], literal(rows.iloc[0]["surface"])))
    tot = kinds.sum(axis=1)
    return Finding(
        notebook,
        "report-or-promise",
        topic,
        tuple(guards),
        claim,
        "Within one city, whether a text reports or promises goes with what kind of text it is.",
        (group(tables, "lowest", lo), group(tables, "highest", hi)),
        tuple(
            Number(f"targets among the quantities of {x}", within[x], "share", int(kinds.loc[x, "target"]), int(tot[x]))
            for x in (lo[0], hi[0])
        ),
        tuple(quotes),
        "the kind is read from cues (已/累计 against 力争/将) and can misread a sentence; " + thin_note(tables),
        headline,
    )


# -- 06 · reuse ----------------------------------------------------------------------------------------------


def _dated(tables, doc_id: str) -> str:
    """'doc (first adopted 1984-03-12, version held 2020-10)', 'doc (written 2021-01)' or 'doc (undated)': the
    dates reuse orders by."""
    d = tables.documents.set_index("doc_id")
    first = str(d["date_first"].get(doc_id, "") or "") if "date_first" in d else ""
    written = str(d["date_written"].get(doc_id, "") or "")
    if first and written and first != written:
        return f"{doc_id} (first adopted {first}, version held {written})"
    return f"{doc_id} (" + (f"first adopted {first}" if first else f"written {written}" if written else "undated") + ")"


def _runs(tables, r) -> str:
    """How a reuse row's documents are ordered: 'runs from A (date) to B (date)' or, without an order by date,
    'is shared by A (date) and B (date), which came first undetermined'."""
    a, b = _dated(tables, r["source_doc"]), _dated(tables, r["target_doc"])
    if r["direction"] == "forward":
        return f"runs from {a} to {b}"
    return (f"is shared by {a} and {b}, which came first undetermined by their dates (overlapping, or the earlier "
            "one held in a revision later than the other)")


def _span_quotes(r) -> tuple[Quote, Quote]:
    return (
        Quote(r["source_text"], r["source_doc"], r["source_clause"]),
        Quote(r["target_text"], r["target_doc"], r["target_clause"]),
    )


def _set_aside(rows: pd.DataFrame) -> str:
    """The kinds of listed formula (data/reuse_boilerplate.tsv) of formula spans, largest first:
    '3 programme, 2 stock phrase'."""
    kinds = rows["reason"].astype(str).str.findall(r"\(([^()]+)\)").map(lambda k: k[0] if k else "spread")
    counts = kinds.value_counts()
    return listing(f"{n} {k}" for k, n in sorted(counts.items(), key=lambda x: (-x[1], x[0])))


def cross_city_reuse(
    tables,
    kept: pd.DataFrame,
    labels=("Chengdu", "Chongqing"),
    notebook: str = "06_text_reuse",
    headline: bool = False,
    reuse: pd.DataFrame | None = None,
) -> Finding:
    """Distinct passages of substance (formulas excluded; `kept` with a `central_origin` column) that a document
    of each region shares, counted on the first region's side (policytext.reuse.distinct_passages); with
    `reuse` (all spans), what was set apart as formula between the two regions, by kind."""
    from .reuse import distinct_passages

    a, b = labels
    topic = f"Which formulations {a} and {b} texts share"
    region = tables.documents.set_index("doc_id")["region"]
    guards = [
        at_least(int((region == a).sum()), 1, f"{a} document"),
        at_least(int((region == b).sum()), 1, f"{b} document"),
    ]
    if not all(g.holds for g in guards):
        return not_stated(notebook, "cross-city-reuse", topic, guards, headline)

    def crossing(rows: pd.DataFrame) -> pd.DataFrame:
        pair = rows["source_doc"].map(region) + "|" + rows["target_doc"].map(region)
        return rows[pair.isin([f"{a}|{b}", f"{b}|{a}"])]

    cross = crossing(kept).sort_values(["length", "source_start"], ascending=[False, True])
    side_a = region.index[region == a]
    formulas = crossing(reuse[reuse["kind"] == "formula"]) if reuse is not None else kept.iloc[0:0]
    aside_ = (
        f" {count(len(distinct_passages(formulas, side_a)), 'passage')} ({count(len(formulas), 'span')}) "
        f"are set apart as formulas: {_set_aside(formulas)} (data/reuse_boilerplate.tsv)."
        if len(formulas)
        else ""
    )
    d = tables.documents
    comparison = (
        group(tables, a, d.loc[d["region"] == a, "doc_id"]),
        group(tables, b, d.loc[d["region"] == b, "doc_id"]),
    )
    caveat = (
        "a shared passage shows a common formulation, not borrowing: two local texts may both take it from a "
        "central document this corpus does not hold, and a shared name says both name one project; the order "
        "is by date only (first adoption, else writing)."
    )
    if cross.empty:
        return Finding(
            notebook,
            "cross-city-reuse",
            topic,
            tuple(guards),
            f"No {a} and {b} documents share a passage of substance.",
            aside_.strip(),
            comparison,
            (Number("shared passages", 0, "passages"),),
            (),
            caveat,
            headline,
        )
    passages = distinct_passages(cross, side_a)
    own = cross[cross["central_origin"] == ""]
    own_passages = distinct_passages(own, side_a)
    set_apart = distinct_passages(formulas, side_a)
    holders = sorted(set(passages["doc_id"]) | set(set_apart["doc_id"]))
    where = f"all in {holders[0]}" if len(holders) == 1 else f"in {count(len(holders), f'{a} document')}"
    if own.empty:
        total = len(passages) + len(set_apart)
        claim = (
            f"No wording of local origin is shared by {a} and {b} texts: of the {count(total, 'passage')} of "
            f"{a} text that share wording with {b} ({where}), "
            + (f"{len(set_apart)} are formulas, stock phrases or names ({_set_aside(formulas)} spans) and " if
               len(set_apart) else "")
            + f"the other {len(passages)} {'has' if len(passages) == 1 else 'have'} a documented central origin."
        )
    else:
        claim = (
            f"{count(len(passages), 'passage')} of {a} text ({where}) share wording of substance with {b} "
            f"texts ({count(len(cross), 'span')}); {len(passages) - len(own_passages)} of the passages have a "
            "documented central origin."
        )
    r = (own if len(own) else cross).iloc[0]
    detail = (
        f"The longest without a documented central origin, {r['length']} characters, {_runs(tables, r)}; it may "
        "still come from a central text this corpus does not hold."
        if len(own)
        else f"The longest, {r['length']} characters, comes from {r['central_origin']}."
    ) + aside_
    return Finding(
        notebook,
        "cross-city-reuse",
        topic,
        tuple(guards),
        claim,
        detail,
        comparison,
        (
            Number(f"distinct {a} passages shared with {b}", len(passages), "passages"),
            Number("spans they gather", len(cross), "spans"),
            Number(
                "passages without a documented central origin",
                len(own_passages),
                "passages",
                len(own_passages),
                len(passages),
            ),
            Number("formula spans set apart", len(formulas), "spans"),
        ),
        _span_quotes(r),
        caveat,
        headline,
    )


def vertical_reuse(
    tables, kept: pd.DataFrame, tier: pd.Series, notebook: str = "06_text_reuse", headline: bool = False
) -> Finding:
    """Distinct local passages that share substance with a national text (tier: doc_id -> national/local), how
    many spans have an order by date, and the longest."""
    from .reuse import distinct_passages

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
            (Number("passages across levels", 0, "passages"),),
            (),
            "",
            headline,
        )
    r = vertical.sort_values(["length", "source_start"], ascending=[False, True]).iloc[0]
    passages = distinct_passages(vertical, tier.index[tier == "local"])
    down = vertical[(vertical["direction"] == "forward") & (vertical["source_doc"].map(tier) == "national")]
    up = vertical[(vertical["direction"] == "forward") & (vertical["source_doc"].map(tier) == "local")]
    open_ = vertical[vertical["direction"] != "forward"]
    per_doc = passages["doc_id"].value_counts()
    most = sorted(per_doc.index, key=lambda x: (-per_doc[x], x))[0]
    claim = (
        f"{count(len(passages), 'local passage')} share wording of substance with a national text "
        f"({count(len(vertical), 'span')}); for {len(open_)} of the spans which came first is undetermined, "
        f"{len(down)} run from a national text held in a version older than the local one"
        + (f" and {len(up)} the other way" if len(up) else "")
        + f"; the longest, {r['length']} characters, {_runs(tables, r)}."
    )
    detail = (
        f"{per_doc[most]} of the {len(passages)} passages are in {most}. The order is undetermined where the "
        "national text is held in a revision later than the local text: the corpus cannot show in which version "
        "a passage first appeared, and some shared wording entered the law only in that revision."
    )
    return Finding(
        notebook,
        "vertical-reuse",
        topic,
        tuple(guards),
        claim,
        detail,
        comparison,
        (
            Number("distinct local passages shared with a national text", len(passages), "passages"),
            Number("spans across levels", len(vertical), "spans"),
            Number("spans with the order undetermined", len(open_), "spans", len(open_), len(vertical)),
            Number("spans from an older national version to a later local text", len(down), "spans",
                   len(down), len(vertical)),
            Number("longest", int(r["length"]), "characters"),
        ),
        _span_quotes(r),
        "a shared passage shows the texts follow one wording, not that the later implements the earlier; a "
        "provincial regulation restating the national law on its subject is what such regulations do.",
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
    pairs: pd.DataFrame | None = None,
) -> Finding:
    """The instrument × stage cell furthest above its margins (cells: policytext.instrument_stage, corpus); with
    `pairs` (policytext.instrument_stage.clause_pairs), the cell's dependence on one document: the document
    that gives it most codings, and the cell's residual without that document (leave one document out)."""
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
    detail, extra = "", ()
    if pairs is not None and len(pairs):
        from .instrument_stage import instrument_stage

        doc_of = pairs.drop_duplicates("clause_id").set_index("clause_id")["doc_id"]
        per_doc = pd.Series([doc_of[c] for c in top["clause_ids"]]).value_counts()
        main = sorted(per_doc.index, key=lambda x: (-per_doc[x], x))[0]
        rest = instrument_stage(pairs[pairs["doc_id"] != main])
        cell = rest[(rest["instrument"] == top["instrument"]) & (rest["stage"] == top["stage"])]
        left = cell.iloc[0] if len(cell) else None
        if left is not None:
            claim = claim[:-1] + (
                f"; {per_doc[main]} of the {int(top['observed'])} are in one document, {main}, and without it the "
                f"residual is {left['residual']:+.1f}."
            )
        detail = (
            "Without that one document the residual falls below 2: the cell describes that document more than "
            "the corpus."
            if left is not None and left["residual"] < 2
            else f"The cell does not rest on one document: {main} gives most codings, and the cell stands without it."
        )
        extra = (
            Number(f"codings from {main}", int(per_doc[main]), "clause codings", int(per_doc[main]),
                   int(top["observed"])),
            *((Number(f"residual without {main}", float(left["residual"]), "", digits=1),) if left is not None
              else ()),
        )
    return Finding(
        notebook,
        "instrument-stage",
        topic,
        tuple(guards),
        claim,
        detail,
        (),
        (
            Number(f"clause codings {top['instrument']} × {top['stage']}", int(top["observed"]), "clause codings"),
            Number("expected from the margins", float(top["expected"]), "clause codings", digits=1),
            *extra,
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
    topic = "How far the PMC index follows document length"
    guards = [at_least(len(formal), 3, "scored formal document")]
    if not guards[0].holds:
        return not_stated(notebook, "pmc-ranking", topic, guards, headline)
    clauses = tables.documents.set_index("doc_id")["clauses"]
    scores = formal.set_index("doc_id")["pmc"]
    hi, lo = leaders(scores), leaders(scores, largest=False)
    rho = scores.rank().corr(clauses.reindex(scores.index).rank())
    rest = scores.drop(lo[0])
    rho_rest = rest.rank().corr(clauses.reindex(rest.index).rank())
    claim = (
        f"A check of the method: the PMC index follows the length of the document (Spearman ρ = {rho:.2f} "
        f"against the number of clauses over {len(scores)} scored documents, {rho_rest:.2f} without the "
        f"lowest, {lo[0]}), so its ranking, {who(tables, hi)} first ({scores[hi[0]]:.2f}) and {who(tables, lo)} "
        f"last ({scores[lo[0]]:.2f}), says more about length and scope than about the policies."
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
            Number(f"Spearman ρ without {lo[0]}", float(rho_rest), "", digits=2),
        ),
        quotes,
        "keyword rules reward long, broad texts: every clause is another chance to match a rule; and the scheme "
        "measures instruments that promote S&T, so a law whose subject is a right or a regulatory regime scores "
        "low by construction (the scope note above).",
        headline,
    )


def permutation_p(values, in_group) -> float:
    """One-sided exact permutation p of the difference of means (group minus the rest): the share of every
    split of the values into groups of the same sizes whose difference is at least the observed one."""
    from itertools import combinations

    import numpy as np

    values, in_group = np.asarray(values, dtype=float), np.asarray(in_group, dtype=bool)
    k, total = int(in_group.sum()), values.sum()
    n = len(values)

    def gap(idx) -> float:
        s = values[list(idx)].sum()
        return s / k - (total - s) / (n - k)

    observed = gap(np.flatnonzero(in_group))
    splits = [gap(idx) for idx in combinations(range(n), k)]
    return float(np.mean([g >= observed - 1e-12 for g in splits]))


def length_adjusted_gap(values, in_group, length) -> float:
    """The group's coefficient in a least-squares fit of the values on log(length) and a group indicator: the
    gap between the groups once length is allowed for."""
    import numpy as np

    x = np.column_stack([np.ones(len(values)), np.log(np.asarray(length, dtype=float)),
                         np.asarray(in_group, dtype=float)])
    coef, *_ = np.linalg.lstsq(x, np.asarray(values, dtype=float), rcond=None)
    return float(coef[2])


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
    p_value = permutation_p(text_score.to_numpy(), (formal["tier"] == "national").to_numpy())
    length = formal["doc_id"].map(tables.documents.set_index("doc_id")["clauses"]).astype(float)
    adjusted = length_adjusted_gap(text_score.to_numpy(), (formal["tier"] == "national").to_numpy(), length.to_numpy())
    claim = (
        f"No difference between national and local documents is shown: {without} national documents score "
        f"{text_gap:+.2f} above local ones ({sizes['national']} against {sizes['local']}, permutation p = "
        f"{p_value:.2f}), and {adjusted:+.2f} once length is allowed for; the rest of the raw gap of {gap:+.2f} "
        f"on the PMC index, {catalog:+.2f}, is issuer level, which the catalog sets by construction."
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
            Number("permutation p of the text gap (one-sided, every split)", float(p_value), "", digits=2),
            Number("text gap allowing for log clauses", float(adjusted), "", digits=2),
        ),
        (),
        f"{sizes['national']} against {sizes['local']} documents are too few to show a gap of this size; the "
        "index rises with length and the national texts are longer; the tiers differ in genre "
        f"({genres_n.get('national', '')} against {genres_n.get('local', '')}) and in date; the scheme "
        "measures instruments that promote S&T, so "
        "a law whose subject is a right scores low by construction (the scope note above).",
        headline,
    )
