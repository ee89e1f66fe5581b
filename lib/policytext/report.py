"""A readable parse report of one document: metadata, structure outline, removed lines by reason."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from .clean import REASONS
from .corpus import load_corpus
from .errors import CorpusError
from .structure import outline
from .tables import parse_document


def report(path: str | Path) -> str:
    """Parse report of the document at `path` (a file in a corpus folder, with or without catalog row)."""
    p = Path(path)
    if not p.is_file():
        raise CorpusError(p, "is not a document file", "pass the path of a .txt file")
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the report states catalog status itself
        corpus = load_corpus(p.parent)
    row = corpus.documents.set_index("file").loc[p.name]
    parsed = parse_document(row["doc_id"], row["text"], row["sha256"])
    c = parsed.cleaned
    status = c.line_status()
    out = [f"# {row['doc_id']}  ({p.name})", ""]
    out.append(f"encoding {row['encoding']}, newlines {row['newline']}, script {row['script']}"
               + (" (converted to Simplified with OpenCC t2s)" if row["script"] == "Traditional" else ""))
    out.append(f"catalog row: {'yes' if row['in_catalog'] else 'no (metadata inferred)'}")
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
