"""Findings of notebook 00 (the corpus): genre confound, cleaning share, vocabulary of its own."""

from __future__ import annotations

from .compare import UNCATALOGUED, count, genre, regions_title
from .core import (
    Finding,
    Number,
    at_least,
    enough_documents,
    enough_regions,
    group,
    known_regions,
    literal,
    not_stated,
    thin_note,
    who,
)
from .evidence import from_row
from .narrative import TIE, UNKNOWN, leaders, listing, pct, tied
from .summaries import removed_chars

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
    # printed characters on both sides: whitespace (a file's blank lines and indentation) is layout, not text
    # that cleaning removed, and files differ in it
    share = d["clean_printed_chars"] / d["printed_chars"].where(d["printed_chars"] > 0)
    low = leaders(share, largest=False)
    total = d["clean_printed_chars"].sum() / d["printed_chars"].sum()
    first = low[0]
    removed = tables.removed[tables.removed["doc_id"] == first]
    reasons = removed["reason"].value_counts()
    top = leaders(reasons) if len(reasons) else []
    claim = (
        f"{who(tables, low)} {'keeps' if len(low) == 1 else 'keep'} the smallest share of "
        f"{'its' if len(low) == 1 else 'their'} "
        f"printed characters (whitespace aside) as policy text: {pct(share[first], 1)}, against {pct(total, 1)} "
        "for the corpus."
    )
    # by printed characters too: the claim is about characters, and a long notice outweighs short chrome lines
    chars = removed_chars(removed)
    heavy = leaders(chars) if len(chars) and chars.max() > 0 else []
    detail = (
        f"Of its {count(len(removed), 'removed line')}, the most are removed as "
        f"{listing(f'`{r}`' for r in top)} ({reasons[top[0]]}{' each' if len(top) > 1 else ''})"
        + (f"; by printed characters, the most went as {listing(f'`{r}`' for r in heavy)} "
           f"({chars[heavy[0]]} of {chars.sum()})." if heavy else ".")
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
                f"printed characters kept in {first}",
                share[first],
                "share",
                int(d.loc[first, "clean_printed_chars"]),
                int(d.loc[first, "printed_chars"]),
            ),
            Number(
                "printed characters kept in the corpus", total, "share", int(d["clean_printed_chars"].sum()),
                int(d["printed_chars"].sum()),
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
    from ..coding.glossary import gloss
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
