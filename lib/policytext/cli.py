"""Command line: `policytext export|report|catalog ...` (also `python -m policytext`); bad input gives one
line and status 2, a bad file among good ones one warning line (it is skipped)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .errors import CorpusError, show_warnings_plainly


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="policytext",
        description="Parse and export a corpus of Chinese S&T policy documents.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    exp = sub.add_parser("export", help="write the corpus tables (CSV with BOM, Parquet) to a folder")
    exp.add_argument("seeds", nargs="?", default="seeds", help="folder of documents (default: seeds)")
    exp.add_argument("--out", required=True, help="folder to write the tables into")
    exp.add_argument("--jobs", type=int, default=None, help="worker processes (default: all cores)")
    exp.add_argument("--engine", choices=("processes", "dask"), default="processes",
                     help="run documents in local processes, or with Dask (the 'dask' extra)")
    exp.add_argument("--chunk-size", type=int, default=200, help="documents held in memory at once (default 200)")
    exp.add_argument("--disable", default="", metavar="STAGE[,STAGE...]",
                     help="pipeline stages to switch off, comma-separated (their tables come out empty)")
    exp.add_argument("--workbook", action=argparse.BooleanOptionalAction, default=True,
                     help="also write every table into one Excel workbook, tables.xlsx (default: yes)")
    exp.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                     help="show a progress bar (default: when writing to a terminal)")
    rep = sub.add_parser("report", help="print a readable parse report of one document")
    rep.add_argument("file", help="path of one document file (its folder's catalog.csv is used); only it is read")
    cat = sub.add_parser("catalog", help="draft a catalog.csv for a folder from what its documents state")
    cat.add_argument("folder", help="corpus folder (any supported formats)")
    cat.add_argument("--output", "-o", help="write the draft here (default: standard output); into a catalog that "
                     "exists, only rows for files it lacks are added, and the change is printed")
    return parser


def _run(args: argparse.Namespace) -> int:
    from .pipeline.export import export

    if args.command == "export":
        from .pipeline.pipeline import stages

        disable = [s.strip() for s in args.disable.split(",") if s.strip()]
        try:
            stages(disable)
        except ValueError as exc:
            print(f"error: --disable: {exc}", file=sys.stderr)
            return 2
        written = export(
            args.seeds, args.out, jobs=args.jobs, engine=args.engine, chunk_size=args.chunk_size,
            progress=args.progress, disable=disable, workbook=args.workbook,
        )
        for path in written:
            print(path)
    elif args.command == "report":
        from .pipeline.report import report

        print(report(args.file), end="")
    elif args.command == "catalog":
        from pathlib import Path

        from .pipeline.catalog_draft import catalog_csv, draft_catalog
        from .reading.corpus import load_corpus

        draft = draft_catalog(load_corpus(args.folder))
        if not args.output:
            print(catalog_csv(draft), end="")
            return 0
        target = Path(args.output)
        if target.exists():  # a curated catalog: only rows for new files are added, and the change shown
            return _merge_into(target, draft)
        target.write_text(catalog_csv(draft), encoding="utf-8")
        print(args.output)
    return 0


def _merge_into(target, draft) -> int:
    from .pipeline.catalog_draft import merge_catalog

    try:
        existing = target.read_bytes().decode("utf-8")
        merged, diff = merge_catalog(existing, draft, target.name)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise CorpusError(target, f"cannot be merged into ({exc})", "fix the catalog or give another --output") from exc
    if not diff:
        print(f"{target}: every document already has a row; nothing changed")
        return 0
    with open(target, "w", encoding="utf-8", newline="") as f:
        f.write(merged)
    print("\n".join(diff))
    print(f"{target}: {sum(1 for line in diff if line.startswith('+') and not line.startswith('+++'))} row(s) added, "
          "curated rows unchanged")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit status (2 for bad input)."""
    args = _parser().parse_args(argv)
    show_warnings_plainly()
    try:
        return _run(args)
    except CorpusError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
