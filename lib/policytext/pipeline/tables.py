"""A corpus in memory -> its tidy tables, one row per unit (document, removed line, article, section,
clause, sentence, token, hit, ...), with ids that join. The stages and the tables are declared once,
in policytext.pipeline; this module runs them over a loaded corpus, and over one text."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

import pandas as pd

from ..parsing.clean import Cleaned
from ..parsing.structure import STRUCTURE_TABLES, Structure
from ..reading.corpus import Corpus
from .duplicates import canonical_documents
from .pipeline import (
    OPTIONAL_STAGES,
    STAGE_NAMES,
    TABLE_NAMES,
    chunks,
    collect,
    concat_chunks,
    doc_tokens,
    empty,
    finish,
    run_chunk,
    stages,
)

CHUNK_SIZE = 200


@dataclass(frozen=True)
class ParsedDocument:
    """One document's text-level parse: cleaned body, Simplified text, structure and metadata."""

    doc_id: str
    cleaned: Cleaned
    simplified: str
    structure: Structure
    metadata: pd.DataFrame


class Tables:
    """The parsed corpus: one DataFrame per table of `policytext.pipeline.TABLES`, as attributes
    (`tables.clauses`, `tables.hits`, ...), each document's text-level parse in `parsed`, and the stages
    that ran in `stages` (a switched-off stage's tables are empty, which alone cannot tell "nothing found")."""

    def __init__(self, frames: dict[str, pd.DataFrame], cleaned: dict[str, Cleaned],
                 stages: tuple[str, ...] = STAGE_NAMES) -> None:
        self._frames = frames
        self._cleaned = cleaned
        self.stages = tuple(stages)

    def require(self, stage: str, what: str) -> None:
        """Raise ValueError, naming `what` needs it, when `stage` was switched off for these tables."""
        if stage not in self.stages:
            raise ValueError(f"{what} needs the {stage} stage, which was switched off for these tables; "
                             f"parse the corpus again without disable={stage!r}")

    def __getattr__(self, name: str) -> pd.DataFrame:
        frames = self.__dict__.get("_frames", {})
        if name in frames:
            return frames[name]
        raise AttributeError(f"no table {name!r}; tables: {', '.join(TABLE_NAMES)}")

    def __dir__(self) -> list[str]:
        return [*super().__dir__(), *TABLE_NAMES]

    @property
    def names(self) -> tuple[str, ...]:
        """The tables' names, in registry order."""
        return tuple(n for n in TABLE_NAMES if n in self._frames)

    def replace(self, **frames: pd.DataFrame) -> Tables:
        """A copy of these tables with the named ones replaced (e.g. `tables.replace(documents=edited)`)."""
        if unknown := set(frames) - set(self._frames):
            raise KeyError(f"no table {', '.join(sorted(unknown))}; tables: {', '.join(TABLE_NAMES)}")
        return Tables(self._frames | frames, self._cleaned, self.stages)

    def table(self, name: str) -> pd.DataFrame:
        """Table `name` (the same DataFrame as the attribute)."""
        return getattr(self, name)

    @property
    def parsed(self) -> Mapping[str, ParsedDocument]:
        """Each document's text-level parse by doc_id, built on demand from the tables when looked up
        (a fresh copy per look-up; nothing is held beside the tables)."""
        return _ParsedDocuments(self)

    def document(self, doc_id: str) -> ParsedDocument:
        """One document's text-level parse (its rows of the structure and metadata tables, copied)."""
        def rows(frame: pd.DataFrame) -> pd.DataFrame:
            return frame[frame["doc_id"] == doc_id].reset_index(drop=True)

        cleaned = self._cleaned[doc_id]
        structure = Structure(**{name: rows(self._frames[name]) for name in STRUCTURE_TABLES})
        return ParsedDocument(doc_id, cleaned, cleaned.simplified, structure, rows(self._frames["metadata"]))

    def canonical_documents(self) -> pd.DataFrame:
        """The documents table without the copies set aside (one document per group of exact, near or
        other-format copies; versions of one instrument kept), with the duplicates columns;
        `attrs["set_aside"]` says how many copies were left out."""
        return canonical_documents(self._frames["documents"], self._frames["duplicates"])

    def doc_tokens(self) -> dict[str, list[str]]:
        """Content tokens of each document, in corpus order."""
        return doc_tokens(self._frames["tokens"], [{"doc_id": d} for d in self._cleaned])


class _ParsedDocuments(Mapping):
    """`Tables.parsed`: a read-only mapping that builds only the document looked up."""

    def __init__(self, tables: Tables) -> None:
        self._tables = tables

    def __getitem__(self, doc_id: str) -> ParsedDocument:
        if doc_id not in self._tables._cleaned:
            raise KeyError(doc_id)
        return self._tables.document(doc_id)

    def __iter__(self) -> Iterator[str]:
        return iter(self._tables._cleaned)

    def __len__(self) -> int:
        return len(self._tables._cleaned)


def parse_rows(rows: Iterable[dict], disable: Iterable[str] = (), chunk_size: int = CHUNK_SIZE,
               timings: dict[str, float] | None = None) -> Tables:
    """Run the pipeline over corpus rows (documents rows with their text), a chunk at a time, in this
    process, and gather every table; the corpus-wide stages (TF-IDF, duplicates, reuse) collect from each
    chunk and finish once at the end, as in the export. `timings`, when given, accumulates each stage's
    seconds."""
    disable = tuple(disable)
    parts: dict[str, list[pd.DataFrame]] = {}
    cleaned: dict[str, Cleaned] = {}
    collected = []
    for rows_ in chunks(rows, chunk_size):
        chunk = run_chunk(rows_, disable, timings)
        cleaned |= chunk.cleaned
        collected.append(collect(chunk, disable, timings))
        for name, frame in chunk.tables.items():
            parts.setdefault(name, []).append(frame)
    for name, frame in finish(collected, disable, timings).items():
        parts.setdefault(name, []).append(frame)
    frames = {name: concat_chunks(parts[name]) if name in parts else empty(name) for name in TABLE_NAMES}
    return Tables(frames, cleaned, tuple(s.name for s in stages(disable)))


def parse_corpus(corpus: Corpus, disable: Iterable[str] = ()) -> Tables:
    """Parse every document of `corpus` and gather the tables (stages named in `disable` switched off)."""
    return parse_rows(corpus.documents.to_dict("records"), disable)


def parse_document(doc_id: str, text: str, sha256: str = "") -> ParsedDocument:
    """One raw text through the text stages (normalise, clean, structure, metadata); `sha256` is unused
    and kept for old callers."""
    chunk = run_chunk([{"doc_id": doc_id, "text": text, "title": "", "script": ""}], disable=OPTIONAL_STAGES)
    cleaned = chunk.cleaned[doc_id]
    structure = Structure(**{name: chunk.tables[name] for name in STRUCTURE_TABLES})
    return ParsedDocument(doc_id, cleaned, cleaned.simplified, structure, chunk.tables["metadata"])
