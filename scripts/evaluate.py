"""Agreement of the automatic coders with the hand-made gold (prints figures; `make evaluate`).

The measures are computed by policytext.agreement against tests/data/gold/.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import policytext
from policytext.agreement import (
    code_agreement,
    code_independent,
    indicator_agreement,
    primary_agreement,
    seed_primary_agreement,
)
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
    fmt = lambda v: f"{v:.2f}"  # noqa: E731
    print("\nprimary instrument per clause vs the seed gold (TUNED-ON set: the rules were written reading it)")
    print(seed_primary_agreement(tables, GOLD).to_string(index=False, float_format=fmt))
    independent = code_independent(GOLD / "independent")
    r = primary_agreement(independent)
    print(f"\nprimary instrument vs the INDEPENDENT blind gold ({r['n']} units, 11 official documents)")
    print(r["sides"].to_string(index=False, float_format=fmt))
    print(f"four-way instrument (supply/environment/demand/none): kappa {r['instrument_kappa']:.3f}, "
          f"agreement {r['instrument_agreement']:.3f}")
    print(f"sub-tool (16 + none): kappa {r['subtool_kappa']:.3f}, agreement {r['subtool_agreement']:.3f}")
    print("sub-tool confusion (rows: gold, columns: coded)")
    print(r["confusion"].to_string())


if __name__ == "__main__":
    main()
