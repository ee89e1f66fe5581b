"""Reuse benchmark (`make bench`): text-reuse detection on synthetic corpora of 1,000 to 10,000 documents.

Each synthetic document is about 1,000 characters of clauses drawn character by character from the seeds'
own character frequencies (so it shares no formulation by chance), into which three 30-character
formulations are planted, drawn from a pool as large as the corpus: each formulation is shared by three
documents on average, so the amount of true reuse per document stays fixed as the corpus grows, as in a
real collection (a fixed pool would make true reuse itself grow with the square of the corpus).
Prints one line per size (time, candidate clause pairs, spans found, recall of the planted pairs) and
saves figures/benchmark/reuse_scaling.png with a least-squares line: near-linear growth is what the LSH
candidate step is for.
Sizes can be changed: BENCH_REUSE_SIZES=500,1000 make bench.
"""

from __future__ import annotations

import os
import random
import time
from collections import Counter
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
SIZES = [int(n) for n in os.environ.get("BENCH_REUSE_SIZES", "1000,2000,5000,10000").split(",")]


def synthetic_clauses(n: int, seed: int = 0) -> tuple[pd.DataFrame, set[tuple[str, str]]]:
    """Clauses of n synthetic documents and the set of document pairs that share a planted formulation."""
    import policytext
    from policytext.tables import parse_corpus

    seeds = parse_corpus(policytext.load_corpus(ROOT / "seeds"))
    text = "".join(seeds.clauses["text"])
    counts = Counter(ch for ch in text if "\u4e00" <= ch <= "\u9fff")
    chars, weights = zip(*sorted(counts.items()), strict=True)
    rng = random.Random(seed)
    pool = ["".join(rng.choices(chars, weights, k=30)) for _ in range(n)]
    holders: dict[int, list[str]] = {}
    rows = []
    for i in range(n):
        doc_id = f"syn-{i:05d}"
        planted = rng.sample(range(len(pool)), 3)
        for k in planted:
            holders.setdefault(k, []).append(doc_id)
        start = 0
        for c in range(6):
            body = "".join(rng.choices(chars, weights, k=150)) + "。"
            if c < 3:
                body = body[:60] + "，" + pool[planted[c]] + "，" + body[60:]
            rows.append((doc_id, f"{doc_id}/c{c}", start, start + len(body), body))
            start += len(body) + 1
    truth = {(a, b) for docs in holders.values() for a in docs for b in docs if a < b}
    return pd.DataFrame(rows, columns=["doc_id", "clause_id", "start", "end", "text"]), truth


def main() -> None:
    import matplotlib
    import numpy as np
    from policytext import plotting
    from policytext.reuse import find_reuse

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    print(f"{'docs':>6} {'chars':>10} {'seconds':>8} {'docs/s':>7} {'candidates':>10} {'spans':>7} {'recall':>7}")
    results = []
    for n in SIZES:
        clauses, truth = synthetic_clauses(n)
        documents = pd.DataFrame({"doc_id": sorted(set(clauses["doc_id"]))})
        start = time.perf_counter()
        reuse = find_reuse(clauses, documents)
        seconds = time.perf_counter() - start
        candidates = reuse.attrs["candidates"]
        found = {tuple(sorted(p)) for p in zip(reuse["source_doc"], reuse["target_doc"], strict=True)}
        recall = len(found & truth) / len(truth) if truth else 1.0
        chars = int(clauses["text"].str.len().sum())
        results.append((n, seconds))
        print(f"{n:>6} {chars:>10} {seconds:>8.1f} {n / seconds:>7.0f} {candidates:>10} {len(reuse):>7} "
              f"{recall:>7.3f}", flush=True)
    plotting.setup()
    x = np.array([r[0] for r in results], dtype=float)
    y = np.array([r[1] for r in results])
    slope, intercept = np.polyfit(x, y, 1)
    fig, ax = plt.subplots(figsize=(7, 4))
    ax.plot(x, y, "o", color=plotting.PALETTE[0], label="measured")
    grid = np.linspace(0, x.max(), 50)
    ax.plot(grid, slope * grid + intercept, "-", color=plotting.PALETTE[1],
            label=f"linear fit: {1000 * slope:.1f} s per 1,000 documents")
    ax.set_xlabel("documents (about 1,000 characters each)")
    ax.set_ylabel("seconds (reuse detection)")
    ax.set_title("Reuse detection time grows near-linearly with corpus size (one process)")
    ax.legend(frameon=False)
    fig.tight_layout()
    print(f"chart: {plotting.savefig(fig, 'benchmark', 'reuse_scaling', root=ROOT / 'figures')}")
    plt.close(fig)


if __name__ == "__main__":
    main()
