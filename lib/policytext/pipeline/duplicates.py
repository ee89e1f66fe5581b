"""Duplicates: which documents are copies of one another, and which are versions of one instrument.

A corpus-wide stage of the pipeline (policytext.pipeline): `document_features` runs in the workers on
each document (its cleaned text's matching form, hashed, and a MinHash of it), `duplicate_table` once
on what every chunk collected. One row per document (DUPLICATE_COLUMNS):

- exact: the same bytes (sha256) or the same matching form of the cleaned text in the same format;
- format: the same matching form of the cleaned text from another format (an .html and a .docx of one
  notice);
- near: document-level MinHash (datasketch's scheme, `num_perm` permutations, fixed `seed`) of the matching
  form's `shingle`-character shingles (every pair compared up to EXHAUSTIVE documents, datasketch's MinHash
  LSH beyond), Jaccard estimate at least `threshold` (0.8: a repost with a changed line or other page
  furniture; two different notices of one office rarely share 80 % of their shingles);
- near also: the same title and issuer, or the same document number (文号), and the same (or unknown) written
  dates, with other text: one text edited (a repost with a line changed, however short the text);
- version: the same title and issuer, or the same document number, with other written dates or numbers —
  or a near copy whose dates or document numbers differ (a revision that changed little): a version is its own
  text, so it stays analysed.

Copies (exact, format, near) form a group; one is canonical, by a fixed rule (`canonical_order`): the
format that keeps the text best (md, txt, html, docx, others, pdf), then the longest cleaned text, then the
doc_id. Only canonical documents (column `canonical` True) are analysed further by the corpus-wide
stages (reuse compares representatives only); the others are kept with the evidence in `why`.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from .reuse import matching_forms, ngram_hashes

DUPLICATE_COLUMNS = ["doc_id", "group", "canonical_doc", "canonical", "relation", "why", "version_group",
                     "latest_version"]
SCHEME = "affine32"  # datasketch's hashing scheme, named so that signatures rebuilt from their values agree
EXHAUSTIVE = 1000  # documents up to which near copies are found by comparing every pair of signatures
RELATIONS = ("unique", "canonical", "exact", "format", "near", "version")
FORMAT_ORDER = ("md", "txt", "html", "htm", "docx", "doc", "xlsx", "csv", "pdf")
_TITLE_NOISE = re.compile(r"[\s《》“”\"'\[\]【】（）()〔〕]|\d{4}年?(?:修正|修订)?")


@dataclass(frozen=True)
class Params:
    """shingle: characters per shingle (5: about two and a half words, specific enough that two texts on one
    subject share few); threshold: Jaccard estimate from which two texts are near copies; num_perm: MinHash
    permutations (128: the estimate within about ±0.04); seed: fixed, so that runs are identical."""

    shingle: int = 5
    threshold: float = 0.8
    num_perm: int = 128
    seed: int = 1


@dataclass
class DocumentFeatures:
    """What the duplicates stage keeps of one document: ids and catalog fields, the hash of its text's
    matching form, and its MinHash signature."""

    doc_id: str
    format: str
    sha256: str
    text_hash: str
    chars: int
    title: str
    issuer: str
    doc_number: str
    written: tuple[str, str]
    signature: np.ndarray


def _field(row: dict, name: str) -> str:
    value = row.get(name)
    return "" if value is None or str(value) == "nan" else str(value).strip()


def document_features(documents: pd.DataFrame, texts: dict[str, str],
                      params: Params = Params()) -> list[DocumentFeatures]:
    """The duplicates stage's collect: each document's features from its documents row and cleaned text."""
    rows = documents.to_dict("records")
    forms, _, _ = matching_forms([texts.get(str(r["doc_id"]), "") for r in rows])
    out = []
    for row, form in zip(rows, forms, strict=True):
        hashed = ngram_hashes(form, params.shingle)
        shingles = np.unique(((hashed >> np.uint64(32)) ^ (hashed & np.uint64(0xFFFFFFFF))).astype(np.uint32))
        out.append(DocumentFeatures(
            str(row["doc_id"]), _field(row, "format").lower(), _field(row, "sha256"),
            hashlib.sha1(form.encode("utf-8")).hexdigest() if form else "", len(form),
            _TITLE_NOISE.sub("", _field(row, "title")), _field(row, "issuer") or _field(row, "publisher"),
            _field(row, "doc_number"), (_field(row, "written_from"), _field(row, "written_to")),
            minhash(shingles, params),
        ))
    return out


@lru_cache(maxsize=4)
def _permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    # datasketch's affine32 permutations for this seed (MinHash._init_permutations), drawn the same way
    gen = np.random.RandomState(seed)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


def minhash(shingles: np.ndarray, params: Params = Params()) -> np.ndarray:
    """The MinHash signature of a set of 32-bit shingle hashes: the values datasketch's MinHash (scheme affine32,
    `params.seed`, hashfunc=int) gives for them, computed here with numpy so that the workers need not import
    datasketch (and SciPy with it); the finish step hands them to datasketch's LSH. Empty for an empty set."""
    if not len(shingles):
        return np.empty(0, np.uint32)
    a, b = _permutations(params.num_perm, params.seed)
    h = shingles.astype(np.uint32)  # a copy: mixed in place below
    h ^= h >> np.uint32(16)  # the MurmurHash3 finaliser datasketch mixes inputs with
    h *= np.uint32(0x85EBCA6B)
    h ^= h >> np.uint32(13)
    h *= np.uint32(0xC2B2AE35)
    h ^= h >> np.uint32(16)
    out = np.full(params.num_perm, np.iinfo(np.uint32).max, dtype=np.uint32)
    # a block of shingles at a time, permuted in one buffer reused (in the processor's cache: twice as fast
    # as a new array per block of 4,096)
    buffer = np.empty((1024, params.num_perm), dtype=np.uint32)
    for start in range(0, len(h), 1024):
        block = buffer[: min(1024, len(h) - start)]
        np.multiply(h[start : start + 1024, None], a[None, :], out=block)
        np.add(block, b[None, :], out=block)
        np.minimum(out, block.min(axis=0), out=out)
    return out


def canonical_order(f: DocumentFeatures) -> tuple:
    """The sort key whose first document in a group of copies is canonical."""
    rank = FORMAT_ORDER.index(f.format) if f.format in FORMAT_ORDER else len(FORMAT_ORDER) - 1
    return rank, -f.chars, f.doc_id


class _Groups:
    """Union-find over document positions (the smaller position is the root, so groups are deterministic)."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def _jaccard(a: DocumentFeatures, b: DocumentFeatures) -> float:
    if not len(a.signature) or not len(b.signature):
        return 0.0
    return float(np.mean(a.signature == b.signature))


def _dates_differ(a: DocumentFeatures, b: DocumentFeatures) -> bool:
    (a0, a1), (b0, b1) = a.written, b.written
    return bool((a1 and b0 and a1 < b0) or (b1 and a0 and b1 < a0))


def _is_version(a: DocumentFeatures, b: DocumentFeatures) -> bool:
    return _dates_differ(a, b) or bool(a.doc_number and b.doc_number and a.doc_number != b.doc_number)


def _near_pairs(feats: list[DocumentFeatures], params: Params) -> list[tuple[int, int, float]]:
    """Pairs (i < j) of documents whose MinHash Jaccard estimate is at least the threshold, in order. Up to
    EXHAUSTIVE documents every pair of signatures is compared (numpy, exact estimates, and no SciPy to load
    for datasketch); beyond, datasketch's MinHash LSH gives the candidates."""
    with_sig = [i for i, f in enumerate(feats) if len(f.signature)]
    pairs = []
    if len(with_sig) <= EXHAUSTIVE:
        signatures = np.stack([feats[i].signature for i in with_sig]) if with_sig else None
        for a, i in enumerate(with_sig[:-1]):
            estimates = (signatures[a + 1 :] == signatures[a]).mean(axis=1)
            for b in np.flatnonzero(estimates >= params.threshold).tolist():
                pairs.append((i, with_sig[a + 1 + b], float(estimates[b])))
        return pairs
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=params.threshold, num_perm=params.num_perm)
    hashes = {i: MinHash(num_perm=params.num_perm, seed=params.seed, hashvalues=feats[i].signature,
                         scheme=SCHEME) for i in with_sig}
    for i in with_sig:
        lsh.insert(i, hashes[i])
    for i in with_sig:
        for j in sorted(lsh.query(hashes[i])):
            if j > i and (estimate := _jaccard(feats[i], feats[j])) >= params.threshold:
                pairs.append((i, j, estimate))
    return pairs


def duplicate_table(parts: list[list[DocumentFeatures]], params: Params = Params()) -> pd.DataFrame:
    """The duplicates stage's finish: one row per document (DUPLICATE_COLUMNS), in corpus order."""
    feats = [f for part in parts for f in part]
    n = len(feats)
    copies, versions = _Groups(n), _Groups(n)
    version_links: list[tuple[int, int, str]] = []
    first: dict[tuple, int] = {}
    for i, f in enumerate(feats):
        for key in (("sha", f.sha256), ("text", f.text_hash)):
            if key[1]:
                j = first.setdefault(key, i)
                if j != i:
                    copies.join(i, j)
    for i, j, estimate in _near_pairs(feats, params):
        if copies.find(i) == copies.find(j):
            continue
        if _is_version(feats[i], feats[j]):
            version_links.append((i, j, f"near copy (Jaccard ≈ {estimate:.2f}) with other dates or 文号"))
        else:
            copies.join(i, j)
    # one instrument: same title and issuer, or same document number. With other dates or numbers it is another
    # version; with the same (or unknown) dates it is the same text, edited (a repost with a line changed)
    by_key: dict[tuple, int] = {}
    same_instrument: dict[int, str] = {}
    for i, f in enumerate(feats):
        keys = []
        if f.title and f.issuer:
            keys.append((("title", f.title, f.issuer), f"same title and issuer: {f.title} / {f.issuer}"))
        if f.doc_number:
            keys.append((("number", f.doc_number), f"same 文号: {f.doc_number}"))
        for key, why in keys:
            j = by_key.setdefault(key, i)
            if j == i:
                continue
            if _is_version(feats[i], feats[j]):
                version_links.append((j, i, why))
            elif copies.find(i) != copies.find(j):
                copies.join(i, j)
                same_instrument.setdefault(i, why + ", same dates")
    members: dict[int, list[int]] = {}
    for i in range(n):
        members.setdefault(copies.find(i), []).append(i)
    canonical_of = {}
    for group in members.values():
        chosen = min(group, key=lambda k: canonical_order(feats[k]))
        for k in group:
            canonical_of[k] = chosen
    version_why: dict[int, str] = {}
    for i, j, why in version_links:
        i, j = canonical_of[i], canonical_of[j]
        if i != j:
            versions.join(i, j)
            version_why.setdefault(i, why)
            version_why.setdefault(j, why)
    in_versions: dict[int, list[int]] = {}
    for i in set(canonical_of.values()):
        in_versions.setdefault(versions.find(i), []).append(i)
    rows = []
    for i, f in enumerate(feats):
        c = canonical_of[i]
        vgroup = in_versions[versions.find(c)]
        latest = max(vgroup, key=lambda k: (feats[k].written[1], feats[k].written[0], feats[k].doc_id))
        version_group = feats[min(vgroup)].doc_id if len(vgroup) > 1 else ""
        if i != c:
            g = feats[c]
            if f.sha256 and f.sha256 == g.sha256:
                relation, why = "exact", f"same bytes (sha256 {f.sha256[:12]}) as {g.doc_id}"
            elif f.text_hash and f.text_hash == g.text_hash:
                relation = "format" if f.format != g.format else "exact"
                why = f"same text ({f.chars} matching characters) as {g.doc_id} ({g.format})"
            else:
                relation = "near"
                why = f"near copy of {g.doc_id}: Jaccard ≈ {_jaccard(f, g):.2f}"
                if i in same_instrument or c in same_instrument:
                    why += f" ({same_instrument.get(i) or same_instrument[c]})"
        elif len(vgroup) > 1:
            relation, why = "version", version_why.get(i, "")
        elif len(members[copies.find(i)]) > 1:
            group = sorted(members[copies.find(i)])
            relation, why = "canonical", f"kept of {len(group)} copies ({', '.join(feats[k].doc_id for k in group)})"
        else:
            relation, why = "unique", ""
        rows.append((f.doc_id, g_id := feats[c].doc_id, g_id, i == c, relation, why, version_group,
                     feats[latest].doc_id if version_group else ""))
    return pd.DataFrame(rows, columns=DUPLICATE_COLUMNS).astype({"canonical": bool})


def canonical_documents(documents: pd.DataFrame, duplicates: pd.DataFrame) -> pd.DataFrame:
    """The documents analysed: one row per group of copies (the canonical one), versions kept, with the
    duplicates columns joined; `attrs["set_aside"]` is the number of copies left out."""
    joined = documents.merge(duplicates.drop(columns=[c for c in duplicates.columns if c in documents.columns
                                                      and c != "doc_id"]), on="doc_id", how="left")
    kept = joined[joined["canonical"].fillna(True).astype(bool)].reset_index(drop=True)
    kept.attrs["set_aside"] = len(joined) - len(kept)
    return kept
