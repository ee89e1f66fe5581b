"""Agreement of the metadata read from documents without a catalog (written date, first date, issuer,
type, region, city, document number) with a hand-made gold.

The gold is a CSV file with one row per document: file (its path relative to the gold's folder), and
the fields doc_type, issuer, region ('national' or a province-level unit's full name), city (a city's
or county's full name, or empty), date_written, date_first (ISO days or empty), doc_number, and
not_in_text (the fields whose gold value the text does not print, separated by ';' or spaces).

A field counts for a document when its gold value is stated (type, region and city always are: an empty
city is the gold's word that the document is national or province-level); a field the
gold marks as not in the text is left out, since no reader of the text could find it. Issuers agree
when they name the same bodies (order, spacing, 中华人民共和国 and common abbreviations aside).
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pandas as pd

from ..parsing.regions import NATIONAL, province_and_city
from ..pipeline.pipeline import OPTIONAL_STAGES
from ..reading.corpus import load_corpus

# only the documents table is read: every stage after it is switched off (the pipeline's list, not a copy)
_LATER_STAGES = OPTIONAL_STAGES
FIELDS = ("date_written", "date_first", "issuer", "doc_type", "region", "city", "doc_number")
_ALIASES = (
    ("全国人大常委会", "全国人民代表大会常务委员会"), ("全国人大", "全国人民代表大会"),
    ("人大常委会", "人民代表大会常务委员会"),
    ("中国共产党中央委员会", "中共中央"), ("中央军委", "中央军事委员会"),
)
_BRACKETS = str.maketrans("[]()（）【】", "〔〕〔〕〔〕〔〕")


def read_gold(path: str | Path) -> list[dict[str, str]]:
    """The rows of a metadata gold CSV (see the module docstring)."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(f)]


def issuer_set(value: str) -> frozenset[str]:
    """The bodies an issuer value names, normalised: 'A;B', 'A、B' or 'A B' → {A, B}."""
    names = set()
    for name in re.split(r"[;；、,，\s]+", value or ""):
        name = re.sub(r"^中华人民共和国(?=国务院|最高|国家|中央)", "", name)
        for short, full in _ALIASES:
            name = name.replace(short, full) if full not in name else name
        if name:
            names.add(name)
    return frozenset(names)


def _number(value: str) -> str:
    return re.sub(r"\s+", "", value or "").translate(_BRACKETS).removeprefix("中华人民共和国")


def found_values(document: dict) -> dict[str, str]:
    """What the library read for one documents-table row, as the gold states it (region 'national' or a
    province's full name, city a full name)."""
    region = str(document.get("region") or "")
    province, city = province_and_city(region)
    return {
        "date_written": str(document.get("date_written") or ""),
        "date_first": str(document.get("date_first") or ""),
        "issuer": str(document.get("issuer") or ""),
        "doc_type": str(document.get("doc_type") or ""),
        "region": "national" if region == NATIONAL else province,
        "city": city,
        "doc_number": str(document.get("doc_number") or ""),
    }


def agrees(field: str, found: str, gold: str) -> bool:
    """Whether a value read agrees with the gold's for one field."""
    if field == "issuer":
        return issuer_set(found) == issuer_set(gold)
    if field == "doc_number":
        return _number(found) == _number(gold)
    return found == gold


def _not_in_text(row: dict) -> set[str]:
    return set(re.split(r"[;,\s]+", row.get("not_in_text", ""))) - {""}


def metadata_agreement(documents: pd.DataFrame, gold: list[dict[str, str]], key: str = "file") -> dict:
    """Per field: documents counted, agreeing, accuracy, and the misses (file, found, gold).

    documents: a documents table with a `key` column matching the gold's `file` (or its file name, e.g.
    `source_file` when the gold's file is 'dev/x.md'); gold: `read_gold` rows.
    A gold row with no document is a miss on every field it states."""
    by_key = {str(r[key]): r for r in documents.to_dict("records")}
    result = {f: {"n": 0, "agree": 0, "accuracy": float("nan"), "misses": []} for f in FIELDS}
    for row in gold:
        name = Path(row["file"]).name
        document = by_key.get(row["file"]) or by_key.get(name)
        found = found_values(document) if document is not None else {f: "" for f in FIELDS}
        skip = _not_in_text(row)
        for field in FIELDS:
            stated = field in ("doc_type", "region", "city") or row.get(field, "")
            if field not in row or not stated or field in skip:
                continue
            r = result[field]
            r["n"] += 1
            if document is not None and agrees(field, found[field], row.get(field, "")):
                r["agree"] += 1
            else:
                r["misses"].append((name, found[field], row.get(field, "")))
    for r in result.values():
        r["accuracy"] = r["agree"] / r["n"] if r["n"] else float("nan")
    return result


def gold_agreement(gold_path: str | Path, part: str = "dev") -> dict:
    """`metadata_agreement` of the gold rows of one `part` (the gold's `part` column) with the documents
    they name, each folder loaded without a catalog and parsed up to the documents table.

    Only the files the gold names are read (a gold's rows may point into other folders, as the laws
    gold's development rows point into tests/data/devset/docs)."""
    import warnings

    from ..pipeline.tables import parse_corpus

    root = Path(gold_path).parent
    gold = [r for r in read_gold(gold_path) if r.get("part", part) == part]
    by_folder: dict[Path, list[str]] = {}
    for row in gold:
        path = (root / row["file"]).resolve()
        by_folder.setdefault(path.parent, []).append(path.name)
    frames = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # every file is uncatalogued: the warnings say only that
        for folder, names in sorted(by_folder.items()):
            tables = parse_corpus(load_corpus(folder, files=names), disable=_LATER_STAGES)
            frames.append(tables.documents.assign(path=[str(folder / n) for n in tables.documents["source_file"]]))
    documents = pd.concat(frames, ignore_index=True)
    rows = [r | {"file": str((root / r["file"]).resolve())} for r in gold]
    return metadata_agreement(documents, rows, key="path")


def format_metadata_agreement(results: dict[str, dict]) -> str:
    """A table of accuracies: one row per field, one column per named result."""
    lines = ["field          " + "".join(f"{name:>26}" for name in results)]
    for field in FIELDS:
        cells = []
        for r in results.values():
            f = r[field]
            cells.append(f"{f['accuracy']:.3f} ({f['agree']}/{f['n']})" if f["n"] else "—")
        lines.append(f"{field:<15}" + "".join(f"{c:>26}" for c in cells))
    return "\n".join(lines)


def history_agreement(history_path: str | Path, gold_path: str | Path, part: str = "dev") -> dict:
    """Precision and recall of the history items read (`history.parse_history`) against a gold history
    CSV (file, seq, date, event, body, text), for the documents of one `part` of the gold at `gold_path`;
    an item agrees when its date and event agree. Misses and extras are listed (file, date, event)."""
    from ..parsing.history import parse_history
    from ..parsing.script import to_simplified
    from ..reading.readers import read_file

    root = Path(gold_path).parent
    files = [r["file"] for r in read_gold(gold_path) if r.get("part", part) == part]
    with open(history_path, encoding="utf-8-sig", newline="") as f:
        gold_items = {(r["file"], r["date"], r["event"]) for r in csv.DictReader(f) if r["file"] in set(files)}
    found = set()
    for file in files:
        text = to_simplified(read_file(root / file).documents[0].text)
        found |= {(file, e.date, e.event) for e in parse_history(text)}
    agree = gold_items & found
    return {"gold": len(gold_items), "found": len(found), "agree": len(agree),
            "precision": len(agree) / len(found) if found else float("nan"),
            "recall": len(agree) / len(gold_items) if gold_items else float("nan"),
            "misses": sorted(gold_items - found), "extras": sorted(found - gold_items)}
