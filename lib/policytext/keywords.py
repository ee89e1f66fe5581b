"""Keywords: corpus TF-IDF (the corpus's own IDF), TextRank, and keyness between two groups.

Keyness gives both Dunning's log-likelihood (G²) and the log-odds ratio with an informative
Dirichlet prior (Monroe, Colaresi & Quinn 2008), with the raw counts, so a reader can see
which words distinguish, say, Chengdu's texts from Chongqing's and how much evidence there is.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache

import networkx as nx
import numpy as np
import pandas as pd

from .datafiles import rows

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
    rows = []
    for doc_id, c in counts.items():
        total = sum(c.values()) or 1
        scored = sorted(
            ((t, k, k / total * math.log((1 + n) / (1 + df[t]))) for t, k in c.items()),
            key=lambda x: (-x[2], x[0]),
        )
        for rank, (term, count, score) in enumerate(scored[:top] if top else scored, start=1):
            rows.append((doc_id, "tfidf", rank, term, score, count))
    return pd.DataFrame(rows, columns=KEYWORD_COLUMNS)


def textrank(tokens: list[str], window: int = 5, top: int = 20) -> list[tuple[str, float]]:
    """TextRank over a co-occurrence graph of `tokens` (words within `window` of each other)."""
    graph = nx.Graph()
    words = [t for t in tokens if len(t) > 1]
    graph.add_nodes_from(sorted(set(words)))
    for i, w in enumerate(words):
        for v in words[i + 1 : i + window]:
            if v != w:
                weight = graph.get_edge_data(w, v, {"weight": 0})["weight"] + 1
                graph.add_edge(w, v, weight=weight)
    if graph.number_of_nodes() == 0:
        return []
    ranks = _pagerank(graph)
    return sorted(ranks.items(), key=lambda kv: (-round(kv[1], 12), kv[0]))[:top]


def _pagerank(graph: nx.Graph, damping: float = 0.85, tol: float = 1e-6, max_iter: int = 100) -> dict[str, float]:
    """Weighted PageRank by power iteration on a dense matrix (no SciPy needed; nodes in sorted order).

    Stops like networkx.pagerank: when the L1 change falls below len(nodes) * tol.
    """
    nodes = sorted(graph.nodes)
    index = {v: i for i, v in enumerate(nodes)}
    n = len(nodes)
    weights = np.zeros((n, n))
    for a, b, d in graph.edges(data=True):
        weights[index[a], index[b]] = weights[index[b], index[a]] = d["weight"]
    strength = weights.sum(axis=1)
    transition = weights / np.where(strength == 0, 1, strength)[:, None]  # row u: where u's rank flows
    rank = np.full(n, 1 / n)
    for _ in range(max_iter):
        new = (1 - damping) / n + damping * (rank @ transition)
        done = np.abs(new - rank).sum() < n * tol
        rank = new
        if done:
            break
    return dict(zip(nodes, rank.tolist(), strict=True))


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
def keyness_exclusions() -> frozenset[str]:
    """Tokens whose distinctiveness is fixed by who wrote a text: places, self-references, boilerplate."""
    from .entities import places

    return frozenset(cols[0].strip() for cols in rows("keyness_exclusions.tsv")) | places()


def keyness_tokens(tokens: Iterable[str]) -> list[str]:
    """`tokens` ready for keyness: concept variants merged, excluded tokens dropped, order kept."""
    concepts, excluded = concept_map(), keyness_exclusions()
    return [concepts.get(t, t) for t in tokens if t not in excluded and concepts.get(t, t) not in excluded]


def keyness(
    docs_a: Mapping[str, list[str]], docs_b: Mapping[str, list[str]], labels: tuple[str, str] = ("a", "b"),
    prior_scale: float = 0.1, prepare: bool = True,
) -> pd.DataFrame:
    """Terms that distinguish the documents of side A from those of side B (each a doc_id -> tokens map).

    With `prepare` the tokens first go through `keyness_tokens` (concepts merged; places, self-references
    and boilerplate out). Columns: term, count_a, count_b, docs_a, docs_b (in how many documents of each
    side the term occurs), per_10k_a, per_10k_b, g2 (signed log-likelihood, + favours A), p (of G² on one
    degree of freedom), log_odds (informative Dirichlet prior, Monroe et al. 2008), z, favours (a label).
    Tokens of one document are not independent draws, so when a side holds a single document no
    significance is claimed: `p` is NaN and `attrs["significance"]` is False; G² and z then only rank.
    """
    if prepare:
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
    out.attrs.update(labels=labels, documents=(len(docs_a), len(docs_b)), significance=significance)
    return out
