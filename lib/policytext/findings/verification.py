"""Second-reader records of the notebooks' findings: which finding was re-checked against the texts, by a
reader who did not write it, with what recount, which passages, and what verdict.

A record names a finding by its notebook and key and carries the finding's fingerprint: a short hash of
what the finding states (claim, numbers, compared groups, quoted evidence). When a rerun changes any of
these, the fingerprint changes and the record no longer counts: the finding must be read again
(`stale`). Records live in `tests/data/verification/records.csv` (method in its README).
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from .core import collect

VERDICTS = ("correct", "trivial", "misleading", "wrong")
COLUMNS = ("notebook", "key", "fingerprint", "checked_at", "reader", "verdict", "recount", "passages", "note")
# What a finding states; a change to any of these makes its record stale.
STATED = ("claim", "numbers", "comparison", "evidence")


def fingerprint(finding: dict) -> str:
    """A 12-hex-digit hash of what a finding states (its claim, numbers, groups and quotes)."""
    stated = {k: finding.get(k) for k in STATED}
    text = json.dumps(stated, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def notebook_findings(notebooks: str | Path) -> list[dict]:
    """Every finding stored in the executed notebooks of a folder, with `notebook` (file stem) and
    `fingerprint` added, in file and output order."""
    found = []
    for path in sorted(Path(notebooks).glob("*.ipynb")):
        for data in collect(json.loads(path.read_text(encoding="utf-8"))):
            found.append({**data, "notebook": path.stem, "fingerprint": fingerprint(data)})
    return found


def read_records(path: str | Path) -> pd.DataFrame:
    """The records file as a table; a ValueError names the file, the line and what is wrong."""
    path = Path(path)
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        if tuple(reader.fieldnames or ()) != COLUMNS:
            raise ValueError(f"{path}: columns must be {', '.join(COLUMNS)}; found {reader.fieldnames}")
        rows = list(reader)
    seen = set()
    for line, row in enumerate(rows, start=2):
        if row["verdict"] not in VERDICTS:
            raise ValueError(f"{path}, line {line}: verdict {row['verdict']!r} is not one of {', '.join(VERDICTS)}")
        if not (row["recount"].strip() and row["passages"].strip() and row["reader"].strip()):
            raise ValueError(f"{path}, line {line}: a record needs its reader, recount and passages read")
        name = (row["notebook"], row["key"])
        if name in seen:
            raise ValueError(f"{path}, line {line}: {name[0]} / {name[1]} has a second record")
        seen.add(name)
    return pd.DataFrame(rows, columns=list(COLUMNS))


def status(findings: Iterable[dict], records: pd.DataFrame) -> pd.DataFrame:
    """One row per stated finding: its record's verdict and whether the record is current.

    `state` is `verified` (a record with the finding's fingerprint), `stale` (a record of an earlier
    version of the finding) or `unverified` (no record). Findings not stated on the corpus need none.
    """
    by_name = {(r.notebook, r.key): r for r in records.itertuples(index=False)}
    rows = []
    for f in findings:
        if not f.get("holds"):
            continue
        record = by_name.get((f["notebook"], f["key"]))
        if record is None:
            state, verdict = "unverified", ""
        else:
            state = "verified" if record.fingerprint == f["fingerprint"] else "stale"
            verdict = record.verdict
        rows.append({"notebook": f["notebook"], "key": f["key"], "headline": bool(f.get("headline")),
                     "fingerprint": f["fingerprint"], "state": state, "verdict": verdict})
    return pd.DataFrame(rows, columns=["notebook", "key", "headline", "fingerprint", "state", "verdict"])


def orphans(findings: Iterable[dict], records: pd.DataFrame) -> list[tuple[str, str]]:
    """Records that name no stated finding (a finding renamed or dropped): they must be removed."""
    stated = {(f["notebook"], f["key"]) for f in findings if f.get("holds")}
    return sorted({(r.notebook, r.key) for r in records.itertuples(index=False)} - stated)


def worksheet(findings: Iterable[dict], records: pd.DataFrame) -> list[dict]:
    """The findings a reader must (re)check: every stated finding whose record is missing or stale,
    with what it states, for reading against the texts."""
    todo = status(findings, records)
    todo = todo[todo["state"] != "verified"]
    wanted = set(zip(todo["notebook"], todo["key"], strict=True))
    return [{k: f.get(k) for k in ("notebook", "key", "fingerprint", "headline", "claim", "detail", "numbers",
                                   "comparison", "evidence", "caveat")}
            for f in findings if (f["notebook"], f["key"]) in wanted]
