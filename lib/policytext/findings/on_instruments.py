"""Findings of notebook 05 (policy instruments): demand share, instrument and theme, report or promise."""

from __future__ import annotations

from .compare import UNCATALOGUED, count, genre
from .core import (
    RARE,
    Finding,
    Guard,
    Number,
    _names,
    at_least,
    clause_quote,
    doc_name,
    group,
    known_regions,
    literal,
    not_stated,
    thin_note,
    who,
)
from .evidence import from_row
from .narrative import leaders, pct

# -- 05 · instruments ----------------------------------------------------------------------------------------


def demand_share(tables, notebook: str = "05_policy_instruments", headline: bool = False) -> Finding:
    """The demand side's share of instrument codes, overall and by genre (by document when genres are not
    catalogued)."""
    from ..coding.codes import INSTRUMENTS, indicator_matrix
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
    from ..coding.codes import THEMES, indicator_matrix, unit_codes

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
