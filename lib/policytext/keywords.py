"""Keywords: corpus TF-IDF (the corpus's own IDF), TextRank, and keyness between two groups.

Keyness gives both Dunning's log-likelihood (G²) and the log-odds ratio with an informative
Dirichlet prior (Monroe, Colaresi & Quinn 2008), with the raw counts, so a reader can see
which words distinguish, say, Chengdu's texts from Chongqing's and how much evidence there is.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping

import networkx as nx
import numpy as np
import pandas as pd

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


def keyness(group_a: Iterable[str], group_b: Iterable[str], prior_scale: float = 0.1) -> pd.DataFrame:
    """Terms that distinguish token list A from token list B.

    Columns: term, count_a, count_b, per_10k_a, per_10k_b, g2 (signed log-likelihood, + = A),
    log_odds (log-odds ratio with informative Dirichlet prior), z (log_odds / its s.d.), favours.
    """
    a, b = Counter(group_a), Counter(group_b)
    na, nb = sum(a.values()), sum(b.values())
    if not na or not nb:
        raise ValueError("keyness needs tokens in both groups")
    total = a + b
    n = na + nb
    alpha0 = prior_scale * n
    rows = []
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
        rows.append(
            (term, ca, cb, 1e4 * ca / na, 1e4 * cb / nb, sign * g2, delta, delta / math.sqrt(var),
             "a" if delta > 0 else "b")
        )
    out = pd.DataFrame(
        rows, columns=["term", "count_a", "count_b", "per_10k_a", "per_10k_b", "g2", "log_odds", "z", "favours"]
    )
    return out.sort_values(["z", "term"], ascending=[False, True], ignore_index=True)
