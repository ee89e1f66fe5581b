"""Term co-occurrence within units (sentences or clauses): counts and PMI, as a table or a graph."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from itertools import combinations

import networkx as nx
import pandas as pd


def cooccurrence(
    units: Iterable[Iterable[str]], vocabulary: Iterable[str] | None = None, min_count: int = 1
) -> pd.DataFrame:
    """Pairs of terms that appear in the same unit: term_a < term_b, count, pmi, npmi.

    `units` are token lists (each counted once per unit); `vocabulary` restricts the terms.
    PMI = log2(p(a,b) / (p(a) p(b))) over units; NPMI divides by -log2 p(a,b).
    """
    vocab = set(vocabulary) if vocabulary is not None else None
    sets = [sorted({t for t in unit if vocab is None or t in vocab}) for unit in units]
    n = len(sets)
    single = Counter(t for s in sets for t in s)
    pairs = Counter(p for s in sets for p in combinations(s, 2))
    rows = []
    for (x, y), c in sorted(pairs.items()):
        if c < min_count:
            continue
        pxy = c / n
        pmi = math.log2(pxy / ((single[x] / n) * (single[y] / n)))
        npmi = pmi / -math.log2(pxy) if pxy < 1 else 1.0
        rows.append((x, y, c, pmi, npmi))
    return pd.DataFrame(rows, columns=["term_a", "term_b", "count", "pmi", "npmi"])


def cooccurrence_graph(pairs: pd.DataFrame, weight: str = "count") -> nx.Graph:
    """A networkx graph of a co-occurrence table: nodes are terms, edges carry count, pmi, npmi."""
    graph = nx.Graph()
    for row in pairs.itertuples(index=False):
        graph.add_edge(row.term_a, row.term_b, count=row.count, pmi=row.pmi, npmi=row.npmi, weight=getattr(row, weight))
    return graph
