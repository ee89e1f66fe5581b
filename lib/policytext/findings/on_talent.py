"""Findings of notebook 02 (talent policy): programmes and people counts."""

from __future__ import annotations

import re

import pandas as pd

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
from .narrative import listing, tied

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
# A present stock is what an office has: a verb of possession before the number (目前…具有…人员约200人). 目前
# alone is not one: 目前…已开展研究项目536项 ('so far … has carried out') reports work done.
STOCK = re.compile("现有|具有|拥有|共有")
DONE = re.compile("已|累计|新增")  # a completion marker after the verb makes the number an achievement


def _stock(row) -> bool:
    before = str(row["sentence"]).split(str(row["surface"]))[0]
    verbs = list(STOCK.finditer(before))
    return bool(verbs) and not DONE.search(before[verbs[-1].end():])


def present_stock(indicators: pd.DataFrame) -> pd.Series:
    """True for the quantities a sentence gives as a present stock (目前…具有…人员约200人: a verb of possession,
    STOCK, before the number, and no completion marker, DONE, between them), which people_counts sets aside as
    headcounts of existing staff."""
    if not len(indicators):
        return pd.Series(False, index=indicators.index)
    return indicators.apply(_stock, axis=1).astype(bool)


def people_counts(tables, notebook: str = "02_talent_policy", headline: bool = False) -> Finding:
    """The counts of people and of teams in talent sentences (indicator measures 'people' and 'teams'),
    document by document, as achievements or targets; headcounts of existing staff (a present stock, STOCK)
    are set aside and named. No overall verdict ('mostly reported'): the counts are few and each document's
    kind goes with its genre (a report reports, a plan sets targets), so they are given by document."""
    from .summaries import coded_indicators

    topic = "Whether counts of people and teams are reported or promised"
    numbers = coded_indicators(tables, "talent")
    counted = numbers[numbers["measures"].isin(["people", "teams"])]
    stock = counted[present_stock(counted)]
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
