"""Findings of notebook 01 (innovation ecosystems): coverage and shared platforms."""

from __future__ import annotations

import re

import pandas as pd

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
from .evidence import Quote, from_row
from .narrative import listing, pct, tied

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
        "the ecosystem theme agrees only moderately with hand coding on the seed clauses the rules were written on "
        "(docs/agreement.md gives κ, precision and recall): its precision is below its recall there, so it "
        "over-codes and the shares lean high.",
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
