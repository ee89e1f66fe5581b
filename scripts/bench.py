"""Pipeline speed (`make bench`): the whole pipeline in one process beside raw `jieba.lcut` on the same
texts, in the same run; then the export on 1 and on every core; then where the time goes, stage by stage.

The corpus is synthetic (recombined from the seeds' clauses; see bench_scale.make_corpus), BENCH_DOCS
documents (default 1,000). Text reuse is left out here: it compares documents with each other, and on
a corpus recombined from a few dozen clauses nearly every pair shares passages, which no real corpus
does; bench_reuse.py measures it on a corpus built for it. Timings are the median of BENCH_REPEAT runs
(default 3), alternating the pipeline and jieba so that a busy machine slows both alike; they are
printed, never asserted.
"""

from __future__ import annotations

import logging
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import jieba
from policytext.corpus import iter_documents
from policytext.export import export
from policytext.pipeline import PIPELINE
from policytext.segment import segment, tokenizer
from policytext.tables import parse_rows

PER_DOCUMENT = ("reuse",)  # the stages measured: all but the corpus-wide comparison

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_scale import make_corpus  # noqa: E402

DOCS = int(os.environ.get("BENCH_DOCS", "1000"))
REPEAT = int(os.environ.get("BENCH_REPEAT", "3"))
TARGET_RATIO = 2.0


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        chars = make_corpus(folder, DOCS)
        rows = list(iter_documents(folder))
        texts = [r["text"] for r in rows]
        print(f"corpus: {len(rows)} synthetic documents, {chars:,} characters; median of {REPEAT} runs; "
              f"{os.cpu_count()} cores")

        jieba.setLogLevel(logging.WARNING)
        raw = jieba.Tokenizer()
        raw.initialize()
        tokenizer()
        parse_rows(rows[:20], disable=PER_DOCUMENT)  # lexicons, gazetteer and patterns compiled before timing
        pipeline_s, jieba_s, segment_s = [], [], []
        for _ in range(REPEAT):
            jieba_s.append(timed(lambda: [raw.lcut(t) for t in texts]))
            segment_s.append(timed(lambda: [segment(t) for t in texts]))
            pipeline_s.append(timed(lambda: parse_rows(rows, disable=PER_DOCUMENT)))
        j, s, p = (statistics.median(x) for x in (jieba_s, segment_s, pipeline_s))
        print("\n## One process")
        print(f"raw jieba.lcut:            {j:7.2f} s  {chars / j / 1000:6.0f} k chars/s")
        print(f"policytext.segment:        {s:7.2f} s  {chars / s / 1000:6.0f} k chars/s  {s / j:5.2f} x jieba")
        print(f"pipeline (parse):            {p:7.2f} s  {chars / p / 1000:6.0f} k chars/s  {p / j:5.2f} x jieba"
              f"  (target <= {TARGET_RATIO:.1f} x)")

        print("\n## Export (pipeline + writing CSV and Parquet), 1 process against all cores")
        export_s = {}
        for jobs in (1, os.cpu_count() or 1):
            times = [timed(lambda jobs=jobs: export(folder, Path(tmp) / f"out{jobs}", jobs=jobs, progress=False,
                                                    disable=PER_DOCUMENT))
                     for _ in range(REPEAT)]
            export_s[jobs] = statistics.median(times)
            print(f"export, {jobs} process{'es' if jobs > 1 else '  '}:     {export_s[jobs]:7.2f} s"
                  f"  {len(rows) / export_s[jobs]:6.0f} documents/s")
        cores = max(export_s)
        if cores > 1:
            print(f"speed-up on {cores} cores: {export_s[1] / export_s[cores]:.2f} x (target >= 1.7 x)")

        print("\n## Where the time goes (one process, seconds per stage)")
        timings: dict[str, float] = {}
        parse_rows(rows, disable=PER_DOCUMENT, timings=timings)
        total = sum(timings.values())
        order = [st.name for st in PIPELINE] + sorted(set(timings) - {st.name for st in PIPELINE})
        for name in order:
            if name in timings:
                t = timings[name]
                print(f"{name:28s} {t:7.2f} s  {t / total:6.1%}  {t / j:5.2f} x jieba")
        print(f"{'total':28s} {total:7.2f} s")


if __name__ == "__main__":
    main()
