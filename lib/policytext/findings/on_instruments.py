"""Findings of notebook 05 (policy instruments): demand share, instrument and theme, report or promise."""

from __future__ import annotations

import pandas as pd

from .compare import UNCATALOGUED, count, genre
from .core import (
    RARE,
    Finding,
    Guard,
    Number,
    at_least,
    clause_quote,
    group,
    known_regions,
    literal,
    not_stated,
    thin_note,
)
from .evidence import from_row
from .narrative import listing, pct, tied

# -- 05 · instruments ----------------------------------------------------------------------------------------


def demand_share(tables, notebook: str = "05_policy_instruments", headline: bool = False) -> Finding:
    """How rare demand-side tools are, counted in clauses (the counting unit of docs/instruments.md) on the
    primary code of each clause (the codebook coding of policytext.instruments, the one measured against hand
    coding), overall and by genre (by document when genres are not catalogued); with the sentences that name
    a market-creating demand tool (summaries.MARKET_TOOLS) whatever their clause's primary code, since one
    primary code per clause hides a demand tool listed among supply or environment measures."""
    from ..coding.codes import INSTRUMENTS, unit_codes
    from .summaries import market_tool_sentences

    topic = "How rare demand-side tools are"
    g = genre(tables)
    by = "genre" if (g != UNCATALOGUED).all() else "document"
    units = unit_codes(tables.codes)
    units = units[units["instrument"].isin(INSTRUMENTS)]
    keys = units["doc_id"].map(g) if by == "genre" else units["doc_id"]
    m = pd.DataFrame({side: (units["instrument"] == side).astype(int).to_numpy() for side in INSTRUMENTS})
    sides = m.groupby(keys.to_numpy()).sum()
    total = int(sides.to_numpy().sum())
    guards = [at_least(total, 1, "clause with a primary instrument code", "clauses with a primary instrument code")]
    if not guards[0].holds:
        return not_stated(notebook, "demand-share", topic, guards, headline)
    per = sides.sum(axis=1)
    share = (sides["demand"] / per.where(per > 0)).dropna()
    demand = int(sides["demand"].sum())
    rare = (share < RARE).all()
    named = market_tool_sentences(tables)
    docs = list(dict.fromkeys(named["doc_id"]))
    hidden = int((named["instrument"] != "demand").sum())
    claim = (
        f"Demand-side tools are {'rare in every ' + by if rare else 'not rare in every ' + by}: "
        f"{demand} of the {total} clauses with a primary instrument code ({pct(demand, total)}) "
        f"{'is' if demand == 1 else 'are'} coded demand"
    )
    if len(named):
        claim += (
            f"; {count(len(named), 'sentence')} in {count(len(docs), 'document')} ({listing(docs)}) name a "
            f"procurement, first-set or application-scenario tool, {hidden} of them in clauses whose primary "
            "code is a supply or environment measure."
        )
    else:
        claim += "; no sentence names a procurement, first-set or application-scenario tool."
    # Quote the sentence that names most market-creating tools (procurement, 首台套), not a heading.
    q = None
    if len(named):
        best = named.assign(n=named["cues"].map(len)).sort_values("n", ascending=False, kind="stable").iloc[0]
        q = from_row(best, literal(best["cues"][0]))
    return Finding(
        notebook,
        "demand-share",
        topic,
        tuple(guards),
        claim,
        "Each clause counts once, with its primary code; a demand tool named as one item of a longer clause is "
        "outscored there by a supply or environment cue, so the sentences that name one are counted apart. By "
        "all the demand cues of the lexicon demand is more frequent, but most of those cues are names of "
        "international cooperation (一带一路, foreign partners), trade words and outsourcing, not demand-side tools.",
        (group(tables, "documents naming a demand tool", docs),) if docs else (),
        (
            Number("clauses coded demand", demand / total, "share", demand, total),
            Number("sentences naming a market-creating demand tool", len(named), "sentences"),
        ),
        (q,) if q else (),
        "the primary coding's agreement with hand coding on demand is in the README agreement table "
        "(docs/instruments.md), but the gold holds only a handful of demand units, so that figure is itself "
        "uncertain; the sentences naming a demand tool are found by lexicon cues, not read one by one; "
        + thin_note(tables),
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


def largest_cell_note(tables) -> str:
    """What the largest cell of the instrument side × theme cross-tabulation (clauses: a clause's primary side,
    the themes of its sentences) is made of, as sentences: its ratio to independence; how many of the clauses
    with a primary instrument its theme is on (a theme on nearly all of them cannot set one side apart); how many
    of its clauses are in it by construction of the lexicons (`cell_by_construction`); and, apart,
    the overlap of the two lexicons counted in sentences and cues, a different population (`co_coded`)."""
    from ..coding.codes import INSTRUMENTS, unit_codes
    from .compare import observed_expected
    from .summaries import cell_by_construction, co_coded, instrument_by_theme

    cross = instrument_by_theme(tables)
    if int(cross.to_numpy().sum()) == 0:
        return "No clause has both a primary instrument and a theme."
    oe = observed_expected(cross)
    cell = oe.sort_values(["observed", "row", "column"], ascending=[False, True, True]).iloc[0]
    side, theme = cell["row"], cell["column"]
    coded = int(unit_codes(tables.codes)["instrument"].isin(INSTRUMENTS).sum())
    with_theme = int(cross[theme].sum())
    built = cell_by_construction(tables, side, theme)
    sentences = co_coded(tables, side, theme)
    return (
        f"The largest cell of the cross-tabulation, {side} × {theme} ({count(int(cell['observed']), 'clause')}), is "
        f"{cell['ratio']:.2f} times its expected count. {theme.capitalize()} is on {with_theme} of the "
        f"{count(coded, 'clause')} with a primary instrument"
        + (", so it cannot set one side apart from another" if with_theme >= 0.8 * coded else "")
        + f". {int(built['on_shared_text'].sum())} of the cell's {count(len(built), 'clause')} are in it by "
        f"construction of the two lexicons: every {side} cue of the clause, or every {theme} cue, is text that is also "
        f"a cue of the other. Counted in sentences and cues instead (any cue of the side, not the clause's primary "
        f"code), {int(sentences['term_only'].sum())} of the {count(len(sentences), 'sentence')} whose cues match both "
        f"rest on such text alone, and {int(sentences['same_term'].sum())} hold some (the table below)."
    )


def _clauses_with_pair(tables, side: str, theme: str) -> list[str]:
    from ..coding.codes import THEMES, indicator_matrix, unit_codes

    t = indicator_matrix(tables.codes, "themes", THEMES)
    t.insert(0, "clause_id", tables.codes["clause_id"].to_numpy())
    themed = t.groupby("clause_id", sort=False).max()
    units = unit_codes(tables.codes).set_index("clause_id")
    ok = themed.index[(themed[theme] == 1).to_numpy() & (units["instrument"].reindex(themed.index) == side).to_numpy()]
    return list(ok)


MIN_QUANTITIES = 5  # an article's share of targets is compared only when it states at least this many


def quantities_by_article(tables) -> pd.DataFrame:
    """Achievements and targets among the stated quantities, one row per article (doc_id, article, unit:
    the doc id, with ' (article n)' when the file holds several articles, as a newspaper page holding an
    interview and a news brief does): a share is read per article, so a brief is not credited to its page."""
    ind = tables.indicators
    article = tables.clauses.set_index("clause_id")["article"]
    ind = ind.assign(article=ind["clause_id"].map(article))
    kinds = ind.pivot_table(index=["doc_id", "article"], columns="kind", values="surface", aggfunc="count",
                            fill_value=0).reindex(columns=["achievement", "target"], fill_value=0)
    kinds = kinds.reset_index()
    several = tables.clauses.groupby("doc_id")["article"].nunique()
    kinds["unit"] = [d if several.get(d, 1) <= 1 else f"{d} (article {a})"
                     for d, a in zip(kinds["doc_id"], kinds["article"], strict=True)]
    kinds["quantities"] = kinds["achievement"] + kinds["target"]
    return kinds.sort_values(["doc_id", "article"]).set_index("unit")


def report_or_promise(tables, notebook: str = "05_policy_instruments", headline: bool = False) -> Finding:
    """How widely the share of targets among the quantities an article states varies within one region, over
    articles stating at least MIN_QUANTITIES quantities (a share of 3 numbers says nothing); counted per
    article (quantities_by_article), since one file may hold two articles of different kinds."""
    topic = "Whether the quantities stated are targets or results, within one city"
    per = quantities_by_article(tables)
    kinds = per[per["quantities"] >= MIN_QUANTITIES]
    tot = per["quantities"]
    region_of = tables.documents.set_index("doc_id")["region"]
    region = per["doc_id"].map(region_of)
    regions = [r for r in known_regions(tables) if (region[kinds.index] == r).sum() >= 2]
    guards = [
        Guard(
            f"a recorded region with at least two articles stating {MIN_QUANTITIES} or more quantities each",
            bool(regions),
            f"no recorded region has two articles stating {MIN_QUANTITIES} or more quantities",
        )
    ]
    if not guards[0].holds:
        return not_stated(notebook, "report-or-promise", topic, guards, headline)
    share = kinds["target"] / tot[kinds.index]
    spread = {r: share[region[share.index] == r].max() - share[region[share.index] == r].min() for r in regions}
    r = max(regions, key=lambda x: (spread[x], x))
    within = share[region[share.index] == r]
    lo, hi = tied(within, largest=False), tied(within)
    g = genre(tables)

    def name(unit):
        doc = per.loc[unit, "doc_id"]
        return f"{unit} ({g[doc]})" if g[doc] != UNCATALOGUED else unit

    def names(units):
        return listing(name(u) for u in units) + (" (tied)" if len(units) > 1 else "")

    claim = (
        f"Within {r}, among articles stating at least {MIN_QUANTITIES} quantities, the share of targets among "
        f"the quantities stated runs from {pct(within[lo[0]], 1)} in {names(lo)} to "
        f"{pct(within[hi[0]], 1)} in {names(hi)}."
    )
    thin = tot[(tot < MIN_QUANTITIES) & (tot > 0)]
    detail = (
        "The share measures whether a text's numbers are targets, not whether the text promises: a section of "
        "plans may state no number at all. Quantities are counted per article: a file holding two articles (an "
        "interview and a news brief on one newspaper page) gives each its own share."
        + (
            f" Left out for stating fewer than {MIN_QUANTITIES} quantities: "
            f"{listing(f'{x} ({int(thin[x])})' for x in thin.index)}."
            if len(thin)
            else ""
        )
    )
    ind = tables.indicators
    article = tables.clauses.set_index("clause_id")["article"]
    quotes = []
    for unit, kind in ((lo[0], "achievement"), (hi[0], "target")):
        doc, art = per.loc[unit, "doc_id"], per.loc[unit, "article"]
        rows = ind[(ind["doc_id"] == doc) & (ind["clause_id"].map(article) == art) & (ind["kind"] == kind)]
        if len(rows):
            quotes.append(from_row(rows.iloc[0], literal(rows.iloc[0]["surface"])))
    return Finding(
        notebook,
        "report-or-promise",
        topic,
        (*guards, at_least(len(within), 2, f"{r} article stating {MIN_QUANTITIES} or more quantities")),
        claim,
        detail,
        (group(tables, "lowest", dict.fromkeys(per.loc[lo, "doc_id"])),
         group(tables, "highest", dict.fromkeys(per.loc[hi, "doc_id"]))),
        tuple(
            Number(f"targets among the quantities of {x}", within[x], "share", int(kinds.loc[x, "target"]), int(tot[x]))
            for x in (*lo, *hi)
        ),
        tuple(quotes),
        "the kind is read from cues (已/累计 against 力争/将) and can misread a sentence; " + thin_note(tables),
        headline,
    )
