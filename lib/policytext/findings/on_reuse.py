"""Findings of notebook 06 (text reuse): reuse across the two cities and between levels."""

from __future__ import annotations

import pandas as pd

from .compare import count
from .core import Finding, Number, at_least, group, not_stated
from .evidence import Quote
from .narrative import listing

JOINT = "joint project"  # the reuse table's kind for names of projects two regions run together

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
    joint = crossing(reuse[reuse["kind"] == JOINT]) if reuse is not None else kept.iloc[0:0]
    joint_passages = distinct_passages(joint, side_a)

    def outside(rows: pd.DataFrame) -> pd.DataFrame:  # rows whose passage is not part of a joint project's name
        spans = [(r[f"{e}_doc"], r[f"{e}_clause"], r[f"{e}_start"], r[f"{e}_end"]) for _, r in rows.iterrows()
                 for e in ("source", "target") if r[f"{e}_doc"] in set(side_a)]
        inside = [any(p.doc_id == d and p.clause_id == c and p.start < e1 and e0 < p.end
                      for p in joint_passages.itertuples()) for d, c, e0, e1 in spans]
        return rows[[not x for x in inside]] if len(rows) else rows

    cross, own, formulas = outside(cross), outside(own), outside(formulas)
    passages, own_passages = distinct_passages(cross, side_a), distinct_passages(own, side_a)
    set_apart = distinct_passages(formulas, side_a)
    holders = sorted(set(passages["doc_id"]) | set(set_apart["doc_id"]) | set(joint_passages["doc_id"]))
    genre = tables.documents.set_index("doc_id")["genre"] if "genre" in tables.documents else None
    n_a = int((region == a).sum())
    if n_a == 1:
        who = f"The one {a} document, {holders[0]}" + (f" (a {genre[holders[0]]})" if genre is not None else "")
    else:
        who = f"{count(len(holders), f'{a} document')} of {n_a}"
    total = len(passages) + len(set_apart) + len(joint_passages)
    names = listing(sorted(set(joint["reason"].astype(str).str.extract(r"listed: (\S+)")[0].dropna())))
    parts = []
    if len(joint_passages):
        parts.append(f"{count(len(joint_passages), 'passage')} naming projects the two regions run jointly ({names})")
    if len(passages) - len(own_passages):
        parts.append(f"{count(len(passages) - len(own_passages), 'formulation')} of documented central origin")
    if len(own_passages):
        parts.append(f"{count(len(own_passages), 'other passage')} of substance ("
                     + listing(sorted(set(own["span"]))) + ")")
    if len(set_apart):
        parts.append(f"{len(set_apart)} formula" + ("s, stock phrases or platform names" if len(set_apart) > 1 else
                     ", stock phrase or platform name") + f" ({_set_aside(formulas)})")
    from ..pipeline.reuse import Params

    least = Params().min_chars  # the method's minimum: shorter shared wording is not sought here
    claim = (f"{who}, shares {count(total, 'passage')} of at least {least} characters with {b} texts: "
             + listing(parts) + "."
             + (f" No other passage of {least} characters or more is shared; shorter names both sides use (a "
                "science centre they build together, for one) are counted in notebook 04." if own.empty else ""))
    first_joint = ""
    if len(joint):
        j = joint.sort_values(["length", "source_start"], ascending=[False, True]).iloc[0]
        first_joint = (f" The longest joint-project name, {j['length']} characters, {_runs(tables, j)}: a name the "
                       "two regions share because they run the project together, not a formula.")
    r = (own if len(own) else cross).iloc[0]
    detail = (
        f"The longest passage of substance without a documented central origin, {r['length']} characters, "
        f"{_runs(tables, r)}; it may still come from a central text this corpus does not hold."
        if len(own)
        else f"The longest, {r['length']} characters, comes from {r['central_origin']}."
    ) + first_joint + aside_
    return Finding(
        notebook,
        "cross-city-reuse",
        topic,
        tuple(guards),
        claim,
        detail,
        comparison,
        (
            Number(f"distinct passages of {a} text shared with {b}", total, "passages"),
            Number("of them naming joint projects of the two regions", len(joint_passages), "passages"),
            Number("of them of substance", len(passages), "passages"),
            Number(
                "passages of substance without a documented central origin",
                len(own_passages),
                "passages",
                len(own_passages),
                len(passages),
            ),
            Number("passages set apart as formulas", len(set_apart), "passages"),
            Number("formula spans set apart", len(formulas), "spans"),
        ),
        _span_quotes(joint.sort_values(["length", "source_start"], ascending=[False, True]).iloc[0]
                     if len(joint) else r),
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
    doc_type = tables.documents.set_index("doc_id")["doc_type"] if "doc_type" in tables.documents else None
    regulations = sorted(d for d in per_doc.index if doc_type is not None and doc_type.get(d) == "地方性法规")
    in_regulations = int(per_doc[regulations].sum()) if regulations else 0
    claim = (
        f"{count(len(passages), 'local passage')} share wording of substance with a national text "
        f"({count(len(vertical), 'span')})"
        + (f"; {in_regulations} of them are in {count(len(regulations), 'local regulation')} (地方性法规: "
           f"{listing(regulations)}) restating the national law on their subject, {len(passages) - in_regulations} "
           "in the other local texts" if regulations else "")
        + f"; for {len(open_)} of the spans which came first is undetermined, "
        f"{len(down)} run from a national text held in a version older than the local one"
        + (f" and {len(up)} the other way" if len(up) else "")
        + f"; the longest, {r['length']} characters (article numbers left out), {_runs(tables, r)}."
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
            Number("of them in local regulations", in_regulations, "passages", in_regulations, len(passages)),
            Number("spans across levels", len(vertical), "spans"),
            Number("spans with the order undetermined", len(open_), "spans", len(open_), len(vertical)),
            Number("spans from an older national version to a later local text", len(down), "spans",
                   len(down), len(vertical)),
            Number("longest, article numbers left out", int(r["length"]), "characters"),
        ),
        _span_quotes(r),
        "a shared passage shows the texts follow one wording, not that the later implements the earlier; a "
        "provincial regulation restating the national law on its subject is what such regulations do.",
        headline,
    )


def _shared_of(linked: set[frozenset], a: set, b: set, same: bool) -> tuple[int, int]:
    """(pairs of documents sharing a formulation, pairs possible) with one document in `a` and one in `b`; `same`
    when a and b are one set (unordered pairs inside it). `linked`: the pairs sharing one, as sets of doc_ids."""
    if same:
        possible = len(a) * (len(a) - 1) // 2
        found = sum(1 for p in linked if len(p) == 2 and p <= a)
    else:
        possible = len(a) * len(b)
        found = sum(1 for p in linked if len(p & a) == 1 and len(p & b) == 1 and len(p) == 2)
    return found, possible


def genre_pair_note(pairs: pd.DataFrame, genre: pd.Series, own: list[str]) -> str:
    """How often pairs of documents share a formulation (`pairs`, one row per linked pair, as `pair_summary`
    gives), within one catalog genre and between two (`genre`: doc_id -> genre), and among the corpus's own
    documents (`own`) against the reference set (the other doc_ids of `genre`), as a sentence: found / possible."""
    linked = {frozenset(p) for p in zip(pairs["source_doc"], pairs["target_doc"], strict=True)}
    by_genre = {g: set(ids) for g, ids in genre.groupby(genre).groups.items()}
    within = [_shared_of(linked, ids, ids, True) for ids in by_genre.values()]
    w, w_all = sum(f for f, _ in within), sum(p for _, p in within)
    everyone = set(genre.index)
    total_found, total_possible = _shared_of(linked, everyone, everyone, True)
    out = (f"Pairs of documents of one catalog genre share a formulation in {w} of {w_all} cases, pairs of two genres "
           f"in {total_found - w} of {total_possible - w_all}")
    mine, reference = set(own) & everyone, everyone - set(own)
    if mine and reference:
        parts = [_shared_of(linked, mine, mine, True), _shared_of(linked, mine, reference, False),
                 _shared_of(linked, reference, reference, True)]
        out += (f"; the corpus's own documents with each other in {parts[0][0]} of {parts[0][1]}, with the reference "
                f"set in {parts[1][0]} of {parts[1][1]}, and the reference documents among themselves in "
                f"{parts[2][0]} of {parts[2][1]}")
    return out + (". Genre goes with subject, place and period in such a corpus, so no difference is put down to "
                  "genre alone.")
