"""Text reuse: formulations (提法) that one document shares with another, with their exact spans.

The method of the text-reuse literature on policy diffusion (Wilkerson, Smith & Stramp 2015; Burgess et
al. 2016; Linder et al. 2020), in three steps that keep the work near-linear in corpus size:

1. Normalise each clause for matching: full-width to half-width (NFKC), punctuation, quotation marks,
   whitespace and symbols dropped, each run of digits read as one '#', Latin letters lower-cased. A map
   from every normalised character back to its offset keeps the spans printable as they were.
2. Candidates: the clause is cut at its punctuation into phrases (a 提法 is usually one or two of them);
   every phrase and every pair of neighbouring phrases gets a MinHash of its character shingles, and
   MinHash LSH (`datasketch`) returns the windows of other documents that are likely to share it. No
   pair of clauses is compared unless LSH puts them in one bucket.
3. Alignment: each candidate clause pair is aligned (`rapidfuzz` Indel opcodes, C++), runs of equal
   characters separated by gaps of at most `max_gap` characters on both sides are joined into one
   span, and spans of at least `min_chars` normalised characters are kept, with their offsets in both
   documents.

A span found among at least `boilerplate_share` of the documents (and at least three) is flagged as
boilerplate, as Linder et al. do: formulae that every text uses say nothing about who borrowed from
whom. Direction runs from the earlier written document to the later; where written dates overlap or are
unknown the pair is undirected (a shared formulation may also come from a common, third source).
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

import pandas as pd
from rapidfuzz.distance import Indel

from .datafiles import rows

REUSE_COLUMNS = [
    "source_doc", "source_clause", "target_doc", "target_clause", "span", "source_text", "target_text",
    "source_start", "source_end", "target_start", "target_end", "length", "score", "direction", "boilerplate",
]
_PHRASE_BREAKS = frozenset("，,。；;！!？?：:\n")
_EDGE_RUN = 3


@dataclass(frozen=True)
class Params:
    """Thresholds of the reuse search, each with the reason for its default.

    shingle: characters per shingle. 4 is about two words: 3-grams such as 科技创 occur in nearly every
        clause and would flood the buckets; 5-grams leave a 12-character formulation too few shingles.
    min_chars: shortest shared span kept, in normalised characters. 10 characters hold a whole
        formulation (建设国际技术转移中心, “一带一路”科技交流大会); shorter shared strings are mostly
        common phrases (加快科技创新).
    threshold: LSH Jaccard threshold for a window pair to become a candidate. 0.5 catches a window
        that shares most of its phrase while missing phrases that only share vocabulary.
    num_perm: MinHash permutations; 64 keeps the estimate within about ±0.06 of the true Jaccard.
    max_gap: characters of difference (an inserted 的, a changed number) bridged inside one span.
    boilerplate_share: share of documents from which a span counts as boilerplate (and ≥ 3 documents).
        0.8 flags what nearly every text says; a formulation shared by a city's few texts (具有全国影响力的
        科技创新中心 in three of five) is the kind of reuse the method is for, not boilerplate. Formulae of
        official writing are flagged whatever their spread (data/reuse_boilerplate.tsv).
    seed: the MinHash seed, fixed so that runs are identical.
    """

    shingle: int = 4
    min_chars: int = 10
    threshold: float = 0.5
    num_perm: int = 64
    max_gap: int = 2
    boilerplate_share: float = 0.8
    seed: int = 1


def normalise(text: str) -> tuple[str, list[int]]:
    """`text` for matching, and for each of its characters the offset in `text` it came from."""
    out: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        c = unicodedata.normalize("NFKC", ch)
        if len(c) != 1:
            c = c[:1] if c[:1].isalnum() else ""
        if not c or c.isspace():
            continue
        if c.isdigit() and c.isascii():
            if out and out[-1] == "#":
                continue
            c = "#"
        elif c in ".,%" and out and out[-1] == "#":  # 2.5, 1,200 and 15% stay one number
            continue
        elif unicodedata.category(c)[0] in "PSZC":
            continue
        out.append(c.lower())
        where.append(i)
    return "".join(out), where


def _phrases(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the phrases of `text`, cut at its punctuation."""
    spans, start = [], 0
    for i, ch in enumerate(text):
        if ch in _PHRASE_BREAKS:
            if i > start:
                spans.append((start, i))
            start = i + 1
    if len(text) > start:
        spans.append((start, len(text)))
    return spans


def _windows(text: str, params: Params) -> list[str]:
    """Normalised phrases and pairs of neighbouring phrases long enough to hold a formulation."""
    phrases = [normalise(text[a:b])[0] for a, b in _phrases(text)]
    out = {p for p in phrases if len(p) >= params.min_chars}
    out |= {p + q for p, q in pairwise(phrases) if len(p + q) >= params.min_chars}
    return sorted(out)


def _shingles(window: str, k: int) -> list[bytes]:
    return sorted({window[i : i + k].encode("utf-8") for i in range(max(1, len(window) - k + 1))})


def candidate_pairs(clauses: pd.DataFrame, params: Params = Params()) -> list[tuple[int, int]]:
    """Row positions (i, j), i < j, of clauses of different documents that LSH says may share a span."""
    if clauses["doc_id"].nunique() < 2:
        return []  # nothing to compare (and no SciPy to load for it)
    keys, sets = [], []
    for pos, (doc_id, text) in enumerate(zip(clauses["doc_id"], clauses["text"], strict=True)):
        for n, window in enumerate(_windows(text, params)):
            keys.append((pos, doc_id, n))
            sets.append(_shingles(window, params.shingle))
    from datasketch import MinHash, MinHashLSH  # here: importing it loads SciPy, 0.7 s

    hashes = MinHash.bulk(sets, num_perm=params.num_perm, seed=params.seed)
    lsh = MinHashLSH(threshold=params.threshold, num_perm=params.num_perm)
    with lsh.insertion_session() as session:
        for key, h in zip(keys, hashes, strict=True):
            session.insert(key, h, check_duplication=False)
    pairs = set()
    for (pos, doc_id, _), h in zip(keys, hashes, strict=True):
        for other_pos, other_doc, _ in lsh.query(h):
            if other_doc != doc_id:
                pairs.add((min(pos, other_pos), max(pos, other_pos)))
    return sorted(pairs)


def shared_spans(a: str, b: str, params: Params = Params()) -> list[tuple[int, int, int, int, float]]:
    """Spans two texts share: (a_start, a_end, b_start, b_end, score) in offsets of `a` and `b`.

    Score is the share of the span's normalised characters that are equal on both sides (1.0 = verbatim).
    """
    na, where_a = normalise(a)
    nb, where_b = normalise(b)
    runs = [(op.src_start, op.src_end, op.dest_start, op.dest_end)
            for op in Indel.opcodes(na, nb) if op.tag == "equal"]
    groups: list[list[tuple[int, int, int, int]]] = []
    for run in runs:
        last = groups[-1][-1] if groups else None
        if last and run[0] - last[1] <= params.max_gap and run[2] - last[3] <= params.max_gap:
            groups[-1].append(run)
        else:
            groups.append([run])
    out = []
    for group in groups:
        # A run of one or two equal characters at either end is a chance match across the gap, not reuse.
        while group and group[0][1] - group[0][0] < _EDGE_RUN:
            group = group[1:]
        while group and group[-1][1] - group[-1][0] < _EDGE_RUN:
            group = group[:-1]
        equal = sum(r[1] - r[0] for r in group)
        if not group or equal < params.min_chars:
            continue
        s0, s1, d0, d1 = group[0][0], group[-1][1], group[0][2], group[-1][3]
        score = 2 * equal / ((s1 - s0) + (d1 - d0))
        out.append((where_a[s0], where_a[s1 - 1] + 1, where_b[d0], where_b[d1 - 1] + 1, round(score, 4)))
    return out


def _direction(dates: dict[str, tuple[str, str]], a: str, b: str) -> tuple[str, str, str]:
    """(source, target, 'forward' or 'undirected'): from the earlier written document to the later."""
    a_from, a_to = dates.get(a, ("", ""))
    b_from, b_to = dates.get(b, ("", ""))
    if a_to and b_from and a_to < b_from:
        return a, b, "forward"
    if b_to and a_from and b_to < a_from:
        return b, a, "forward"
    return (a, b, "undirected") if a <= b else (b, a, "undirected")


def find_reuse(clauses: pd.DataFrame, documents: pd.DataFrame, params: Params = Params()) -> pd.DataFrame:
    """The reuse table: one row per span shared by clauses of two documents.

    `clauses` needs doc_id, clause_id, start, end (offsets in the document's text) and text; `documents`
    needs doc_id and, for direction, written_from and written_to. Columns: REUSE_COLUMNS, offsets in
    each document's (Simplified) text; `attrs["candidates"]` holds the number of clause pairs aligned.
    """
    clauses = clauses.reset_index(drop=True)
    dates = {
        r["doc_id"]: (r.get("written_from", "") or "", r.get("written_to", "") or "")
        for r in documents.to_dict("records")
    }
    records = []
    candidates = candidate_pairs(clauses, params)
    for i, j in candidates:
        a, b = clauses.iloc[i], clauses.iloc[j]
        source, _, direction = _direction(dates, a["doc_id"], b["doc_id"])
        src, tgt = (a, b) if source == a["doc_id"] else (b, a)
        for s0, s1, t0, t1, score in shared_spans(src["text"], tgt["text"], params):
            records.append({
                "source_doc": src["doc_id"], "source_clause": src["clause_id"],
                "target_doc": tgt["doc_id"], "target_clause": tgt["clause_id"],
                "span": normalise(src["text"][s0:s1])[0],
                "source_text": src["text"][s0:s1], "target_text": tgt["text"][t0:t1],
                "source_start": int(src["start"]) + s0, "source_end": int(src["start"]) + s1,
                "target_start": int(tgt["start"]) + t0, "target_end": int(tgt["start"]) + t1,
                "length": len(normalise(src["text"][s0:s1])[0]), "score": score, "direction": direction,
            })
    table = pd.DataFrame.from_records(records, columns=REUSE_COLUMNS[:-1])
    table["boilerplate"] = _boilerplate(table, len(documents), params)
    table = table.sort_values(["source_doc", "target_doc", "source_start", "target_start"], ignore_index=True)
    table.attrs["candidates"] = len(candidates)
    return table


@lru_cache(maxsize=1)
def boilerplate_formulae() -> tuple[str, ...]:
    """Normalised formulae of official writing (data/reuse_boilerplate.tsv) that a shared span may be."""
    return tuple(sorted({normalise(cols[0])[0] for cols in rows("reuse_boilerplate.tsv")}))


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


def _boilerplate(table: pd.DataFrame, n_documents: int, params: Params) -> pd.Series:
    """True where a span is a formula of official writing, or joins `boilerplate_share` of all documents."""
    docs = defaultdict(set)
    for span, s, t in zip(table["span"], table["source_doc"], table["target_doc"], strict=True):
        docs[span] |= {s, t}
    floor = max(3, params.boilerplate_share * n_documents)
    formulae = boilerplate_formulae()

    def is_boilerplate(span: str) -> bool:
        return len(docs[span]) >= floor or any(f in span or span in f for f in formulae)

    return table["span"].map(is_boilerplate).astype(bool)


def reuse_share(reuse: pd.DataFrame, lengths: dict[str, int], include_boilerplate: bool = False) -> pd.DataFrame:
    """Per document: characters of its text inside spans it shares with another document, and their share.

    `lengths` maps each doc_id to the length of the text the offsets refer to (the parsed Simplified
    text). Overlapping spans are counted once. Boilerplate spans are left out unless asked for.
    """
    rows = reuse if include_boilerplate else reuse[~reuse["boilerplate"]]
    intervals = defaultdict(list)
    for side in ("source", "target"):
        for doc, start, end in zip(rows[f"{side}_doc"], rows[f"{side}_start"], rows[f"{side}_end"], strict=True):
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

    Boilerplate spans are left out unless asked for. Sorted by characters shared, largest first.
    """
    rows = reuse if include_boilerplate else reuse[~reuse["boilerplate"]]
    out = (rows.groupby(["source_doc", "target_doc", "direction"], as_index=False)
           .agg(spans=("length", "size"), chars=("length", "sum"), longest=("length", "max")))
    return out.sort_values(["chars", "source_doc", "target_doc"], ascending=[False, True, True], ignore_index=True)
