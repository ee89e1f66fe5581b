"""Reuse benchmark (`make bench`): text-reuse detection on synthetic corpora of 1,000 to 10,000 documents.

Each synthetic document is about 1,000 characters of clauses drawn character by character from the seeds'
own character frequencies (so it shares no formulation by chance), into which three 30-character
formulations are planted, drawn from a pool as large as the corpus: each formulation is shared by three
documents on average, so the amount of true reuse per document stays fixed as the corpus grows, as in a
real collection (a fixed pool would make true reuse itself grow with the square of the corpus).
Prints one line per size (time, candidate clause pairs, spans found, recall of the planted pairs) and
saves figures/benchmark/reuse_scaling.png (CPU time of the one process, which other jobs on the machine
do not inflate as they do wall time) with a least-squares line: near-linear growth is what the LSH
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


def chart(results: list[tuple[int, float]]) -> Path:
    """figures/benchmark/reuse_scaling.png: CPU seconds against documents, with a least-squares line."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from policytext import plotting

    fig = plotting.scaling([r[0] for r in results], [r[1] for r in results],
                           title="Reuse detection time grows near-linearly with corpus size (one process)",
                           ylabel="CPU seconds (reuse detection)", xlabel="documents (about 1,000 characters each)")
    root = os.environ.get("POLICYTEXT_FIGURES", ROOT / "figures")  # `make bench`: build/figures
    path = plotting.savefig(fig, "benchmark", "reuse_scaling", root=root, source="scripts/bench_reuse.py")
    plt.close(fig)
    return path


def main() -> None:
    from policytext.reuse import find_reuse

    print(f"{'docs':>6} {'chars':>10} {'seconds':>8} {'cpu s':>7} {'docs/s':>7} {'candidates':>10} {'spans':>7} "
          f"{'recall':>7}")
    results = []
    for n in SIZES:
        clauses, truth = synthetic_clauses(n)
        documents = pd.DataFrame({"doc_id": sorted(set(clauses["doc_id"]))})
        start, cpu = time.perf_counter(), time.process_time()
        reuse = find_reuse(clauses, documents)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        candidates = reuse.attrs["candidates"]
        found = {tuple(sorted(p)) for p in zip(reuse["source_doc"], reuse["target_doc"], strict=True)}
        recall = len(found & truth) / len(truth) if truth else 1.0
        chars = int(clauses["text"].str.len().sum())
        results.append((n, cpu))
        print(f"{n:>6} {chars:>10} {seconds:>8.1f} {cpu:>7.1f} {n / seconds:>7.0f} {candidates:>10} {len(reuse):>7} "
              f"{recall:>7.3f}", flush=True)
    print(f"chart: {chart(results)}")


if __name__ == "__main__":
    main()
