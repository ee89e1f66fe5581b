"""Readable, stable ids for documents no catalog names: place, type, year and a short hash of the title.

    national-law-2020-3f9a      a national law printed in its 2020 version
    cq-localreg-2018-07bc       a Chongqing local regulation
    chengdu-notice-2023-5d21    a Chengdu notice

The place is `national`, a province-level unit's code (data/id_places.tsv: cq, sc, gd …) or a city's
ASCII name (data/admin_regions.tsv); the type is the short name of data/doc_types.tsv; the year is the
written year (left out when the text prints none); the hash is of the title as printed (whitespace
ignored), so the id survives a renamed file and a rerun. Ids are made unique within a corpus by a longer
hash of the title and text.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache

from ..datafiles import rows
from ..parsing.doctypes import OTHER, doc_types, infer_type
from ..parsing.history import parse_history, version_date
from ..parsing.regions import NATIONAL, region_of, region_record

_HEAD_CHARS = 4000  # the title, header and history lie well within the text's first few thousand characters
_TITLE_ISSUERS = re.compile(r"^(.{2,60}?)关于")


@cache
def place_ids() -> dict[str, str]:
    """Province-level unit -> its id (data/id_places.tsv)."""
    return {r[0]: r[1] for r in rows("id_places.tsv")}


def place_id(region: str) -> str:
    """The id part naming a region label ('National' -> national, Chongqing -> cq, Chengdu -> chengdu)."""
    if region == NATIONAL:
        return "national"
    record = region_record(region)
    if record is None:
        return "unplaced"
    if record.level == "province":
        return place_ids().get(record.name, "unplaced")
    if record.ascii:
        return re.sub(r"[^a-z0-9]", "", record.ascii.lower())
    return place_ids().get(record.province, "unplaced")


def _hash(text: str, n: int) -> str:
    return hashlib.sha1(re.sub(r"\s+", "", text).encode("utf-8")).hexdigest()[:n]


def title_of(text: str) -> str:
    """The first non-blank line of a text, as its title when no reader or catalog gives one."""
    return next((line.strip().lstrip("# ").strip() for line in text.split("\n") if line.strip()), "")


def readable_id(title: str, normalised: str, date_written: str = "", region: str = "", doc_type: str = "") -> str:
    """A document's readable id (see the module docstring) from its title and normalised text; a region
    or type already known (a catalog's) is used as given, else read from the text."""
    head = normalised[:_HEAD_CHARS]
    title = title or title_of(head)
    events = parse_history(head)
    bodies = [e.body for e in events if e.body]
    m = _TITLE_ISSUERS.match(title)
    issuers = re.split(r"[、\s]+", m.group(1)) if m else bodies[-1:]
    if not doc_type:
        doc_type, _ = infer_type(title, issuers, bodies, [e.order for e in events if e.order])
    if not region:
        # as in the documents table: a law or official text naming no place in its title, issuer or
        # history is national
        region = region_of(issuers, title, bodies)[0] or (NATIONAL if title and doc_type != OTHER else "")
    kind = next((t.id for t in doc_types() if t.name == doc_type), next(t.id for t in doc_types() if t.name == OTHER))
    year = (date_written or version_date(events))[:4]
    parts = [place_id(region), kind] + ([year] if year.isdigit() else [])
    return "-".join([*parts, _hash(title or head, 4)])


def unique_id(doc_id: str, used: set[str], title: str, text: str) -> str:
    """`doc_id` made unique among `used` by a longer hash of the title and text (then a counter)."""
    if doc_id not in used:
        return doc_id
    base = doc_id.rsplit("-", 1)[0]
    for n in (8, 12):
        candidate = f"{base}-{_hash(title + text, n)}"
        if candidate not in used:
            return candidate
    n = 2
    while f"{doc_id}-{n}" in used:
        n += 1
    return f"{doc_id}-{n}"
