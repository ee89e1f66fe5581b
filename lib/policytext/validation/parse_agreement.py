"""Agreement of parsing with a hand-made gold: dates, issuers, document numbers and numbered structure.

The gold is one JSON file beside a folder of documents:
    {"documents": [{"file", "date_written" (YYYY-MM-DD or ''), "date_published", "issuers": [...],
                    "doc_number", "structure": [{"marker": "第一章", "kind": "chapter"}, ...]}]}
Each measure counts only the documents whose gold states that fact (a document that prints no date is
not a miss). Structure is the recall of the gold's markers in order: the longest common subsequence of
the gold's and the parser's marker sequences, over the gold's markers.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from ..parsing.metadata import document_facts
from ..parsing.numbering import CN_NUMERAL
from ..reading.load import read_document

KINDS = ("chapter", "part", "article", "heading", "clause", "item", "enumeration", "attachment")
_KIND_OF = (
    (re.compile(r"^第.+章$"), "chapter"),
    (re.compile(r"^第.+(节|部分|篇|编)$"), "part"),
    (re.compile(r"^第.+条$"), "article"),
    (re.compile(r"^(附件|附表)"), "attachment"),
    (re.compile(rf"^{CN_NUMERAL}是"), "enumeration"),
    (re.compile(rf"^{CN_NUMERAL}[、.]$"), "heading"),
    (re.compile(rf"^\({CN_NUMERAL}\)$"), "clause"),
    (re.compile(r"^(\(\d+\)|\d+[.、]|[\u2460-\u2473])$"), "item"),
)
_WIDTH = str.maketrans("（）．：　", "().: ")


def norm_marker(marker: str) -> str:
    """A marker as compared: half-width brackets and dots, no spaces or trailing colon."""
    return re.sub(r"\s+", "", marker.translate(_WIDTH)).rstrip(":")


def marker_kind(marker: str) -> str:
    """The structure kind a marker names (第一章 → chapter, （一） → clause, 一是 → enumeration …), or ''."""
    m = norm_marker(marker)
    return next((kind for pattern, kind in _KIND_OF if pattern.match(m)), "")


def _norm_name(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _norm_number(text: str) -> str:
    return re.sub(r"\s+", "", text).translate(str.maketrans("[]()（）【】", "〔〕〔〕〔〕〔〕"))


def _lcs(a: list[str], b: list[str]) -> int:
    previous = [0] * (len(b) + 1)
    for x in a:
        current = [0]
        for j, y in enumerate(b, start=1):
            current.append(previous[j - 1] + 1 if x == y else max(previous[j], current[j - 1]))
        previous = current
    return previous[-1]


@dataclass(frozen=True)
class Parsed:
    """What the parser says of one document, in the gold's terms."""

    date_written: str
    date_published: str
    issuers: list[str]
    doc_number: str
    markers: list[str]


def parsed_facts(text: str, doc_id: str = "doc") -> Parsed:
    """Parse one raw text and report its dates, issuers, document number and markers in order."""
    from ..pipeline.tables import (
        parse_document,  # the pipeline's text stages only: the language layer is not measured here
    )

    parsed = parse_document(doc_id, text)
    facts = document_facts(parsed.metadata)
    s = parsed.structure
    units = [(r.start, r.label) for r in s.sections.itertuples() if r.label]
    units += [(r.start, r.label) for r in s.clauses.itertuples() if r.label]
    return Parsed(
        facts["date_written"], facts["date_published"], [i for i in facts["issuers"].split(";") if i],
        facts["doc_number"], [norm_marker(label) for _, label in sorted(units)],
    )


def document_text(path: Path) -> str:
    """A document file's text as the corpus loader would give it: through policytext.readers where that
    module exists (HTML, Word, PDF …), else the plain-text loader."""
    try:
        from ..reading.readers import read_file  # the format readers, where the library has them
    except ImportError:
        return read_document(path).text
    return read_file(path).documents[0].text


def read_gold(gold_path: str | Path) -> list[dict]:
    """The gold's documents; ValueError naming the file and the entry if the format is wrong."""
    path = Path(gold_path)
    try:
        documents = json.loads(path.read_text(encoding="utf-8"))["documents"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ValueError(f"{path}: not a parse gold ({exc}); expected {{'documents': [...]}}") from exc
    for n, d in enumerate(documents):
        missing = [k for k in ("file", "date_written", "issuers", "doc_number", "structure") if k not in d]
        if missing:
            raise ValueError(f"{path}: document {n} ({d.get('file', '?')}) lacks {', '.join(missing)}")
        for unit in d["structure"]:
            if unit.get("kind") not in KINDS:
                raise ValueError(f"{path}: {d['file']}: structure kind {unit.get('kind')!r} is not one of {KINDS}")
    return documents


def parse_agreement(gold_path: str | Path, docs_dir: str | Path) -> dict:
    """Per-measure counts and rates of the parser against the gold, plus one row per document.

    Measures: date_written found / correct (and given where the gold has none), date_published
    correct, issuers (every gold issuer named), doc_number correct, structure recall of markers in order
    (micro over markers), the share of found markers the gold lacks (in documents with gold structure),
    documents whose numbered structure is found whole, and kind agreement of the matched markers."""
    documents = read_gold(gold_path)
    rows = []
    for g in documents:
        p = parsed_facts(document_text(Path(docs_dir) / g["file"]), Path(g["file"]).stem)
        gold_markers = [norm_marker(u["marker"]) for u in g["structure"]]
        found_markers = _lcs(gold_markers, p.markers)
        kinds = {norm_marker(u["marker"]): u["kind"] for u in g["structure"]}
        rows.append({
            "file": g["file"],
            "gold_date_written": g["date_written"], "date_written": p.date_written,
            "gold_date_published": g.get("date_published", ""), "date_published": p.date_published,
            "gold_issuers": ";".join(g["issuers"]), "issuers": ";".join(p.issuers),
            "issuers_ok": all(_norm_name(i) in {_norm_name(x) for x in p.issuers} for i in g["issuers"]),
            "gold_doc_number": g["doc_number"], "doc_number": p.doc_number,
            "gold_markers": len(gold_markers), "markers_found": found_markers, "markers": len(p.markers),
            "kinds_ok": sum(marker_kind(m) == kinds[m] for m in set(gold_markers) & set(p.markers)),
            "kinds_compared": len(set(gold_markers) & set(p.markers)),
            "missing_markers": [m for m in gold_markers if m not in p.markers],
        })

    def rate(hits: int, n: int) -> dict:
        return {"hits": hits, "n": n, "rate": hits / n if n else float("nan")}

    dated = [r for r in rows if r["gold_date_written"]]
    published = [r for r in rows if r["gold_date_published"]]
    issued = [r for r in rows if r["gold_issuers"]]
    numbered = [r for r in rows if r["gold_doc_number"]]
    structured = [r for r in rows if r["gold_markers"]]
    return {
        "documents": len(rows),
        "date_written_found": rate(sum(bool(r["date_written"]) for r in dated), len(dated)),
        "date_written_correct": rate(sum(r["date_written"] == r["gold_date_written"] for r in dated), len(dated)),
        "date_written_unstated": rate(
            sum(bool(r["date_written"]) for r in rows if not r["gold_date_written"]),
            sum(not r["gold_date_written"] for r in rows),
        ),
        "date_published_correct": rate(
            sum(r["date_published"] == r["gold_date_published"] for r in published), len(published)
        ),
        "issuers": rate(sum(r["issuers_ok"] for r in issued), len(issued)),
        "doc_number": rate(
            sum(_norm_number(r["doc_number"]) == _norm_number(r["gold_doc_number"]) for r in numbered), len(numbered)
        ),
        "structure_markers": rate(
            sum(r["markers_found"] for r in structured), sum(r["gold_markers"] for r in structured)
        ),
        "structure_extra": rate(
            sum(r["markers"] - r["markers_found"] for r in structured), sum(r["markers"] for r in structured)
        ),
        "structure_whole": rate(sum(r["markers_found"] == r["gold_markers"] for r in structured), len(structured)),
        "structure_kinds": rate(sum(r["kinds_ok"] for r in rows), sum(r["kinds_compared"] for r in rows)),
        "rows": rows,
    }


MEASURES = (
    ("date_written_found", "written date found"),
    ("date_written_correct", "written date correct"),
    ("date_written_unstated", "written date given, gold has none"),
    ("date_published_correct", "published date correct"),
    ("issuers", "issuer(s) named"),
    ("doc_number", "document number correct"),
    ("structure_markers", "structure markers found, in order"),
    ("structure_extra", "found markers not in the gold"),
    ("structure_whole", "documents with all markers found"),
    ("structure_kinds", "kind of the found markers"),
)


def format_agreement(results: dict[str, dict]) -> str:
    """A plain-text table: one line per measure, one column per evaluated set ('hits/n rate')."""
    names = list(results)
    width = max(len(label) for _, label in MEASURES) + 2
    lines = [" " * width + "".join(f"{n:>24}" for n in names)]
    for key, label in MEASURES:
        cells = []
        for n in names:
            r = results[n][key]
            cells.append(f"{r['hits']}/{r['n']} {r['rate']:6.1%}" if r["n"] else "—")
        lines.append(f"{label:<{width}}" + "".join(f"{c:>24}" for c in cells))
    return "\n".join(lines)
