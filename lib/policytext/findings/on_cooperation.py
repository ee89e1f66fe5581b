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
    from ..language.keywords import keyness_tokens

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
    from ..language.lexicon import lexicon
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
