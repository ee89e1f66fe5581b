"""Write the corpus tables to disk: CSV (UTF-8 with BOM, for Excel) and Parquet when pyarrow is there.

Documents are analysed independently (every per-document step is a pure function of its text), so the
export runs them in parallel — worker processes, each building the jieba dictionary once, or Dask —
and streams the results to disk in chunks of documents, keeping memory flat however large the corpus.
Only the corpus-wide tables are computed at the end: keywords (TF-IDF needs every document's counts)
and text reuse (it compares documents with each other), each from the tables already on disk.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from itertools import islice
from pathlib import Path

import pandas as pd

from .corpus import SKIPPED_COLUMNS, Corpus, count_documents, iter_documents
from .evaluation import EVALUATION_TABLES, evaluation_tables
from .keywords import textrank_table, tfidf_from_counts
from .reuse import find_reuse
from .tables import PER_DOCUMENT, analyse, document_tables, token_list

TABLES = (*[t for t in PER_DOCUMENT if t != "paragraphs"], *EVALUATION_TABLES, "keywords", "reuse")
ENGINES = ("processes", "dask")
KEYWORDS_PER_DOCUMENT = 20


def _has_pyarrow() -> bool:
    return importlib.util.find_spec("pyarrow") is not None


class _TableWriter:
    """Appends chunks of one table to name.csv and name.parquet (schema fixed by the first chunk)."""

    def __init__(self, out: Path, name: str, parquet: bool) -> None:
        self.csv_path = out / f"{name}.csv"
        self.parquet_path = out / f"{name}.parquet" if parquet else None
        self.started = False
        self.columns: list[str] | None = None
        self.writer = None
        self.schema = None

    def write(self, frame: pd.DataFrame) -> None:
        if self.columns is None:
            self.columns = list(frame.columns)
        frame = frame.reindex(columns=self.columns)
        frame.to_csv(
            self.csv_path, mode="a" if self.started else "w", header=not self.started, index=False,
            encoding="utf-8" if self.started else "utf-8-sig", lineterminator="\n",
        )
        self.started = True
        if self.parquet_path is not None and not frame.empty:
            self._write_parquet(frame)

    def _write_parquet(self, frame: pd.DataFrame) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        if self.schema is None:
            inferred = pa.Schema.from_pandas(frame, preserve_index=False)
            # A column empty in the first chunk has no type yet: text is the safe choice.
            self.schema = pa.schema(
                [pa.field(f.name, pa.string()) if pa.types.is_null(f.type) else f for f in inferred]
            )
            self.writer = pq.ParquetWriter(self.parquet_path, self.schema)
        table = pa.Table.from_pandas(frame, schema=self.schema, preserve_index=False, safe=False)
        self.writer.write_table(table)

    def close(self) -> list[Path]:
        if self.writer is not None:
            self.writer.close()
        elif self.parquet_path is not None and self.columns is not None:
            pd.DataFrame(columns=self.columns).astype(str).to_parquet(self.parquet_path, index=False)
        return [p for p in (self.csv_path, self.parquet_path) if p is not None and p.exists()]


def _init_worker() -> None:
    from .segment import tokenizer

    tokenizer()  # build the jieba dictionary once per worker, not once per document


def process_document(row: dict) -> tuple[dict[str, pd.DataFrame], Counter]:
    """Analyse one document (its documents row with text): its table rows and its token counts."""
    parsed = analyse(row["doc_id"], row["text"])
    tables = document_tables(row, parsed)
    tokens = token_list(parsed)
    tables["keywords"] = textrank_table({row["doc_id"]: tokens}, top=KEYWORDS_PER_DOCUMENT)
    tables |= evaluation_tables(pd.DataFrame([{k: v for k, v in row.items() if k != "text"}]),
                                parsed.structure.clauses, parsed.codes)
    return tables, Counter(tokens)


def _chunks(rows: Iterable, size: int) -> Iterator[list]:
    iterator = iter(rows)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _run_processes(chunks: Iterable[list[dict]], jobs: int) -> Iterator[list[tuple]]:
    if jobs <= 1:
        _init_worker()
        for chunk in chunks:
            yield [process_document(r) for r in chunk]
        return
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker) as pool:
        for chunk in chunks:
            yield list(pool.map(process_document, chunk, chunksize=max(1, len(chunk) // (4 * jobs))))


def _run_dask(chunks: Iterable[list[dict]]) -> Iterator[list[tuple]]:
    try:
        import dask
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise RuntimeError("the dask engine needs the 'dask' extra: pip install 'policytext[dask]'") from exc
    # dask.compute uses the active scheduler: the local one by default, a cluster when a
    # distributed.Client has been created; chunks bound the results held in memory at once.
    for chunk in chunks:
        yield list(dask.compute(*[dask.delayed(process_document)(r) for r in chunk]))


def _counts_per_document(tokens_csv: Path, chunk_rows: int = 5_000) -> Iterator[dict[str, Counter]]:
    """Token counts of each document, read back from tokens.csv in chunks (rows of a document are adjacent)."""
    current: str | None = None
    counts: Counter = Counter()
    for chunk in pd.read_csv(tokens_csv, encoding="utf-8-sig", chunksize=chunk_rows, keep_default_na=False,
                             dtype=str):
        for doc_id, tokens in zip(chunk["doc_id"], chunk["tokens"], strict=True):
            if doc_id != current:
                if current is not None:
                    yield {current: counts}
                current, counts = doc_id, Counter()
            counts.update(tokens.split())
    if current is not None:
        yield {current: counts}


def _reuse_from_files(clauses_csv: Path, documents_csv: Path) -> pd.DataFrame:
    """The reuse table from the clauses and documents already written (only the columns it needs)."""
    read = {"encoding": "utf-8-sig", "keep_default_na": False, "dtype": str}
    clauses = pd.read_csv(clauses_csv, usecols=["doc_id", "clause_id", "start", "end", "text"], **read)
    documents = pd.read_csv(documents_csv, usecols=["doc_id", "written_from", "written_to"], **read)
    return find_reuse(clauses.astype({"start": int, "end": int}), documents)


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
) -> list[Path]:
    """Write every table of a corpus into folder `out`; return the paths written.

    corpus: a loaded Corpus, or a corpus folder — then documents are read one chunk at a time, so
    memory stays flat however many there are; jobs: worker processes (default: the machine's cores);
    engine: 'processes' or 'dask'; chunk_size: documents in memory at once; progress: a tqdm bar
    (default: when on a terminal).
    """
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {', '.join(ENGINES)}")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    jobs = jobs or os.cpu_count() or 1
    if isinstance(corpus, Corpus):
        rows: Iterable[dict] = corpus.documents.to_dict("records")
        total = len(corpus)
        skipped = corpus.skipped.to_dict("records")
    else:
        skipped = []
        rows, total = iter_documents(corpus, skipped=skipped), count_documents(corpus)
    parquet = _has_pyarrow()
    writers = {name: _TableWriter(out, name, parquet) for name in TABLES}
    document_frequency: Counter = Counter()
    n_documents = 0
    chunks = _chunks(rows, chunk_size)
    results = _run_dask(chunks) if engine == "dask" else _run_processes(chunks, jobs)
    with _progress(total, progress) as bar:
        for done in results:
            for name in TABLES:
                frames = [tables[name] for tables, _ in done if name in tables]
                if frames:
                    writers[name].write(pd.concat([f for f in frames if not f.empty] or frames[:1], ignore_index=True))
            for _, doc_counts in done:
                document_frequency.update(doc_counts.keys())
            n_documents += len(done)
            bar.update(len(done))
    # TF-IDF needs every document's frequency first: a second pass over tokens.csv, a chunk of documents
    # at a time (one write per chunk: a Parquet row group per document would bloat the file's footer).
    for batch in _chunks(_counts_per_document(writers["tokens"].csv_path), chunk_size):
        counts = {doc_id: c for item in batch for doc_id, c in item.items()}
        writers["keywords"].write(
            tfidf_from_counts(counts, top=KEYWORDS_PER_DOCUMENT, document_frequency=document_frequency, n=n_documents)
        )
    writers["reuse"].write(_reuse_from_files(writers["clauses"].csv_path, writers["documents"].csv_path))
    written: list[Path] = []
    for name in TABLES:
        written += writers[name].close()
    # Files (or table rows) that were not loaded, with the problem: none is lost without a trace.
    skipped_csv = out / "skipped.csv"
    pd.DataFrame(skipped, columns=SKIPPED_COLUMNS).to_csv(skipped_csv, index=False, encoding="utf-8-sig",
                                                          lineterminator="\n")
    return [*written, skipped_csv]
