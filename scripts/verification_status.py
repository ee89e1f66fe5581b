"""Which findings of the executed notebooks have a current second-reader record (`make verify`).

    .venv/bin/python scripts/verification_status.py                      # one line per stated finding
    .venv/bin/python scripts/verification_status.py --worksheet todo.json  # what a reader must (re)check

A record is current when its fingerprint is the finding's (see policytext.findings.verification). Exit status 1 when
any stated finding is unverified or stale, or a record names no finding.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from policytext.findings.verification import notebook_findings, orphans, read_records, status, worksheet

ROOT = Path(__file__).resolve().parent.parent
RECORDS = ROOT / "tests" / "data" / "verification" / "records.csv"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notebooks", type=Path, default=ROOT / "notebooks")
    parser.add_argument("--records", type=Path, default=RECORDS)
    parser.add_argument("--worksheet", type=Path, help="write the findings to (re)check as JSON")
    args = parser.parse_args(argv)
    findings = notebook_findings(args.notebooks)
    records = read_records(args.records)
    table = status(findings, records)
    print(table.to_string(index=False))
    lost = orphans(findings, records)
    for notebook, key in lost:
        print(f"record of no stated finding: {notebook} / {key}")
    if args.worksheet:
        todo = worksheet(findings, records)
        args.worksheet.parent.mkdir(parents=True, exist_ok=True)
        args.worksheet.write_text(json.dumps(todo, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"{len(todo)} findings to (re)check written to {args.worksheet}")
    return 1 if lost or (table["state"] != "verified").any() else 0


if __name__ == "__main__":
    from policytext.errors import show_warnings_plainly

    show_warnings_plainly()  # each warning on one line, as the command line prints them
    sys.exit(main())
