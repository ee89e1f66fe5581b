"""Agreement of the automatic coders with the hand-made gold (prints figures; `make evaluate`).

The measures are computed by policytext.agreement against tests/data/gold/ (the five seeds, on which
the rules were written) and, when it is present, tests/data/devset/ (documents the indicator rules
were not written against; see docs/indicators.md).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import policytext
from policytext.agreement import code_agreement, devset_tables, indicator_agreement
from policytext.tables import parse_corpus

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "data" / "gold"
DEVSET = ROOT / "tests" / "data" / "devset"


def report_indicators(name: str, r: dict) -> None:
    """Print one indicator agreement (precision, recall, attribute accuracies, misses, extras)."""
    print(f"indicators, {name}: gold {r['gold']}, extracted {r['found']}, matched {r['matched']}")
    print(f"  precision {r['precision']:.3f}  recall {r['recall']:.3f}  kind accuracy {r['kind_accuracy']:.3f}  "
          f"bound accuracy {r['bound_accuracy']:.3f}  qualifier accuracy {r['qualifier_accuracy']:.3f}  "
          f"value_max accuracy {r['value_max_accuracy']:.3f}")
    for doc_id, surface in r["false_positives"]:
        print(f"  not in gold: {doc_id} {surface}")
    for file, surface, context in r["misses"]:
        print(f"  missed: {file} {surface} ({context})")


def main() -> None:
    tables = parse_corpus(policytext.load_corpus(ROOT / "seeds"))
    report_indicators("seeds (the rules were written on these)", indicator_agreement(tables, GOLD))
    if (DEVSET / "indicators.csv").exists():
        report_indicators("development set", indicator_agreement(devset_tables(DEVSET), DEVSET / "indicators.csv"))
    else:
        print(f"indicators, development set: skipped ({DEVSET} is absent)")
    agreement = code_agreement(tables, GOLD)
    print(f"codes: {len(pd.read_csv(GOLD / 'codes.csv'))} hand-coded clauses")
    print(agreement.to_string(index=False, float_format=lambda v: f"{v:.2f}"))


if __name__ == "__main__":
    main()
