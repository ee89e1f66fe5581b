"""Findings of notebook 07 (policy evaluation): stage agreement, instrument and stage, PMC."""

from __future__ import annotations

from itertools import pairwise

import pandas as pd

from .compare import count, genre
from .core import Finding, Guard, Number, at_least, clause_quote, group, literal, not_stated, who
from .narrative import leaders, listing

# -- 07 · evaluation -----------------------------------------------------------------------------------------


def stage_agreement(agreement: dict, notebook: str = "07_policy_evaluation", headline: bool = False) -> Finding:
    """The value-chain stage rules against the independent hand coding (a summary from agreement.stage_agreement)."""
    topic = "How far the stage coder agrees with a hand coder"
    n, rules, gold = int(agreement["n"]), int(agreement["coded_staged"]), int(agreement["gold_staged"])
    guards = [at_least(n, 1, "hand-coded unit", where="the gold has")]
    if not guards[0].holds:
        return not_stated(notebook, "stage-agreement", topic, guards, headline)
    more = ("far more" if rules >= 2 * gold else "more") if rules > gold else ("fewer" if rules < gold else "as many")
    claim = (
        f"The rules give a value-chain stage to {more} units than a hand coder: {rules} of {n} against {gold} "
        f"(Cohen's κ = {agreement['kappa']:.2f})."
    )
    return Finding(
        notebook,
        "stage-agreement",
        topic,
        tuple(guards),
        claim,
        "Most disagreement is the rules coding a stage where the coder saw none." if rules > gold else "",
        (),
        (
            Number("units given a stage by the rules", rules, "units", rules, n),
            Number("units given a stage by the hand coder", gold, "units", gold, n),
            Number("Cohen's κ", float(agreement["kappa"]), "", digits=2),
        ),
        (),
        f"only {gold} gold units carry a stage, too few for per-stage precision.",
        headline,
    )


def instrument_stage_pair(
    tables,
    cells: pd.DataFrame | None,
    staged: pd.DataFrame,
    min_codings: int = 5,
    notebook: str = "07_policy_evaluation",
    headline: bool = False,
    pairs: pd.DataFrame | None = None,
) -> Finding:
    """The instrument × stage cell furthest above its margins (cells: policytext.instrument_stage, corpus); with
    `pairs` (policytext.instrument_stage.clause_pairs), the cell's dependence on one document: the document
    that gives it most codings, and the cell's residual without that document (leave one document out)."""
    topic = "Which tools serve which stage beyond the margins"
    total = 0 if cells is None or cells.empty else int(cells["observed"].sum())
    guards = [at_least(total, 1, "clause coding with a side and a stage", "clause codings with a side and a stage")]
    if guards[0].holds:
        top = cells.loc[cells["residual"].idxmax()]
        guards.append(
            Guard(
                f"a cell of at least {min_codings} clause codings two residuals above its margins",
                int(top["observed"]) >= min_codings and top["residual"] >= 2,
                f"the highest cell, {top['instrument']} × {top['stage']}, has "
                f"{count(int(top['observed']), 'clause coding')} (residual {top['residual']:+.1f})",
            )
        )
    if not all(g.holds for g in guards):
        return not_stated(notebook, "instrument-stage", topic, guards, headline)
    clause = top["clause_ids"][0]
    evidence = staged.set_index("clause_id")["evidence"].get(clause, "")
    term = next((e.split(":", 1)[1] for e in evidence.split(";") if e.startswith(top["stage"] + ":")), "")
    q = clause_quote(tables, clause, literal(term) if term else "")
    stage = top["stage"].replace("_", " ")
    claim = (
        f"{top['instrument'].capitalize()} tools go with {stage} more often than the margins predict: "
        f"{int(top['observed'])} clause codings against {top['expected']:.1f} expected (residual "
        f"{top['residual']:+.1f})."
    )
    detail, extra = "", ()
    if pairs is not None and len(pairs):
        from ..coding.instrument_stage import instrument_stage, stage_word_only

        in_cell = (pairs["instrument"] == top["instrument"]) & (pairs["stage"] == top["stage"])
        built = stage_word_only(pairs, tables.instrument_evidence) & in_cell
        kept = pairs[~built]
        shared = int(built.sum())

        def cell_of(p):
            c = instrument_stage(p)
            c = c[(c["instrument"] == top["instrument"]) & (c["stage"] == top["stage"])]
            return c.iloc[0] if len(c) else None

        own = cell_of(kept)
        doc_of = kept.drop_duplicates("clause_id").set_index("clause_id")["doc_id"]
        ids = kept.loc[in_cell[~built], "clause_id"].tolist()
        per_doc = pd.Series([doc_of[c] for c in ids]).value_counts()
        main = sorted(per_doc.index, key=lambda x: (-per_doc[x], x))[0] if len(per_doc) else None
        left = cell_of(kept[kept["doc_id"] != main]) if main is not None else None
        side = top["instrument"]
        ev = tables.instrument_evidence
        words = sorted(set(ev.loc[ev["clause_id"].isin(set(pairs.loc[built, "clause_id"])) &
                                  (ev["instrument"] == side), "match"]))
        claim = (
            f"The {side} × {stage} cell is partly built into the two codebooks: in {shared} of its "
            f"{int(top['observed'])} clause codings the only {side} evidence is itself a {stage} term "
            f"({listing(words)}, words of both)."
        )
        if own is not None:
            claim = claim[:-1] + (
                f"; leaving those out, it holds {int(own['observed'])} codings against {own['expected']:.1f} "
                f"expected ({_ratio(own)} times, residual {own['residual']:+.1f})"
            )
            if left is not None:
                claim += (
                    f", {per_doc[main]} of them in one document, {main}; without it, "
                    f"{int(left['observed'])} against {left['expected']:.1f} ({_ratio(left)} times, residual "
                    f"{left['residual']:+.1f})."
                )
            else:
                claim += "."
        if own is None or own["residual"] < 2:
            detail = (f"Once the shared words are left out, the cell is not two residuals above its margins: no "
                      f"association between {side} tools and {stage} is shown.")
        elif left is not None and left["residual"] < 2:
            detail = (f"Without {main} the cell keeps about the same over-representation ({_ratio(left)} against "
                      f"{_ratio(own)} times the expected count) on only {int(left['observed'])} codings: too few to "
                      f"tell whether {side} tools go with {stage} beyond that law. A residual shrinks with the "
                      "table, so the ratio, not the residual, is what compares the two.")
        else:
            detail = (f"The cell stands without the shared words and without {main}, the document that gives it "
                      "most codings.")
        extra = (
            Number(f"codings whose only {side} evidence is a {stage} term", shared, "clause codings", shared,
                   int(top["observed"])),
            *((Number("residual without them", float(own["residual"]), "", digits=1),) if own is not None else ()),
            *((Number(f"codings from {main}", int(per_doc[main]), "clause codings", int(per_doc[main]),
                      int(own["observed"])),) if own is not None and main is not None else ()),
            *((Number(f"residual without them and without {main}", float(left["residual"]), "", digits=1),)
              if left is not None else ()),
        )
    return Finding(
        notebook,
        "instrument-stage",
        topic,
        tuple(guards),
        claim,
        detail,
        (),
        (
            Number(f"clause codings {top['instrument']} × {top['stage']}", int(top["observed"]), "clause codings"),
            Number("expected from the margins", float(top["expected"]), "clause codings", digits=1),
            *extra,
        ),
        (q,) if q else (),
        "the cells rest on two automatic coders, and the stage coder agrees with hand coding only fairly; shared "
        "wording remains wherever a clause has one other supply cue (whole terms of both codebooks such as "
        "科技基础设施, 学科建设, 大科学装置, and parts of a stage term, such as 实验室 inside 国家实验室), and a stage "
        "term inside a longer word (科学家 in 战略科学家) can stage a clause.",
        headline,
    )


def pmc_ranking(
    tables, formal: pd.DataFrame, pmc=None, notebook: str = "07_policy_evaluation", headline: bool = False
) -> Finding:
    """The PMC ranking's ends, and how far the score follows the length of the document (in clauses); with
    `pmc` (from pmc.score_documents), the secondary variables set for the first and not the last, and a
    clause that sets one."""
    topic = "How far the PMC index follows document length"
    guards = [at_least(len(formal), 3, "scored formal document")]
    if not guards[0].holds:
        return not_stated(notebook, "pmc-ranking", topic, guards, headline)
    clauses = tables.documents.set_index("doc_id")["clauses"]
    scores = formal.set_index("doc_id")["pmc"]
    hi, lo = leaders(scores), leaders(scores, largest=False)
    rho = scores.rank().corr(clauses.reindex(scores.index).rank())
    rest = scores.drop(lo[0])
    rho_rest = rest.rank().corr(clauses.reindex(rest.index).rank())
    claim = (
        f"A check of the method: the PMC index follows the length of the document (Spearman ρ = {rho:.2f} "
        f"against the number of clauses over {len(scores)} scored documents, {rho_rest:.2f} without the "
        f"lowest, {lo[0]}), so its ranking, {who(tables, hi)} first ({scores[hi[0]]:.2f}) and {who(tables, lo)} "
        f"last ({scores[lo[0]]:.2f}), says more about length and scope than about the policies."
    )
    detail = f"{hi[0]} has {clauses[hi[0]]} clauses, {lo[0]} {clauses[lo[0]]}."
    quotes = ()
    if pmc is not None:
        sec = pmc.secondary.pivot(index="secondary", columns="doc_id", values="value")
        only_top = [v for v in sec.index if sec.loc[v, hi[0]] == 1 and sec.loc[v, lo[0]] == 0]
        ev = pmc.evidence[(pmc.evidence["doc_id"] == hi[0]) & pmc.evidence["secondary"].isin(only_top)]
        ev = ev[ev["clause_id"] != ""]
        names = pmc.secondary.drop_duplicates("secondary").set_index("secondary")["name"]
        detail += f" {len(only_top)} secondary variables are set for {hi[0]} and not for {lo[0]}"
        if len(ev):
            first = ev.iloc[0]
            detail += f", e.g. {first['secondary']} {names[first['secondary']]}, set by the clause quoted"
            q = clause_quote(tables, first["clause_id"], literal(first["matched"]) if first["matched"] else "")
            quotes = (q,) if q else ()
        detail += "."
    return Finding(
        notebook,
        "pmc-ranking",
        topic,
        tuple(guards),
        claim,
        detail,
        (group(tables, "first", hi), group(tables, "last", lo)),
        (
            Number(f"PMC of {hi[0]}", float(scores[hi[0]]), "of 10", digits=2),
            Number(f"PMC of {lo[0]}", float(scores[lo[0]]), "of 10", digits=2),
            Number("Spearman ρ, PMC against clauses", float(rho), "", digits=2),
            Number(f"Spearman ρ without {lo[0]}", float(rho_rest), "", digits=2),
        ),
        quotes,
        "keyword rules reward long, broad texts: every clause is another chance to match a rule; and the scheme "
        "measures instruments that promote S&T, so a law whose subject is a right or a regulatory regime scores "
        "low by construction (the scope note above).",
        headline,
    )


def permutation_p(values, in_group, exact_up_to: int = 20_000, draws: int = 10_000) -> float:
    """One-sided permutation p of the difference of means (group minus the rest): the share of splits of the
    values into groups of the same sizes whose difference is at least the observed one. Every split is
    counted while there are at most `exact_up_to` of them (10 documents, 6 against 4: 210); beyond that,
    `draws` random splits with a fixed seed, p = (hits + 1) / (draws + 1), so that a corpus of hundreds of
    documents costs a second, not an enumeration that never ends."""
    from itertools import combinations
    from math import comb

    import numpy as np

    values, in_group = np.asarray(values, dtype=float), np.asarray(in_group, dtype=bool)
    k, total = int(in_group.sum()), values.sum()
    n = len(values)
    observed = values[in_group].mean() - values[~in_group].mean()
    if comb(n, k) <= exact_up_to:
        sums = np.array([values[list(idx)].sum() for idx in combinations(range(n), k)])
        gaps = sums / k - (total - sums) / (n - k)
        return float(np.mean(gaps >= observed - 1e-12))
    rng = np.random.default_rng(0)
    sums = np.array([values[rng.permutation(n)[:k]].sum() for _ in range(draws)])
    gaps = sums / k - (total - sums) / (n - k)
    return float((np.sum(gaps >= observed - 1e-12) + 1) / (draws + 1))


def _signed(value: float) -> str:
    return "not measurable" if value != value else f"{value:+.2f}"  # NaN: too few documents with a length


def _ratio(cell) -> str:
    """Observed over expected of a cell, to one decimal."""
    return f"{cell['observed'] / cell['expected']:.1f}" if cell["expected"] else "n/a"


def length_adjusted_gap(values, in_group, length) -> float:
    """The group's coefficient in a least-squares fit of the values on log(length) and a group indicator: the
    gap between the groups once length is allowed for. Documents with no length (no clause) or no value are
    left out; NaN when fewer than two documents of each group remain."""
    import numpy as np

    values, in_group = np.asarray(values, dtype=float), np.asarray(in_group, dtype=bool)
    length = np.asarray(length, dtype=float)
    keep = np.isfinite(values) & np.isfinite(length) & (length > 0)
    values, in_group, length = values[keep], in_group[keep], length[keep]
    if min(in_group.sum(), (~in_group).sum()) < 2:
        return float("nan")
    x = np.column_stack([np.ones(len(values)), np.log(length), in_group.astype(float)])
    coef, *_ = np.linalg.lstsq(x, values, rcond=None)
    return float(coef[2])


def pmc_tiers(
    tables,
    formal: pd.DataFrame,
    from_text: list[str] | None = None,
    notebook: str = "07_policy_evaluation",
    headline: bool = False,
) -> Finding:
    """National against local mean PMC, and the part of the gap that catalog-derived variables make: the gap on
    `pmc_text` (the index without them, policytext.pmc) or, for scores without that column, on the primaries
    `from_text` read from the text alone."""
    topic = "Whether national documents score higher than local ones"
    sizes = formal["tier"].value_counts()
    guards = [
        at_least(int(sizes.get("national", 0)), 2, "scored national document"),
        at_least(int(sizes.get("local", 0)), 2, "scored local document"),
    ]
    if not all(g.holds for g in guards):
        return not_stated(notebook, "pmc-tiers", topic, guards, headline)
    means = formal.groupby("tier")["pmc"].mean()
    text_score = formal["pmc_text"] if "pmc_text" in formal else formal[from_text or []].sum(axis=1)
    text_part = text_score.groupby(formal["tier"]).mean()
    gap, text_gap = means["national"] - means["local"], text_part["national"] - text_part["local"]
    catalog = gap - text_gap
    without = (
        "without the catalog-derived variables (pmc_text: issuer level, genre and source, set from the catalog)"
        if "pmc_text" in formal
        else f"on the {len(from_text or [])} variables read from the text alone"
    )
    p_value = permutation_p(text_score.to_numpy(), (formal["tier"] == "national").to_numpy())
    length = formal["doc_id"].map(tables.documents.set_index("doc_id")["clauses"]).astype(float)
    adjusted = length_adjusted_gap(text_score.to_numpy(), (formal["tier"] == "national").to_numpy(), length.to_numpy())
    claim = (
        f"No difference between national and local documents is shown: {without} national documents score "
        f"{text_gap:+.2f} above local ones ({sizes['national']} against {sizes['local']}, permutation p = "
        f"{p_value:.2f}), and {_signed(adjusted)} once length is allowed for; the rest of the raw gap of {gap:+.2f} "
        f"on the PMC index, {catalog:+.2f}, is issuer level, which the catalog sets by construction."
    )
    genres_n = (
        formal.assign(genre=formal["doc_id"].map(genre(tables)))
        .groupby("tier")["genre"]
        .agg(lambda g: listing(sorted(set(g))))
    )
    return Finding(
        notebook,
        "pmc-tiers",
        topic,
        tuple(guards),
        claim,
        "",
        (
            group(tables, "national", formal.loc[formal["tier"] == "national", "doc_id"]),
            group(tables, "local", formal.loc[formal["tier"] == "local", "doc_id"]),
        ),
        (
            Number("mean PMC, national", float(means["national"]), "of 10", digits=2),
            Number("mean PMC, local", float(means["local"]), "of 10", digits=2),
            Number("gap without catalog-derived variables", float(text_gap), "", digits=2),
            Number("catalog-derived part of the gap", float(catalog), "", digits=2),
            Number("permutation p of the text gap (one-sided, every split)", float(p_value), "", digits=2),
            Number("text gap allowing for log clauses", float(adjusted), "", digits=2),
        ),
        (),
        f"{sizes['national']} against {sizes['local']} documents are too few to show a gap of this size; the "
        "index rises with length and the national texts are longer; the tiers differ in genre "
        f"({genres_n.get('national', '')} against {genres_n.get('local', '')}) and in date; the scheme "
        "measures instruments that promote S&T, so "
        "a law whose subject is a right scores low by construction (the scope note above).",
        headline,
    )


def secondary_gap(secondary: pd.DataFrame, tier: pd.Series, primary: str) -> pd.DataFrame:
    """Where a primary PMC variable's gap between the tiers comes from: for each of its secondary variables
    (`secondary`: PMC.secondary, one row per document x secondary), the documents of each tier that have it set
    (`tier`: doc_id -> 'national' or 'local'; other documents left out) and its part of the gap (national minus
    local mean of the secondary over the number of secondaries, the primary being their mean, so the parts sum
    to the gap), the largest part first."""
    rows = secondary[(secondary["primary"] == primary) & secondary["doc_id"].isin(tier.index)]
    rows = rows.assign(tier=rows["doc_id"].map(tier), value=rows["value"].astype(float))
    n = rows["secondary"].nunique()
    by = rows.groupby(["secondary", "name", "tier"])["value"]
    means, sets = by.mean().unstack("tier"), by.sum().unstack("tier")
    out = pd.DataFrame({
        "national_set": sets["national"].astype(int), "local_set": sets["local"].astype(int),
        "part": (means["national"] - means["local"]) / n,
    }).reset_index()
    order = out.assign(size=out["part"].abs()).sort_values(["size", "secondary"], ascending=[False, True]).index
    return out.loc[order].reset_index(drop=True)


def notable_groups_note(notable: pd.DataFrame, documents: pd.DataFrame, pairs: pd.DataFrame) -> str:
    """What the instrument × stage cells passing the residual test (`notable`: rows of the long table, with
    grouping and group) are made of, as a sentence: how many groups they lie in, which groups are single
    documents, which passing genre or region groups hold those documents, and how many clause codings
    (`pairs`, one row per clause × side with its doc_id) passing groups share: the cells of a group share its
    margins, and groups share documents, so none of them is an independent result."""
    passing = notable.groupby(["grouping", "group"]).size()
    single = [g for k, g in passing.index if k == "doc_id"]
    members = {(k, g): set(documents.loc[documents[k] == g, "doc_id"]) for k, g in passing.index if k != "doc_id"}
    holding = [f"{k} {g}" for (k, g), m in members.items() if set(single) & m]
    all_held = all(set(single) <= m for m in members.values() if set(single) & m)
    overlaps = [f"{k1} {g1} and {k2} {g2} share {int((pairs['doc_id'].isin(m1) & pairs['doc_id'].isin(m2)).sum())} "
                f"of their {int((pairs['doc_id'].isin(m1) | pairs['doc_id'].isin(m2)).sum())} clause codings"
                for ((k1, g1), m1), ((k2, g2), m2) in pairwise(members.items())]
    held = "it" if len(single) == 1 else "both" if len(single) == 2 and all_held else "them" if all_held else \
        "some of them"
    return (f"in {len(passing)} groups"
            + (f"; {len(single)} of these {'is a single document' if len(single) == 1 else 'are single documents'} "
               f"({listing(single)})" if single else "")
            + (f", and {listing(holding)}, which pass too, hold {held}" if holding else "")
            + ". The cells of a group share its margins, so one deviation shows in several cells: they are not "
              "independent results" + (f", nor are the groups ({'; '.join(overlaps)})." if overlaps else "."))
