"""Text reuse: passages (提法) that one document shares with another, with their exact spans.

The method of the text-reuse literature on policy diffusion (Wilkerson, Smith & Stramp 2015; Burgess et
al. 2016, the Legislative Influence Detector; Linder et al. 2020) and of passim (Smith et al. 2014), as a
corpus-wide stage of the pipeline (`policytext.pipeline`):

1. collect (in the workers, once per clause): each clause's matching form — full-width to half-width
   (NFKC), punctuation, quotation marks, whitespace and symbols dropped, each run of digits read as one
   '#', Latin letters lower-cased — and the map from every matching character back to its offset in the
   clause. The form is computed for a whole chunk at once with a code-point table (numpy), not
   character by character.
2. finish (once): only the representative of each group of copies (policytext.duplicates) is compared.
   Every n-gram of `n = min(shingle, min_chars)` matching characters is hashed; n-grams are bucketed by
   hash, and a bucket holding more than `max_bucket` occurrences is dropped, as passim and the
   Legislative Influence Detector do, and so is a bucket whose n-gram is printed in `seed_share` times the
   formula floor's number of documents (a passage printed everywhere is a formula by spread, and its
   bucket would cost the square of its size). Each shared n-gram between clauses of two documents is a
   hit; hits on one diagonal of a clause pair are joined into exact runs and each run is extended to the
   longest exact match; runs less than `max_gap` characters apart on both sides are joined into one
   span, overlapping fragments merged. Spans of at least `min_chars` equal characters are kept.
   Every shared passage of `min_chars` matching characters holds a shared n-gram (n <= min_chars), so
   none is missed unless every one of its n-grams is in a dropped bucket. A passage repeated within one
   pair of documents (a name printed in twenty articles of each) is one row, at its first occurrence, with
   the number of clause pairs it was found in (`occurrences`).
3. meaning: a span is a *formula* when listed formulae of official and legal writing (enactment,
   authority, penalty, entry into force, institution names; data/reuse_boilerplate.tsv) cover most of
   it, or when its n-grams occur in at least `formula_docs` documents (or `boilerplate_share` of them,
   and at least three); a span naming a listed joint project of the two regions is *joint project*
   (cross-regional substance, never set aside); otherwise *substance*. A formula matches a passage's own
   wording only (not across a 、 dropped from the matching form), and one cut off at a span's edge
   covers what it holds; a joint project counts only when named in full. `kind` and `reason` say which
   and why; `boilerplate` is True for formulas. `length` leaves article numbering (第十五条) out, and a
   single character that one side sets off by a separator at a span's edge (合作、区 of 合作、区域) is
   cut from the span. Versions of one instrument (policytext.duplicates) are not compared with each
   other: what they share is the instrument itself, not reuse.

Direction runs from the earlier document to the later: by `date_first` (the first adoption of a law,
when the documents table has it) else by the written dates. Where dates overlap or are unknown the
direction is 'undetermined' (a shared passage may also come from a common, third source).
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from ..datafiles import rows

REUSE_COLUMNS = [
    "source_doc", "source_clause", "target_doc", "target_clause", "span", "source_text", "target_text",
    "source_start", "source_end", "target_start", "target_end", "length", "score", "direction", "boilerplate",
    "kind", "reason", "occurrences",
]
_HASH_BASE = np.uint64(1_000_003)  # the polynomial n-gram hash's base (any odd number above the code points)
_NAME_CHARS = 20  # longest span taken for a name when it holds a listed institution suffix or law-title prefix
# The numbering of articles, paragraphs and items (第五十三条, 第二款, 第#项), or its cut-off end at a span's edge
_NUMBERING = re.compile(r"第?[一二三四五六七八九十百零#]+[条款项章节]|第[一二三四五六七八九十百零#]+$")
# the head of an article number just before a span that opens with its mark (第五十一 + 条利用…)
_NUMBERING_HEAD = re.compile(r"第[一二三四五六七八九十百零#]+$")


def _numbering(span: str) -> list[re.Match]:
    """The article numbering in a span (most spans hold none: a look for its marks comes first)."""
    if "第" in span or "条" in span or "款" in span or "项" in span or "章" in span or "节" in span:
        return list(_NUMBERING.finditer(span))
    return []


@dataclass(frozen=True)
class Params:
    """Thresholds of the reuse search, each with the reason for its default.

    shingle: characters per n-gram of the candidate index (at most min_chars, so that every shared passage of
        min_chars characters holds at least one shared n-gram).
    min_chars: shortest shared span kept, in matching characters. 10 characters hold a whole formulation
        (建设国际技术转移中心); shorter shared strings are mostly common phrases (加快科技创新).
    max_gap: characters of difference (an inserted 的, a changed word) bridged inside one span.
    max_bucket: occurrences above which an n-gram is not used to find candidates (passim's and the
        Legislative Influence Detector's cap): such an n-gram is printed all over the corpus, and its bucket
        alone would give the square of its size in pairs.
    formula_docs: documents from which a passage counts as a formula by spread, however large the corpus.
    boilerplate_share: share of all documents from which a passage counts as a formula (and at least three
        documents), for small corpora: 0.8 flags what nearly every text says; a formulation shared by a
        city's few texts (具有全国影响力的科技创新中心 in three of five) is what the method is for. The
        formula floor is max(3, min(formula_docs, boilerplate_share x documents compared)).
    seed_share: an n-gram printed in at least seed_share x the formula floor's number of documents seeds no
        candidates (the cap on a bucket's documents): such a passage is a formula, and one row per pair of
        the documents printing it would grow with the square of its spread (one authority's name gave
        3,087 rows on 166 laws). Passages between the floor and this cap are reported, as formulas.
    """

    shingle: int = 10
    min_chars: int = 10
    max_gap: int = 2
    max_bucket: int = 64
    formula_docs: int = 5
    seed_share: float = 2.0
    boilerplate_share: float = 0.8


# -- the matching form -------------------------------------------------------------------------------------

_SIZE = 0x110000
_known = np.zeros(_SIZE, dtype=bool)
_mapped = np.zeros(_SIZE, dtype=np.uint32)  # 0: the character is dropped
_HASH = ord("#")
_SEPARATOR_CODES = np.array(sorted(map(ord, "、，,。；;：:！!？?\n")), dtype=np.uint32)


def _learn(codes: np.ndarray) -> None:
    """Fill the code-point table for characters not seen before (once per distinct character)."""
    for cp in np.unique(codes[~_known[codes]]).tolist():
        c = unicodedata.normalize("NFKC", chr(cp))
        if len(c) != 1:
            c = c[:1] if c[:1].isalnum() else ""
        if not c or c.isspace() or unicodedata.category(c)[0] in "PSZC":
            out = 0  # '.', ',' and '%' are punctuation: a number such as 2.5, 1,200 or 15% stays one '#'
        elif c.isdigit() and c.isascii():
            out = _HASH
        else:
            low = c.lower()
            out = ord(low if len(low) == 1 else c)
        _mapped[cp] = out
        _known[cp] = True


def _codes(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)


def matching_forms(texts: list[str]) -> tuple[list[str], np.ndarray, np.ndarray]:
    """The matching form of each text, computed for all of them at once: (forms, where, bounds).

    `where[bounds[i]:bounds[i + 1]]` holds, for each character of forms[i], its offset in texts[i]."""
    forms, where, bounds, _ = _matching_forms(texts, separators=False)
    return forms, where, bounds


def _matching_forms(texts: list[str], separators: bool = True) -> tuple[list[str], np.ndarray, np.ndarray,
                                                                          np.ndarray | None]:
    """`matching_forms` and, beside `where`, whether a separator (、，。；：...) of the text was dropped just
    before each matching character (a listed formula may not run across one; None unless `separators`)."""
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    starts = np.concatenate([[0], np.cumsum(lengths)])
    codes = _codes("".join(texts))
    if len(codes) and not _known[codes].all():
        _learn(codes)
    mapped = _mapped[codes]
    keep = np.flatnonzero(mapped)
    out = mapped[keep]
    owner = np.repeat(np.arange(len(texts)), lengths)[keep]  # the text each kept character belongs to
    # a digit right after a digit of the same text (whatever was dropped between) continues its number
    repeat = np.zeros(len(out), dtype=bool)
    if len(out) > 1:
        repeat[1:] = (out[1:] == _HASH) & (out[:-1] == _HASH) & (owner[1:] == owner[:-1])
    keep, out, owner = keep[~repeat], out[~repeat], owner[~repeat]
    where = (keep - starts[owner]).astype(np.int32)
    bounds = np.searchsorted(owner, np.arange(len(texts) + 1), side="left")
    joined = out.astype("<u4").tobytes().decode("utf-32-le")
    forms = [joined[a:b] for a, b in zip(bounds[:-1].tolist(), bounds[1:].tolist(), strict=True)]
    if not separators:
        return forms, where, bounds, None
    # separators strictly between two kept characters of one text: a difference of running counts
    seen = np.cumsum(np.isin(codes, _SEPARATOR_CODES))
    sep = np.zeros(len(keep), dtype=bool)
    if len(keep) > 1:
        sep[1:] = (seen[keep[1:] - 1] - seen[keep[:-1]] > 0) & (owner[1:] == owner[:-1])
    return forms, where, bounds, sep


def normalise(text: str) -> tuple[str, list[int]]:
    """`text` for matching, and for each of its characters the offset in `text` it came from."""
    forms, where, _ = matching_forms([text])
    return forms[0], where.tolist()


def ngram_hashes(form: str, n: int) -> np.ndarray:
    """A hash of every n-gram of a matching form, by position (empty when the form is shorter than n)."""
    codes = _codes(form).astype(np.uint64)
    if len(codes) < n:
        return np.empty(0, dtype=np.uint64)
    out = np.zeros(len(codes) - n + 1, dtype=np.uint64)
    with np.errstate(over="ignore"):  # arithmetic modulo 2**64 is the hash
        for k in range(n):
            out = out * _HASH_BASE + codes[k : len(codes) - n + 1 + k]
    return out


_MIX = np.uint64(0x9E3779B97F4A7C15)  # odd: multiplying by it permutes the 64-bit hashes


def hash_order(h: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Positions of `h` (64-bit n-gram hashes) grouped by equal hash, each group in position order (groups in
    no particular order), and `h` in that order.

    One plain sort of the hashes, each with its position packed into its low bits: a fraction of a stable
    argsort's time. A polynomial hash differs only in its low bits between n-grams that differ only in their
    last character, so the hashes are first multiplied by an odd constant (a one-to-one map that spreads every
    bit upwards). Should two different hashes still share the high bits kept (about once in a hundred corpora
    of a million n-grams), the stable argsort is used instead."""
    n = len(h)
    bits = max(1, (n - 1).bit_length())
    if bits <= 32:  # else too few high bits would be left to tell hashes apart
        shift = np.uint64(bits)
        with np.errstate(over="ignore"):  # arithmetic modulo 2**64
            keys = h * _MIX  # in place from here: each new array of a few million costs its page faults
        keys >>= shift
        keys <<= shift
        keys |= np.arange(n, dtype=np.uint64)
        keys.sort()
        order = (keys & np.uint64((1 << bits) - 1)).view(np.int64)
        hs = h[order]
        keys >>= shift
        if not np.any((keys[1:] == keys[:-1]) & (hs[1:] != hs[:-1])):
            return order, hs
    order = np.argsort(h, kind="stable")
    return order, h[order]


# -- collect: one chunk's clauses ------------------------------------------------------------------------


@dataclass
class ClauseFeatures:
    """A chunk's clauses in matching form: ids, offsets in the document, text, matching form and the offset
    map (concatenated, cut by `bounds`), and each document's dates for the direction."""

    doc_id: list[str]
    clause_id: list[str]
    start: list[int]
    text: list[str]
    form: list[str]
    where: np.ndarray
    bounds: np.ndarray
    dates: dict[str, tuple[str, ...]]
    sep: np.ndarray  # per matching character: a separator of the text was dropped just before it

    def by_document(self) -> list[tuple[str, ClauseFeatures]]:
        """The features cut into runs of consecutive clauses of one document, in order, each with that
        document's dates: (doc_id, features) (what the export keeps on disk a document at a time)."""
        out = []
        start = 0
        for k in range(1, len(self.doc_id) + 1):
            if k == len(self.doc_id) or self.doc_id[k] != self.doc_id[start]:
                out.append((self.doc_id[start], self._clauses(start, k)))
                start = k
        return out

    def _clauses(self, i: int, j: int) -> ClauseFeatures:
        """Clauses i to j (exclusive), all of one document."""
        lo, hi = int(self.bounds[i]), int(self.bounds[j])
        doc = self.doc_id[i]
        return ClauseFeatures(self.doc_id[i:j], self.clause_id[i:j], self.start[i:j], self.text[i:j],
                              self.form[i:j], self.where[lo:hi], self.bounds[i : j + 1] - lo,
                              {doc: self.dates[doc]} if doc in self.dates else {}, self.sep[lo:hi])

    def only(self, documents: set[str]) -> ClauseFeatures:
        """The clauses of `documents` (and their dates), in order."""
        keep = [d in documents for d in self.doc_id]
        if all(keep):
            return self
        chars = np.repeat(np.array(keep, dtype=bool), np.diff(self.bounds))
        lengths = np.diff(self.bounds)[np.array(keep, dtype=bool)]
        pick = [i for i, k in enumerate(keep) if k]
        return ClauseFeatures(
            [self.doc_id[i] for i in pick], [self.clause_id[i] for i in pick], [self.start[i] for i in pick],
            [self.text[i] for i in pick], [self.form[i] for i in pick], self.where[chars],
            np.concatenate([[0], np.cumsum(lengths)]).astype(self.bounds.dtype),
            {d: v for d, v in self.dates.items() if d in documents}, self.sep[chars])


def clause_features(clauses: pd.DataFrame, documents: pd.DataFrame) -> ClauseFeatures:
    """The reuse stage's collect: the clauses' matching forms and the documents' dates (see `document_dates`)."""
    texts = clauses["text"].astype(str).tolist()
    forms, where, bounds, sep = _matching_forms(texts)
    return ClauseFeatures(clauses["doc_id"].astype(str).tolist(), clauses["clause_id"].astype(str).tolist(),
                          [int(s) for s in clauses["start"].tolist()], texts, forms, where, bounds,
                          document_dates(documents), sep)


def document_dates(documents: pd.DataFrame) -> dict[str, tuple[str, str, str, str]]:
    """doc_id -> (first day, last day) the document can be dated to, for the direction of reuse, then (first
    day, last day) of the version held: the dates are its `date_first` (the first adoption of a law) when that
    column is there and filled, else its written bounds; the version held is always dated by its written
    bounds (a law held in a later revision may have taken its wording in that revision)."""
    from ..reading.catalog import date_bounds

    out = {}
    for r in documents.to_dict("records"):
        written = tuple(
            "" if v is None or str(v) == "nan" else str(v) for v in (r.get("written_from"), r.get("written_to"))
        )
        first = str(r.get("date_first") or "")
        if first and first != "nan" and (bounds := date_bounds(first))[0]:
            out[str(r["doc_id"])] = (*bounds, *written)
        else:
            out[str(r["doc_id"])] = (*written, *written)
    return out


# -- finish: the corpus's shared spans ---------------------------------------------------------------------


def _loaded(parts: list, documents: set[str] | None) -> Iterator[ClauseFeatures]:
    """Each part's features, only the clauses of `documents` when given: a part the export kept on disk
    (policytext.pipeline.spill) is read back a chunk at a time, only its documents in `documents`."""
    for part in parts:
        if isinstance(part, ClauseFeatures):
            yield part if documents is None else part.only(documents)
        else:
            yield from part.load(documents)


def _merge(parts: list, documents: set[str] | None = None) -> ClauseFeatures:
    """Every chunk's features as one, in order (only the clauses of `documents` when given)."""
    offset, wheres, seps, bounds = 0, [], [], [np.zeros(1, dtype=np.int64)]
    merged = ClauseFeatures([], [], [], [], [], np.empty(0, np.int32), np.empty(0, np.int64), {},
                            np.empty(0, bool))
    for p in _loaded(parts, documents):
        for name in ("doc_id", "clause_id", "start", "text", "form"):
            getattr(merged, name).extend(getattr(p, name))
        wheres.append(p.where)
        seps.append(p.sep)
        bounds.append(p.bounds[1:] + offset)
        offset += int(p.bounds[-1])
        merged.dates |= p.dates
    merged.where = np.concatenate(wheres) if wheres else np.empty(0, np.int32)
    merged.sep = np.concatenate(seps) if seps else np.empty(0, bool)
    merged.bounds = np.concatenate(bounds)
    return merged


def _hits(forms: list[str], doc: np.ndarray, group: np.ndarray, params: Params, max_docs: float = np.inf):
    """Shared n-grams between clauses of documents of different version groups: arrays (clause_a, pos_a,
    clause_b, pos_b) with clause_a < clause_b, and per clause position the n-gram's document frequency."""
    n = min(params.shingle, params.min_chars)
    # every clause's n-grams hashed at once, over the clauses joined; n-grams across a joint are dropped
    sizes_ = np.fromiter(map(len, forms), dtype=np.int64, count=len(forms))
    lengths = np.maximum(sizes_ - n + 1, 0)
    every = ngram_hashes("".join(forms), n)
    clause_of = np.repeat(np.arange(len(forms)), sizes_)[: len(every)]
    pos_all = np.arange(len(every)) - np.concatenate([[0], np.cumsum(sizes_)])[:-1][clause_of]
    inside = pos_all <= sizes_[clause_of] - n
    h, clause, pos = every[inside], clause_of[inside], pos_all[inside]
    order, hs = hash_order(h)
    cs, ps = clause[order], pos[order]
    cut = np.flatnonzero(np.diff(hs)) + 1
    starts = np.concatenate([[0], cut])
    sizes = np.diff(np.concatenate([starts, [len(hs)]]))
    # each n-gram's document frequency (for formulas by spread), by position
    ds = doc[cs]
    first_of_doc = np.ones(len(ds), dtype=bool)
    if len(ds):
        g = np.repeat(np.arange(len(starts)), sizes)
        boundary = np.zeros(len(ds), dtype=bool)
        boundary[starts] = True
        # the stable sort keeps each bucket in clause order, which is document order when each document's
        # clauses come together (as the pipeline gives them): then a new document in a bucket is a change
        if np.all(boundary[1:] | (ds[1:] >= ds[:-1])):
            first_of_doc[1:] = boundary[1:] | (ds[1:] != ds[:-1])
        else:
            pair_order = np.lexsort((ds, g))
            dd = ds[pair_order]
            new = np.ones(len(dd), dtype=bool)
            new[1:] = (g[pair_order][1:] != g[pair_order][:-1]) | (dd[1:] != dd[:-1])
            first_of_doc[pair_order] = new
    docs_per_group = np.add.reduceat(first_of_doc.astype(np.int64), starts) if len(starts) and len(hs) else \
        np.empty(0, np.int64)
    frequency = np.empty(len(h), dtype=np.int64)
    frequency[order] = np.repeat(docs_per_group, sizes) if len(hs) else np.empty(0, np.int64)
    a_parts, b_parts = [], []
    # a bucket is a seed of candidates unless it is too large or its n-gram is printed in max_docs documents
    seeding = (sizes >= 2) & (sizes <= params.max_bucket)
    if len(hs):
        seeding &= docs_per_group < max_docs
    for size in np.unique(sizes[seeding]).tolist():
        rows_ = starts[seeding & (sizes == size)][:, None] + np.arange(size)[None, :]
        i, j = np.triu_indices(size, 1)
        a_parts.append(rows_[:, i].ravel())
        b_parts.append(rows_[:, j].ravel())
    empty = np.empty(0, np.int64)
    if not a_parts:
        return empty, empty, empty, empty, frequency, lengths
    a, b = np.concatenate(a_parts), np.concatenate(b_parts)
    ca, cb = cs[a], cs[b]
    keep = group[doc[ca]] != group[doc[cb]]  # other documents, not versions of one instrument
    a, b, ca, cb = a[keep], b[keep], ca[keep], cb[keep]
    pa, pb = ps[a], ps[b]
    swap = ca > cb
    ca, cb = np.where(swap, cb, ca), np.where(swap, ca, cb)
    pa, pb = np.where(swap, pb, pa), np.where(swap, pa, pb)
    return ca, pa, cb, pb, frequency, lengths


def _runs(ca, pa, cb, pb, n: int):
    """Hits on one diagonal of a clause pair at consecutive positions joined: (clause_a, a0, a1, clause_b, b0)."""
    if not len(ca):
        return []
    diag = pa - pb
    order = np.lexsort((pa, diag, cb, ca))
    ca, pa, cb, pb, diag = ca[order], pa[order], cb[order], pb[order], diag[order]
    new = np.ones(len(ca), dtype=bool)
    new[1:] = (ca[1:] != ca[:-1]) | (cb[1:] != cb[:-1]) | (diag[1:] != diag[:-1]) | (pa[1:] > pa[:-1] + 1)
    first = np.flatnonzero(new)
    last = np.concatenate([first[1:], [len(ca)]]) - 1
    return list(zip(ca[first].tolist(), pa[first].tolist(), (pa[last] + n).tolist(), cb[first].tolist(),
                    pb[first].tolist(), strict=True))


def _extend(a: str, b: str, a0: int, a1: int, b0: int) -> tuple[int, int, int, int]:
    """An exact run grown to the longest exact match on its diagonal (n-grams in a dropped bucket inside it
    and hash collisions leave gaps a hit cannot see)."""
    b1 = b0 + (a1 - a0)
    while a0 > 0 and b0 > 0 and a[a0 - 1] == b[b0 - 1]:
        a0, b0 = a0 - 1, b0 - 1
    while a1 < len(a) and b1 < len(b) and a[a1] == b[b1]:
        a1, b1 = a1 + 1, b1 + 1
    return a0, a1, b0, b1


def _spans(a: str, b: str, runs: list[tuple[int, int, int, int]],
           params: Params) -> list[tuple[int, int, int, int, int]]:
    """Exact matches of one clause pair joined into spans: those at most `max_gap` characters apart on both
    sides, and overlapping fragments, become one. (a0, a1, b0, b1, equal characters)."""
    if len(runs) == 1:  # most clause pairs share one passage
        a0, a1, b0, b1 = runs[0]
        return [(a0, a1, b0, b1, a1 - a0)] if a1 - a0 >= params.min_chars else []
    out: list[list[int]] = []
    for a0, a1, b0, b1 in sorted(set(runs)):
        for span in out:
            if (a0 - span[1] <= params.max_gap and b0 - span[3] <= params.max_gap
                    and a0 >= span[0] and b0 >= span[2]):
                gain = max(0, a1 - max(a0, span[1]))
                span[1], span[3] = max(span[1], a1), max(span[3], b1)
                span[4] += gain
                break
        else:
            out.append([a0, a1, b0, b1, a1 - a0])
    return [tuple(s) for s in out if s[4] >= params.min_chars]


def shared_spans(a: str, b: str, params: Params = Params()) -> list[tuple[int, int, int, int, float]]:
    """Spans two texts share: (a_start, a_end, b_start, b_end, score) in offsets of `a` and `b`.

    Score is the share of the span's matching characters that are equal on both sides (1.0 = verbatim).
    """
    forms, where, bounds = matching_forms([a, b])
    wa, wb = where[: bounds[1]], where[bounds[1] :]
    table = _align(forms, [0, 1], np.array([0, 1]), params)
    out = []
    for _, _, a0, a1, b0, b1, equal in table:
        score = 2 * equal / ((a1 - a0) + (b1 - b0))
        out.append((int(wa[a0]), int(wa[a1 - 1]) + 1, int(wb[b0]), int(wb[b1 - 1]) + 1, round(score, 4)))
    return out


def _align(forms: list[str], docs: list, group: np.ndarray, params: Params, info: dict | None = None,
           max_docs: float = np.inf):
    """Every span shared by clauses of different groups: (clause_a, clause_b, a0, a1, b0, b1, equal)."""
    doc_index = {d: i for i, d in enumerate(dict.fromkeys(docs))}
    doc = np.array([doc_index[d] for d in docs], dtype=np.int64)
    ca, pa, cb, pb, frequency, lengths = _hits(forms, doc, group, params, max_docs)
    n = min(params.shingle, params.min_chars)
    by_pair: dict[tuple[int, int], list] = defaultdict(list)
    for i, a0, a1, j, b0 in _runs(ca, pa, cb, pb, n):
        if forms[i][a0:a1] == forms[j][b0 : b0 + a1 - a0]:  # not a hash collision
            by_pair[i, j].append(_extend(forms[i], forms[j], a0, a1, b0))
    if info is not None:
        info["candidates"] = len(by_pair)
        info["frequency"], info["lengths"] = frequency, lengths
    out = []
    for (i, j), runs in sorted(by_pair.items()):
        out += [(i, j, *span) for span in _spans(forms[i], forms[j], runs, params)]
    return out


def _earlier(dates: dict[str, tuple[str, ...]], a: str, b: str) -> tuple[str, str, str]:
    """(source, target, 'forward' or 'undetermined'): from the earlier document to the later. When the earlier
    one by first adoption is held in a version written after the later one, the order is undetermined: the
    shared wording may have entered only in that revision, and the corpus cannot show in which version a
    passage first appeared."""
    a_from, a_to, *a_held = dates.get(a, ("", ""))
    b_from, b_to, *b_held = dates.get(b, ("", ""))

    def revised_after(held: list[str], later_to: str) -> bool:
        return bool(held and held[0] and later_to and held[0] > later_to)

    if a_to and b_from and a_to < b_from and not revised_after(a_held, b_to):
        return a, b, "forward"
    if b_to and a_from and b_to < a_from and not revised_after(b_held, a_to):
        return b, a, "forward"
    return (a, b, "undetermined") if a <= b else (b, a, "undetermined")


def reuse_from_features(parts: list, representatives: set[str] | None = None,
                        version_group: dict[str, str] | None = None, n_documents: int | None = None,
                        params: Params = Params()) -> pd.DataFrame:
    """The reuse stage's finish: the reuse table from every chunk's clause features (ClauseFeatures, or their
    handles in the export's spill file: only the representatives' clauses are read back).

    `representatives`: the documents compared (one per group of copies; all when None); `version_group`:
    doc_id -> its group of versions of one instrument (versions are not compared with each other)."""
    f = _merge(parts, representatives)  # the representatives' clauses only
    docs, forms = f.doc_id, f.form
    groups = {d: (version_group or {}).get(d) or d for d in dict.fromkeys(docs)}
    group_index = {g: k for k, g in enumerate(dict.fromkeys(groups.values()))}
    group = np.array([group_index[groups[d]] for d in dict.fromkeys(docs)], dtype=np.int64)
    info: dict = {}
    n_docs = len(set(docs)) if n_documents is None else n_documents
    formula_floor = max(3, min(params.formula_docs, params.boilerplate_share * n_docs))
    spans = _align(forms, docs, group, params, info, max_docs=params.seed_share * formula_floor)
    freq_starts = np.concatenate([[0], np.cumsum(info["lengths"])]) if "lengths" in info else None
    # a passage repeated within one pair of documents (a name printed in twenty articles of each) is one row,
    # at its first occurrence, with the number of clause pairs it was found in
    occurrences: dict[tuple, list] = {}
    for span in spans:
        i, j, a0, a1 = span[:4]
        key = (docs[i], docs[j], forms[i][a0:a1])
        if key in occurrences:
            occurrences[key][1] += 1
        else:
            occurrences[key] = [span, 1]
    records, verdicts = [], {}
    # offsets and separator flags as plain lists (a span looks up a few of them), with the flags' running count
    where, sep, bounds = f.where.tolist(), f.sep.tolist(), f.bounds.tolist()
    seen = np.concatenate([[0], np.cumsum(f.sep)]).tolist()
    for (i, j, a0, a1, b0, b1, equal), count in occurrences.values():
        source, _, direction = _earlier(f.dates, docs[i], docs[j])
        if source != docs[i]:
            i, j, a0, a1, b0, b1 = j, i, b0, b1, a0, a1
        ga, gb = bounds[i], bounds[j]
        # a single character set off by a separator at a span's edge, on either side, is not shared wording
        while a1 - a0 > params.min_chars and (_break_at(sep, ga, a0, a1, a1 - a0 - 1)
                                              or _break_at(sep, gb, b0, b1, a1 - a0 - 1)):
            a1, b1, equal = a1 - 1, b1 - 1, equal - 1
        while a1 - a0 > params.min_chars and (_break_at(sep, ga, a0, a1, 1) or _break_at(sep, gb, b0, b1, 1)):
            a0, b0, equal = a0 + 1, b0 + 1, equal - 1
        s0, s1, t0, t1 = where[ga + a0], where[ga + a1 - 1] + 1, where[gb + b0], where[gb + b1 - 1] + 1
        span = forms[i][a0:a1]
        # a listed formula must match each passage's own wording: not across a 、 or other separator
        breaks = _breaks(sep, seen, ga, a0, a1) | _breaks(sep, seen, gb, b0, b1)
        # a span opening with the mark of an article number whose head precedes it (条 of 第五十一条) opens with frame
        tail = int(span[:1] in "条款项章节" and any(_NUMBERING_HEAD.search(forms[c][max(0, k - 8) : k])
                                                   for c, k in ((i, a0), (j, b0))))
        if (span, breaks, tail) not in verdicts:  # the verdict depends on the span's text (and its n-grams' spread)
            spread = _spread(info["frequency"], freq_starts, i, a0, a1, params)
            verdicts[span, breaks, tail] = formula_reason(span, spread, formula_floor, breaks, params.min_chars, tail)
        kind, reason = verdicts[span, breaks, tail]
        records.append((
            docs[i], f.clause_id[i], docs[j], f.clause_id[j], span,
            f.text[i][s0:s1], f.text[j][t0:t1], f.start[i] + s0, f.start[i] + s1, f.start[j] + t0,
            f.start[j] + t1, span_length(span), round(2 * equal / ((a1 - a0) + (b1 - b0)), 4), direction,
            kind == "formula", kind, reason, count,
        ))
    table = pd.DataFrame.from_records(_one_row_per_passage(records), columns=REUSE_COLUMNS)
    table = table.astype({"boilerplate": bool})
    table = table.sort_values(["source_doc", "target_doc", "source_start", "target_start", "target_clause"],
                              ignore_index=True)
    table.attrs["candidates"] = info.get("candidates", 0)
    return table


# positions in a reuse record (REUSE_COLUMNS) of what _one_row_per_passage reads
_SRC, _SCL, _TGT, _TCL, _SPAN, _S0, _S1, _T0, _T1, _LEN, _OCC = 0, 1, 2, 3, 4, 7, 8, 9, 10, 11, 17


def _one_row_per_passage(records: list[tuple]) -> list[tuple]:
    """A record of a pair of documents whose passage lies inside another record's, on either side, and whose
    shared wording lies inside the other's, is that passage again: one row (技术人员接受继续教育 / …的 / …的权利,
    printed in three articles of the source, each found inside one passage of the target). Each such record
    goes into the record holding it (following holders to one that nothing holds), which keeps its row and
    adds the others' occurrences; records that only overlap stay apart (each holds text the other
    lacks)."""
    holder: dict[int, int] = {}
    by_pair: dict[tuple[str, str], list[int]] = {}
    for k, r in enumerate(records):
        by_pair.setdefault((r[_SRC], r[_TGT]), []).append(k)

    def holds(o: int, k: int) -> bool:  # o's wording holds k's, and o comes first among equals
        so, sk = records[o][_SPAN], records[k][_SPAN]
        return sk in so and (len(so) > len(sk) or o < k)

    for rows_ in by_pair.values():
        for clause, a, b in ((_SCL, _S0, _S1), (_TCL, _T0, _T1)):
            # outermost first on this side: a record inside the current outer one's passage may join it
            ordered = sorted(rows_, key=lambda k: (records[k][clause], records[k][a], -records[k][b], k))
            outer = ordered[0]
            for k in ordered[1:]:
                r, o = records[k], records[outer]
                if r[clause] == o[clause] and o[a] <= r[a] and r[b] <= o[b]:
                    if k not in holder and holds(outer, k):
                        holder[k] = outer
                else:
                    outer = k
    occurrences = [r[_OCC] for r in records]
    for k in range(len(records)):
        top = k
        while top in holder:  # each step goes to a longer record, or an equal earlier one: it ends
            top = holder[top]
        if top != k:
            occurrences[top] += records[k][_OCC]
    return [(*r[:_OCC], occurrences[k], *r[_OCC + 1 :]) for k, r in enumerate(records) if k not in holder]


_NO_BREAKS: frozenset[int] = frozenset()


def _breaks(sep: list[bool], seen: list[int], base: int, a0: int, a1: int) -> frozenset[int]:
    """Positions k of a span's matching form (a0..a1 of the clause starting at `base` in the corpus's separator
    flags `sep`, whose running count is `seen`) where a separator (、，。；：) was dropped just before
    character k: a listed formula may not run across one."""
    lo, hi = base + a0 + 1, base + a1
    if hi <= lo or seen[hi] == seen[lo]:
        return _NO_BREAKS
    return frozenset(k - base - a0 for k in range(lo, hi) if sep[k])


def _break_at(sep: list[bool], base: int, a0: int, a1: int, k: int) -> bool:
    """Whether position k of the span a0..a1 (of the clause starting at `base`) is in its `_breaks`."""
    return 0 < k < a1 - a0 and sep[base + a0 + k]


def span_length(span: str) -> int:
    """Matching characters of a span, article numbering (第十五条, 第二款) left out: two laws numbering an
    article alike is coincidence, not shared wording."""
    return len(span) - sum(m.end() - m.start() for m in _numbering(span))


def _spread(frequency: np.ndarray, starts: np.ndarray | None, clause: int, a0: int, a1: int,
            params: Params) -> int:
    """In how many documents most of a span is printed: the median document frequency of its n-grams."""
    if starts is None:
        return 0
    n = min(params.shingle, params.min_chars)
    lo, hi = starts[clause] + a0, starts[clause] + max(a0 + 1, a1 - n + 1)
    values = sorted(frequency[lo:min(hi, starts[clause + 1])].tolist())
    if not values:
        return 0
    half = len(values) // 2  # the median, as numpy's (the mean of the two middle values), truncated
    return values[half] if len(values) % 2 else int((values[half - 1] + values[half]) / 2)


def find_reuse(clauses: pd.DataFrame, documents: pd.DataFrame, params: Params = Params()) -> pd.DataFrame:
    """The reuse table of `clauses` (doc_id, clause_id, start, text) of the `documents` (doc_id and, for the
    direction, date_first or written_from and written_to), every document compared: one row per span shared
    by clauses of two documents (REUSE_COLUMNS, offsets in each document's Simplified text). The pipeline's
    reuse stage runs the same steps, in the workers and once at the end, on group representatives."""
    return reuse_from_features([clause_features(clauses.reset_index(drop=True), documents)],
                               n_documents=len(documents), params=params)


# -- formulas ----------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def formula_list() -> tuple[tuple[str, str], ...]:
    """(matching form, kind) of the formulae of official and legal writing (data/reuse_boilerplate.tsv)."""
    out: dict[str, str] = {}
    for cols in rows("reuse_boilerplate.tsv"):
        form = normalise(cols[0])[0]
        kind = cols[1].strip() if len(cols) > 1 else "formula"
        if form in out:  # listed twice, perhaps under two kinds: the second line would be silently ignored
            raise ValueError(f"reuse_boilerplate.tsv: {cols[0]!r} is listed twice (as {out[form]} and {kind})")
        if form:
            out[form] = kind
    return tuple(sorted(out.items()))


def boilerplate_formulae() -> tuple[str, ...]:
    """Matching forms of the listed formulae (data/reuse_boilerplate.tsv)."""
    return tuple(f for f, _ in formula_list())


@lru_cache(maxsize=1)
def _formula_automaton():
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for form, kind in formula_list():
        automaton.add_word(form, (form, kind))
    automaton.make_automaton()
    return automaton


_CUT_MIN = 8  # characters of a listed formula kept when a span's edge cuts it off


@lru_cache(maxsize=1)
def _cut_formulas() -> tuple[dict[str, list[tuple[str, str]]], dict[str, list[tuple[str, str]]]]:
    """The listed formulae (joint projects aside) cut off at an edge: (heads, tails), each mapping a
    beginning (resp. end) of at least _CUT_MIN characters, shorter than the whole, to its formulae."""
    heads: dict[str, list] = defaultdict(list)
    tails: dict[str, list] = defaultdict(list)
    for form, kind in formula_list():
        if kind == JOINT:
            continue
        for cut in range(_CUT_MIN, len(form)):
            heads[form[:cut]].append((form, kind))
            tails[form[-cut:]].append((form, kind))
    return dict(heads), dict(tails)


@lru_cache(maxsize=1)
def _cut_max() -> int:
    return max((len(k) for table in _cut_formulas() for k in table), default=0)


JOINT = "joint project"  # names of projects the two regions build together: cross-regional substance
# kinds that are names: a name is matched on the passage's own wording, never across a 、 or ， (formulas of
# legal writing are listed without their commas: 构成犯罪的，依法追究刑事责任)
_NAMES = ("institution", "citation", "programme", JOINT)


def formula_reason(span: str, spread: int, floor: float, breaks: frozenset[int] = frozenset(),
                   min_chars: int = 10, frame_before: int = 0) -> tuple[str, str]:
    """('formula', 'joint project' or 'substance', the reason): a span is a formula when listed formulae cover
    at least half of its characters or it lies inside one, or when it is printed in at least `floor`
    documents; a listed formula cut off at the span's edge (纳入国民经济和社会发展 of ...规划) covers what it
    holds, so one passage gets one verdict whatever the other text it is found with. A listed name matches
    only where no separator of the passage's own text (`breaks`: positions where a 、 or ， was dropped) falls
    inside it. A span naming a listed joint project of the two regions (kind 'joint project') is that kind,
    not a formula. A span that is article numbering and fewer than `min_chars` other characters (two articles
    of one number, 第十三条 市、区县…) is a formula: what they share besides the frame is no passage; its first
    `frame_before` characters are the rest of an article number begun before the span (条 of 第五十一条)."""
    covered = np.zeros(len(span), dtype=bool)
    kinds: dict[str, str] = {}
    numbered = False

    def clean(s: int, e: int) -> bool:  # no separator of the passage inside [s, e)
        return not any(s < k < e for k in breaks)

    for m in _numbering(span):  # article numbers (第五十三条) are the frame of a passage, not its content
        covered[m.start() : m.end()] = numbered = True
    if frame_before:  # the span opens with the rest of an article number begun before it (条 of 第五十一条)
        covered[:frame_before] = numbered = True
    if numbered and len(span) - int(covered.sum()) < min_chars:
        # what is shared besides the numbering is shorter than a shared passage: two articles of one number
        return "formula", "article numbering"
    for end, (form, kind) in _formula_automaton().iter(span):
        s0 = end - len(form) + 1
        if kind not in _NAMES or clean(s0, end + 1):
            if kind == JOINT:
                return JOINT, f"listed: {form} ({kind})"
            covered[s0 : end + 1] = True
            kinds.setdefault(form, kind)
    # a formula cut off at either edge of the span, at least 8 characters kept: for each formula its longest
    # cut (the span opening with the formula's end, or closing with its beginning; the opening first on a tie)
    heads, tails = _cut_formulas()
    opening: dict[tuple[str, str], int] = {}
    closing: dict[tuple[str, str], int] = {}
    for cut in range(_CUT_MIN, min(len(span), _cut_max()) + 1):
        for formula in tails.get(span[:cut], ()):
            opening[formula] = cut
        for formula in heads.get(span[-cut:], ()):
            closing[formula] = cut
    for formula in opening.keys() | closing.keys():
        start, end = opening.get(formula, 0), closing.get(formula, 0)
        if start >= end:
            covered[:start] = True
        else:
            covered[len(span) - end :] = True
        kinds.setdefault(*formula)
    if covered.sum() * 2 >= len(span) and (kinds or numbered):
        listed = "; ".join(f"{f} ({k})" for f, k in sorted(kinds.items()))
        return "formula", ("listed: " + listed if listed else "article numbering") + (
            " and article numbering" if listed and numbered else "")
    names = sorted((k, f) for f, k in kinds.items() if k in ("institution", "citation", "programme"))
    if names and len(span) <= _NAME_CHARS:  # a short span holding a department's or a law's name is that name
        return "formula", f"{names[0][0]} name ({names[0][1]})"
    # a span inside a listed formula is that formula; a joint project counts only when named in full
    inside = [(f, k) for f, k in _halves().get(span, ()) if k not in _NAMES or clean(0, len(span))]
    if inside:
        return "formula", f"listed: {inside[0][0]} ({inside[0][1]})"
    if spread >= floor:
        return "formula", f"spread: in {spread} documents"
    return "substance", ""


@lru_cache(maxsize=1)
def _halves() -> dict[str, list[tuple[str, str]]]:
    """Text -> the listed formulae (in list order, joint projects left out) holding it as at least half of
    their characters: the formulae a span lies inside, looked up instead of searched for."""
    out: dict[str, list[tuple[str, str]]] = {}
    for form, kind in formula_list():
        if kind == JOINT:
            continue
        parts = {form[a:b] for a in range(len(form)) for b in range(a + 1, len(form) + 1) if 2 * (b - a) >= len(form)}
        for part in parts:
            out.setdefault(part, []).append((form, kind))
    return out


@lru_cache(maxsize=1)
def _central() -> tuple[tuple[str, str], ...]:
    return tuple(sorted({(normalise(c[0])[0], f"{c[1]}, {c[2]}") for c in rows("central_formulations.tsv")}))


def central_origin(span: str) -> str:
    """The documented central origin of a normalised span (data/central_formulations.tsv), or ''.

    A span matches when it contains a listed formulation or lies inside one (and is at least half its length).
    """
    for formulation, origin in _central():
        if formulation in span or (span in formulation and 2 * len(span) >= len(formulation)):
            return origin
    return ""


def reuse_share(reuse: pd.DataFrame, lengths: dict[str, int], include_boilerplate: bool = False) -> pd.DataFrame:
    """Per document: characters of its text inside spans it shares with another document, and their share.

    `lengths` maps each doc_id to the length of the text the offsets refer to (the parsed Simplified
    text). Overlapping spans are counted once. Formula spans are left out unless asked for.
    """
    rows_ = reuse if include_boilerplate else reuse[~reuse["boilerplate"]]
    intervals = defaultdict(list)
    for side in ("source", "target"):
        for doc, start, end in zip(rows_[f"{side}_doc"], rows_[f"{side}_start"], rows_[f"{side}_end"], strict=True):
            intervals[doc].append((start, end))
    out = []
    for doc_id, n_chars in lengths.items():
        covered, last_end = 0, -1
        for start, end in sorted(intervals.get(doc_id, [])):
            start = max(start, last_end)
            if end > start:
                covered += end - start
            last_end = max(last_end, end)
        out.append((doc_id, covered, covered / n_chars if n_chars else 0.0))
    return pd.DataFrame(out, columns=["doc_id", "reused_chars", "reused_share"])


def pair_summary(reuse: pd.DataFrame, include_boilerplate: bool = False) -> pd.DataFrame:
    """One row per pair of documents: spans shared, normalised characters shared, the longest span.

    Formula spans are left out unless asked for. Sorted by characters shared, largest first.
    """
    rows_ = reuse if include_boilerplate else reuse[~reuse["boilerplate"]]
    out = (rows_.groupby(["source_doc", "target_doc", "direction"], as_index=False)
           .agg(spans=("length", "size"), chars=("length", "sum"), longest=("length", "max")))
    return out.sort_values(["chars", "source_doc", "target_doc"], ascending=[False, True, True], ignore_index=True)


def distinct_passages(reuse: pd.DataFrame, side) -> pd.DataFrame:
    """The distinct passages of the documents in `side` that shared spans cover: each span is taken on the
    side's document (source or target), and spans overlapping within one clause are merged into one passage,
    so a passage shared with three documents, or found whole and in part, counts once. Columns doc_id,
    clause_id, start, end, spans (how many spans the passage gathers); sorted by document and offset."""
    side = set(side)
    cols = ["doc_id", "clause_id", "start", "end", "spans"]
    parts = []
    for end in ("source", "target"):
        rows_ = reuse[reuse[f"{end}_doc"].isin(side)]
        parts.append(pd.DataFrame({"doc_id": rows_[f"{end}_doc"], "clause_id": rows_[f"{end}_clause"],
                                   "start": rows_[f"{end}_start"], "end": rows_[f"{end}_end"]}))
    spans = pd.concat(parts, ignore_index=True).sort_values(["doc_id", "clause_id", "start", "end"])
    out: list[list] = []
    for r in spans.itertuples(index=False):
        last = out[-1] if out else None
        if last and last[0] == r.doc_id and last[1] == r.clause_id and r.start < last[3]:
            last[3], last[4] = max(last[3], int(r.end)), last[4] + 1
        else:
            out.append([r.doc_id, r.clause_id, int(r.start), int(r.end), 1])
    return pd.DataFrame(out, columns=cols)
