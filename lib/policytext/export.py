"""Write the corpus tables to disk: CSV (UTF-8 with BOM, for Excel) and Parquet when available."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pandas as pd

from .corpus import Corpus
from .tables import parse_corpus

TABLES = (
    "documents", "removed", "articles", "sections", "clauses", "sentences", "metadata", "disagreements",
    "tokens", "keywords", "codes", "indicators", "entities",
)


def write_table(df: pd.DataFrame, out: Path, name: str) -> list[Path]:
    """Write `df` as `name`.csv (utf-8-sig) and `name`.parquet (if pyarrow is installed)."""
    out.mkdir(parents=True, exist_ok=True)
    csv_path = out / f"{name}.csv"
    df.to_csv(csv_path, index=False, encoding="utf-8-sig", lineterminator="\n")
    written = [csv_path]
    if importlib.util.find_spec("pyarrow") is not None:
        parquet_path = out / f"{name}.parquet"
        df.to_parquet(parquet_path, index=False)
        written.append(parquet_path)
    return written


def export(corpus: Corpus, out: str | Path) -> list[Path]:
    """Write every table of `corpus` into folder `out`; return the paths written."""
    out = Path(out)
    tables = parse_corpus(corpus)
    written: list[Path] = []
    for name in TABLES:
        written += write_table(getattr(tables, name), out, name)
    return written
