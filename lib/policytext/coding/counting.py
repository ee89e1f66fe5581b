"""The counting lexicons' matches (data/finance_instruments.tsv, data/cooperation_terms.tsv): the named finance
instruments and the cooperation initiatives and cue words the notebooks count per document.

They are matched over each document's cleaned Simplified text (`Cleaned.simplified`, headings included),
line by line and, within a line, sentence by sentence (`parsing.structure.split_sentences`), so that a cue
that needs company in its sentence (国内外 a named partner, data/cue_contexts.tsv) finds it there and not
elsewhere. Hits are each lexicon's own (leftmost-longest, never overlapping within its category), found by
one `Matcher` over every sentence of a chunk. `lexicon_hit_table` gives the long table the pipeline's
`lexicons` stage adds (`lexicon_hits`); `findings.summaries.lexicon_counts` counts it per document.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache

import pandas as pd

from ..language.lexicon import Matcher, hit_frame, lexicon
from ..parsing.structure import split_sentences

# The lexicons counted per document, in this order (their hits share one table, `lexicon` names the file).
COUNTING_LEXICONS = ("finance_instruments.tsv", "cooperation_terms.tsv")
LEXICON_HIT_COLUMNS = ["doc_id", "lexicon", "category", "subtool", "term", "match", "start", "end"]


@cache
def _matcher() -> Matcher:
    """The counting lexicons matched together (in COUNTING_LEXICONS order)."""
    return Matcher(lexicon(name) for name in COUNTING_LEXICONS)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) in `text` of each sentence of each of its lines (`str.splitlines`, then
    `split_sentences` within the line): the pieces the counting lexicons are matched in, in text order."""
    spans: list[tuple[int, int]] = []
    offset = 0
    for kept in text.splitlines(keepends=True):
        line = kept.splitlines()[0]  # the line without its line break, as splitlines() gives it
        spans += [(offset + start, offset + end) for start, end in split_sentences(line)]
        offset += len(kept)
    return spans


def lexicon_hit_table(texts: Mapping[str, str]) -> pd.DataFrame:
    """One row per match of a counting lexicon (LEXICON_HIT_COLUMNS) in the texts (doc_id -> the document's
    cleaned Simplified text): the lexicon's name (finance_instruments, cooperation_terms), the term's
    category and subtool (the counted label), the term, the text matched and its span in the document's
    text. Rows come document by document in the order of `texts`, in text order, and for one sentence
    lexicon by lexicon."""
    doc_ids: list[str] = []
    offsets: list[int] = []
    pieces: list[str] = []
    for doc_id, text in texts.items():
        for start, end in sentence_spans(text):
            doc_ids.append(doc_id)
            offsets.append(start)
            pieces.append(text[start:end])
    names = [lex.name for lex in _matcher().lexicons]
    rows: list[tuple] = []
    for doc_id, offset, matched in zip(doc_ids, offsets, _matcher().match_texts(pieces), strict=True):
        for name, hits in zip(names, matched, strict=True):
            rows += [(doc_id, name, category, subtool, term, match, offset + start, offset + end)
                     for category, subtool, term, match, start, end in hits]
    return hit_frame(rows, LEXICON_HIT_COLUMNS)


__all__ = ["COUNTING_LEXICONS", "LEXICON_HIT_COLUMNS", "lexicon_hit_table", "sentence_spans"]
