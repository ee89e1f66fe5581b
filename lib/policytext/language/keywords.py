"""Keywords: corpus TF-IDF (the corpus's own IDF), TextRank, and keyness between two groups.

Keyness gives both Dunning's log-likelihood (G²) and the log-odds ratio with an informative
Dirichlet prior (Monroe, Colaresi & Quinn 2008), with the raw counts, so a reader can see
which words distinguish, say, Chengdu's texts from Chongqing's and how much evidence there is.

Before keyness the tokens are prepared (`keyness_tokens`) so that a difference of wording is not read
as a difference of policy: one concept written several ways is counted once (data/concepts.tsv; a
variant written with 、 is a run of words, so 高校、院所 and 高校、科研院所 count as 高校院所), and
formulas -- slogans, central formulations and names of meetings and bodies both sides repeat (data/formulas.tsv and
data/central_formulations.tsv: 四个面向, 具有全国影响力的科技创新中心 …) -- are taken out as one unit each
and reported apart (`formula_counts`, `keyness(...).attrs["formulas"]`), never ranked as words.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache
from itertools import repeat

import numpy as np
import pandas as pd

from ..datafiles import rows

KEYWORD_COLUMNS = ["doc_id", "method", "rank", "term", "score", "count"]


def tfidf(doc_tokens: Mapping[str, list[str]], top: int | None = 20) -> pd.DataFrame:
    """Per document: tf * idf with idf = ln((1+N)/(1+df)): a term in every document scores 0."""
    return tfidf_from_counts({doc_id: Counter(tokens) for doc_id, tokens in doc_tokens.items()}, top)


def tfidf_from_counts(
    counts: Mapping[str, Counter], top: int | None = 20, document_frequency: Counter | None = None, n: int | None = None
) -> pd.DataFrame:
    """TF-IDF keywords from per-document token counts.

    A streaming export passes the corpus-wide `document_frequency` and document count `n` and
    the counts of one document at a time; by default both come from `counts` itself.
    """
    n = len(counts) if n is None else n
    df = Counter(t for c in counts.values() for t in c) if document_frequency is None else document_frequency
    idf = {t: math.log((1 + n) / (1 + k)) for t, k in df.items()}  # once per term, not once per document
    absent = math.log(1 + n)  # a term the given document frequency does not know
    rows = []
    for doc_id, c in counts.items():
        if not c:
            continue
        terms = list(c)
        # k / total * idf for every term at once: the same float operations, in the same order, as term by term
        tf = np.fromiter(c.values(), dtype=np.float64, count=len(terms)) / (sum(c.values()) or 1)
        scores = tf * np.fromiter(map(idf.get, terms, repeat(absent)), dtype=np.float64, count=len(terms))
        keep = range(len(terms))
        if top and len(terms) > top:  # only terms scoring at least the top-th best can be among the best
            keep = np.flatnonzero(scores >= np.partition(scores, -top)[-top]).tolist()
        best = sorted(((terms[i], c[terms[i]], float(scores[i])) for i in keep), key=_by_score)[:top]
        for rank, (term, count, score) in enumerate(best, start=1):
            rows.append((doc_id, "tfidf", rank, term, score, count))
    return pd.DataFrame(rows, columns=KEYWORD_COLUMNS)


def collect_counts(documents: Iterable[Iterable[str]]) -> dict[str, list]:
    """Each document's token counts in a compact form for the corpus-wide TF-IDF (what a worker sends back):
    its distinct terms joined by newlines and their counts as an int32 array."""
    terms, counts = [], []
    for tokens in documents:
        c = Counter(tokens)
        terms.append("\n".join(c))
        counts.append(np.fromiter(c.values(), dtype=np.int32, count=len(c)))
    return {"terms": terms, "counts": counts}


def tfidf_from_collected(parts: Iterable[Mapping[str, list]], top: int | None = 20, batch: int = 200) -> pd.DataFrame:
    """TF-IDF keywords of every document from the chunks' `collect_counts` (each with its "doc_id" list): the
    document frequencies first, then the documents a batch at a time (the same rows as `tfidf_from_counts`)."""
    parts = list(parts)
    df: Counter = Counter()
    n = 0
    for part in parts:
        for terms in part["terms"]:
            if terms:
                df.update(terms.split("\n"))
        n += len(part["terms"])
    frames, pending = [], {}
    for part in parts:
        for doc_id, terms, counts in zip(part["doc_id"], part["terms"], part["counts"], strict=True):
            found = zip(terms.split("\n"), counts.tolist(), strict=True) if terms else ()
            pending[doc_id] = Counter(dict(found))
            if len(pending) >= batch:
                frames.append(tfidf_from_counts(pending, top, df, n))
                pending = {}
    frames.append(tfidf_from_counts(pending, top, df, n))
    non_empty = [f for f in frames if not f.empty]
    return pd.concat(non_empty, ignore_index=True) if non_empty else frames[-1]


def _by_score(scored: tuple[str, int, float]) -> tuple[float, str]:
    return -scored[2], scored[0]


def textrank(tokens: list[str], window: int = 5, top: int = 20) -> list[tuple[str, float]]:
    """TextRank over a co-occurrence graph of `tokens` (words within `window` of each other).

    Words are the tokens longer than one character; two different words co-occur when they are fewer
    than `window` words apart, and the edge between them weighs how often. Scores are a weighted
    PageRank (see `_pagerank`); the `top` words, by score rounded to 12 decimals and then by word.
    """
    if window < 1:
        raise ValueError(f"textrank: window must be at least 1 (words within `window` of each other), not {window}")
    words = [t for t in tokens if len(t) > 1]
    if not words:
        return []
    nodes = sorted(set(words))
    index = {w: i for i, w in enumerate(nodes)}
    ids = np.fromiter(map(index.__getitem__, words), dtype=np.int64, count=len(words))
    n = len(nodes)
    # Every pair of different words k = 1 … window-1 places apart, as one number (lower id * n + higher
    # id), counted in one sort: the edges of the undirected graph and their weights.
    pairs = [np.empty(0, dtype=np.int64)]
    for k in range(1, window):
        a, b = ids[:-k], ids[k:]
        keep = a != b
        a, b = a[keep], b[keep]
        pairs.append(np.minimum(a, b) * n + np.maximum(a, b))
    edges, counts = np.unique(np.concatenate(pairs), return_counts=True)
    ranks = _pagerank(n, edges // n, edges % n, counts.astype(float))
    scores = ranks.tolist()
    candidates = range(n)
    if top is not None and 0 < top < n:
        # Only words within 1e-9 of the top-th best score can be among the top once scores are rounded
        # to 12 decimals: the rest are left out before the sort.
        floor = np.partition(ranks, n - top)[n - top] - 1e-9
        candidates = np.flatnonzero(ranks >= floor).tolist()
    ranked = sorted(((nodes[i], scores[i]) for i in candidates), key=lambda kv: (-round(kv[1], 12), kv[0]))
    return ranked[:top]


def _pagerank(
    n: int, lo: np.ndarray, hi: np.ndarray, weight: np.ndarray, damping: float = 0.85, tol: float = 1e-6,
    max_iter: int = 100,
) -> np.ndarray:
    """Weighted PageRank of n nodes joined by undirected edges lo[i]–hi[i] of weight[i], by power iteration.

    The graph is kept as its edge list (each edge both ways) rather than an n × n matrix: one
    iteration is one weighted bincount. A node's rank flows along its edges in proportion to their
    weight; a node without edges passes none on. Starts from 1/n everywhere and stops like
    networkx.pagerank: when the L1 change falls below n * tol, or after max_iter iterations.
    """
    source, target = np.concatenate([lo, hi]), np.concatenate([hi, lo])
    both = np.concatenate([weight, weight])
    strength = np.bincount(source, weights=both, minlength=n)
    share = both / strength[source]  # the part of the source's rank that flows along the edge
    rank = np.full(n, 1 / n)
    for _ in range(max_iter):
        new = (1 - damping) / n + damping * np.bincount(target, weights=rank[source] * share, minlength=n)
        done = np.abs(new - rank).sum() < n * tol
        rank = new
        if done:
            break
    return rank


def textrank_table(doc_tokens: Mapping[str, list[str]], top: int = 20) -> pd.DataFrame:
    """TextRank keywords of every document, in the keywords-table layout."""
    rows = []
    for doc_id, tokens in doc_tokens.items():
        counts = Counter(tokens)
        for rank, (term, score) in enumerate(textrank(tokens, top=top), start=1):
            rows.append((doc_id, "textrank", rank, term, score, counts[term]))
    return pd.DataFrame(rows, columns=KEYWORD_COLUMNS)


@lru_cache(maxsize=1)
def concept_map() -> dict[str, str]:
    """Variant -> concept, from data/concepts.tsv (each variant belongs to one concept)."""
    mapping: dict[str, str] = {}
    for cols in rows("concepts.tsv"):
        concept, variant = cols[0].strip(), cols[1].strip()
        if mapping.setdefault(variant, concept) != concept:
            raise ValueError(f"concepts.tsv: {variant!r} is listed under {mapping[variant]!r} and {concept!r}")
    return mapping


@lru_cache(maxsize=1)
def formulas() -> tuple[str, ...]:
    """Slogans and formulations left out of keyness as units: data/formulas.tsv, then the formulations of
    data/central_formulations.tsv, each once, in file order."""
    listed = [cols[0].strip() for cols in rows("formulas.tsv")]
    if repeated := sorted({f for f in listed if listed.count(f) > 1}):
        raise ValueError(f"formulas.tsv: listed twice: {', '.join(repeated)}")
    central = [cols[0].strip() for cols in rows("central_formulations.tsv")]
    return tuple(dict.fromkeys(listed + central))


@lru_cache(maxsize=1)
def _runs() -> tuple[dict[str, tuple[tuple[tuple[str, ...], str], ...]], frozenset[str]]:
    """Runs of words that are one unit for keyness: first word -> ((words, unit), …), longest run first;
    and the units that are formulas. A concept variant written with 、 (高校、院所) is its words in turn;
    a formula is the content tokens `tokenize` makes of it (the same words as in a text)."""
    from .segment import tokenize

    runs: dict[tuple[str, ...], str] = {}
    for variant, concept in concept_map().items():
        if "、" in variant:
            runs[tuple(w.strip() for w in variant.split("、"))] = concept
    for formula in formulas():
        words = tuple(tokenize(formula))
        if words:
            runs.setdefault(words, formula)
    by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for words, unit in runs.items():
        by_first.setdefault(words[0], []).append((words, unit))
    ordered = {w: tuple(sorted(v, key=lambda r: (-len(r[0]), r[0]))) for w, v in by_first.items()}
    return ordered, frozenset(formulas())


def _joined_runs(tokens: Iterable[str]) -> list[str]:
    """`tokens` with every run of `_runs` made one unit (leftmost, longest first)."""
    starts, _ = _runs()
    tokens = list(tokens)
    out, i, n = [], 0, len(tokens)
    while i < n:
        for words, unit in starts.get(tokens[i], ()):
            k = len(words)
            if tuple(tokens[i : i + k]) == words:
                out.append(unit)
                i += k
                break
        else:
            out.append(tokens[i])
            i += 1
    return out


def formula_counts(tokens: Iterable[str]) -> Counter:
    """How often each formula (`formulas`) occurs in `tokens`: what keyness leaves out and reports apart."""
    units = _runs()[1]
    return Counter(t for t in _joined_runs(tokens) if t in units)


@lru_cache(maxsize=1)
def keyness_exclusions() -> frozenset[str]:
    """Tokens whose distinctiveness is fixed by who wrote a text: places (the segmenter's and data/places.txt,
    and every name and form of the administrative divisions, so 重庆市 goes with 重庆), self-references,
    boilerplate."""
    from .entities import places

    # the divisions' names and their forms of two characters or more (as policytext.parsing.regions reads them;
    # one-character forms such as 川 are words too)
    divisions = {f for fields in rows("admin_regions.tsv")[1:]
                 for f in [fields[0], *fields[1].split("|")] if len(f) >= 2}
    return frozenset(cols[0].strip() for cols in rows("keyness_exclusions.tsv")) | places() | frozenset(divisions)


def keyness_tokens(tokens: Iterable[str]) -> list[str]:
    """`tokens` ready for keyness: runs of a concept's words joined (高校、院所 -> 高校院所), concept variants
    merged, formulas and excluded tokens dropped, order kept."""
    concepts, excluded = concept_map(), keyness_exclusions()
    units = _runs()[1]
    return [concepts.get(t, t) for t in _joined_runs(tokens)
            if t not in units and t not in excluded and concepts.get(t, t) not in excluded]


def keyness(
    docs_a: Mapping[str, list[str]], docs_b: Mapping[str, list[str]], labels: tuple[str, str] = ("a", "b"),
    prior_scale: float = 0.1, prepare: bool = True,
) -> pd.DataFrame:
    """Terms that distinguish the documents of side A from those of side B (each a doc_id -> tokens map).

    `labels` names the two sides, A first: pass the groups' names (labels=("Chengdu", "Chongqing")), for
    they are what the `favours` column shows; without them the sides are called "a" and "b". Columns
    ending in _a and _b stay so named whatever the labels; `attrs["labels"]` and `attrs["sides"]`
    ({"a": label of A, "b": label of B}) say which group each is.
    With `prepare` the tokens first go through `keyness_tokens` (concepts merged; places, self-references
    and boilerplate out). Columns: term, count_a, count_b, docs_a, docs_b (in how many documents of each
    side the term occurs), per_10k_a, per_10k_b, g2 (signed log-likelihood, + favours A), p (of G² on one
    degree of freedom), log_odds (informative Dirichlet prior, Monroe et al. 2008), z, favours (the label
    of the side the log-odds favour). Tokens of one document are not independent draws, so when a side
    holds a single document no significance is claimed: `p` is NaN and `attrs["significance"]` is False;
    G² and z then only rank. `attrs["formulas"]` maps each formula found (slogans and central
    formulations, left out of the ranking) to its (count on side A, count on side B).
    """
    if len(labels) != 2 or labels[0] == labels[1]:
        raise ValueError(f"keyness: labels must name the two sides differently, A first; got {labels!r}")
    found = {}
    if prepare:
        fa = sum((formula_counts(t) for t in docs_a.values()), Counter())
        fb = sum((formula_counts(t) for t in docs_b.values()), Counter())
        found = {f: (fa[f], fb[f]) for f in sorted(fa | fb)}
        docs_a = {d: keyness_tokens(t) for d, t in docs_a.items()}
        docs_b = {d: keyness_tokens(t) for d, t in docs_b.items()}
    a = Counter(t for tokens in docs_a.values() for t in tokens)
    b = Counter(t for tokens in docs_b.values() for t in tokens)
    na, nb = sum(a.values()), sum(b.values())
    if not na or not nb:
        raise ValueError("keyness needs tokens on both sides")
    df_a = Counter(t for tokens in docs_a.values() for t in set(tokens))
    df_b = Counter(t for tokens in docs_b.values() for t in set(tokens))
    significance = len(docs_a) > 1 and len(docs_b) > 1
    total = a + b
    n = na + nb
    alpha0 = prior_scale * n
    out_rows = []
    for term in sorted(total):
        ca, cb = a[term], b[term]
        expected_a = na * (ca + cb) / n
        expected_b = nb * (ca + cb) / n
        g2 = 2 * sum(o * math.log(o / e) for o, e in ((ca, expected_a), (cb, expected_b)) if o > 0)
        sign = 1 if ca / na >= cb / nb else -1
        alpha = alpha0 * total[term] / n
        la = math.log((ca + alpha) / (na + alpha0 - ca - alpha))
        lb = math.log((cb + alpha) / (nb + alpha0 - cb - alpha))
        delta = la - lb
        var = 1 / (ca + alpha) + 1 / (cb + alpha)
        p = math.erfc(math.sqrt(max(g2, 0.0) / 2)) if significance else math.nan
        out_rows.append(
            (term, ca, cb, df_a[term], df_b[term], 1e4 * ca / na, 1e4 * cb / nb, sign * g2, p, delta,
             delta / math.sqrt(var), labels[0] if delta > 0 else labels[1])
        )
    out = pd.DataFrame(out_rows, columns=[
        "term", "count_a", "count_b", "docs_a", "docs_b", "per_10k_a", "per_10k_b", "g2", "p", "log_odds", "z",
        "favours",
    ])
    out = out.sort_values(["z", "term"], ascending=[False, True], ignore_index=True)
    out.attrs.update(labels=tuple(labels), sides={"a": labels[0], "b": labels[1]},
                     documents=(len(docs_a), len(docs_b)), significance=significance, formulas=found)
    return out
