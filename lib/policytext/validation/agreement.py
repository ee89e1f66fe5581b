"""Agreement of the automatic coders with hand-made gold annotations.

Indicators: precision and recall of extracted quantities (located by the gold's context and matched
on value and unit), and accuracy of kind, qualifier, bound and value_max on the matched ones. Codes: Cohen's kappa,
precision and recall per theme and instrument side, clause by clause (clauses located by a snippet).
Primary instruments: Cohen's kappa per side (unit coded that side or not), for the four-way
instrument (supply / environment / demand / none) and the sub-tool confusion, against the
independent blind coding (lib/policytext/data/gold/independent) or any table with gold and coded columns.
The gold files and their methods are in tests/data/gold/.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from pathlib import Path

import pandas as pd

from ..coding.codes import INSTRUMENTS, THEMES, code_clauses, unit_codes
from ..coding.instruments import SIDES, code_units
from ..parsing.script import detect_script, to_simplified
from ..pipeline.tables import Tables, parse_corpus
from ..reading.catalog import COLUMNS
from ..reading.corpus import Corpus, written_bounds


def _locate(text: str, context: str, surface: str) -> int:
    """Offset in `text` of `surface` inside `context`; whitespace is ignored when the exact text is absent."""
    at = text.find(context)
    if at >= 0:
        inner = context.find(surface)
        return at + max(inner, 0)
    keep = [i for i, ch in enumerate(text) if not ch.isspace()]
    squeezed = "".join(text[i] for i in keep)
    bare = "".join(context.split())
    at = squeezed.find(bare)
    if at < 0:
        return -1
    inner = bare.find("".join(surface.split()))
    return keep[at + max(inner, 0)]


def _same(a, b) -> bool:
    """Two values agree (both missing, or equal to a millionth)."""
    a = float("nan") if a in ("", None) else float(a)
    b = float("nan") if b in ("", None) else float(b)
    if a != a or b != b:
        return a != a and b != b
    return abs(a - b) <= 1e-6 * max(1.0, abs(a))


def indicator_agreement(tables: Tables, gold: str | Path) -> dict:
    """Precision, recall and attribute accuracy of tables.indicators against a gold indicators.csv.

    `gold` is the CSV itself or a folder holding indicators.csv. A gold row matches the extracted
    indicator that overlaps its located surface and has the same unit and value; kind, qualifier, bound
    and value_max are scored on the matched rows when the gold has those columns.
    """
    path = Path(gold)
    path = path / "indicators.csv" if path.is_dir() else path
    gold_rows = pd.read_csv(path, dtype=str, keep_default_na=False)
    files = tables.documents.set_index("doc_id")["file"]
    found = tables.indicators.copy()
    found["file"] = found["doc_id"].map(files)
    found = found[found["file"].isin(set(gold_rows["file"]))].reset_index(drop=True)
    by_file = tables.documents.set_index("file")["doc_id"]
    candidates: dict[tuple[str, str], list[int]] = {}  # (file, unit) -> rows of `found`, in order
    for i, key in enumerate(zip(found["file"].tolist(), found["unit"].tolist(), strict=True)):
        candidates.setdefault(key, []).append(i)
    rows = found.to_dict("records")
    used: set[int] = set()
    scores = {"kind": [], "qualifier": [], "bound": [], "value_max": []}
    misses, errors = [], []
    texts: dict[str, str] = {}
    for g in gold_rows.to_dict("records"):
        if g["file"] not in by_file.index:
            raise ValueError(f"{path}: gold file {g['file']!r} is not in the corpus")
        if g["file"] not in texts:
            texts[g["file"]] = tables.parsed[by_file[g["file"]]].simplified
        pos = _locate(texts[g["file"]], g["context"], g["surface"])
        # spans overlap: the gold surface may include a qualifier the extraction keeps apart (最高给予200万元)
        end = pos + len(g["surface"])
        hit = [i for i in candidates.get((g["file"], g["unit"]), [])
               if i not in used and _same(rows[i]["value"], g["value"]) and rows[i]["start"] < end
               and pos < rows[i]["end"]]
        if not hit:
            misses.append((g["file"], g["surface"], g["context"]))
            continue
        found_row = rows[hit[0]]
        used.add(hit[0])
        for column in scores:
            if column in g:
                ok = (_same(found_row[column], g[column]) if column == "value_max"
                      else found_row[column] == g[column])
                scores[column].append(ok)
                if not ok:
                    errors.append((column, g["file"], g["surface"], g[column], found_row[column]))
    matched = len(used)
    return {
        "gold": len(gold_rows), "found": len(found), "matched": matched,
        "precision": matched / len(found) if len(found) else 0.0,
        "recall": matched / len(gold_rows) if len(gold_rows) else 0.0,
        **{f"{c}_accuracy": sum(v) / len(v) if v else float("nan") for c, v in scores.items()},
        "false_positives": [(r["doc_id"], r["surface"]) for i, r in enumerate(rows) if i not in used],
        "misses": misses,
        "attribute_errors": errors,
    }


_BLOCK_END = re.compile(r"(?i)<br\s*/?>|</p>|</tr>|</div>|</li>|</h\d>|</td>")


def visible_text(path: Path) -> str:
    """A development-set document's text as its annotator read it (the rule of tests/data/devset/README.md).

    Plain text as it is; HTML without scripts, styles and comments, a line break at each block end,
    other tags dropped, entities decoded, lines stripped and empty lines dropped.
    """
    text = path.read_text(encoding="utf-8")
    if path.suffix != ".html":
        return text
    text = re.sub(r"(?is)<(script|style).*?</\1>", "", text)
    text = re.sub(r"(?is)<!--.*?-->", "", text)
    text = _BLOCK_END.sub("\n", text)
    text = html.unescape(re.sub(r"<[^>]+>", "", text))
    return "\n".join(line for line in (raw.strip() for raw in text.split("\n")) if line)


def devset_tables(devset: str | Path) -> Tables:
    """Parse the development set (devset/docs/*.txt|*.html, written dates from devset/gold.json)."""
    folder = Path(devset)
    docs = folder / "docs"
    if not docs.is_dir():
        raise FileNotFoundError(f"{docs}: no development-set documents (expected docs/*.txt or docs/*.html)")
    gold_path = folder / "gold.json"
    dates = {}
    if gold_path.exists():
        dates = {d["file"]: d.get("date_written", "") for d in json.loads(gold_path.read_text("utf-8"))["documents"]}
    records = []
    for path in sorted(p for p in docs.iterdir() if p.suffix in (".txt", ".html")):
        text = visible_text(path)
        row = {c: "" for c in COLUMNS} | {
            "doc_id": path.stem, "file": path.name, "date_written": dates.get(path.name, ""),
            "date_written_basis": "devset gold.json", "region": "unknown",
        }
        records.append(row | written_bounds(row) | {
            "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(), "script": detect_script(text), "text": text,
        })
    return parse_corpus(Corpus(path=docs, documents=pd.DataFrame.from_records(records)))


def cohen_kappa(gold: list[int], pred: list[int]) -> float:
    """Cohen's kappa of two binary codings (1.0 when both are constant and equal)."""
    n = len(gold)
    po = sum(g == p for g, p in zip(gold, pred, strict=True)) / n
    pg, pp = sum(gold) / n, sum(pred) / n
    pe = pg * pp + (1 - pg) * (1 - pp)
    return 1.0 if pe == 1 else (po - pe) / (1 - pe)


def multi_kappa(gold: list[str], pred: list[str]) -> float:
    """Cohen's kappa of two nominal codings with any number of labels (1.0 when both are one constant)."""
    n = len(gold)
    if n == 0 or n != len(pred):
        raise ValueError(f"kappa needs two codings of the same non-zero length, got {len(gold)} and {len(pred)}")
    po = sum(g == p for g, p in zip(gold, pred, strict=True)) / n
    labels = set(gold) | set(pred)
    pe = sum((gold.count(v) / n) * (pred.count(v) / n) for v in labels)
    return 1.0 if pe == 1 else (po - pe) / (1 - pe)


def _binary_row(category: str, g: list[int], p: list[int]) -> dict:
    tp = sum(a and b for a, b in zip(g, p, strict=True))
    return {"category": category, "gold_positive": sum(g), "coded_positive": sum(p), "kappa": cohen_kappa(g, p),
            "precision": tp / sum(p) if sum(p) else float("nan"), "recall": tp / sum(g) if sum(g) else float("nan"),
            "agreement": sum(a == b for a, b in zip(g, p, strict=True)) / len(g)}


def primary_agreement(units: pd.DataFrame) -> dict:
    """Agreement of primary codes: `units` has gold_instrument, gold_subtool, instrument, subtool columns.

    Returns {'n', 'sides' (DataFrame: one row per side, binary kappa, precision, recall, agreement),
    'instrument_kappa' (four-way incl. none), 'instrument_agreement', 'subtool_kappa',
    'subtool_agreement', 'confusion' (DataFrame: gold sub-tool rows x coded sub-tool columns)}.
    """
    gi, pi = units["gold_instrument"].tolist(), units["instrument"].tolist()
    gs, ps = units["gold_subtool"].tolist(), units["subtool"].tolist()
    sides = pd.DataFrame([_binary_row(side, [int(v == side) for v in gi], [int(v == side) for v in pi])
                          for side in SIDES])
    confusion = pd.crosstab(units["gold_subtool"].rename("gold"), units["subtool"].rename("coded"))
    return {
        "n": len(units), "sides": sides,
        "instrument_kappa": multi_kappa(gi, pi),
        "instrument_agreement": sum(a == b for a, b in zip(gi, pi, strict=True)) / len(gi),
        "subtool_kappa": multi_kappa(gs, ps),
        "subtool_agreement": sum(a == b for a, b in zip(gs, ps, strict=True)) / len(gs),
        "confusion": confusion,
    }


def code_independent(gold_dir: str | Path) -> pd.DataFrame:
    """The independent blind gold (gold_dir/units.csv, sources.csv) with the automatic primary code of
    every unit beside it: each document's units are coded in order (Simplified) by `code_units`, with
    the document's written year from sources.csv."""
    gold_dir = Path(gold_dir)
    units = pd.read_csv(gold_dir / "units.csv", dtype=str, keep_default_na=False)
    sources = pd.read_csv(gold_dir / "sources.csv", dtype=str, keep_default_na=False)
    missing = {"file", "unit_id", "unit_text", "instrument", "subtool"} - set(units.columns)
    if missing:
        raise ValueError(f"{gold_dir / 'units.csv'}: missing columns {sorted(missing)}")
    years = {r.file: int(r.date_written[:4]) for r in sources.itertuples() if r.date_written[:4].isdigit()}
    by_row = {}
    for file, group in units.groupby("file", sort=False):
        by_row |= dict(zip(group.index, code_units([to_simplified(t) for t in group["unit_text"]], years.get(file)),
                           strict=True))
    codes = [by_row[i] for i in units.index]
    return pd.DataFrame({
        "file": units["file"], "unit_id": units["unit_id"], "unit_text": units["unit_text"],
        "gold_instrument": units["instrument"], "gold_subtool": units["subtool"],
        "instrument": [c.instrument for c in codes], "subtool": [c.subtool for c in codes],
        "basis": [c.basis for c in codes], "secondary": [";".join(c.secondary) for c in codes],
    })


def seed_primary_agreement(tables: Tables, gold_dir: str | Path) -> pd.DataFrame:
    """Per instrument side: kappa etc. of the clauses' primary side against the tuned-on seed gold
    (gold_dir/codes.csv, multi-label: a clause with two gold sides can match at most one)."""
    gold = pd.read_csv(Path(gold_dir) / "codes.csv", dtype=str, keep_default_na=False)
    primary = unit_codes(tables.codes).merge(tables.clauses[["clause_id", "text"]], on="clause_id")
    by_file = tables.documents.set_index("file")["doc_id"]
    coded = []
    for g in gold.itertuples():
        hit = primary[(primary["doc_id"] == by_file[g.file]) & primary["text"].str.contains(g.snippet, regex=False)]
        if len(hit) != 1:
            raise ValueError(f"gold snippet {g.snippet!r} of {g.file} matches {len(hit)} clauses")
        coded.append(hit.iloc[0]["instrument"])
    return pd.DataFrame([_binary_row(side, [int(v) for v in gold[side]], [int(c == side) for c in coded])
                         for side in SIDES])


def code_agreement(tables: Tables, gold_dir: str | Path) -> pd.DataFrame:
    """Per category: support, kappa, precision, recall, raw agreement over gold_dir/codes.csv clauses
    (instrument sides here are the multi-label cue columns, not the primary code)."""
    gold = pd.read_csv(Path(gold_dir) / "codes.csv", dtype=str, keep_default_na=False)
    coded = code_clauses(tables.codes)  # the pipeline's codes stage, not the coder run again
    clauses = coded.merge(tables.clauses[["clause_id", "text"]], on="clause_id")
    by_file = tables.documents.set_index("file")["doc_id"]
    predicted = []
    for g in gold.itertuples():
        doc_clauses = clauses[clauses["doc_id"] == by_file[g.file]]
        hit = doc_clauses[doc_clauses["text"].str.contains(g.snippet, regex=False)]
        if len(hit) != 1:
            raise ValueError(f"gold snippet {g.snippet!r} of {g.file} matches {len(hit)} clauses")
        predicted.append(hit.iloc[0])
    rows = []
    for category in THEMES + INSTRUMENTS:
        column = "themes" if category in THEMES else "instruments"
        g = [int(v) for v in gold[category]]
        p = [int(category in row[column].split(";")) for row in predicted]
        rows.append(_binary_row(category, g, p))
    return pd.DataFrame(rows)


def stage_agreement(gold_dir: str | Path) -> tuple[dict, pd.DataFrame]:
    """Value-chain stage coder against gold_dir/units.csv (column `stage`): summary and confusion table.

    Each unit's own text is coded (no alignment to parsed clauses). The summary has n, kappa, raw
    agreement, and per stage the gold and coded counts; the confusion table has gold stages as rows.
    """
    from ..coding.valuechain import NONE, STAGES, stage_of
    from ..parsing.script import to_simplified

    units = pd.read_csv(Path(gold_dir) / "units.csv", dtype=str, keep_default_na=False)
    gold = units["stage"].tolist()
    pred = [stage_of(to_simplified(t)) for t in units["unit_text"]]
    order = [*STAGES, NONE]
    confusion = pd.crosstab(pd.Categorical(gold, order), pd.Categorical(pred, order), dropna=False,
                            rownames=["gold"], colnames=["coded"])
    summary = {
        "n": len(gold), "kappa": multi_kappa(gold, pred),
        "agreement": sum(g == p for g, p in zip(gold, pred, strict=True)) / len(gold),
        "gold_staged": sum(g != NONE for g in gold), "coded_staged": sum(p != NONE for p in pred),
    }
    return summary, confusion
