"""Write the corpus tables to disk: CSV (UTF-8 with BOM, for Excel) and Parquet when available."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pandas as pd

from .corpus import Corpus


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


def documents_table(corpus: Corpus) -> pd.DataFrame:
    """One row per document: catalog fields and load facts, without the text itself."""
    return corpus.documents.drop(columns=["text"])


def export(corpus: Corpus, out: str | Path) -> list[Path]:
    """Write every table of `corpus` into folder `out`; return the paths written."""
    out = Path(out)
    return write_table(documents_table(corpus), out, "documents")
