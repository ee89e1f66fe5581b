"""Findings of notebook 01 (innovation ecosystems): coverage and shared platforms."""

from __future__ import annotations

import re

from .compare import count, regions_title
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
    who,
)
from .evidence import from_row
from .narrative import leaders, listing, pct

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
