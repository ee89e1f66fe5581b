"""Quoted evidence for a notebook's findings: passages cut from the parsed tables, never typed in.

A quote prints as “passage” (doc_id, clause `clause_id`); `quotes_in` reads that format back out of
a notebook's output and `exists` checks a passage against the clause it names, so a test can prove
that every quoted passage stands in its document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

ELLIPSIS = "…"
_SUFFIX = re.compile(r"” \((?P<doc>[^\s,()]+), clause `(?P<clause>[^`]+)`\)")


@dataclass(frozen=True)
class Quote:
    """A verbatim passage of one clause (cut passages are marked with … inside the quotation marks)."""

    passage: str
    doc_id: str
    clause_id: str
    cut_left: bool = False
    cut_right: bool = False

    def __str__(self) -> str:
        text = (ELLIPSIS if self.cut_left else "") + self.passage + (ELLIPSIS if self.cut_right else "")
        return f"“{text}” ({self.doc_id}, clause `{self.clause_id}`)"


def _balanced(text: str) -> bool:
    return text.count("“") == text.count("”") and text.count("《") == text.count("》")


def _window(text: str, start: int, end: int, max_chars: int) -> tuple[int, int]:
    """A window of at most `max_chars` around text[start:end], widened to the match itself."""
    if len(text) <= max_chars:
        return 0, len(text)
    spare = max(0, max_chars - (end - start))
    left = max(0, start - spare // 3)
    right = min(len(text), max(end, left + max_chars))
    return left, right


def _widen(text: str, left: int, right: int) -> tuple[int, int]:
    """Widen [left, right) until no quotation or book-title mark inside it is left unpaired."""
    for opener, closer in (("“", "”"), ("《", "》")):
        for _ in range(8):
            piece = text[left:right]
            if piece.count(opener) > piece.count(closer):
                nxt = text.find(closer, right)
                right = len(text) if nxt < 0 else nxt + 1
            elif piece.count(closer) > piece.count(opener):
                prev = text.rfind(opener, 0, left)
                left = 0 if prev < 0 else prev
            else:
                break
    return left, right


def cut(text: str, doc_id: str, clause_id: str, pattern: str = "", max_chars: int = 90) -> Quote:
    """A Quote of `text` (a sentence or clause of `clause_id`), cut to `max_chars` around `pattern`'s match.

    The cut never leaves a quotation or a title half open; a sentence that is one quotation loses its
    outer marks (the quote supplies them).
    """
    m = re.search(pattern, text) if pattern else None
    start, end = (m.start(), m.end()) if m else (0, 0)
    left, right = _widen(text, *_window(text, start, end, max_chars))
    cut_left, cut_right = left > 0, right < len(text)
    piece = text[left:right]
    if piece.startswith("“") and piece.rstrip("。").endswith("”") and _balanced(piece.strip("“”。")):
        inner = piece.rstrip("。")[1:-1]
        if "“" not in inner and "”" not in inner:
            left, right = left + 1, left + 1 + len(inner)
    return Quote(text[left:right], doc_id, clause_id, cut_left, cut_right)


def from_row(row, pattern: str = "", max_chars: int = 90) -> Quote:
    """A Quote of a row of the sentences, codes or indicators table (its `text` or `sentence`)."""
    text = row["text"] if "text" in row else row["sentence"]
    return cut(text, row["doc_id"], row["clause_id"], pattern, max_chars)


def quote(tables, doc_id: str, pattern_or_clause_id: str, max_chars: int = 90) -> Quote | None:
    """The first sentence of `doc_id` matching a regex (or the first sentence of a clause id), as a Quote.

    None when nothing matches, so a notebook can drop a finding its data no longer support.
    """
    s = tables.sentences
    if pattern_or_clause_id in set(s["clause_id"]):
        rows = s[s["clause_id"] == pattern_or_clause_id]
        return from_row(rows.iloc[0], "", max_chars)
    rows = s[(s["doc_id"] == doc_id) & s["text"].str.contains(pattern_or_clause_id, regex=True)]
    return from_row(rows.iloc[0], pattern_or_clause_id, max_chars) if len(rows) else None


def opening(tables, doc_id: str, max_chars: int = 90) -> Quote | None:
    """The first sentence of a document's body, as a Quote (what kind of text it is, in its own words)."""
    rows = tables.sentences[tables.sentences["doc_id"] == doc_id]
    return from_row(rows.iloc[0], "", max_chars) if len(rows) else None


def quotes_in(text: str) -> list[Quote]:
    """Every “passage” (doc_id, clause `clause_id`) in `text`, nested quotation marks allowed."""
    found, previous_end = [], 0
    for m in _SUFFIX.finditer(text):
        depth, i = 1, m.start() - 1
        while i >= previous_end and depth:  # walk back to the opening mark that balances the closing one
            depth += {"”": 1, "“": -1}.get(text[i], 0)
            i -= 1
        if depth:  # a passage cut inside a quotation: it opens at the first mark after the previous quote
            i = text.find("“", previous_end, m.start()) - 1
            if i < previous_end - 1:
                raise ValueError(f"no opening quotation mark before {m.group(0)!r}")
        passage = text[i + 2 : m.start()]
        found.append(Quote(passage.strip(ELLIPSIS), m["doc"], m["clause"], passage.startswith(ELLIPSIS),
                           passage.endswith(ELLIPSIS)))
        previous_end = m.end()
    return found


def exists(clauses: pd.DataFrame, q: Quote) -> bool:
    """True when the quoted passage stands verbatim in the clause it names, of the document it names."""
    rows = clauses[(clauses["clause_id"] == q.clause_id) & (clauses["doc_id"] == q.doc_id)]
    return bool(len(rows)) and all(part in rows.iloc[0]["text"] for part in q.passage.split(ELLIPSIS))


def sentence(tables, sentence_id: str, pattern: str = "", max_chars: int = 90) -> Quote | None:
    """The sentence `sentence_id` (cut around `pattern`), as a Quote; None when the id is unknown."""
    rows = tables.sentences[tables.sentences["sentence_id"] == sentence_id]
    return from_row(rows.iloc[0], pattern, max_chars) if len(rows) else None


_REMOVED = re.compile(
    r"“(?P<text>[^“”]+)” \((?P<doc>[^\s,()]+), raw line (?P<line>\d+), removed as `(?P<reason>[^`]+)`\)"
)


@dataclass(frozen=True)
class RemovedLine:
    """A raw line that cleaning removed, quoted with its document, line number and reason."""

    text: str
    doc_id: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"“{self.text}” ({self.doc_id}, raw line {self.line}, removed as `{self.reason}`)"


def removed_line(tables, doc_id: str, reason: str = "", max_chars: int = 60) -> RemovedLine | None:
    """The first line of `doc_id` removed by cleaning (for `reason`, when given), as a RemovedLine."""
    r = tables.removed[(tables.removed["doc_id"] == doc_id) & (tables.removed["reason"].str.startswith(reason))]
    r = r[r["text"].str.strip().astype(bool) & ~r["text"].str.contains("[“”]")]
    if not len(r):
        return None
    row = r.iloc[0]
    return RemovedLine(row["text"].strip()[:max_chars], doc_id, int(row["line"]), row["reason"])


def removed_in(text: str) -> list[RemovedLine]:
    """Every quoted removed line in `text`."""
    return [RemovedLine(m["text"], m["doc"], int(m["line"]), m["reason"]) for m in _REMOVED.finditer(text)]


def was_removed(removed: pd.DataFrame, q: RemovedLine) -> bool:
    """True when the quoted text opens the raw line the quote names, removed for the reason it names."""
    rows = removed[(removed["doc_id"] == q.doc_id) & (removed["line"] == q.line) & (removed["reason"] == q.reason)]
    return bool(len(rows)) and rows.iloc[0]["text"].strip().startswith(q.text)


def unsupported(text: str, clauses: pd.DataFrame, removed: pd.DataFrame) -> list[str]:
    """The quotes and removed lines in `text` that do not stand in the corpus they name (empty when all do)."""
    return [str(q) for q in quotes_in(text) if not exists(clauses, q)] + [
        str(q) for q in removed_in(text) if not was_removed(removed, q)
    ]
