"""Findings of notebook 05 (policy instruments): demand share, instrument and theme, report or promise."""

from __future__ import annotations

import pandas as pd

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
from .narrative import listing, pct, tied

# -- 05 · instruments ----------------------------------------------------------------------------------------


def demand_share(tables, notebook: str = "05_policy_instruments", headline: bool = False) -> Finding:
    """The demand side's share of the instrument-coded sentences, overall and by genre (by document when
    genres are not catalogued), on the primary code of each sentence's clause (the codebook coding of
    policytext.instruments, the one measured against hand coding), not on the multi-label lexicon cues:
    those match 一带一路, foreign partners and trade words as 'overseas institutions' or 'trade'.
    A near tie for the highest share (within TIE) is said as a tie."""
    from ..coding.codes import INSTRUMENTS
    from .summaries import coded_sentences, first_match

    topic = "How rare demand-side tools are"
    g = genre(tables)
    by = "genre" if (g != UNCATALOGUED).all() else "document"
    primary = tables.codes["instrument"]
    keys = tables.codes["doc_id"].map(g) if by == "genre" else tables.codes["doc_id"]
    m = pd.DataFrame({side: (primary == side).astype(int).to_numpy() for side in INSTRUMENTS})
    sides = m.groupby(keys.to_numpy()).sum()
    total = int(sides.to_numpy().sum())
    guards = [at_least(total, 1, "sentence with a primary instrument code", "sentences with a primary instrument code")]
    if not guards[0].holds:
        return not_stated(notebook, "demand-share", topic, guards, headline)
    per = sides.sum(axis=1)
    share = (sides["demand"] / per.where(per > 0)).dropna()
    demand = int(sides["demand"].sum())
    name = (lambda x: f"the {x}") if by == "genre" else (lambda x: doc_name(tables, x))
    holders = share[share > 0]
    rare = (share < RARE).all()
    claim = (
        f"Demand-side tools are {'rare in every ' + by if rare else 'not rare in every ' + by}: "
        f"{demand} of the {total} sentences with a primary instrument code ({pct(demand, total)}) are coded demand"
    )
    if demand == 0:
        claim += "."
    elif len(holders) == 1:
        x = holders.index[0]
        claim += f", all in {name(x)} ({int(sides.loc[x, 'demand'])} of {int(per[x])})."
    else:
        hi = tied(holders)
        claim += (
            f", in {count(len(holders), by)} of {len(share)}; the highest share is {pct(share[hi[0]], 1)} in "
            f"{_names(hi, name)}."
        )
    rows = coded_sentences(tables, "demand")
    # Quote a sentence that names the tool (a cue matches), not its clause's heading (二是…).
    cues = [(r, first_match(tables, r["sentence_id"], "demand")) for _, r in rows.iterrows()]
    cues = [(r, c) for r, c in cues if c] or [(r, "") for _, r in rows.head(1).iterrows()]
    q = from_row(cues[0][0], literal(cues[0][1]) if cues[0][1] else "") if cues else None
    docs = tables.documents["doc_id"]
    members = (lambda x: docs[docs.map(g) == x]) if by == "genre" else (lambda x: [x])
    zero = share.index[share == 0]
    return Finding(
        notebook,
        "demand-share",
        topic,
        tuple(guards),
        claim,
        "Each sentence counts once, with the side of its clause's primary code; by the lexicon cues, which let a "
        "sentence carry several sides, demand is more frequent, but most of those cues are names of international "
        "cooperation (一带一路, foreign partners) and trade words, not demand-side tools.",
        (
            group(tables, f"{by}s with demand codes", [d for x in holders.index for d in members(x)]),
            group(tables, f"{by}s without", [d for x in zero for d in members(x)]),
        ),
        (
            Number("sentences coded demand", demand / total, "share", demand, total),
            *(
                Number(f"sentences coded demand in {x}", share[x], "share", int(sides.loc[x, "demand"]), int(per[x]))
                for x in holders.sort_values(ascending=False).index
            ),
        ),
        (q,) if q else (),
        "the primary coding's agreement with hand coding on demand is in the README agreement table "
        "(docs/instruments.md), but the gold holds only a handful of demand units, so that figure is itself "
        "uncertain; " + thin_note(tables),
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


MIN_QUANTITIES = 5  # a document's share of targets is compared only when it states at least this many


def report_or_promise(tables, notebook: str = "05_policy_instruments", headline: bool = False) -> Finding:
    """How widely the share of targets among the quantities a document states varies within one region,
    over documents stating at least MIN_QUANTITIES quantities (a share of 3 numbers says nothing)."""
    topic = "Whether the quantities stated are targets or results, within one city"
    ind = tables.indicators
    kinds = ind.pivot_table(index="doc_id", columns="kind", values="surface", aggfunc="count", fill_value=0)
    kinds = kinds.reindex(columns=["achievement", "target"], fill_value=0)
    tot = kinds.sum(axis=1)
    kinds = kinds[tot >= MIN_QUANTITIES]
    region = tables.documents.set_index("doc_id")["region"]
    regions = [r for r in known_regions(tables) if (region[kinds.index] == r).sum() >= 2]
    guards = [
        Guard(
            f"a recorded region with at least two documents stating {MIN_QUANTITIES} or more quantities each",
            bool(regions),
            f"no recorded region has two documents stating {MIN_QUANTITIES} or more quantities",
        )
    ]
    if not guards[0].holds:
        return not_stated(notebook, "report-or-promise", topic, guards, headline)
    share = kinds["target"] / tot[kinds.index]
    spread = {r: share[region[share.index] == r].max() - share[region[share.index] == r].min() for r in regions}
    r = max(regions, key=lambda x: (spread[x], x))
    within = share[region[share.index] == r]
    lo, hi = tied(within, largest=False), tied(within)
    claim = (
        f"Within {r}, among documents stating at least {MIN_QUANTITIES} quantities, the share of targets among "
        f"the quantities stated runs from {pct(within[lo[0]], 1)} in {who(tables, lo)} to "
        f"{pct(within[hi[0]], 1)} in {who(tables, hi)}."
    )
    thin = tot[(tot < MIN_QUANTITIES) & (tot > 0)]
    detail = (
        "The share measures whether a text's numbers are targets, not whether the text promises: a section of "
        "plans may state no number at all."
        + (
            f" Left out for stating fewer than {MIN_QUANTITIES} quantities: "
            f"{listing(f'{x} ({int(thin[x])})' for x in thin.index)}."
            if len(thin)
            else ""
        )
    )
    quotes = []
    for doc, kind in ((lo[0], "achievement"), (hi[0], "target")):
        rows = ind[(ind["doc_id"] == doc) & (ind["kind"] == kind)]
        if len(rows):
            quotes.append(from_row(rows.iloc[0], literal(rows.iloc[0]["surface"])))
    return Finding(
        notebook,
        "report-or-promise",
        topic,
        (*guards, at_least(len(within), 2, f"{r} document stating {MIN_QUANTITIES} or more quantities")),
        claim,
        detail,
        (group(tables, "lowest", lo), group(tables, "highest", hi)),
        tuple(
            Number(f"targets among the quantities of {x}", within[x], "share", int(kinds.loc[x, "target"]), int(tot[x]))
            for x in (*lo, *hi)
        ),
        tuple(quotes),
        "the kind is read from cues (已/累计 against 力争/将) and can misread a sentence, and a document's "
        "quantities may sit in a part of another kind (a news brief inside an interview); " + thin_note(tables),
        headline,
    )
