"""Agreement of the automatic coders with the hand-made gold (prints figures; `make evaluate`).

The measures are computed by policytext.agreement against tests/data/gold/.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import policytext
from policytext.agreement import code_agreement, indicator_agreement
from policytext.tables import parse_corpus

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "data" / "gold"


def main() -> None:
    tables = parse_corpus(policytext.load_corpus(ROOT / "seeds"))
    r = indicator_agreement(tables, GOLD)
    print(f"indicators: gold {r['gold']}, extracted {r['found']}, matched {r['matched']}")
    print(f"  precision {r['precision']:.3f}  recall {r['recall']:.3f}  "
          f"kind accuracy {r['kind_accuracy']:.3f}  qualifier accuracy {r['qualifier_accuracy']:.3f}")
    for doc_id, surface in r["false_positives"]:
        print(f"  not in gold: {doc_id} {surface}")
    agreement = code_agreement(tables, GOLD)
    print(f"codes: {len(pd.read_csv(GOLD / 'codes.csv'))} hand-coded clauses")
    print(agreement.to_string(index=False, float_format=lambda v: f"{v:.2f}"))


if __name__ == "__main__":
    main()
