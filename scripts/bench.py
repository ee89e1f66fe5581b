"""Benchmarks that print figures (`make bench`): loading, parsing and segmenting the seeds.

Timings are best-of-N wall-clock seconds on this machine; they are printed, never asserted.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

import jieba
import policytext
from policytext import segment as seg
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
    segmentation(parse_corpus(corpus))


def segmentation(tables) -> None:
    """segment/tokenize throughput against raw jieba.lcut on the same clean text."""
    text = "\n".join(p.simplified for p in tables.parsed.values()) * 20
    start = time.perf_counter()
    seg.tokenizer.cache_clear()
    seg.tokenizer()
    init = time.perf_counter() - start
    jieba.setLogLevel(logging.WARNING)
    raw = jieba.Tokenizer()
    raw.initialize()
    t_raw = best(lambda: raw.lcut(text), 3)
    t_seg = best(lambda: seg.segment(text), 3)
    t_tok = best(lambda: seg.tokenize(text), 3)
    n = len(text)
    print(f"domain dictionary initialisation: {init * 1000:8.1f} ms (jieba default dictionary + userdict)")
    print(f"jieba.lcut (raw):             {n / t_raw / 1000:8.0f} k chars/s")
    print(f"policytext.segment:           {n / t_seg / 1000:8.0f} k chars/s  ratio to raw jieba {t_raw / t_seg:.2f}")
    print(f"policytext.tokenize:          {n / t_tok / 1000:8.0f} k chars/s  ratio to raw jieba {t_raw / t_tok:.2f}")


if __name__ == "__main__":
    main()
