"""Findings of notebook 06 (text reuse): reuse across the two cities and between levels."""

from __future__ import annotations

import pandas as pd

from .compare import count
from .core import Finding, Number, at_least, group, not_stated
from .evidence import Quote
from .narrative import listing

# -- 06 · reuse ----------------------------------------------------------------------------------------------


def _dated(tables, doc_id: str) -> str:
    """'doc (first adopted 1984-03-12, version held 2020-10)', 'doc (written 2021-01)' or 'doc (undated)': the
    dates reuse orders by."""
    d = tables.documents.set_index("doc_id")
    first = str(d["date_first"].get(doc_id, "") or "") if "date_first" in d else ""
    written = str(d["date_written"].get(doc_id, "") or "")
    if first and written and first != written:
        return f"{doc_id} (first adopted {first}, version held {written})"
    return f"{doc_id} (" + (f"first adopted {first}" if first else f"written {written}" if written else "undated") + ")"


def _runs(tables, r) -> str:
    """How a reuse row's documents are ordered: 'runs from A (date) to B (date)' or, without an order by date,
    'is shared by A (date) and B (date), which came first undetermined'."""
    a, b = _dated(tables, r["source_doc"]), _dated(tables, r["target_doc"])
    if r["direction"] == "forward":
        return f"runs from {a} to {b}"
    return (f"is shared by {a} and {b}, which came first undetermined by their dates (overlapping, or the earlier "
            "one held in a revision later than the other)")


def _span_quotes(r) -> tuple[Quote, Quote]:
    return (
        Quote(r["source_text"], r["source_doc"], r["source_clause"]),
        Quote(r["target_text"], r["target_doc"], r["target_clause"]),
    )


def _set_aside(rows: pd.DataFrame) -> str:
    """The kinds of listed formula (data/reuse_boilerplate.tsv) of formula spans, largest first:
    '3 programme, 2 stock phrase'."""
    kinds = rows["reason"].astype(str).str.findall(r"\(([^()]+)\)").map(lambda k: k[0] if k else "spread")
    counts = kinds.value_counts()
    return listing(f"{n} {k}" for k, n in sorted(counts.items(), key=lambda x: (-x[1], x[0])))


def cross_city_reuse(
    tables,
    kept: pd.DataFrame,
    labels=("Chengdu", "Chongqing"),
    notebook: str = "06_text_reuse",
    headline: bool = False,
    reuse: pd.DataFrame | None = None,
) -> Finding:
    """Distinct passages of substance (formulas excluded; `kept` with a `central_origin` column) that a document
    of each region shares, counted on the first region's side (policytext.reuse.distinct_passages); with
    `reuse` (all spans), what was set apart as formula between the two regions, by kind."""
    from ..pipeline.reuse import distinct_passages

    a, b = labels
    topic = f"Which formulations {a} and {b} texts share"
    region = tables.documents.set_index("doc_id")["region"]
    guards = [
        at_least(int((region == a).sum()), 1, f"{a} document"),
        at_least(int((region == b).sum()), 1, f"{b} document"),
    ]
    if not all(g.holds for g in guards):
        return not_stated(notebook, "cross-city-reuse", topic, guards, headline)

    def crossing(rows: pd.DataFrame) -> pd.DataFrame:
        pair = rows["source_doc"].map(region) + "|" + rows["target_doc"].map(region)
        return rows[pair.isin([f"{a}|{b}", f"{b}|{a}"])]

    cross = crossing(kept).sort_values(["length", "source_start"], ascending=[False, True])
    side_a = region.index[region == a]
    formulas = crossing(reuse[reuse["kind"] == "formula"]) if reuse is not None else kept.iloc[0:0]
    aside_ = (
        f" {count(len(distinct_passages(formulas, side_a)), 'passage')} ({count(len(formulas), 'span')}) "
        f"are set apart as formulas: {_set_aside(formulas)} (data/reuse_boilerplate.tsv)."
        if len(formulas)
        else ""
    )
    d = tables.documents
    comparison = (
        group(tables, a, d.loc[d["region"] == a, "doc_id"]),
        group(tables, b, d.loc[d["region"] == b, "doc_id"]),
    )
    caveat = (
        "a shared passage shows a common formulation, not borrowing: two local texts may both take it from a "
        "central document this corpus does not hold, and a shared name says both name one project; the order "
        "is by date only (first adoption, else writing)."
    )
    if cross.empty:
        return Finding(
            notebook,
            "cross-city-reuse",
            topic,
            tuple(guards),
            f"No {a} and {b} documents share a passage of substance.",
            aside_.strip(),
            comparison,
            (Number("shared passages", 0, "passages"),),
            (),
            caveat,
            headline,
        )
    passages = distinct_passages(cross, side_a)
    own = cross[cross["central_origin"] == ""]
    own_passages = distinct_passages(own, side_a)
    set_apart = distinct_passages(formulas, side_a)
    holders = sorted(set(passages["doc_id"]) | set(set_apart["doc_id"]))
    where = f"all in {holders[0]}" if len(holders) == 1 else f"in {count(len(holders), f'{a} document')}"
    if own.empty:
        total = len(passages) + len(set_apart)
        claim = (
            f"No wording of local origin is shared by {a} and {b} texts: of the {count(total, 'passage')} of "
            f"{a} text that share wording with {b} ({where}), "
            + (f"{len(set_apart)} are formulas, stock phrases or names ({_set_aside(formulas)} spans) and " if
               len(set_apart) else "")
            + f"the other {len(passages)} {'has' if len(passages) == 1 else 'have'} a documented central origin."
        )
    else:
        claim = (
            f"{count(len(passages), 'passage')} of {a} text ({where}) share wording of substance with {b} "
            f"texts ({count(len(cross), 'span')}); {len(passages) - len(own_passages)} of the passages have a "
            "documented central origin."
        )
    r = (own if len(own) else cross).iloc[0]
    detail = (
        f"The longest without a documented central origin, {r['length']} characters, {_runs(tables, r)}; it may "
        "still come from a central text this corpus does not hold."
        if len(own)
        else f"The longest, {r['length']} characters, comes from {r['central_origin']}."
    ) + aside_
    return Finding(
        notebook,
        "cross-city-reuse",
        topic,
        tuple(guards),
        claim,
        detail,
        comparison,
        (
            Number(f"distinct {a} passages shared with {b}", len(passages), "passages"),
            Number("spans they gather", len(cross), "spans"),
            Number(
                "passages without a documented central origin",
                len(own_passages),
                "passages",
                len(own_passages),
                len(passages),
            ),
            Number("formula spans set apart", len(formulas), "spans"),
        ),
        _span_quotes(r),
        caveat,
        headline,
    )


def vertical_reuse(
    tables, kept: pd.DataFrame, tier: pd.Series, notebook: str = "06_text_reuse", headline: bool = False
) -> Finding:
    """Distinct local passages that share substance with a national text (tier: doc_id -> national/local), how
    many spans have an order by date, and the longest."""
    from ..pipeline.reuse import distinct_passages

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
            (Number("passages across levels", 0, "passages"),),
            (),
            "",
            headline,
        )
    r = vertical.sort_values(["length", "source_start"], ascending=[False, True]).iloc[0]
    passages = distinct_passages(vertical, tier.index[tier == "local"])
    down = vertical[(vertical["direction"] == "forward") & (vertical["source_doc"].map(tier) == "national")]
    up = vertical[(vertical["direction"] == "forward") & (vertical["source_doc"].map(tier) == "local")]
    open_ = vertical[vertical["direction"] != "forward"]
    per_doc = passages["doc_id"].value_counts()
    most = sorted(per_doc.index, key=lambda x: (-per_doc[x], x))[0]
    claim = (
        f"{count(len(passages), 'local passage')} share wording of substance with a national text "
        f"({count(len(vertical), 'span')}); for {len(open_)} of the spans which came first is undetermined, "
        f"{len(down)} run from a national text held in a version older than the local one"
        + (f" and {len(up)} the other way" if len(up) else "")
        + f"; the longest, {r['length']} characters, {_runs(tables, r)}."
    )
    detail = (
        f"{per_doc[most]} of the {len(passages)} passages are in {most}. The order is undetermined where the "
        "national text is held in a revision later than the local text: the corpus cannot show in which version "
        "a passage first appeared, and some shared wording entered the law only in that revision."
    )
    return Finding(
        notebook,
        "vertical-reuse",
        topic,
        tuple(guards),
        claim,
        detail,
        comparison,
        (
            Number("distinct local passages shared with a national text", len(passages), "passages"),
            Number("spans across levels", len(vertical), "spans"),
            Number("spans with the order undetermined", len(open_), "spans", len(open_), len(vertical)),
            Number("spans from an older national version to a later local text", len(down), "spans",
                   len(down), len(vertical)),
            Number("longest", int(r["length"]), "characters"),
        ),
        _span_quotes(r),
        "a shared passage shows the texts follow one wording, not that the later implements the earlier; a "
        "provincial regulation restating the national law on its subject is what such regulations do.",
        headline,
    )
