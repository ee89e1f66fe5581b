"""Scale benchmark (`make bench`): the full export on synthetic corpora of 1,000 to 10,000 documents.

Documents are recombined from the seeds' clauses (fixed seed), with a headline, a dateline and a footer
so that cleaning has work to do; they are generated into a temporary folder and deleted afterwards.
Each size runs in a fresh process so that its peak memory is its own. Text reuse and duplicates are left out (see
bench.py: on a corpus recombined from a few dozen clauses nearly every pair of documents shares
passages; bench_reuse.py measures it). Prints one line per size and
saves build/benchmark/scaling.png (time against corpus size, with a least-squares line; nothing tracked
changes: figures/benchmark/scaling.png is the copy published with docs/speed_and_scale.md).
Sizes can be changed: BENCH_SIZES=500,1000 make bench.
"""

from __future__ import annotations

import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZES = [int(n) for n in os.environ.get("BENCH_SIZES", "1000,2000,5000,10000").split(",")]
REGIONS = ("Chongqing", "Chengdu")


def make_corpus(folder: Path, n: int, seed: int = 0) -> int:
    """Write n synthetic documents and their catalog into `folder`; return the number of characters."""
    import policytext
    from policytext.pipeline.pipeline import OPTIONAL_STAGES
    from policytext.pipeline.tables import parse_corpus
    from policytext.reading.catalog import read_catalog

    seeds = ROOT / "seeds"
    catalogued = [row["file"] for row in read_catalog(seeds / "catalog.csv")]  # documents added later change nothing
    clauses = parse_corpus(policytext.load_corpus(seeds, files=catalogued), disable=OPTIONAL_STAGES).clauses
    clauses = clauses["text"].tolist()
    rng = random.Random(seed)
    folder.mkdir(parents=True)
    rows = [
        "doc_id,file,sha256,title,publisher,source,region,genre,script,"
        "date_written,date_written_basis,date_published,date_published_basis,url,notes"
    ]
    chars = 0
    for i in range(n):
        body = rng.sample(clauses, rng.randint(3, 8))
        text = "\n".join(
            [f"科技创新政策汇编之{i}", f"发布时间：2024-{1 + i % 12:02d}-01 来源：科技局", "", *body, "",
             "责任编辑：张三", "分享到"]
        ) + "\n"
        chars += len(text)
        name = f"doc_{i:05d}.txt"
        (folder / name).write_text(text, encoding="utf-8")
        rows.append(f"syn-{i:05d},{name},,,,,{REGIONS[i % 2]},其他,Simplified,2024,inferred from content,,,,")
    (folder / "catalog.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return chars


def run_one(n: int) -> dict:
    """Generate, export and time one corpus size (called in a fresh process)."""
    from policytext.pipeline.export import export

    with tempfile.TemporaryDirectory() as tmp:
        seeds = Path(tmp) / "seeds"
        chars = make_corpus(seeds, n)
        start = time.perf_counter()
        # from the folder: documents stream through
        export(seeds, Path(tmp) / "out", chunk_size=200, progress=False, disable=("duplicates", "reuse"),
               workbook=False)
        seconds = time.perf_counter() - start
    return {
        "docs": n, "chars": chars, "seconds": seconds, "cores": os.cpu_count(),
        "peak_main_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "peak_worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }


def chart(results: list[dict]) -> Path:
    """build/benchmark/scaling.png: export time against corpus size."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from policytext.findings import plotting

    fig = plotting.scaling([r["docs"] for r in results], [r["seconds"] for r in results],
                           title=f"Export time grows linearly with corpus size ({results[0]['cores']} cores)",
                           ylabel="seconds (export, reuse left out)")
    path = plotting.savefig(fig, "benchmark", "scaling", root=ROOT / "build", source="scripts/bench_scale.py")
    plt.close(fig)
    return path


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--one":
        print(json.dumps(run_one(int(sys.argv[2]))))
        return
    results = []
    # Against raw jieba in one process, see bench.py: a multi-process export against single-core jieba
    # would flatter the pipeline by the number of cores.
    print(f"{'docs':>6} {'chars':>10} {'seconds':>8} {'docs/s':>7} {'peak main MB':>12} {'peak worker MB':>14}")
    for n in SIZES:
        out = subprocess.run([sys.executable, __file__, "--one", str(n)], capture_output=True, text=True, check=True)
        r = json.loads(out.stdout.strip().splitlines()[-1])
        results.append(r)
        print(f"{r['docs']:>6} {r['chars']:>10} {r['seconds']:>8.1f} {r['docs'] / r['seconds']:>7.1f} "
              f"{r['peak_main_mb']:>12.0f} {r['peak_worker_mb']:>14.0f}", flush=True)
    print(f"chart: {chart(results)}")


if __name__ == "__main__":
    from policytext.errors import show_warnings_plainly

    show_warnings_plainly()  # each warning on one line, as the command line prints them
    main()
