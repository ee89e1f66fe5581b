"""Time the lexicon coding of every sentence of the seeds, repeated 50 times.

Usage: python scripts/bench_lexicon.py [repeats]
Prints sentences coded, seconds and sentences per second (the lexicons are loaded before timing).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pandas as pd
from policytext.coding.codes import code_sentences
from policytext.pipeline.tables import parse_corpus
from policytext.reading.corpus import load_corpus

ROOT = Path(__file__).resolve().parents[1]


def main(repeats: int = 50) -> None:
    sentences = parse_corpus(load_corpus(ROOT / "seeds")).sentences
    many = pd.concat([sentences] * repeats, ignore_index=True)
    code_sentences(sentences.head(5))  # compile the lexicons outside the timing
    start = time.perf_counter()
    code_sentences(many)
    seconds = time.perf_counter() - start
    rate = len(many) / seconds
    print(f"{len(many)} sentences ({len(sentences)} x {repeats}) coded in {seconds:.2f} s: {rate:,.0f}/s")


if __name__ == "__main__":
    from policytext.errors import show_warnings_plainly

    show_warnings_plainly()  # each warning on one line, as the command line prints them
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50)
