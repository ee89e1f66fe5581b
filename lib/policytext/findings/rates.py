"""Findings on the rate of a theme per document: the one comparison notebooks 02-04 make."""

from __future__ import annotations

import pandas as pd

from .compare import count, regions_title
from .core import Finding, Number, at_least, doc_name, enough_documents, group, literal, not_stated, thin_note, who
from .evidence import from_row
from .narrative import TIE, tied

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
