"""Corpus -> tidy tables, one row per unit (document, removed line, article, section, clause,
sentence), with ids that join. Parsing is cached in-process by each document's content hash."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from .clean import Cleaned, clean
from .codes import code_sentences
from .corpus import Corpus
from .entities import entities
from .indicators import indicators
from .keywords import textrank_table, tfidf
from .metadata import extract_metadata, reconcile
from .script import to_simplified
from .segment import tokenize
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


def _tokens(structure: Structure) -> pd.DataFrame:
    clauses = structure.clauses
    return pd.DataFrame(
        {
            "doc_id": clauses["doc_id"],
            "clause_id": clauses["clause_id"],
            "tokens": [" ".join(tokenize(t)) for t in clauses["text"]],
        }
    )


def analyse(doc_id: str, text: str) -> ParsedDocument:
    """One document's raw text through clean, script, structure, metadata and the language layer."""
    cleaned = clean(text)
    structure = parse_structure(doc_id, cleaned)
    return ParsedDocument(
        doc_id=doc_id,
        cleaned=cleaned,
        simplified=to_simplified(cleaned.text),
        structure=structure,
        metadata=extract_metadata(doc_id, cleaned),
        tokens=_tokens(structure),
        codes=code_sentences(structure.sentences),
        indicators=indicators(structure.sentences, structure.clauses),
        entities=entities(structure.sentences),
    )


@lru_cache(maxsize=4096)
def _parse_cached(doc_id: str, sha256: str, text: str) -> ParsedDocument:
    return analyse(doc_id, text)


def parse_document(doc_id: str, text: str, sha256: str = "") -> ParsedDocument:
    """Parse one document's raw text (cached when `sha256` is given)."""
    if sha256:
        return _parse_cached(doc_id, sha256, text)
    return analyse(doc_id, text)


_DATE_FIELDS = ("date_published", "date_written", "date_signed", "date_page")


def _fill_gaps(row: dict, parsed: ParsedDocument) -> dict:
    """Catalog fields left empty are filled from the text (title, date), and the basis says so."""
    fill: dict = {}
    meta = parsed.metadata
    if not row.get("title"):
        titles = meta.loc[meta["field"] == "title", "value"]
        if len(titles):
            fill["title"] = titles.iloc[0]
    if not row.get("date"):
        dated = meta[meta["field"].isin(_DATE_FIELDS)]
        if len(dated):
            first = dated.iloc[0]
            fill["date"] = first["value"]
            fill["date_basis"] = f"inferred from text: {first['basis']}"
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
        docs[-1] |= _fill_gaps(docs[-1], p)
    structures = [p.structure for p in parsed.values()]
    doc_tokens = {d: [t for line in p.tokens["tokens"] for t in line.split()] for d, p in parsed.items()}
    keywords = pd.concat([tfidf(doc_tokens), textrank_table(doc_tokens)], ignore_index=True)
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
        tokens=pd.concat([p.tokens for p in parsed.values()], ignore_index=True),
        keywords=keywords,
        codes=pd.concat([p.codes for p in parsed.values()], ignore_index=True),
        indicators=pd.concat([p.indicators for p in parsed.values()], ignore_index=True),
        entities=pd.concat([p.entities for p in parsed.values()], ignore_index=True),
        parsed=parsed,
    )
