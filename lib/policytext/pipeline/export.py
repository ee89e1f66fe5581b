"""Write the corpus tables to disk: CSV (UTF-8 with BOM, for Excel) and Parquet when pyarrow is there.

The export runs the pipeline (policytext.pipeline) on chunks of documents; every stage is a pure function
of its chunk, so chunks run in parallel — worker processes, each building the jieba dictionary once, or
Dask — and the results stream to disk a chunk at a time, keeping memory flat however large the corpus.
The workers also read and decode the files and encode each table's rows as CSV lines and an Arrow table:
the main process only settles the catalog rows (in file order, with the loader's warnings) and appends
what they encoded, so it leaves the cores to them; the files are the same whatever the number of workers.
The corpus-wide stages (TF-IDF, duplicates, reuse) collect compact features in the workers, beside the
chunk's tables; the main process keeps them and runs each stage's finish once at the end, exactly as
`policytext.parse` does in memory: nothing is read back from the files written. Text reuse's features, the
largest, wait in an unnamed temporary file beside the tables (policytext.pipeline.spill), and the finish reads
back only those of the documents it compares.
"""

from __future__ import annotations

import importlib.util
import os
import pickle
import sys
import tempfile
from bisect import bisect_left
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass
from itertools import accumulate, pairwise
from pathlib import Path
from typing import Any

import pandas as pd

from ..reading.corpus import SKIPPED_COLUMNS, Corpus, FileRead, count_documents, iter_documents, read_entry
from .csvlines import csv_lines
from .pipeline import (
    TABLES,
    chunks,
    collect,
    concat_chunks,
    empty,
    finish,
    packed_for_export,
    run_chunk,
    without_cycle_collection,
)
from .spill import SpillFile, pack

ENGINES = ("processes", "dask")
EXPORTED = tuple(t.name for t in TABLES if t.exported)
# Corpus-wide features kept on disk until the finish, a document at a time (policytext.pipeline.spill): text
# reuse's, every clause's text and matching form, about 30 KB a document, of which the finish reads back only
# the representatives of the groups of copies. The others are small (TF-IDF's term counts, about 6 KB a
# document; duplicates', under 1 KB) and every document's are needed: they stay in memory.
SPILLED = ("reuse",)


def _has_pyarrow() -> bool:
    return importlib.util.find_spec("pyarrow") is not None


@dataclass
class EncodedTable:
    """One table's rows from one chunk (or part of one), encoded where they were computed: CSV lines and an
    Arrow table, so that the writing process only appends them instead of formatting them itself."""

    columns: list[str]
    empty: bool
    header: str  # the CSV header line
    csv: bytes  # the rows as CSV (UTF-8, no header)
    arrow: Any = None  # a pyarrow.Table (when pyarrow is there and the table has rows)
    frame: pd.DataFrame | None = None  # kept only when there is no Arrow table (empty, or no pyarrow)

    def decoded(self) -> pd.DataFrame:
        """The rows as a DataFrame again (for a chunk whose columns or types differ from the first one's)."""
        return self.frame if self.frame is not None else self.arrow.to_pandas()


def encode(frame: pd.DataFrame, parquet: bool | None = None) -> EncodedTable:
    """A table's rows as CSV lines and an Arrow table, formatted exactly as the export writes them."""
    parquet = _has_pyarrow() if parquet is None else parquet
    arrow = None
    if parquet and not frame.empty:
        import pyarrow as pa

        try:
            arrow = pa.Table.from_pandas(frame, preserve_index=False, nthreads=1)
        except (pa.ArrowException, TypeError, ValueError):
            arrow = None  # the writer converts it with the table's schema, as for any chunk that differs
    return EncodedTable(
        columns=list(frame.columns), empty=frame.empty,
        header=frame.iloc[:0].to_csv(index=False, lineterminator="\n"),
        csv=b"" if frame.empty else csv_lines(frame),
        arrow=arrow, frame=frame if arrow is None else None,
    )


class _TableWriter:
    """Appends chunks of one table to name.csv and name.parquet (columns and schema fixed by the first chunk)."""

    def __init__(self, out: Path, name: str, parquet: bool) -> None:
        self.csv_path = out / f"{name}.csv"
        self.parquet_path = out / f"{name}.parquet" if parquet else None
        self.columns: list[str] | None = None
        self.writer = None
        self.schema = None

    def write(self, frame: pd.DataFrame) -> None:
        """Append a chunk of the table given as a DataFrame."""
        self.write_parts([encode(frame, self.parquet_path is not None)])

    def write_parts(self, parts: list[EncodedTable]) -> None:
        """Append a chunk of the table given as its parts, in order, encoded by the workers. Parts alike (the
        usual case) are appended as they are; otherwise the chunk is rebuilt and converted here, so the files
        are the same either way."""
        rows = [p for p in parts if not p.empty]
        first = (rows or parts)[0]
        columns = self.columns or first.columns
        if any(p.columns != columns for p in rows):
            self._write_frame(concat_chunks([p.decoded() for p in parts]))
            return
        with open(self.csv_path, "ab" if self.columns is not None else "wb") as f:
            if self.columns is None:
                self.columns = columns
                f.write(("\ufeff" + first.header).encode("utf-8"))
            for p in rows:
                f.write(p.csv)
        if self.parquet_path is None or not rows:
            return
        import pyarrow as pa

        if not self._arrow_fits(rows):
            self._write_parquet(concat_chunks([p.decoded() for p in rows]))
            return
        if self.schema is None:
            self._open_parquet(rows[0].arrow.schema)
        tables = [p.arrow if p.arrow.schema.equals(self.schema) else p.arrow.cast(self.schema) for p in rows]
        # one write per chunk, as one table: one row group per chunk whatever the number of parts
        self.writer.write_table(tables[0] if len(tables) == 1 else pa.concat_tables(tables).combine_chunks())

    def _arrow_fits(self, rows: list[EncodedTable]) -> bool:
        """Whether the parts' Arrow tables can be written as they are (or cast losslessly: a column without
        a value in a part has no type there)."""
        import pyarrow as pa

        if any(p.arrow is None for p in rows):
            return False
        if self.schema is None:  # the first chunk fixes the schema: its parts must agree exactly
            return all(p.arrow.schema.equals(rows[0].arrow.schema) for p in rows)
        return all(
            len(p.arrow.schema) == len(self.schema) and all(
                a.name == b.name and (a.type == b.type or pa.types.is_null(a.type))
                for a, b in zip(p.arrow.schema, self.schema, strict=True)
            )
            for p in rows
        )

    def _open_parquet(self, inferred) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        # A column empty in the first chunk has no type yet: text is the safe choice.
        self.schema = pa.schema(
            [pa.field(f.name, pa.string()) if pa.types.is_null(f.type) else f for f in inferred]
        )
        self.writer = pq.ParquetWriter(self.parquet_path, self.schema)

    def _write_frame(self, frame: pd.DataFrame) -> None:
        started = self.columns is not None
        if not started:
            self.columns = list(frame.columns)
        frame = frame.reindex(columns=self.columns)
        frame.to_csv(
            self.csv_path, mode="a" if started else "w", header=not started, index=False,
            encoding="utf-8" if started else "utf-8-sig", lineterminator="\n",
        )
        if self.parquet_path is not None and not frame.empty:
            self._write_parquet(frame)

    def _write_parquet(self, frame: pd.DataFrame) -> None:
        import pyarrow as pa

        if self.schema is None:
            self._open_parquet(pa.Schema.from_pandas(frame, preserve_index=False))
        self.writer.write_table(pa.Table.from_pandas(frame, schema=self.schema, preserve_index=False, safe=False))

    def close(self) -> list[Path]:
        if self.writer is not None:
            self.writer.close()
        elif self.parquet_path is not None and self.columns is not None:
            pd.DataFrame(columns=self.columns).astype(str).to_parquet(self.parquet_path, index=False)
        return [p for p in (self.csv_path, self.parquet_path) if p is not None and p.exists()]


def _init_worker() -> None:
    from ..language.segment import tokenizer

    tokenizer()  # build the jieba dictionary once per worker, not once per chunk


def process_chunk(
    rows: list[dict], disable: tuple[str, ...] = (), parquet: bool | None = None
) -> tuple[dict[str, EncodedTable], dict[str, Any], int]:
    """Run the pipeline on a chunk of corpus rows: its exported tables (packed for export and encoded as CSV
    and Arrow, so that the process writing the files only appends them), what the corpus-wide stages
    collect from it, and its number of documents."""
    parquet = _has_pyarrow() if parquet is None else parquet
    # One pause of the cycle collector over the whole part, resumed once the chunk is freed: resumed while
    # the chunk is alive (after running it, and again after collecting from it), it walks the chunk's
    # millions of objects each time (a tenth of a second on 166 statutes).
    with without_cycle_collection():
        chunk = run_chunk(rows, disable)
        features = collect(chunk, disable)
        for name in SPILLED:  # pickled a document at a time here, appended to the spill file by the writing process
            if name in features:
                features[name] = pack(features[name].by_document())
        # the chunk's texts, records and tokens are freed before the tables are encoded, and each table once it is
        tables, encoded = chunk.tables, {}
        del chunk
        for name in list(tables):
            frame = tables.pop(name)
            if name in EXPORTED:
                encoded[name] = encode(packed_for_export(name, frame), parquet)
            del frame
    return encoded, features, len(rows)


def _split(chunk: list[dict], parts: int) -> list[list[dict]]:
    """A chunk cut into `parts` runs of consecutive documents (order kept; fewer when it has fewer documents)
    of about as many characters each: a run's time goes with its text, and the chunk waits for its slowest run
    (statutes of 2,000 to 30,000 characters cut into halves of 83 documents each gave 629,000 and 516,000)."""
    parts = max(1, min(parts, len(chunk)))
    ends = list(accumulate(len(str(row.get("text") or "")) + 1 for row in chunk))
    total = ends[-1] if ends else 0
    cuts = [0]
    for k in range(1, parts):
        # the first document boundary at or past k/parts of the characters, leaving a document for each run after
        cut = bisect_left(ends, total * k / parts) + 1
        cuts.append(min(max(cut, cuts[-1] + 1), len(chunk) - (parts - k)))
    cuts.append(len(chunk))
    return [chunk[a:b] for a, b in pairwise(cuts) if b > a]


def _process_to_file(folder: str, rows: list[dict], disable: tuple[str, ...]) -> str:
    """process_chunk in a worker, its result pickled into a new file in `folder`: the file's path.

    A part's result (its tables as CSV and Arrow, and its features) is some 30 MB a hundred documents. Sent
    back through the pool's pipe, which holds 64 KB at a time, the worker waits until the writing process has
    read all of it (a tenth of a second a part, before it can start on the next); written to a file, it waits
    only for the page cache."""
    result = process_chunk(rows, disable)
    fd, path = tempfile.mkstemp(dir=folder, suffix=".pickle")
    with os.fdopen(fd, "wb") as f:
        pickle.dump(result, f, protocol=pickle.HIGHEST_PROTOCOL)
    return path


def _taken(path: str) -> tuple:
    """A result _process_to_file wrote, read back; its file removed."""
    with open(path, "rb") as f:
        result = pickle.load(f)
    os.unlink(path)
    return result


def _run_processes(
    batches: Iterable[list[dict]], pool: ProcessPoolExecutor | None, jobs: int, disable: tuple[str, ...],
    handover: str | None = None,
) -> Iterator[list[tuple]]:
    if pool is None:
        _init_worker()
        for chunk in batches:
            yield [process_chunk(chunk, disable)]
        return
    # One chunk is computed while the caller writes the one before and reads the one after, so the
    # workers do not wait for the writer; at most two chunks are held at once.
    pending: deque[list[Future]] = deque()
    for chunk in batches:
        # One run per worker: a run's fixed cost (some twenty tables built and encoded) is paid once per worker
        # and chunk (runs of 50 documents cost 14 % more than runs of 200); the next chunk is already queued,
        # so a worker whose run ends early starts on it.
        parts = _split(chunk, jobs)
        pending.append([pool.submit(_process_to_file, handover, part, disable) for part in parts])
        if len(pending) > 1:
            yield [_taken(f.result()) for f in pending.popleft()]
    while pending:
        yield [_taken(f.result()) for f in pending.popleft()]


def _read_files(paths: list[Path]) -> list[FileRead]:
    return [read_entry(p) for p in paths]


def _read_in(pool: ProcessPoolExecutor, ahead: int, per_task: int) -> Callable[[list[Path]], Iterator[FileRead]]:
    """A `read` for iter_documents that reads and decodes the files in the pool's workers, in order, at most
    `ahead` files ahead of the documents taken (memory stays flat); the catalog, doc_ids, duplicates and
    warnings are still settled in this process, in file order, exactly as when it reads them itself."""

    def read(paths: list[Path]) -> Iterator[FileRead]:
        pending: deque[Future] = deque()
        for start in range(0, len(paths), per_task):
            pending.append(pool.submit(_read_files, paths[start : start + per_task]))
            if len(pending) * per_task >= ahead:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()

    return read


def _run_dask(batches: Iterable[list[dict]], disable: tuple[str, ...]) -> Iterator[list[tuple]]:
    try:
        import dask
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise RuntimeError("the dask engine needs the 'dask' extra: pip install 'policytext[dask]'") from exc
    # dask.compute uses the active scheduler: the local one by default, a cluster when a
    # distributed.Client has been created; chunks bound the results held in memory at once.
    for chunk in batches:
        yield list(dask.compute(*[dask.delayed(process_chunk)(part, disable) for part in _split(chunk, 8)]))


def _progress(total: int, enabled: bool | None):
    from tqdm import tqdm

    show = sys.stderr.isatty() if enabled is None else enabled
    return tqdm(total=total, unit="doc", disable=not show, desc="export")


def export(
    corpus: Corpus | str | Path,
    out: str | Path,
    jobs: int | None = None,
    engine: str = "processes",
    chunk_size: int = 200,
    progress: bool | None = None,
    disable: Iterable[str] = (),
    workbook: bool = True,
) -> list[Path]:
    """Write every table of a corpus into folder `out`; return the paths written.

    corpus: a loaded Corpus, or a corpus folder — then documents are read one chunk at a time, so
    memory stays flat however many there are; jobs: worker processes (default: the machine's cores);
    engine: 'processes' or 'dask'; chunk_size: documents in memory at once; progress: a tqdm bar
    (default: when on a terminal); disable: pipeline stages to switch off (their tables come out empty);
    workbook: also write every table into one Excel workbook, tables.xlsx (written after the tables, in
    this process, at about 65,000 cells a second: the benchmarks leave it out).
    """
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {', '.join(ENGINES)}")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    jobs = jobs or os.cpu_count() or 1
    # Worker processes read the files as well as running the pipeline: this process only settles the
    # catalog rows and appends what the workers encoded, so it leaves the cores to them.
    parallel = engine == "processes" and jobs > 1
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker) if parallel else None
    with pool or nullcontext():
        return _export(corpus, out, pool, jobs, engine, chunk_size, progress, tuple(disable), workbook)


def _write_chunk(writers: dict[str, _TableWriter], done: list[tuple]) -> None:
    """Append a chunk's tables (its parts' encoded rows, in order) to the files."""
    for name in EXPORTED:
        parts = [tables[name] for tables, _, _ in done if name in tables]
        if parts:
            writers[name].write_parts(parts)


def _export(corpus: Corpus | str | Path, out: Path, pool: ProcessPoolExecutor | None, jobs: int, engine: str,
            chunk_size: int, progress: bool | None, disable: tuple[str, ...], workbook: bool) -> list[Path]:
    if isinstance(corpus, Corpus):
        rows: Iterable[dict] = corpus.documents.to_dict("records")
        total = len(corpus)
        skipped = corpus.skipped.to_dict("records")
    else:
        skipped = []
        read = _read_in(pool, ahead=2 * chunk_size, per_task=max(1, chunk_size // (2 * jobs))) if pool else None
        rows = iter_documents(corpus, skipped=skipped, **({"read": read} if read else {}))
        total = count_documents(corpus)
    parquet = _has_pyarrow()
    writers = {name: _TableWriter(out, name, parquet) for name in EXPORTED}
    collected: list[dict[str, Any]] = []
    batches = chunks(rows, chunk_size)
    # the workers' results pass through files in a temporary folder beside the tables (removed at the end); the
    # spill file (unnamed, beside the tables, deleted when closed) holds the packed features until the finish
    with _progress(total, progress) as bar, SpillFile(out) as spill, \
            (tempfile.TemporaryDirectory(dir=out, prefix=".parts-") if pool else nullcontext()) as handover:
        results = (_run_dask(batches, disable) if engine == "dask"
                   else _run_processes(batches, pool, jobs, disable, handover))
        for done in results:
            _write_chunk(writers, done)
            collected += [spill.keep(features) for _, features, _ in done]
            bar.update(sum(n for _, _, n in done))
            del done  # written: freed before the next chunk is computed, not held beside it
        # the corpus-wide stages, once, on what every chunk collected (their rows after the chunks' own)
        for name, frame in finish(collected, disable).items():
            writers[name].write(packed_for_export(name, frame))
    for name in EXPORTED:  # a table no chunk gave rows to (its stage switched off) is written empty, with its columns
        if writers[name].columns is None:
            writers[name].write(packed_for_export(name, empty(name)))
    written: list[Path] = []
    for name in EXPORTED:
        written += writers[name].close()
    # Files (or table rows) that were not loaded, with the problem: none is lost without a trace.
    skipped_csv = out / "skipped.csv"
    pd.DataFrame(skipped, columns=SKIPPED_COLUMNS).to_csv(skipped_csv, index=False, encoding="utf-8-sig",
                                                          lineterminator="\n")
    if not workbook:
        return [*written, skipped_csv]
    from .workbook import workbook_of_export  # every table again as one Excel workbook, text kept as text

    return [*written, skipped_csv, workbook_of_export([*written, skipped_csv])]
