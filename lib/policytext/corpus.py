"""The corpus: every document file in a folder, merged with its catalog row."""

from __future__ import annotations

import hashlib
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .catalog import COLUMNS, date_bounds, read_catalog, slug
from .errors import CorpusError, CorpusWarning
from .load import read_document
from .script import detect_script

CATALOG = "catalog.csv"
DOCUMENT_SUFFIX = ".txt"


@dataclass(frozen=True)
class Corpus:
    """A loaded corpus: `documents` has one row per document, with its raw text in `text`."""

    path: Path
    documents: pd.DataFrame = field(repr=False)

    def __len__(self) -> int:
        return len(self.documents)

    @property
    def doc_ids(self) -> list[str]:
        """Document ids in corpus order (sorted by file name)."""
        return self.documents["doc_id"].tolist()

    def text(self, doc_id: str) -> str:
        """The raw (decoded, newline-normalised) text of one document."""
        rows = self.documents.loc[self.documents["doc_id"] == doc_id, "text"]
        if rows.empty:
            raise KeyError(f"no document {doc_id!r} in {self.path}")
        return rows.iloc[0]


def _document_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.name.endswith(DOCUMENT_SUFFIX) and not p.name.startswith("."))


def load_corpus(path: str | Path = "seeds") -> Corpus:
    """Load every .txt document in `path` with its row of `path`/catalog.csv (if any)."""
    folder = Path(path)
    return Corpus(path=folder, documents=pd.DataFrame.from_records(list(iter_documents(folder))))


def count_documents(path: str | Path) -> int:
    """Number of .txt documents in a corpus folder (without reading them)."""
    return len(_document_files(Path(path)))


def iter_documents(path: str | Path = "seeds") -> Iterator[dict]:
    """The documents of `path` one at a time (catalog checked first), for corpora too large to hold.

    Each record is a documents row with its text; duplicates are flagged against earlier files.
    """
    folder = Path(path)
    if not folder.is_dir():
        raise CorpusError(folder, "is not a folder", "pass the folder that holds the .txt documents")
    catalog_path = folder / CATALOG
    rows = read_catalog(catalog_path) if catalog_path.exists() else []
    by_file = {row["file"]: row for row in rows}
    files = _document_files(folder)
    names = {p.name for p in files}
    for row in rows:
        if row["file"] not in names:
            raise CorpusError(
                catalog_path, f"names {row['file']!r} (doc_id {row['doc_id']}) but there is no such file",
                "add the file or delete the row",
            )
    if not files:
        raise CorpusError(folder, "holds no .txt documents", "add documents as UTF-8 .txt files")
    used_ids = {row["doc_id"] for row in rows}
    first_by_hash: dict[str, str] = {}
    for p in files:
        record = _record(p, by_file.get(p.name), used_ids, catalog_path)
        original = first_by_hash.setdefault(record["sha256"], record["doc_id"])
        if original != record["doc_id"]:
            record["duplicate_of"] = original
            warnings.warn(
                f"{record['file']}: same content as {original!r}; flagged as duplicate_of (remove one copy)",
                CorpusWarning, stacklevel=2,
            )
        yield record


def written_bounds(row: dict) -> dict[str, str]:
    """`written_from` and `written_to`: the first and last day the row's `date_written` can mean."""
    start, end = date_bounds(row.get("date_written", ""))
    return {"written_from": start, "written_to": end}


def _record(p: Path, row: dict[str, str] | None, used_ids: set[str], catalog_path: Path) -> dict:
    decoded = read_document(p)
    data_hash = hashlib.sha256(p.read_bytes()).hexdigest()
    if row is None:
        doc_id = slug(p.name)
        while doc_id in used_ids:
            doc_id += "-x"
        used_ids.add(doc_id)
        row = {c: "" for c in COLUMNS} | {"doc_id": doc_id, "file": p.name}
        warnings.warn(
            f"{p}: no row in {catalog_path.name}; loaded as {doc_id!r} with inferred metadata "
            "(add a row to describe it)",
            CorpusWarning, stacklevel=3,
        )
        in_catalog = False
    else:
        row = dict(row)
        in_catalog = True
        if row["sha256"] and row["sha256"].lower() != data_hash:
            warnings.warn(
                f"{p}: content differs from the sha256 in {catalog_path.name} (the file changed since it "
                "was catalogued; update the row)",
                CorpusWarning, stacklevel=3,
            )
    detected = detect_script(decoded.text)
    script = row["script"] or detected
    return row | written_bounds(row) | {
        "sha256": data_hash,
        "script": script,
        "script_detected": detected,
        "in_catalog": in_catalog,
        "encoding": decoded.encoding,
        "newline": decoded.newline,
        "repaired": decoded.repaired,
        "n_bytes": p.stat().st_size,
        "n_chars": len(decoded.text),
        "n_lines": decoded.text.count("\n") + (not decoded.text.endswith("\n")),
        "duplicate_of": "",
        "text": decoded.text,
    }
