"""Corpus -> tidy tables, one row per unit (document, removed line, article, section, clause,
sentence), with ids that join. Parsing is cached in-process by each document's content hash."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from .clean import Cleaned, clean
from .corpus import Corpus
from .metadata import extract_metadata, reconcile
from .script import to_simplified
from .structure import Structure, parse_structure


@dataclass(frozen=True)
class ParsedDocument:
    """One document through clean -> script -> structure -> metadata."""

    doc_id: str
    cleaned: Cleaned
    simplified: str
    structure: Structure
    metadata: pd.DataFrame


@lru_cache(maxsize=4096)
def _parse_cached(doc_id: str, sha256: str, text: str) -> ParsedDocument:
    cleaned = clean(text)
    return ParsedDocument(
        doc_id=doc_id,
        cleaned=cleaned,
        simplified=to_simplified(cleaned.text),
        structure=parse_structure(doc_id, cleaned),
        metadata=extract_metadata(doc_id, cleaned),
    )


def parse_document(doc_id: str, text: str, sha256: str = "") -> ParsedDocument:
    """Parse one document's raw text (cached when `sha256` is given)."""
    if sha256:
        return _parse_cached(doc_id, sha256, text)
    return _parse_cached.__wrapped__(doc_id, sha256, text)


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
    parsed: dict[str, ParsedDocument]


def parse_corpus(corpus: Corpus) -> Tables:
    """Parse every document of `corpus` and gather the tables."""
    parsed: dict[str, ParsedDocument] = {}
    docs, removed, articles, disagreements = [], [], [], []
    for row in corpus.documents.to_dict("records"):
        p = parse_document(row["doc_id"], row["text"], row["sha256"])
        parsed[row["doc_id"]] = p
        status = p.cleaned.line_status()
        kept = sum(1 for v in status.values() if v == "kept")
        blank = sum(1 for v in status.values() if v == "blank")
        docs.append(
            {k: v for k, v in row.items() if k != "text"}
            | {
                "clean_chars": len(p.cleaned.text.replace("\n", "")),
                "raw_lines": p.cleaned.n_lines,
                "kept_lines": kept,
                "blank_lines": blank,
                "removed_lines": p.cleaned.n_lines - kept - blank,
                "rejoined_breaks": len(p.cleaned.joins),
                "articles": len(p.cleaned.articles),
                "sections": len(p.structure.sections),
                "clauses": len(p.structure.clauses),
                "numbered_clauses": int((p.structure.clauses["kind"] == "numbered").sum()),
                "sentences": len(p.structure.sentences),
                "converted_to_simplified": row["script"] == "Traditional",
            }
        )
        removed += [
            {"doc_id": row["doc_id"], "line": r.line, "text": r.text, "reason": r.reason} for r in p.cleaned.removed
        ]
        for a in p.cleaned.articles:
            articles.append(
                {"doc_id": row["doc_id"], "article": a.number, "title": a.title or row["title"],
                 "title_basis": "headline" if a.title else "catalog", "paragraphs": len(a.paragraphs),
                 "captions": " | ".join(a.captions)}
            )
        disagreements.append(reconcile(row, p.metadata))
    structures = [p.structure for p in parsed.values()]
    return Tables(
        documents=pd.DataFrame(docs),
        removed=pd.DataFrame(removed, columns=["doc_id", "line", "text", "reason"]),
        articles=pd.DataFrame(articles),
        sections=pd.concat([s.sections for s in structures], ignore_index=True),
        clauses=pd.concat([s.clauses for s in structures], ignore_index=True),
        sentences=pd.concat([s.sentences for s in structures], ignore_index=True),
        paragraphs=pd.concat([s.paragraphs for s in structures], ignore_index=True),
        metadata=pd.concat([p.metadata for p in parsed.values()], ignore_index=True),
        disagreements=pd.concat(disagreements, ignore_index=True),
        parsed=parsed,
    )
