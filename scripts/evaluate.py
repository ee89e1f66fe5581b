"""Agreement of the parser and the automatic coders with the hand-made gold (prints figures; `make evaluate`).

Metadata read without a catalog (written and first dates, issuer, document type, region, city, document
number, history items) is measured by policytext.validation.metadata_agreement on the laws gold (tests/data/laws/):
its development part, on which the rules were tuned, and its locked part, measured once and never tuned on.
Parsing (dates, issuers, document numbers, numbered structure) is measured by
policytext.validation.parse_agreement on three sets, side by side: the five seeds and the hand-made layout
documents, which the rules were written against (tuned sets), and the development set
(tests/data/devset/), which they were not. Indicators are measured the same way, on the seeds'
gold (tuned) and the development set; codes against tests/data/gold/ (the seeds, tuned) and the
independent blind coding (lib/policytext/data/gold/independent).
"""

from __future__ import annotations

import argparse
import importlib.util
from pathlib import Path

import pandas as pd
import policytext
from policytext.datafiles import gold_dir
from policytext.pipeline.tables import parse_corpus
from policytext.validation.agreement import (
    code_agreement,
    code_independent,
    devset_tables,
    indicator_agreement,
    primary_agreement,
    seed_primary_agreement,
)
from policytext.validation.metadata_agreement import format_metadata_agreement, gold_agreement, history_agreement
from policytext.validation.parse_agreement import format_agreement, parse_agreement

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "data" / "gold"
LAYOUTS = ROOT / "tests" / "data" / "layouts"
DEVSET = ROOT / "tests" / "data" / "devset"
LAWS = ROOT / "tests" / "data" / "laws"


def has_readers() -> bool:
    """True when the library reads HTML, Word and PDF files (policytext.reading.readers)."""
    return importlib.util.find_spec("policytext.reading.readers") is not None


def parsing(devset: Path = DEVSET) -> None:
    results = {
        "seeds (tuned)": parse_agreement(GOLD / "parse_facts" / "seeds.json", ROOT / "seeds"),
        "layouts (tuned)": parse_agreement(LAYOUTS / "gold.json", LAYOUTS),
    }
    readable = {".txt", ".md"} | ({".html", ".htm", ".docx", ".pdf"} if has_readers() else set())
    unreadable = sorted(p.name for p in (devset / "docs").glob("*") if p.suffix.lower() not in readable)
    if (devset / "gold.json").exists() and unreadable:
        print(f"  (development set skipped: this checkout has no reader for {', '.join(unreadable[:3])} …)")
    elif (devset / "gold.json").exists():
        results["development set"] = parse_agreement(devset / "gold.json", devset / "docs")
    print("parsing: documents agreeing with the gold (hits/documents stating it)")
    print(format_agreement(results))
    if not (devset / "gold.json").exists():
        print(f"  (no development set: {devset / 'gold.json'} is absent, so only the tuned sets are measured)")
    for name, r in results.items():
        for row in r["rows"]:
            misses = []
            if row["gold_date_written"] and row["date_written"] != row["gold_date_written"]:
                misses.append(f"date_written {row['date_written'] or '—'} (gold {row['gold_date_written']})")
            if row["gold_date_published"] and row["date_published"] != row["gold_date_published"]:
                misses.append(f"date_published {row['date_published'] or '—'} (gold {row['gold_date_published']})")
            if row["gold_issuers"] and not row["issuers_ok"]:
                misses.append(f"issuers {row['issuers'] or '—'} (gold {row['gold_issuers']})")
            if row["gold_doc_number"] and row["doc_number"] != row["gold_doc_number"]:
                misses.append(f"doc_number {row['doc_number'] or '—'} (gold {row['gold_doc_number']})")
            if row["missing_markers"]:
                misses.append(f"markers not found {' '.join(row['missing_markers'][:8])}")
            if misses:
                print(f"  {name}: {row['file']}: " + "; ".join(misses))


def laws(folder: Path = LAWS, locked: bool = True) -> None:
    """Print the metadata agreement on the laws gold's development part (tuned) and locked part."""
    gold = folder / "gold.csv"
    if not gold.exists():
        print(f"metadata without a catalog: skipped ({gold} is absent)")
        return
    parts = {"laws dev (tuned)": "dev"} | ({"laws locked (not tuned)": "locked"} if locked else {})
    results = {name: gold_agreement(gold, part) for name, part in parts.items()}
    print("metadata read without a catalog: documents agreeing with the gold (agreeing/documents stating it)")
    print(format_metadata_agreement(results))
    for name, part in parts.items():
        h = history_agreement(folder / "history.csv", gold, part)
        print(f"  history items, {name}: precision {h['precision']:.3f}, recall {h['recall']:.3f} "
              f"({h['agree']} of {h['gold']} gold items, {h['found']} read)")
    for field, r in results["laws dev (tuned)"].items():
        for file, found, wanted in r["misses"]:
            print(f"  laws dev: {file}: {field} {found or '—'} (gold {wanted})")


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
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--devset", type=Path, default=DEVSET, help="development set folder (gold.json, docs/)")
    parser.add_argument("--parsing-only", action="store_true", help="measure parsing only")
    parser.add_argument("--laws-only", action="store_true", help="measure metadata on the laws gold only")
    parser.add_argument("--locked", action="store_true",
                        help="measure the instrument coders on the LOCKED sample (once per release: never tune on it)")
    args = parser.parse_args()
    laws()
    if args.laws_only:
        return
    parsing(args.devset)
    if args.parsing_only:
        return
    tables = parse_corpus(policytext.load_corpus(ROOT / "seeds"))
    report_indicators("seeds (the rules were written on these)", indicator_agreement(tables, GOLD))
    if (args.devset / "indicators.csv").exists():
        devset = devset_tables(args.devset)
        report_indicators("development set", indicator_agreement(devset, args.devset / "indicators.csv"))
    else:
        print(f"indicators, development set: skipped ({args.devset} is absent)")
    agreement = code_agreement(tables, GOLD)
    print(f"codes: {len(pd.read_csv(GOLD / 'codes.csv'))} hand-coded clauses")
    print(agreement.to_string(index=False, float_format=lambda v: f"{v:.2f}"))
    fmt = lambda v: f"{v:.2f}"  # noqa: E731
    print("\nprimary instrument per clause vs the seed gold (TUNED-ON set: the rules were written reading it)")
    print(seed_primary_agreement(tables, GOLD).to_string(index=False, float_format=fmt))
    independent = code_independent(gold_dir("independent"))
    r = primary_agreement(independent)
    print(f"\nprimary instrument vs the INDEPENDENT blind gold ({r['n']} units, 11 official documents)")
    print(r["sides"].to_string(index=False, float_format=fmt))
    print(f"four-way instrument (supply/environment/demand/none): kappa {r['instrument_kappa']:.3f}, "
          f"agreement {r['instrument_agreement']:.3f}")
    print(f"sub-tool (16 + none): kappa {r['subtool_kappa']:.3f}, agreement {r['subtool_agreement']:.3f}")
    print("sub-tool confusion (rows: gold, columns: coded)")
    print(r["confusion"].to_string())
    if args.locked:
        report_locked()


def report_locked() -> None:
    """The instrument and stage coders on the locked sample, and the two codings' agreement with each other."""
    from policytext.validation.learned_coder import (
        coder_coder_agreement,
        load_locked_units,
        load_units,
        locked_agreement,
        summary,
    )

    locked = GOLD / "locked"
    gold = load_locked_units(locked)
    train = load_units(gold_dir("independent"))
    print(f"\nLOCKED sample ({len(gold)} units): measured once per release, never tuned on")
    print(summary({c: locked_agreement(gold, c, train_units=train) for c in ("rules", "model")})
          .to_string(index=False, float_format=lambda v: f"{v:.2f}"))
    coding = locked / "coding"
    def read(*names: str) -> pd.DataFrame:
        return pd.concat([pd.read_csv(coding / n, dtype=str, keep_default_na=False) for n in names])

    first, second = read("coder_a.csv", "coder_c.csv"), read("coder_b.csv", "coder_d.csv")
    print(summary({"coder vs coder": coder_coder_agreement(first, second)})
          .to_string(index=False, float_format=lambda v: f"{v:.2f}"))


if __name__ == "__main__":
    from policytext.errors import show_warnings_plainly

    show_warnings_plainly()  # each warning on one line, as the command line prints them
    main()
