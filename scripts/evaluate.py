"""Agreement of the automatic extractors with the hand-made gold (prints figures; `make evaluate`).

Indicators: precision and recall of (file, surface-located value, unit) against
tests/data/gold/indicators.csv, and accuracy of kind and qualifier on the matched ones.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import policytext
from policytext.indicators import indicators
from policytext.tables import parse_corpus

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "data" / "gold"


def indicator_agreement(tables) -> dict[str, float]:
    """Precision, recall and attribute accuracy of indicator extraction against the gold."""
    gold = pd.read_csv(GOLD / "indicators.csv", dtype=str, keep_default_na=False)
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


def main() -> None:
    tables = parse_corpus(policytext.load_corpus(ROOT / "seeds"))
    r = indicator_agreement(tables)
    print(f"indicators: gold {r['gold']}, extracted {r['found']}, matched {r['matched']}")
    print(f"  precision {r['precision']:.3f}  recall {r['recall']:.3f}  "
          f"kind accuracy {r['kind_accuracy']:.3f}  qualifier accuracy {r['qualifier_accuracy']:.3f}")
    for doc_id, surface in r["false_positives"]:
        print(f"  not in gold: {doc_id} {surface}")


if __name__ == "__main__":
    main()
