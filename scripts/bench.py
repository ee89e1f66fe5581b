"""Benchmarks that print figures (`make bench`): loading and parsing the seeds.

Timings are best-of-N wall-clock seconds on this machine; they are printed, never asserted.
"""

from __future__ import annotations

import time
from pathlib import Path

import policytext
from policytext.tables import _parse_cached, parse_corpus

ROOT = Path(__file__).resolve().parent.parent


def best(fn, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    seeds = ROOT / "seeds"
    corpus = policytext.load_corpus(seeds)
    chars = int(corpus.documents["n_chars"].sum())
    print(f"corpus: {len(corpus)} documents, {chars} characters")
    print(f"load_corpus (warm):           {best(lambda: policytext.load_corpus(seeds)) * 1000:8.1f} ms")

    def cold_parse():
        _parse_cached.cache_clear()
        parse_corpus(corpus)

    t = best(cold_parse)
    print(f"parse_corpus (uncached):      {t * 1000:8.1f} ms  ({chars / t / 1000:.0f} k chars/s)")
    print(f"parse_corpus (cached):        {best(lambda: parse_corpus(corpus)) * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
