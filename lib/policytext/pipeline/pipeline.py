"""The pipeline, declared once: named stages in order, and the tables they add.

Every caller runs the same stages: `policytext.parse` (a corpus in memory), `policytext.export` (a
folder streamed to CSV/Parquet, in worker processes or on Dask) and `parse_document` (one text).
Documents travel in chunks. A text stage works on one document at a time and gathers plain records; a
table stage then runs once on the whole chunk's tables (pandas pays its overhead once per chunk, not
once per document). Every stage is a pure function of its chunk, so chunks can go to any worker.

    stage        reads                             adds
    normalise    text                              the Simplified raw text (converted once)
    clean        text, normalised                  cleaned body; removed, articles
    structure    cleaned                           sections, clauses, sentences, paragraphs
    metadata     cleaned, normalised               metadata, history (a statute's dated events)
    documents    cleaned, structure, metadata      documents, disagreements
    segment      sentences                         tokens (one row per content token, with its span);
                                                   segments, words (each document's content tokens)
    codes        sentences, documents              hits (one row per lexicon match), codes,
                                                   instrument_evidence (one row per supporting cue)
    lexicons     cleaned                           lexicon_hits (one row per match of a counting lexicon:
                                                   named finance instruments, cooperation terms)
    indicators   sentences, clauses, documents     indicators
    entities     sentences, segment                entities, entity_candidates
    keywords     words                             keywords (TextRank per document; TF-IDF corpus-wide)
    evaluation   documents, clauses, codes,        instrument_stage, pmc, pmc_secondary, pmc_evidence
                 instrument_evidence
    duplicates   documents, cleaned (corpus-wide)  duplicates (copies, near copies, other formats, versions)
    reuse        clauses, documents (corpus-wide)  reuse (passages shared by representatives of two groups)

A corpus-wide stage compares documents with each other. It runs in two steps, like the engines of
passim and the Legislative Influence Detector: `collect` runs in the workers with the chunk's other
stages and returns compact features (token counts, signatures, clauses' matching forms); `finish` runs
once on what every chunk collected, in chunk order, and returns tables (it may read the tables of
corpus-wide stages finished before it: reuse compares only the representatives `duplicates` chose).
Every caller — `parse` in memory, the streamed `export` — runs them through `collect` and `finish`.

Stages after `documents` can be switched off by name (`disable=("entities",)`); their tables are then
empty. `TABLES` is the one registry of tables: each names its unit and the stage that adds it.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from itertools import compress, islice
from time import perf_counter
from typing import Any

import numpy as np
import pandas as pd

from ..coding.codes import code_tables
from ..coding.counting import lexicon_hit_table
from ..coding.evaluation import evaluation_tables
from ..coding.indicators import document_written, indicators
from ..language.entities import entity_tables
from ..language.keywords import collect_counts, textrank_table, tfidf_from_collected
from ..language.segment import is_content, offsets, segment
from ..parsing.clean import Cleaned, clean
from ..parsing.history import HISTORY_COLUMNS, history_records
from ..parsing.metadata import DISAGREEMENT_COLUMNS, METADATA_COLUMNS, disagreement_records, metadata_records
from ..parsing.script import to_simplified
from ..parsing.structure import STRUCTURE_TABLES, structure_records
from .documents import document_record, document_year
from .duplicates import document_features, duplicate_table
from .reuse import clause_features, reuse_from_features

KEYWORDS_PER_DOCUMENT = 20
TOKEN_COLUMNS = ["doc_id", "clause_id", "sentence_id", "token", "start", "end"]


@dataclass(frozen=True)
class Table:
    """One table of the parsed corpus: its name, what one row is, the stage that adds it, and whether the
    export writes it."""

    name: str
    unit: str
    stage: str
    exported: bool = True


TABLES: tuple[Table, ...] = (
    Table("documents", "document", "documents"),
    Table("removed", "removed line or fragment, with its reason", "clean"),
    Table("articles", "article of a file", "clean"),
    Table("sections", "section heading", "structure"),
    Table("clauses", "clause (the coding unit)", "structure"),
    Table("sentences", "sentence", "structure"),
    Table("paragraphs", "body paragraph", "structure", exported=False),
    Table("metadata", "metadata field the text states", "metadata"),
    Table("history", "dated event of a statute's history (adopted, amended, promulgated …)", "metadata"),
    Table("disagreements", "catalog field the text contradicts", "documents"),
    Table("tokens", "content token, with its span in the sentence (packed per clause on export)", "segment"),
    Table("codes", "sentence, with its theme and instrument codes", "codes"),
    Table("hits", "lexicon match, with its span", "codes"),
    Table("instrument_evidence", "cue supporting its clause's primary instrument, with its span", "codes"),
    Table("lexicon_hits", "match of a counting lexicon (finance instruments, cooperation terms), with its span",
          "lexicons"),
    Table("indicators", "quantified target or achievement", "indicators"),
    Table("entities", "named programme, institution or place mention", "entities"),
    Table("entity_candidates", "rule-found name not in the gazetteer (for review)", "entities"),
    Table("instrument_stage", "document x instrument x value-chain stage cell", "evaluation"),
    Table("pmc", "document's PMC score", "evaluation"),
    Table("pmc_secondary", "document x PMC secondary variable", "evaluation"),
    Table("pmc_evidence", "clause supporting a PMC variable", "evaluation"),
    Table("keywords", "document x method x ranked keyword", "keywords"),
    Table("duplicates", "document, with its group of copies or versions and the canonical copy", "duplicates"),
    Table("reuse", "shared passage between two documents", "reuse"),
)
TABLE_NAMES = tuple(t.name for t in TABLES)


@dataclass
class Chunk:
    """Documents moving through the stages together: their corpus rows, per-document artefacts, the
    records text stages gather, and the tables."""

    rows: list[dict]
    normalised: dict[str, str] = field(default_factory=dict)
    cleaned: dict[str, Cleaned] = field(default_factory=dict)
    records: dict[str, list] = field(default_factory=dict)
    meta: dict[str, list[tuple]] = field(default_factory=dict)
    documents: list[dict] = field(default_factory=list)
    segments: list[list[str]] = field(default_factory=list)
    words: dict[str, list[str]] = field(default_factory=dict)
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)

    def frame(self, name: str, rows: list, columns: list[str]) -> None:
        """Turn gathered rows into the chunk's table `name` (once per chunk)."""
        self.tables[name] = frame_of_rows(rows, columns)


def frame_of_rows(rows: list[tuple], columns: list[str]) -> pd.DataFrame:
    """pd.DataFrame(rows, columns=columns), the same table (types inferred a column at a time, as pandas
    does), built from the columns when the rows are tuples: pandas otherwise first copies the rows into one
    array of objects (half the time, on tables of tens of thousands of rows)."""
    if not rows or not isinstance(rows[0], tuple) or len(set(columns)) < len(columns):  # a dict holds a name once
        return pd.DataFrame(rows, columns=columns)
    return pd.DataFrame(dict(zip(columns, map(list, zip(*rows, strict=True)), strict=True)), columns=columns)


@dataclass(frozen=True)
class Stage:
    """One named step: what it reads, what it adds, and the function that runs it on a chunk."""

    name: str
    reads: tuple[str, ...]
    adds: tuple[str, ...]
    run: Callable[[Chunk], None] | None
    optional: bool = True
    # corpus-wide: `collect` runs in the workers on each chunk (after `run`) and returns compact features;
    # `finish` runs once on every chunk's features (in chunk order) and the tables of corpus-wide stages
    # finished before it, and returns rows of its tables
    collect: Callable[[Chunk], Any] | None = None
    finish: Callable[[list[Any], dict[str, pd.DataFrame]], dict[str, pd.DataFrame]] | None = None

    @property
    def corpus_wide(self) -> bool:
        """Whether the stage compares documents with each other (has a `finish`)."""
        return self.finish is not None


# -- text stages: one document at a time, plain records --------------------------------------------------

def _normalise(chunk: Chunk) -> None:
    for row in chunk.rows:
        chunk.normalised[row["doc_id"]] = to_simplified(row["text"])


def _clean(chunk: Chunk) -> None:
    removed, articles = [], []
    for row in chunk.rows:
        doc_id = row["doc_id"]
        c = chunk.cleaned[doc_id] = clean(row["text"], chunk.normalised[doc_id])
        removed += [(doc_id, r.line, r.text, r.reason) for r in c.removed]
        articles += [(doc_id, a.number, a.title or row["title"], "headline" if a.title else "catalog",
                      len(a.paragraphs), " | ".join(a.captions)) for a in c.articles]
    chunk.frame("removed", removed, ["doc_id", "line", "text", "reason"])
    chunk.frame("articles", articles, ["doc_id", "article", "title", "title_basis", "paragraphs", "captions"])


def _structure(chunk: Chunk) -> None:
    gathered: dict[str, list] = {name: [] for name in STRUCTURE_TABLES}
    for row in chunk.rows:
        records = chunk.records[row["doc_id"]] = structure_records(row["doc_id"], chunk.cleaned[row["doc_id"]])
        for name in STRUCTURE_TABLES:
            gathered[name] += records[name]
    for name, columns in STRUCTURE_TABLES.items():
        chunk.frame(name, gathered[name], columns)


def _metadata(chunk: Chunk) -> None:
    rows, history = [], []
    for row in chunk.rows:
        doc_id = row["doc_id"]
        rows += (found := metadata_records(doc_id, chunk.cleaned[doc_id], chunk.normalised[doc_id]))
        chunk.meta[doc_id] = found
        history += history_records(doc_id, chunk.normalised[doc_id])
    chunk.frame("metadata", rows, METADATA_COLUMNS)
    chunk.frame("history", history, HISTORY_COLUMNS)


def _documents(chunk: Chunk) -> None:
    disagreements = []
    for row in chunk.rows:
        doc_id = row["doc_id"]
        chunk.documents.append(document_record(row, chunk.cleaned[doc_id], chunk.records[doc_id], chunk.meta[doc_id]))
        disagreements += disagreement_records(row, chunk.meta[doc_id])
    # an empty chunk still has the columns later stages read
    columns = None if chunk.documents else ["doc_id", "written_from", "written_to"]
    chunk.tables["documents"] = pd.DataFrame(chunk.documents or None, columns=columns)
    chunk.frame("disagreements", disagreements, DISAGREEMENT_COLUMNS)


def _segment(chunk: Chunk) -> None:
    s = chunk.tables["sentences"]
    chunk.segments = []
    # each document's content tokens as plain strings, for the keywords (read back from the table they
    # would be converted again, token by token)
    words = chunk.words = {row["doc_id"]: [] for row in chunk.rows}
    # the tokens table is gathered a column at a time: the sentence columns are repeated in one step at
    # the end, the token columns grow by compress() over each sentence's tokens and offsets, in C
    counts: list[int] = []
    token, start, end = [], [], []
    done: dict[str, tuple[list[str], list[str], list[int], list[int]]] = {}  # a sentence printed again (copies)
    for doc_id, text in zip(s["doc_id"].tolist(), s["text"].tolist(), strict=True):
        if text in done:
            tokens, kept, kept_starts, kept_ends = done[text]
        else:
            tokens = segment(text)
            content = list(map(is_content, tokens))  # is_content is a C-level cache once warm
            starts, ends = offsets(tokens)
            kept = list(compress(tokens, content))
            kept_starts, kept_ends = list(compress(starts, content)), list(compress(ends, content))
            done[text] = tokens, kept, kept_starts, kept_ends
        chunk.segments.append(tokens)
        before = len(token)
        token += kept
        start += kept_starts
        end += kept_ends
        counts.append(len(token) - before)
        words[doc_id] += kept  # the tokens just added
    if not token:  # the same empty table as every other stage gives
        chunk.frame("tokens", [], TOKEN_COLUMNS)
        return
    rows = np.repeat(np.arange(len(s)), counts)
    chunk.tables["tokens"] = pd.DataFrame(
        {"doc_id": s["doc_id"].array.take(rows), "clause_id": s["clause_id"].array.take(rows),
         "sentence_id": s["sentence_id"].array.take(rows), "token": token,
         "start": np.array(start, dtype="int64"), "end": np.array(end, dtype="int64")},
        columns=TOKEN_COLUMNS,
    )


# -- table stages: once per chunk -------------------------------------------------------------------------

def _years(chunk: Chunk) -> dict[str, int | None]:
    return {d["doc_id"]: document_year(d, chunk.meta[d["doc_id"]]) for d in chunk.documents}


def _codes(chunk: Chunk) -> None:
    tables = code_tables(chunk.tables["sentences"], _years(chunk))
    chunk.tables["hits"], chunk.tables["codes"], chunk.tables["instrument_evidence"] = tables


def _lexicons(chunk: Chunk) -> None:
    # the counting lexicons read the whole cleaned text, headings included, line by line and sentence by sentence
    texts = {row["doc_id"]: chunk.cleaned[row["doc_id"]].simplified for row in chunk.rows}
    chunk.tables["lexicon_hits"] = lexicon_hit_table(texts)


def _indicators(chunk: Chunk) -> None:
    # the kind of a dated quantity depends on when the document was written (到2025年 in 2023: target)
    written = {d["doc_id"]: document_written(d) for d in chunk.documents}
    chunk.tables["indicators"] = indicators(chunk.tables["sentences"], chunk.tables["clauses"], written=written)


def _entities(chunk: Chunk) -> None:
    segments = chunk.segments if len(chunk.segments) == len(chunk.tables["sentences"]) else None
    chunk.tables["entities"], chunk.tables["entity_candidates"] = entity_tables(chunk.tables["sentences"], segments)


def _keywords(chunk: Chunk) -> None:
    chunk.tables["keywords"] = textrank_table(chunk.words, top=KEYWORDS_PER_DOCUMENT)


def _evaluation(chunk: Chunk) -> None:
    chunk.tables |= evaluation_tables(chunk.tables["documents"], chunk.tables["clauses"], chunk.tables["codes"],
                                      chunk.tables["instrument_evidence"])


# -- corpus-wide stages: collect in the workers, finish once ----------------------------------------------

def _collect_counts(chunk: Chunk) -> Any:
    return collect_counts(chunk.words.get(row["doc_id"], ()) for row in chunk.rows) | {
        "doc_id": [row["doc_id"] for row in chunk.rows]}


def _finish_tfidf(collected: list, finished: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    return {"keywords": tfidf_from_collected(collected, top=KEYWORDS_PER_DOCUMENT)}


def _collect_documents(chunk: Chunk) -> Any:
    return document_features(chunk.tables["documents"], {d: c.simplified for d, c in chunk.cleaned.items()})


def _finish_duplicates(collected: list, finished: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    return {"duplicates": duplicate_table(collected)}


def _collect_clauses(chunk: Chunk) -> Any:
    return clause_features(chunk.tables["clauses"], chunk.tables["documents"])


def _finish_reuse(collected: list, finished: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    duplicates = finished.get("duplicates")
    if duplicates is None or duplicates.empty:  # duplicates switched off: every document is compared
        return {"reuse": reuse_from_features(collected)}
    representatives = set(duplicates.loc[duplicates["canonical"], "doc_id"])
    versions = {d: g for d, g in zip(duplicates["doc_id"], duplicates["version_group"], strict=True) if g}
    return {"reuse": reuse_from_features(collected, representatives, versions, n_documents=len(representatives))}


PIPELINE: tuple[Stage, ...] = (
    Stage("normalise", ("text",), ("normalised",), _normalise, optional=False),
    Stage("clean", ("text", "normalised"), ("cleaned", "removed", "articles"), _clean, optional=False),
    Stage("structure", ("cleaned",), tuple(STRUCTURE_TABLES), _structure, optional=False),
    Stage("metadata", ("cleaned", "normalised"), ("metadata", "history"), _metadata, optional=False),
    Stage("documents", ("cleaned", "sentences", "metadata"), ("documents", "disagreements"), _documents,
          optional=False),
    Stage("segment", ("sentences",), ("tokens", "segments", "words"), _segment),
    Stage("codes", ("sentences", "documents"), ("hits", "codes", "instrument_evidence"), _codes),
    Stage("lexicons", ("cleaned",), ("lexicon_hits",), _lexicons),
    Stage("indicators", ("sentences", "clauses", "documents"), ("indicators",), _indicators),
    Stage("entities", ("sentences", "segments"), ("entities", "entity_candidates"), _entities),
    Stage("keywords", ("words",), ("keywords",), _keywords, collect=_collect_counts, finish=_finish_tfidf),
    Stage("evaluation", ("documents", "clauses", "codes", "instrument_evidence"),
          ("instrument_stage", "pmc", "pmc_secondary", "pmc_evidence"), _evaluation),
    Stage("duplicates", ("documents", "cleaned"), ("duplicates",), None, collect=_collect_documents,
          finish=_finish_duplicates),
    # reuse compares only the representatives duplicates chose, when duplicates has run
    Stage("reuse", ("clauses", "documents"), ("reuse",), None, collect=_collect_clauses, finish=_finish_reuse),
)
STAGE_NAMES = tuple(s.name for s in PIPELINE)
# Everything after the documents table: switched off, the text stages alone run (parse_document).
OPTIONAL_STAGES = tuple(s.name for s in PIPELINE if s.optional)


def stages(disable: Iterable[str] = ()) -> tuple[Stage, ...]:
    """The pipeline's stages without those named in `disable` (only optional stages can be switched off;
    a stage whose input is switched off is switched off too)."""
    off = set(disable)
    if unknown := off - set(STAGE_NAMES):
        raise ValueError(f"no stage {', '.join(sorted(unknown))}; stages: {', '.join(STAGE_NAMES)}")
    if required := sorted(s.name for s in PIPELINE if s.name in off and not s.optional):
        raise ValueError(f"stage {', '.join(required)} cannot be switched off")
    kept, missing = [], set()
    for s in PIPELINE:
        if s.name in off or set(s.reads) & missing:
            missing |= set(s.adds)
            continue
        kept.append(s)
    return tuple(kept)


def run_chunk(rows: list[dict], disable: Iterable[str] = (), timings: dict[str, float] | None = None) -> Chunk:
    """Run every stage (but those disabled) on a chunk of corpus rows (documents rows with their text).

    `timings`, when given, accumulates each stage's seconds (for the benchmark's profile)."""
    chunk = Chunk(rows=list(rows))
    with without_cycle_collection():
        for stage in stages(disable):
            if stage.run is None:
                continue
            start = perf_counter()
            stage.run(chunk)
            if timings is not None:
                timings[stage.name] = timings.get(stage.name, 0.0) + perf_counter() - start
    return chunk


@contextmanager
def without_cycle_collection() -> Iterator[None]:
    """Run a block with Python's cycle collector paused (and resumed after, if it was on).

    A chunk, or the corpus-wide finish, allocates millions of short-lived objects; with the cycle collector
    on, every full collection walks the segmenter's dictionary (some 350,000 objects) again: about a tenth
    of a chunk's run and a third of reuse's finish. Reference counting frees almost everything as usual;
    the few cycles made inside are collected after it."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def chunks(rows: Iterable[dict], size: int) -> Iterator[list[dict]]:
    """Corpus rows in chunks of `size` documents, in order (only one chunk is read at a time)."""
    iterator = iter(rows)
    while chunk := list(islice(iterator, size)):
        yield chunk


def concat_chunks(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Chunks' rows of one table, in order (empty chunks only set the columns)."""
    non_empty = [f for f in frames if not f.empty]
    if len(non_empty) == 1:
        return non_empty[0]
    return pd.concat(non_empty or frames[:1], ignore_index=True)


def doc_tokens(tokens: pd.DataFrame, rows: Iterable[dict] | None = None) -> dict[str, list[str]]:
    """Content tokens of each document, in text order, from the long tokens table (documents in `rows`
    order, every one present even without tokens)."""
    out: dict[str, list[str]] = {r["doc_id"]: [] for r in rows} if rows is not None else {}
    for doc_id, token in zip(tokens["doc_id"].tolist(), tokens["token"].tolist(), strict=True):
        out.setdefault(doc_id, []).append(token)
    return out


def collect(chunk: Chunk, disable: Iterable[str] = (), timings: dict[str, float] | None = None) -> dict[str, Any]:
    """What each corpus-wide stage keeps of a chunk that has run (in the worker that ran it): stage -> features."""
    out = {}
    with without_cycle_collection():
        for stage in stages(disable):
            if stage.collect is not None:
                start = perf_counter()
                out[stage.name] = stage.collect(chunk)
                if timings is not None:
                    name = f"{stage.name} (collect)"
                    timings[name] = timings.get(name, 0.0) + perf_counter() - start
    return out


def finish(collected: Iterable[dict[str, Any]], disable: Iterable[str] = (),
           timings: dict[str, float] | None = None) -> dict[str, pd.DataFrame]:
    """The corpus-wide stages' tables from every chunk's `collect` (in chunk order): table -> rows to add (after
    the rows the stage's `run` gave per chunk, if any)."""
    parts = list(collected)
    finished: dict[str, pd.DataFrame] = {}
    with without_cycle_collection():
        for stage in stages(disable):
            if stage.finish is None:
                continue
            start = perf_counter()
            finished |= stage.finish([p[stage.name] for p in parts if stage.name in p], finished)
            if timings is not None:
                name = f"{stage.name} (finish)"
                timings[name] = timings.get(name, 0.0) + perf_counter() - start
    return finished


def pack_tokens(tokens: pd.DataFrame) -> pd.DataFrame:
    """The long tokens table packed for spreadsheets: one row per clause, its tokens space-joined."""
    columns = ["doc_id", "clause_id", "tokens"]
    if tokens.empty:
        return pd.DataFrame([], columns=columns)
    codes, clause_ids = pd.factorize(tokens["clause_id"], sort=False)  # clauses in order of first token
    order = np.argsort(codes, kind="stable")  # each clause's tokens together, in their order
    words = np.asarray(tokens["token"].tolist(), dtype=object)[order].tolist()
    ends = np.cumsum(np.bincount(codes)).tolist()
    starts = [0, *ends[:-1]]
    return pd.DataFrame({"doc_id": tokens["doc_id"].to_numpy()[order[starts]].tolist(),
                         "clause_id": list(clause_ids),
                         "tokens": [" ".join(words[a:b]) for a, b in zip(starts, ends, strict=True)]},
                        columns=columns)


def empty(name: str) -> pd.DataFrame:
    """An empty table `name`, with its columns (what a switched-off stage leaves)."""
    return _empty_tables()[name].copy()


@cache
def _empty_tables() -> dict[str, pd.DataFrame]:
    chunk = run_chunk([])
    finished = finish([collect(chunk)])
    return chunk.tables | {name: concat_chunks([chunk.tables[name], frame]) if name in chunk.tables else frame
                           for name, frame in finished.items()}


def packed_for_export(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """A table as the export writes it: long tables packed into cells for spreadsheet users."""
    return pack_tokens(frame) if name == "tokens" else frame


__all__ = ["KEYWORDS_PER_DOCUMENT", "OPTIONAL_STAGES", "PIPELINE", "STAGE_NAMES", "TABLES", "TABLE_NAMES", "Chunk",
           "Stage", "Table", "chunks", "collect", "concat_chunks", "doc_tokens", "empty", "finish", "pack_tokens",
           "packed_for_export", "run_chunk", "stages", "without_cycle_collection"]
