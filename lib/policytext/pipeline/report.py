"""A readable parse report of one document: metadata, structure outline, removed lines by reason."""

from __future__ import annotations

import warnings
from collections import Counter
from pathlib import Path

from ..errors import CorpusError
from ..parsing.clean import REASONS
from ..parsing.structure import outline
from ..reading.corpus import iter_documents
from .tables import parse_document


def _documents_of(p: Path):
    """The documents rows of the one file `p` (with its folder's catalog); CorpusError if it cannot be read."""
    skipped: list[dict] = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the report states catalog status itself
        try:
            rows = list(iter_documents(p.parent, files=[p.name], skipped=skipped))
        except CorpusError:
            if skipped:
                raise CorpusError(p, skipped[0]["problem"]) from None
            raise
    return rows


def report(path: str | Path) -> str:
    """Parse report of the document(s) in the file at `path` (its folder's catalog row used, if any).

    Only that file is read: a bad neighbour in the folder does not matter. A table of documents gives
    one report per row.
    """
    p = Path(path)
    if not p.is_file():
        raise CorpusError(p, "is not a document file", "pass the path of a document file")
    return "\n".join(_report(row) for row in _documents_of(p))


def _report(row: dict) -> str:
    parsed = parse_document(row["doc_id"], row["text"], row["sha256"])
    c = parsed.cleaned
    status = c.line_status()
    out = [f"# {row['doc_id']}  ({row['file']})", ""]
    out.append(f"format {row['format']}, encoding {row['encoding'] or '-'}, newlines {row['newline']}, "
               f"script {row['script']}"
               + (" (converted to Simplified with OpenCC t2s)" if row["script"] == "Traditional" else ""))
    out.append(f"catalog row: {'yes' if row['in_catalog'] else 'no (metadata inferred)'}")
    if row["reader_dropped"]:
        out.append(f"left out by the reader: {row['reader_dropped']}")
    out.append("")
    out.append("## Metadata stated by the text")
    for m in parsed.metadata.itertuples():
        value = m.value if len(m.value) <= 60 else m.value[:60] + "…"
        out.append(f"- {m.field}: {value}   [{m.basis}]")
    out.append("")
    kept = sum(v == "kept" for v in status.values())
    blank = sum(v == "blank" for v in status.values())
    out.append(f"## Lines: {c.n_lines} raw = {kept} kept + {c.n_lines - kept - blank} removed + {blank} blank")
    if c.joins:
        out.append("rejoined across layout breaks: " + ", ".join(f"{a}+{b}" for a, b in c.joins))
    out.append("")
    out.append("## Structure")
    for a in c.articles:
        out.append(f"article {a.number}: {a.title or '(no headline; catalog title: ' + row['title'] + ')'}")
        for caption in a.captions:
            out.append(f"  caption: {caption}")
    out += outline(parsed.structure)
    s = parsed.structure
    out.append(f"{len(s.sections)} sections, {len(s.clauses)} clauses "
               f"({int((s.clauses['kind'] == 'numbered').sum())} numbered), {len(s.sentences)} sentences")
    out.append("")
    out.append("## Removed or moved lines, by reason")
    by_reason = Counter(r.reason for r in c.removed)
    for reason, n in sorted(by_reason.items(), key=lambda kv: (-kv[1], kv[0])):
        out.append(f"### {reason} ({n}): {REASONS[reason]}")
        for r in c.removed:
            if r.reason == reason:
                text = r.text.strip()
                out.append(f"  {r.line:>4}  {text[:70]}{'…' if len(text) > 70 else ''}")
    return "\n".join(out) + "\n"
