"""Corpus -> tidy tables, one row per unit (document, removed line, article, section, clause,
sentence), with ids that join. Parsing is cached in-process by each document's content hash."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from .clean import Cleaned, clean
from .codes import code_sentences
from .corpus import Corpus, written_bounds
from .entities import entities
from .indicators import indicators
from .keywords import textrank_table, tfidf
from .metadata import extract_metadata, reconcile
from .script import to_simplified
from .segment import is_content, segment
from .structure import Structure, parse_structure


@dataclass(frozen=True)
class ParsedDocument:
    """One document through clean -> script -> structure -> metadata."""

    doc_id: str
    cleaned: Cleaned
    simplified: str
    structure: Structure
    metadata: pd.DataFrame
    tokens: pd.DataFrame
    codes: pd.DataFrame
    indicators: pd.DataFrame
    entities: pd.DataFrame


def _tokens(structure: Structure, segments: list[list[str]]) -> pd.DataFrame:
    """Content tokens per clause, from its sentences' segmentation."""
    by_clause: dict[str, list[str]] = {c: [] for c in structure.clauses["clause_id"]}
    for clause_id, pieces in zip(structure.sentences["clause_id"], segments, strict=True):
        by_clause[clause_id] += [t for t in pieces if is_content(t)]
    return pd.DataFrame(
        {
            "doc_id": structure.clauses["doc_id"],
            "clause_id": structure.clauses["clause_id"],
            "tokens": [" ".join(by_clause[c]) for c in structure.clauses["clause_id"]],
        }
    )


def analyse(doc_id: str, text: str) -> ParsedDocument:
    """One document's raw text through clean, script, structure, metadata and the language layer."""
    cleaned = clean(text)
    structure = parse_structure(doc_id, cleaned)
    segments = [segment(t) for t in structure.sentences["text"]]  # cut once, used by tokens and entities
    return ParsedDocument(
        doc_id=doc_id,
        cleaned=cleaned,
        simplified=to_simplified(cleaned.text),
        structure=structure,
        metadata=extract_metadata(doc_id, cleaned),
        tokens=_tokens(structure, segments),
        codes=code_sentences(structure.sentences),
        indicators=indicators(structure.sentences, structure.clauses),
        entities=entities(structure.sentences, segments),
    )


@lru_cache(maxsize=4096)
def _parse_cached(doc_id: str, sha256: str, text: str) -> ParsedDocument:
    return analyse(doc_id, text)


def parse_document(doc_id: str, text: str, sha256: str = "") -> ParsedDocument:
    """Parse one document's raw text (cached when `sha256` is given)."""
    if sha256:
        return _parse_cached(doc_id, sha256, text)
    return analyse(doc_id, text)


# Where the text states each catalog date, most telling first: a 成文 field or signature dates the writing,
# a 发布 field or a page time dates the publication (or repost).
_DATE_FIELDS = {
    "date_written": ("date_written", "date_signed"),
    "date_published": ("date_published", "date_page"),
}


def _fill_gaps(row: dict, parsed: ParsedDocument) -> dict:
    """Catalog fields left empty are filled from the text (title, dates), and the basis says so."""
    fill: dict = {}
    meta = parsed.metadata
    if not row.get("title"):
        titles = meta.loc[meta["field"] == "title", "value"]
        if len(titles):
            fill["title"] = titles.iloc[0]
    for column, fields in _DATE_FIELDS.items():
        if row.get(column):
            continue
        stated = meta[meta["field"].isin(fields)]
        if len(stated):
            first = stated.iloc[0]
            fill[column] = first["value"]
            fill[f"{column}_basis"] = f"inferred from text: {first['basis']}"
    if "date_written" in fill:
        fill |= written_bounds(fill)
    if not row.get("region"):
        fill["region"] = "unknown"
    return fill


@dataclass(frozen=True)
class Tables:
    """The parsed corpus as tidy DataFrames."""

    documents: pd.DataFrame
    removed: pd.DataFrame
    articles: pd.DataFrame
    sections: pd.DataFrame
    clauses: pd.DataFrame
    sentences: pd.DataFrame
    paragraphs: pd.DataFrame
    metadata: pd.DataFrame
    disagreements: pd.DataFrame
    tokens: pd.DataFrame
    keywords: pd.DataFrame
    codes: pd.DataFrame
    indicators: pd.DataFrame
    entities: pd.DataFrame
    parsed: dict[str, ParsedDocument]

    def doc_tokens(self) -> dict[str, list[str]]:
        """Content tokens of each document, in corpus order."""
        return {
            doc_id: [t for line in p.tokens["tokens"] for t in line.split()] for doc_id, p in self.parsed.items()
        }


PER_DOCUMENT = (
    "documents", "removed", "articles", "sections", "clauses", "sentences", "paragraphs", "metadata",
    "disagreements", "tokens", "codes", "indicators", "entities",
)


def document_tables(row: dict, parsed: ParsedDocument) -> dict[str, pd.DataFrame]:
    """The rows one document contributes to each table (`row` is its documents row, text included)."""
    status = parsed.cleaned.line_status()
    kept = sum(1 for v in status.values() if v == "kept")
    blank = sum(1 for v in status.values() if v == "blank")
    s = parsed.structure
    doc = {k: v for k, v in row.items() if k != "text"} | {
        "clean_chars": len(parsed.cleaned.text.replace("\n", "")),
        "raw_lines": parsed.cleaned.n_lines,
        "kept_lines": kept,
        "blank_lines": blank,
        "removed_lines": parsed.cleaned.n_lines - kept - blank,
        "rejoined_breaks": len(parsed.cleaned.joins),
        "articles": len(parsed.cleaned.articles),
        "sections": len(s.sections),
        "clauses": len(s.clauses),
        "numbered_clauses": int((s.clauses["kind"] == "numbered").sum()),
        "sentences": len(s.sentences),
        "converted_to_simplified": row["script"] == "Traditional",
    }
    doc |= _fill_gaps(doc, parsed)
    removed = [(row["doc_id"], r.line, r.text, r.reason) for r in parsed.cleaned.removed]
    articles = [
        (row["doc_id"], a.number, a.title or row["title"], "headline" if a.title else "catalog", len(a.paragraphs),
         " | ".join(a.captions))
        for a in parsed.cleaned.articles
    ]
    return {
        "documents": pd.DataFrame([doc]),
        "removed": pd.DataFrame(removed, columns=["doc_id", "line", "text", "reason"]),
        "articles": pd.DataFrame(
            articles, columns=["doc_id", "article", "title", "title_basis", "paragraphs", "captions"]
        ),
        "sections": s.sections,
        "clauses": s.clauses,
        "sentences": s.sentences,
        "paragraphs": s.paragraphs,
        "metadata": parsed.metadata,
        "disagreements": reconcile(row, parsed.metadata),
        "tokens": parsed.tokens,
        "codes": parsed.codes,
        "indicators": parsed.indicators,
        "entities": parsed.entities,
    }


def token_list(parsed: ParsedDocument) -> list[str]:
    """All content tokens of one parsed document, in order."""
    return [t for line in parsed.tokens["tokens"] for t in line.split()]


def parse_corpus(corpus: Corpus) -> Tables:
    """Parse every document of `corpus` and gather the tables (documents parsed once per process)."""
    parsed: dict[str, ParsedDocument] = {}
    parts: dict[str, list[pd.DataFrame]] = {name: [] for name in PER_DOCUMENT}
    for row in corpus.documents.to_dict("records"):
        p = parse_document(row["doc_id"], row["text"], row["sha256"])
        parsed[row["doc_id"]] = p
        for name, frame in document_tables(row, p).items():
            parts[name].append(frame)
    doc_tokens = {d: token_list(p) for d, p in parsed.items()}
    keywords = pd.concat([tfidf(doc_tokens), textrank_table(doc_tokens)], ignore_index=True)
    tables = {name: _concat(frames) for name, frames in parts.items()}
    return Tables(**tables, keywords=keywords, parsed=parsed)


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    non_empty = [f for f in frames if not f.empty]
    return pd.concat(non_empty or frames[:1], ignore_index=True)
