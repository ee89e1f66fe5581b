"""Agreement of the automatic coders with hand-made gold annotations.

Indicators: precision and recall of extracted quantities (located by the gold's context and matched
on value and unit), and accuracy of kind and qualifier on the matched ones. Codes: Cohen's kappa,
precision and recall per theme and instrument side, clause by clause (clauses located by a snippet).
The gold files and their methods are in tests/data/gold/.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .codes import INSTRUMENTS, THEMES, code_clauses, code_sentences
from .indicators import indicators
from .tables import Tables


def indicator_agreement(tables: Tables, gold_dir: str | Path) -> dict:
    """Precision, recall and attribute accuracy of indicator extraction against gold_dir/indicators.csv."""
    gold = pd.read_csv(Path(gold_dir) / "indicators.csv", dtype=str, keep_default_na=False)
    found = indicators(tables.sentences, tables.clauses)
    files = tables.documents.set_index("doc_id")["file"]
    found["file"] = found["doc_id"].map(files)
    matched, kind_ok, qual_ok = 0, 0, 0
    used: set[int] = set()
    for g in gold.itertuples():
        doc_id = tables.documents.set_index("file").loc[g.file, "doc_id"]
        text = tables.parsed[doc_id].simplified
        at = text.find(g.context)
        pos = at + g.context.find(g.surface) if at >= 0 else -1
        candidates = found[(found["file"] == g.file) & (found["start"] <= pos) & (found["end"] > pos)]
        candidates = candidates[(candidates["unit"] == g.unit) & ((candidates["value"] - float(g.value)).abs() < 1e-6)]
        hit = [i for i in candidates.index if i not in used]
        if hit:
            used.add(hit[0])
            matched += 1
            kind_ok += found.loc[hit[0], "kind"] == g.kind
            qual_ok += found.loc[hit[0], "qualifier"] == g.qualifier
    return {
        "gold": len(gold), "found": len(found), "matched": matched,
        "precision": matched / len(found) if len(found) else 0.0,
        "recall": matched / len(gold),
        "kind_accuracy": kind_ok / matched if matched else 0.0,
        "qualifier_accuracy": qual_ok / matched if matched else 0.0,
        "false_positives": [(found.loc[i, "doc_id"], found.loc[i, "surface"]) for i in found.index if i not in used],
    }


def cohen_kappa(gold: list[int], pred: list[int]) -> float:
    """Cohen's kappa of two binary codings (1.0 when both are constant and equal)."""
    n = len(gold)
    po = sum(g == p for g, p in zip(gold, pred, strict=True)) / n
    pg, pp = sum(gold) / n, sum(pred) / n
    pe = pg * pp + (1 - pg) * (1 - pp)
    return 1.0 if pe == 1 else (po - pe) / (1 - pe)


def code_agreement(tables: Tables, gold_dir: str | Path) -> pd.DataFrame:
    """Per category: support, kappa, precision, recall, raw agreement over gold_dir/codes.csv clauses."""
    gold = pd.read_csv(Path(gold_dir) / "codes.csv", dtype=str, keep_default_na=False)
    coded = code_clauses(code_sentences(tables.sentences))
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
        tp = sum(a and b for a, b in zip(g, p, strict=True))
        rows.append(
            {"category": category, "gold_positive": sum(g), "coded_positive": sum(p), "kappa": cohen_kappa(g, p),
             "precision": tp / sum(p) if sum(p) else float("nan"), "recall": tp / sum(g) if sum(g) else float("nan"),
             "agreement": sum(a == b for a, b in zip(g, p, strict=True)) / len(g)}
        )
    return pd.DataFrame(rows)


def cohen_kappa_labels(gold: list[str], pred: list[str]) -> float:
    """Cohen's kappa of two nominal codings with any number of categories (1.0 when chance agreement is 1)."""
    n = len(gold)
    if n == 0 or n != len(pred):
        raise ValueError(f"kappa needs two codings of the same non-zero length, got {len(gold)} and {len(pred)}")
    po = sum(g == p for g, p in zip(gold, pred, strict=True)) / n
    labels = set(gold) | set(pred)
    pe = sum((gold.count(c) / n) * (pred.count(c) / n) for c in labels)
    return 1.0 if pe == 1 else (po - pe) / (1 - pe)


def stage_agreement(gold_dir: str | Path) -> tuple[dict, pd.DataFrame]:
    """Value-chain stage coder against gold_dir/units.csv (column `stage`): summary and confusion table.

    Each unit's own text is coded (no alignment to parsed clauses). The summary has n, kappa, raw
    agreement, and per stage the gold and coded counts; the confusion table has gold stages as rows.
    """
    from .script import to_simplified
    from .valuechain import NONE, STAGES, stage_of

    units = pd.read_csv(Path(gold_dir) / "units.csv", dtype=str, keep_default_na=False)
    gold = units["stage"].tolist()
    pred = [stage_of(to_simplified(t)) for t in units["unit_text"]]
    order = [*STAGES, NONE]
    confusion = pd.crosstab(pd.Categorical(gold, order), pd.Categorical(pred, order), dropna=False,
                            rownames=["gold"], colnames=["coded"])
    summary = {
        "n": len(gold), "kappa": cohen_kappa_labels(gold, pred),
        "agreement": sum(g == p for g, p in zip(gold, pred, strict=True)) / len(gold),
        "gold_staged": sum(g != NONE for g in gold), "coded_staged": sum(p != NONE for p in pred),
    }
    return summary, confusion
