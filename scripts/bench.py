"""Pipeline speed (`make bench`): the whole pipeline in one process beside raw `jieba.lcut` on the same
texts, in the same run, a chunk of documents at a time; then the export on 1 and on every core; then where the
time goes, stage by stage.

The corpus is synthetic (recombined from the seeds' clauses; see bench_scale.make_corpus), BENCH_DOCS
documents (default 1,000). Text reuse is left out here: it compares documents with each other, and on
a corpus recombined from a few dozen clauses nearly every pair shares passages, which no real corpus
does; bench_reuse.py measures it on a corpus built for it. Each timing is taken in BENCH_REPEAT rounds
(default 3). Within a round, jieba and the pipeline are timed chunk by chunk on the same documents, in
alternating order, so that a shared core's drifting speed slows both alike; the ratio is the median of
the chunks' paired ratios (each chunk's pipeline time over the jieba time taken next to it); seconds are
means per round. The export on 1 and on every core is timed in turn; its speed-up is the median of the
rounds' paired ratios, printed beside the machine's own ceiling (raw jieba on 1 and on every core). They
are printed, never asserted.
"""

from __future__ import annotations

import logging
import os
import statistics
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import jieba
from policytext.language.segment import segment, tokenizer
from policytext.pipeline.export import export
from policytext.pipeline.pipeline import PIPELINE
from policytext.pipeline.tables import CHUNK_SIZE, parse_rows
from policytext.reading.corpus import iter_documents

PER_DOCUMENT = ("duplicates", "reuse")  # the stages measured: all but the comparisons between documents

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_scale import make_corpus  # noqa: E402

DOCS = int(os.environ.get("BENCH_DOCS", "1000"))
REPEAT = int(os.environ.get("BENCH_REPEAT", "3"))
TARGET_RATIO = 2.0


_RAW: jieba.Tokenizer | None = None  # raw jieba, built before the pool forks, for _cut


def _cut(texts: list[str]) -> int:
    """Raw jieba over `texts` (a worker's share in the machine's own parallel ceiling)."""
    for text in texts:
        _RAW.lcut(text)
    return len(texts)


def ceiling(texts: list[str], cores: int) -> list[float]:
    """Raw jieba over `texts` in one process against `cores` processes, in turn, REPEAT rounds: each round's
    speed-up. Nothing is shared and nothing is written, so this is what the machine gives any CPU-bound
    work split the same way, the most the export can hope for."""
    with ProcessPoolExecutor(max_workers=cores) as pool:
        list(pool.map(_cut, [texts[:1]] * cores))  # workers started before timing
        parts = [texts[i :: 2 * cores] for i in range(2 * cores)]
        return sorted(timed(lambda: _cut(texts)) / timed(lambda: list(pool.map(_cut, parts)))
                      for _ in range(REPEAT))


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        chars = make_corpus(folder, DOCS)
        rows = list(iter_documents(folder))
        print(f"corpus: {len(rows)} synthetic documents, {chars:,} characters; {REPEAT} rounds; "
              f"{os.cpu_count()} cores")

        global _RAW
        jieba.setLogLevel(logging.WARNING)
        raw = _RAW = jieba.Tokenizer()
        raw.initialize()
        tokenizer()
        parse_rows(rows[:20], disable=PER_DOCUMENT)  # lexicons, gazetteer and patterns compiled before timing
        # Timed a chunk at a time (the pipeline's own unit of work), jieba and the pipeline side by side on
        # the same documents, jieba between the other two, in alternating order: the speed of a shared core
        # drifts by tens of per cent within seconds, so each chunk's pipeline time is divided by the jieba
        # time taken next to it, and the ratio reported is the median of those paired ratios.
        took: dict[str, list[float]] = {"jieba": [], "segment": [], "pipeline": []}
        paired: dict[str, list[float]] = {"segment": [], "pipeline": []}
        for r in range(REPEAT):
            for n, start in enumerate(range(0, len(rows), CHUNK_SIZE)):
                block = rows[start : start + CHUNK_SIZE]
                texts = [r["text"] for r in block]
                runs = [("segment", lambda t=texts: [segment(x) for x in t]),
                        ("jieba", lambda t=texts: [raw.lcut(x) for x in t]),
                        ("pipeline", lambda b=block: parse_rows(b, disable=PER_DOCUMENT))]
                chunk = {name: timed(fn) for name, fn in (runs if (n + r) % 2 == 0 else runs[::-1])}
                for name, seconds in chunk.items():
                    took[name].append(seconds)
                for name in paired:
                    paired[name].append(chunk[name] / chunk["jieba"])
        j, s, p = (sum(took[name]) / REPEAT for name in ("jieba", "segment", "pipeline"))
        ratio = {name: statistics.median(values) for name, values in paired.items()}
        quartiles = statistics.quantiles(paired["pipeline"], n=4)
        whole = statistics.median(timed(lambda: parse_rows(rows, disable=PER_DOCUMENT)) for _ in range(REPEAT))
        print(f"\n## One process (chunks of {CHUNK_SIZE} documents, each timed beside raw jieba on the same documents)")
        print(f"raw jieba.lcut:            {j:7.2f} s  {chars / j / 1000:6.0f} k chars/s")
        print(f"policytext.segment:        {s:7.2f} s  {chars / s / 1000:6.0f} k chars/s  "
              f"{ratio['segment']:5.2f} x jieba")
        print(f"pipeline (parse):          {p:7.2f} s  {chars / p / 1000:6.0f} k chars/s  "
              f"{ratio['pipeline']:5.2f} x jieba  (median of {len(paired['pipeline'])} paired chunk timings, "
              f"middle half {quartiles[0]:.2f}-{quartiles[2]:.2f}; target <= {TARGET_RATIO:.1f} x)")
        print(f"pipeline, whole corpus at once: {whole:7.2f} s (TF-IDF over the corpus included)")

        print(f"\n## Export (pipeline + writing CSV and Parquet), 1 process against all cores, in turn, "
              f"{REPEAT} rounds (medians)")
        cores = os.cpu_count() or 1
        times: dict[int, list[float]] = {1: [], cores: []}
        for _ in range(REPEAT):  # 1 and all cores in turn, so that both see the same machine
            for jobs in times:
                times[jobs].append(timed(lambda jobs=jobs: export(
                    folder, Path(tmp) / f"out{jobs}", jobs=jobs, progress=False, disable=PER_DOCUMENT, workbook=False)))
        export_s = {jobs: statistics.median(t) for jobs, t in times.items()}
        for jobs, seconds in export_s.items():
            print(f"export, {jobs} process{'es' if jobs > 1 else '  '}:     {seconds:7.2f} s"
                  f"  {len(rows) / seconds:6.0f} documents/s")
        cores = max(export_s)
        if cores > 1:
            each = sorted(one / many for one, many in zip(times[1], times[cores], strict=True))
            print(f"speed-up on {cores} cores: {statistics.median(each):.2f} x  (median of the rounds' paired "
                  f"ratios: {', '.join(f'{r:.2f}' for r in each)}; target >= 1.7 x)")
            most = ceiling([r["text"] for r in rows], cores)
            print(f"this machine's ceiling: raw jieba alone on {cores} processes is {statistics.median(most):.2f} x "
                  f"one process (rounds: {', '.join(f'{r:.2f}' for r in most)})")

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
    from policytext.errors import show_warnings_plainly

    show_warnings_plainly()  # each warning on one line, as the command line prints them
    main()
