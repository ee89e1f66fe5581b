"""Findings of notebook 02 (talent policy): programmes and people counts."""

from __future__ import annotations

from .compare import count
from .core import (
    Finding,
    Number,
    _kinds,
    at_least,
    doc_name,
    enough_documents,
    group,
    literal,
    not_stated,
    thin_note,
    who,
)
from .evidence import from_row
from .narrative import leaders, listing

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
