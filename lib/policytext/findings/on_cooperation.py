"""Findings of notebook 04 (Chengdu and Chongqing): keyness and shared initiatives."""

from __future__ import annotations

import pandas as pd

from .compare import count, regions_title
from .core import Finding, Guard, Number, at_least, group, literal, not_stated
from .evidence import Quote, from_row
from .narrative import listing

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
    from ..coding.glossary import gloss

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
