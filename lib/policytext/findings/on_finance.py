"""Findings of notebook 03 (S&T finance): one-region instruments and kinds of money."""

from __future__ import annotations

from .compare import count, regions_title
from .core import (
    Finding,
    Number,
    _kinds,
    at_least,
    enough_regions,
    group,
    known_regions,
    literal,
    not_stated,
    per_group,
    who,
)
from .evidence import from_row
from .narrative import leaders

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
