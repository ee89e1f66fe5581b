"""Findings of notebook 06 (text reuse): reuse across the two cities and between levels."""

from __future__ import annotations

import pandas as pd

from .compare import count, regions_title
from .core import Finding, Number, at_least, group, not_stated
from .evidence import Quote

# -- 06 · reuse ----------------------------------------------------------------------------------------------


def _dated(tables, doc_id: str) -> str:
    """'doc (first adopted 1984-03-12)', 'doc (written 2021-01)' or 'doc (undated)': the date reuse orders by."""
    d = tables.documents.set_index("doc_id")
    first = str(d["date_first"].get(doc_id, "") or "") if "date_first" in d else ""
    written = str(d["date_written"].get(doc_id, "") or "")
    return f"{doc_id} (" + (f"first adopted {first}" if first else f"written {written}" if written else "undated") + ")"


def _runs(tables, r) -> str:
    """How a reuse row's documents are ordered: 'runs from A (date) to B (date)' or, without an order by date,
    'is shared by A (date) and B (date), which came first undetermined'."""
    a, b = _dated(tables, r["source_doc"]), _dated(tables, r["target_doc"])
    if r["direction"] == "forward":
        return f"runs from {a} to {b}"
    return f"is shared by {a} and {b}, which came first undetermined by their dates"


def _span_quotes(r) -> tuple[Quote, Quote]:
    return (
        Quote(r["source_text"], r["source_doc"], r["source_clause"]),
        Quote(r["target_text"], r["target_doc"], r["target_clause"]),
    )


def cross_city_reuse(
    tables, kept: pd.DataFrame, labels=("Chengdu", "Chongqing"), notebook: str = "06_text_reuse", headline: bool = False
) -> Finding:
    """Spans of substance (formulas excluded; with a `central_origin` column) shared by a document of each region."""
    a, b = labels
    topic = f"Which formulations {a} and {b} texts share"
    region = tables.documents.set_index("doc_id")["region"]
    guards = [
        at_least(int((region == a).sum()), 1, f"{a} document"),
        at_least(int((region == b).sum()), 1, f"{b} document"),
    ]
    if not all(g.holds for g in guards):
        return not_stated(notebook, "cross-city-reuse", topic, guards, headline)
    pair = kept["source_doc"].map(region) + "|" + kept["target_doc"].map(region)
    cross = kept[pair.isin([f"{a}|{b}", f"{b}|{a}"])].sort_values(["length", "source_start"], ascending=[False, True])
    d = tables.documents
    comparison = (
        group(tables, a, d.loc[d["region"] == a, "doc_id"]),
        group(tables, b, d.loc[d["region"] == b, "doc_id"]),
    )
    if cross.empty:
        return Finding(
            notebook,
            "cross-city-reuse",
            topic,
            tuple(guards),
            f"No {a} and {b} documents share a passage of substance.",
            "",
            comparison,
            (Number("shared spans", 0, "spans"),),
            (),
            f"the sides are {regions_title(tables, [a, b])}.",
            headline,
        )
    own = cross[cross["central_origin"] == ""]
    claim = (
        f"{count(len(cross), 'span')} of substance {'is' if len(cross) == 1 else 'are'} shared by a "
        f"{a} and a {b} document; {len(cross) - len(own)} of them come from a documented central text."
    )
    if len(own):
        r = own.iloc[0]
        detail = (
            f"The longest without a documented central origin, {r['length']} characters, {_runs(tables, r)}; it "
            "may still come from a central text this corpus does not hold."
        )
        quotes = _span_quotes(r)
    else:
        r = cross.iloc[0]
        detail = f"The longest, {r['length']} characters, comes from {r['central_origin']}."
        quotes = _span_quotes(r)
    return Finding(
        notebook,
        "cross-city-reuse",
        topic,
        tuple(guards),
        claim,
        detail,
        comparison,
        (
            Number("cross-city spans", len(cross), "spans"),
            Number(
                "of them with a documented central origin",
                len(cross) - len(own),
                "spans",
                len(cross) - len(own),
                len(cross),
            ),
            Number("longest cross-city span", int(cross["length"].max()), "characters"),
        ),
        quotes,
        "a shared span shows a common formulation, not borrowing: two local texts may both take it from a "
        "central document; the direction only orders the texts by date (first adoption, else writing).",
        headline,
    )


def vertical_reuse(
    tables, kept: pd.DataFrame, tier: pd.Series, notebook: str = "06_text_reuse", headline: bool = False
) -> Finding:
    """The longest span shared by a national and a local document (tier: doc_id -> national/local)."""
    topic = "What national and local texts share"
    guards = [
        at_least(int((tier == "national").sum()), 1, "national document"),
        at_least(int((tier == "local").sum()), 1, "local document"),
    ]
    if not all(g.holds for g in guards):
        return not_stated(notebook, "vertical-reuse", topic, guards, headline)
    vertical = kept[kept["source_doc"].map(tier) != kept["target_doc"].map(tier)]
    comparison = (
        group(tables, "national", tier.index[tier == "national"]),
        group(tables, "local", tier.index[tier == "local"]),
    )
    if vertical.empty:
        return Finding(
            notebook,
            "vertical-reuse",
            topic,
            tuple(guards),
            "No national and local documents share a passage of substance.",
            "",
            comparison,
            (Number("spans across levels", 0, "spans"),),
            (),
            "",
            headline,
        )
    r = vertical.sort_values(["length", "source_start"], ascending=[False, True]).iloc[0]
    down = vertical[(vertical["direction"] == "forward") & (vertical["source_doc"].map(tier) == "national")]
    claim = (
        f"{count(len(vertical), 'span')} of substance {'is' if len(vertical) == 1 else 'are'} shared across levels "
        f"of government, {len(down)} of them from an earlier national text to a later local one; the longest, "
        f"{r['length']} characters, {_runs(tables, r)}."
    )
    caveat = (
        "here the earlier text is local and the later national; the likeliest origin is an earlier version of "
        "the national text that both follow, so direction by date is not direction of influence."
        if tier[r["source_doc"]] == "local" and r["direction"] == "forward"
        else "a shared span shows the later text follows the earlier one, not that it implements it; a national "
        "law is dated by its first adoption, so its wording may be that of a later revision."
    )
    return Finding(
        notebook,
        "vertical-reuse",
        topic,
        tuple(guards),
        claim,
        "",
        comparison,
        (
            Number("spans across levels", len(vertical), "spans"),
            Number("of them national to local", len(down), "spans", len(down), len(vertical)),
            Number("longest", int(r["length"]), "characters"),
        ),
        _span_quotes(r),
        caveat,
        headline,
    )
