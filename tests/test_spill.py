"""The export keeps text reuse's clause features on disk, a document at a time, until the finish, and the finish
reads back only the documents it compares: the same reuse table as with every feature in memory, and memory that
depends on the documents compared rather than on the copies."""

import csv
import functools
import importlib
import inspect
import pkgutil
import random
import shutil
import warnings

import numpy as np
import pandas as pd
import policytext
import pytest
from policytext.pipeline import spill
from policytext.pipeline.reuse import ClauseFeatures, _merge, clause_features, reuse_from_features
from policytext.pipeline.spill import Spilled, SpillFile, pack
from policytext.pipeline.tables import parse_rows
from policytext.reading.catalog import read_catalog
from support import SEEDS


def _same_features(a: ClauseFeatures, b: ClauseFeatures) -> None:
    for name in ("doc_id", "clause_id", "start", "text", "form"):
        assert getattr(a, name) == getattr(b, name), name
    for name in ("where", "bounds", "sep"):
        np.testing.assert_array_equal(getattr(a, name), getattr(b, name), err_msg=name)
        assert getattr(a, name).dtype == getattr(b, name).dtype, name


def _chunks(tables, size: int) -> list[ClauseFeatures]:
    """The clause features of the tables' documents, `size` documents per chunk, as the pipeline collects them."""
    docs = tables.documents["doc_id"].tolist()
    out = []
    for start in range(0, len(docs), size):
        ids = set(docs[start : start + size])
        clauses = tables.clauses[tables.clauses["doc_id"].isin(ids)].reset_index(drop=True)
        out.append(clause_features(clauses, tables.documents[tables.documents["doc_id"].isin(ids)]))
    return out


def _spilled(parts: list[ClauseFeatures], store: SpillFile) -> list[Spilled]:
    return [store.put(pack(p.by_document())) for p in parts]


def test_features_cut_by_document_and_merged_again_are_the_features(seed_tables):
    features = clause_features(seed_tables.clauses, seed_tables.documents)
    pieces = features.by_document()
    assert [d for d, _ in pieces] == list(dict.fromkeys(features.doc_id))  # the seeds' clauses come by document
    assert all(set(p.doc_id) == {d} and set(p.dates) == {d} for d, p in pieces)
    merged = _merge([p for _, p in pieces])
    _same_features(merged, features)
    assert merged.dates == {d: v for d, v in features.dates.items() if d in set(features.doc_id)}


def test_features_of_some_documents_are_those_documents_clauses_in_order(seed_tables):
    features = clause_features(seed_tables.clauses, seed_tables.documents)
    docs = list(dict.fromkeys(features.doc_id))
    chosen = set(docs[1::3])
    only = features.only(chosen)
    _same_features(only, _merge([p for d, p in features.by_document() if d in chosen]))
    assert set(only.dates) == chosen
    assert features.only(set(docs)) is features
    assert features.only(set()).doc_id == [] and len(features.only(set()).bounds) == 1


def test_a_spilled_part_reads_back_only_the_documents_asked_for(tmp_path):
    with SpillFile(tmp_path) as store:
        first = store.put(pack([("a", 1), ("b", [2]), ("a", {"three": 3}), ("c", "x")]))
        second = store.put(pack([("d", np.arange(3))]))
        assert first.load() == [1, [2], {"three": 3}, "x"]
        assert first.load({"a"}) == [1, {"three": 3}]
        assert first.load({"c", "b"}) == [[2], "x"]
        assert first.load(set()) == [] and second.load({"a"}) == []
        np.testing.assert_array_equal(second.load({"d"})[0], np.arange(3))
        assert store.put(pack([])).load() == []
    assert list(tmp_path.iterdir()) == []  # unnamed, and closed: nothing left behind


@pytest.mark.parametrize("size", [1, 4, 100])
def test_spilled_features_give_the_reuse_table_of_the_features_in_memory(seed_tables, tmp_path, size):
    parts = _chunks(seed_tables, size)
    docs = seed_tables.documents["doc_id"].tolist()
    representatives = set(docs[::2])
    with SpillFile(tmp_path) as store:
        spilled = _spilled(parts, store)
        for chosen in (None, representatives):
            n = len(chosen) if chosen else None
            expected = reuse_from_features(parts, chosen, n_documents=n)
            assert len(expected)
            pd.testing.assert_frame_equal(reuse_from_features(spilled, chosen, n_documents=n), expected)
        mixed = [p if k % 2 else s for k, (p, s) in enumerate(zip(parts, spilled, strict=True))]
        pd.testing.assert_frame_equal(reuse_from_features(mixed), reuse_from_features(parts))


@pytest.fixture(scope="module")
def near_copies(tmp_path_factory):
    """Twelve documents: the first four catalogued seeds, each three times with one line of another seed in place
    of one of its own (what scripts/bench_reuse.py builds, smaller)."""
    folder = tmp_path_factory.mktemp("near") / "corpus"
    folder.mkdir()
    rows = read_catalog(SEEDS / "catalog.csv")[:4]
    texts = {r["file"]: (SEEDS / r["file"]).read_text(encoding="utf-8").splitlines() for r in rows}
    pool = sorted({line for lines in texts.values() for line in lines if len(line) > 30})
    rng = random.Random(0)
    columns = ["doc_id", "file", "sha256", "title", "publisher", "source", "region", "genre", "script", "date_written",
               "date_written_basis", "date_published", "date_published_basis", "url", "notes"]
    catalog = []
    for k in range(12):
        row = rows[k % len(rows)]
        lines = list(texts[row["file"]])
        lines[rng.choice([i for i, line in enumerate(lines) if len(line) > 30])] = rng.choice(pool)
        (folder / f"copy-{k:02d}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        catalog.append({c: row.get(c, "") for c in columns} | {"doc_id": f"copy-{k:02d}", "file": f"copy-{k:02d}.txt",
                                                           "sha256": ""})
    shutil.copy(SEEDS / rows[0]["file"], folder / "seed.txt")  # and one seed as it is
    catalog.append({c: rows[0].get(c, "") for c in columns} | {"doc_id": "seed", "file": "seed.txt", "sha256": ""})
    with (folder / "catalog.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(catalog)
    return folder


@pytest.mark.slow  # exports a corpus to files
def test_the_export_reads_back_only_the_representatives_clauses_and_leaves_no_spill_file(near_copies, tmp_path,
                                                                                       monkeypatch):
    disable = ("entities", "indicators", "evaluation", "codes", "lexicons", "keywords")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        corpus = policytext.load_corpus(near_copies)
    in_memory = parse_rows(corpus.documents.to_dict("records"), disable=disable)
    read: list[str] = []
    load = Spilled.load

    def recording(self, keys=None):
        out = load(self, keys)
        read.extend(d for f in out for d in dict.fromkeys(f.doc_id))
        return out

    monkeypatch.setattr(spill.Spilled, "load", recording)
    from policytext.pipeline.export import export

    export(near_copies, tmp_path / "out", jobs=1, chunk_size=5, progress=False, disable=disable, workbook=False)
    representatives = set(in_memory.duplicates.loc[in_memory.duplicates["canonical"], "doc_id"])
    assert 1 < len(representatives) < len(in_memory.documents)  # copies were set aside
    assert sorted(read) == sorted(representatives)  # each read back once, and no copy
    for name in ("reuse", "duplicates"):
        written = pd.read_parquet(tmp_path / "out" / f"{name}.parquet")
        pd.testing.assert_frame_equal(written, in_memory.table(name).reset_index(drop=True), check_dtype=False,
                                      obj=name)
    assert len(in_memory.reuse)
    assert sorted(p.name for p in (tmp_path / "out").iterdir() if not p.name.endswith((".csv", ".parquet"))) == []


def test_the_caches_kept_across_documents_are_bounded():
    """A cache of a function's results that is kept for the life of the process and keyed by a piece of text
    has a size limit, or memory grows with the corpus; caches without one take only names from the
    package's own data (a lexicon, a region)."""
    unbounded = []
    for module in pkgutil.walk_packages(policytext.__path__, "policytext."):
        if module.name.endswith("__main__"):
            continue
        for name, obj in vars(importlib.import_module(module.name)).items():
            if isinstance(obj, functools._lru_cache_wrapper) and obj.__module__ == module.name \
                    and inspect.signature(obj).parameters and obj.cache_info().maxsize is None:
                unbounded.append(f"{module.name}.{name}")
    assert sorted(unbounded) == ["policytext.language.lexicon.lexicon", "policytext.parsing.regions.region_record"]
    from policytext.coding import indicators

    # the part-of-speech tags of a phrase before or after a quantity: about 1.2 KB an entry on statutes
    assert indicators._tag.cache_info().maxsize <= 8192
