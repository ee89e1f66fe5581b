"""The corpus: every readable document file in a folder (any supported format), merged with its catalog row.

A file that cannot be read, or of a type no reader handles, is skipped with one warning naming it and the
problem, and listed in `Corpus.skipped`; the rest of the corpus loads. Sub-folders are separate corpora.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..errors import CorpusError, CorpusWarning
from ..parsing.script import detect_script, to_simplified
from .catalog import COLUMNS, date_bounds, read_catalog, slug
from .docids import readable_id, unique_id
from .readers import SUFFIXES, Document, read_file, reader_for

CATALOG = "catalog.csv"
SKIPPED_COLUMNS = ["file", "format", "row", "problem"]
# Reader fields that fill an empty catalog column (the dates with their basis).
_FILLED = ("title", "publisher", "source", "region", "genre", "url")
_EXTRA = ("doc_number", "index_number")


@dataclass(frozen=True)
class Corpus:
    """A loaded corpus: `documents` has one row per document, with its raw text in `text`;
    `skipped` has one row per file (or table rows) that was not loaded, with the problem."""

    path: Path
    documents: pd.DataFrame = field(repr=False)
    skipped: pd.DataFrame = field(repr=False, default_factory=lambda: pd.DataFrame(columns=SKIPPED_COLUMNS))

    def __len__(self) -> int:
        return len(self.documents)

    @property
    def doc_ids(self) -> list[str]:
        """Document ids in corpus order (sorted by file name, then row)."""
        return self.documents["doc_id"].tolist()

    def text(self, doc_id: str) -> str:
        """The raw (decoded, newline-normalised) text of one document."""
        rows = self.documents.loc[self.documents["doc_id"] == doc_id, "text"]
        if rows.empty:
            raise KeyError(f"no document {doc_id!r} in {self.path}")
        return rows.iloc[0]


def corpus_files(folder: str | Path) -> list[Path]:
    """The folder's entries that belong to the corpus: every file but catalog.csv and hidden ones, sorted.

    Sub-folders are separate corpora and left out, unless named like a document (x.txt), which is an error.
    """
    return sorted(
        (p for p in Path(folder).iterdir()
         if not p.name.startswith(".") and p.name != CATALOG and (not p.is_dir() or reader_for(p) is not None)),
        key=lambda p: p.name,  # one folder: the order of the paths (compared by Python, part by part), faster
    )


def _is_readme(p: Path) -> bool:
    """README.md, readme.txt, ...: the folder's own description, not one of its documents."""
    return p.stem.lower() == "readme" and p.is_file()


def load_corpus(path: str | Path = "seeds", files: list[str] | None = None) -> Corpus:
    """Load every readable document in folder `path` with its row of `path`/catalog.csv (if any).

    files: load only these file names of the folder (e.g. the documents a test is about).
    """
    folder = Path(path)
    skipped: list[dict] = []
    documents = pd.DataFrame.from_records(list(iter_documents(folder, files=files, skipped=skipped)))
    return Corpus(path=folder, documents=documents, skipped=pd.DataFrame(skipped, columns=SKIPPED_COLUMNS))


def count_documents(path: str | Path) -> int:
    """Number of readable-looking files in a corpus folder (a table of documents counts once)."""
    return sum(1 for p in corpus_files(path) if reader_for(p) is not None)


def _skip(skipped: list[dict] | None, path: Path, problem: str, row: int = 0, warn: bool = True) -> None:
    if warn:
        warnings.warn(f"{path}: {problem}; skipped", CorpusWarning, stacklevel=4)
    if skipped is not None:
        skipped.append({"file": path.name, "format": path.suffix.lower().lstrip("."), "row": row, "problem": problem})


def _catalog_rows(folder: Path, names: set[str]) -> tuple[Path, list[dict[str, str]]]:
    catalog_path = folder / CATALOG
    rows = read_catalog(catalog_path) if catalog_path.exists() else []
    for row in rows:
        if row["file"].split("#", 1)[0] not in names:
            raise CorpusError(
                catalog_path, f"names {row['file']!r} (doc_id {row['doc_id']}) but there is no such file",
                "add the file or delete the row",
            )
    return catalog_path, rows


@dataclass(frozen=True)
class FileRead:
    """What reading one file of a corpus gave, before the catalog is consulted: its documents (each with
    its sha256 and detected script), or the problem that makes it skipped (warned about when `warn`)."""

    problem: str | None = None
    warn: bool = True
    dropped: tuple[str, ...] = ()
    documents: tuple[tuple[Document, str, str], ...] = ()
    size: int | None = None  # bytes of a file holding one document


def read_entry(p: Path) -> FileRead:
    """Read and decode one corpus file: a pure function of the file, so it can run in a worker process;
    the catalog, doc_ids, duplicates and warnings are settled afterwards, in file order, by iter_documents."""
    if _is_readme(p):
        return FileRead("a README describes the folder; it is not one of its documents", warn=False)
    if reader_for(p) is None:
        return FileRead(f"no reader for {p.suffix or 'files without a suffix'} files (readable: {', '.join(SUFFIXES)})")
    try:
        read = read_file(p)
    except CorpusError as exc:
        return FileRead(exc.problem + (f" ({exc.advice})" if exc.advice else ""))
    file_hash = hashlib.sha256(p.read_bytes()).hexdigest() if len(read.documents) == 1 else ""
    documents = tuple(
        (doc, file_hash or hashlib.sha256(doc.text.encode("utf-8")).hexdigest(), detect_script(doc.text))
        for doc in read.documents
    )
    return FileRead(dropped=tuple(read.dropped), documents=documents, size=p.stat().st_size if file_hash else None)


def _read_each(paths: list[Path]) -> Iterator[FileRead]:
    return map(read_entry, paths)


def iter_documents(
    path: str | Path = "seeds", files: list[str] | None = None, skipped: list[dict] | None = None,
    read: Callable[[list[Path]], Iterable[FileRead]] = _read_each,
) -> Iterator[dict]:
    """The documents of `path` one at a time (catalog checked first), for corpora too large to hold.

    Each record is a documents row with its text; duplicates are flagged against earlier documents.
    A file that cannot be read is skipped with one warning and appended to `skipped` (when given).
    read: reads the folder's files, giving `read_entry` of each in order (the export reads them in its
    worker processes).
    """
    folder = Path(path)
    if not folder.is_dir():
        raise CorpusError(folder, "is not a folder", "pass the folder that holds the documents")
    entries = corpus_files(folder)
    if files is not None:
        wanted = set(files)
        entries = [p for p in entries if p.name in wanted]
    catalog_path, rows = _catalog_rows(folder, {p.name for p in corpus_files(folder)})
    by_file = {row["file"]: row for row in rows}
    used_ids = {row["doc_id"] for row in rows}
    first_by_hash: dict[str, str] = {}
    loaded = 0
    if not catalog_path.exists():
        by_file = None  # one warning for the folder instead of one per document
        warnings.warn(
            f"{folder}: no {CATALOG}; every document's metadata is inferred (write one with "
            f"`python -m policytext catalog {folder}` and correct it)",
            CorpusWarning, stacklevel=2,
        )
    for p, found in zip(entries, read(entries), strict=True):
        if found.problem is not None:
            _skip(skipped, p, found.problem, warn=found.warn)
            continue
        for note in found.dropped:
            _skip(skipped, p, note, warn="without text" in note)
        for doc, data_hash, detected in found.documents:
            record = _record(p, doc, by_file, used_ids, catalog_path, data_hash, detected, found.size)
            original = first_by_hash.setdefault(record["sha256"], record["doc_id"])
            if original != record["doc_id"]:
                record["duplicate_of"] = original
                warnings.warn(
                    f"{record['file']}: same content as {original!r}; flagged as duplicate_of (remove one copy)",
                    CorpusWarning, stacklevel=2,
                )
            loaded += 1
            yield record
    if not loaded:
        n = len(skipped) if skipped is not None else 0
        raise CorpusError(
            folder, "holds no readable documents" + (f" ({n} skipped)" if n else ""),
            f"add documents as {', '.join(SUFFIXES)} files",
        )


def written_bounds(row: dict) -> dict[str, str]:
    """`written_from` and `written_to`: the first and last day the row's `date_written` can mean."""
    start, end = date_bounds(row.get("date_written", ""))
    return {"written_from": start, "written_to": end}


def _fill_from_reader(row: dict, doc: Document) -> dict:
    """Catalog columns left empty, filled from what the file's structure states (dates with their basis)."""
    fill = {}
    for key in _FILLED:
        if not row.get(key) and key in doc.fields:
            fill[key] = doc.fields[key][0]
    for key in ("date_written", "date_published"):
        if not row.get(key) and key in doc.fields:
            value, basis = doc.fields[key]
            fill |= {key: value, f"{key}_basis": basis}
    return fill


def _readable_slug(name: str) -> bool:
    """A file-name slug someone chose as a name (xian-news), not an empty one, a number or a date."""
    return bool(re.search(r"[a-z]{2}", name)) and name != "doc"


def _uncatalogued_id(p: Path, doc: Document) -> str:
    """The id of a document no catalog row names: the file name's slug when it is a readable name (one
    the user chose), else a readable id made from the title and text (`docids.readable_id`): a file
    named in Chinese, by a number or by a date gets national-law-2020-3f9a, never doc or a bare date."""
    name = slug(p.name)
    if _readable_slug(name):
        return name + ("" if doc.row is None else f"-{doc.row}")
    title = doc.fields.get("title", ("", ""))[0]
    written = doc.fields.get("date_written", ("", ""))[0]
    region = doc.fields.get("region", ("", ""))[0]
    return readable_id(title, to_simplified(doc.text[:4000]), written, region)


def _record(
    p: Path, doc: Document, by_file: dict[str, dict] | None, used_ids: set[str], catalog_path: Path,
    data_hash: str, detected: str, file_size: int | None,
) -> dict:
    key = p.name if doc.row is None else f"{p.name}#{doc.row}"
    row = by_file.get(key) if by_file is not None else None
    if row is None:
        doc_id = unique_id(_uncatalogued_id(p, doc), used_ids, doc.fields.get("title", ("", ""))[0], doc.text)
        used_ids.add(doc_id)
        row = {c: "" for c in COLUMNS} | {"doc_id": doc_id, "file": key}
        if by_file is not None:
            warnings.warn(
                f"{p}{'' if doc.row is None else f' row {doc.row}'}: no row in {catalog_path.name}; loaded as "
                f"{doc_id!r} with inferred metadata (add a row to describe it)",
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
    row |= _fill_from_reader(row, doc)
    script = row["script"] or detected
    return row | written_bounds(row) | {key: doc.fields.get(key, ("", ""))[0] for key in _EXTRA} | {
        "sha256": data_hash,
        "script": script,
        "script_detected": detected,
        "in_catalog": in_catalog,
        "source_file": p.name,
        "format": doc.format,
        "row": doc.row or 0,
        "reader_dropped": doc.dropped,
        "encoding": doc.encoding,
        "newline": doc.newline,
        "repaired": doc.repaired,
        "n_bytes": len(doc.text.encode("utf-8")) if file_size is None else file_size,
        "n_chars": len(doc.text),
        "n_lines": doc.text.count("\n") + (not doc.text.endswith("\n")),
        "duplicate_of": "",
        "text": doc.text,
    }


def combine(*corpora: Corpus) -> Corpus:
    """One corpus of several (e.g. the seeds and the reference set), each row keeping the folder it came
    from in `collection`; doc_ids must be unique across them."""
    if not corpora:
        raise ValueError("combine needs at least one corpus")
    frames = [c.documents.assign(collection=c.path.name) for c in corpora]
    documents = pd.concat(frames, ignore_index=True)
    repeated = sorted(documents.loc[documents["doc_id"].duplicated(), "doc_id"])
    if repeated:
        raise CorpusError(corpora[0].path, f"shares doc_id(s) {', '.join(repeated)} with another corpus",
                          "give each document a unique doc_id in its catalog")
    skipped = pd.concat([c.skipped for c in corpora], ignore_index=True)
    return Corpus(path=corpora[0].path, documents=documents, skipped=skipped)


def copy_catalogued(source: str | Path, target: str | Path) -> Path:
    """Copy into `target` the catalog of `source` and exactly the documents it names (each checked against
    its sha256), and likewise each sub-folder with a catalog of its own (seeds/reference/); nothing else.

    A snapshot of a corpus as catalogued: what the tests and the notebook checks read, so that documents
    added beside the catalogued ones change neither.
    """
    source, target = Path(source), Path(target)
    target.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source / CATALOG, target / CATALOG)
    for row in read_catalog(source / CATALOG):
        data = (source / row["file"]).read_bytes()
        if row["sha256"] and hashlib.sha256(data).hexdigest() != row["sha256"].lower():
            raise CorpusError(source / row["file"], f"differs from its sha256 in {CATALOG}",
                              "restore the file or update its catalog row")
        (target / row["file"]).write_bytes(data)
    for sub in sorted(p for p in source.iterdir() if (p / CATALOG).is_file()):
        copy_catalogued(sub, target / sub.name)
    return target
