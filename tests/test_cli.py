"""The command line: tables written, and bad input gives one line and status 2.

`run` starts the installed command in a fresh interpreter (help, one export, the reports); `cli` runs the
same entry point in this process, for the checks about what the command prints and writes.
"""

import os
import shutil
import subprocess
import sys

import pandas as pd
import pytest
from support import DATA, ROOT, SEED_FILES, SEEDS, cli


def run(*args):
    return subprocess.run(
        [sys.executable, "-m", "policytext", *args], capture_output=True, text=True, timeout=120
    )


@pytest.mark.slow  # the command in a fresh interpreter
def test_help_lists_the_commands():
    result = run("--help")
    assert result.returncode == 0
    assert "export" in result.stdout


@pytest.fixture(scope="module")
def exported(tmp_path_factory, seeds_copy):
    """The seeds exported by the command in a subprocess, read by two tests. One worker: five documents do
    not repay starting worker processes (test_parallel_export_equals_serial_export checks those)."""
    out = tmp_path_factory.mktemp("export")
    return run("export", str(seeds_copy), "--out", str(out), "--jobs", "1"), out


@pytest.mark.slow  # the command in a fresh interpreter
def test_export_writes_documents_csv_with_bom(exported):
    result, tmp_path = exported
    assert result.returncode == 0, result.stderr
    raw = (tmp_path / "documents.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    docs = pd.read_csv(tmp_path / "documents.csv", encoding="utf-8-sig")
    assert sorted(docs["file"]) == SEED_FILES and "text" not in docs.columns
    assert "重庆市科学技术局" in set(docs["publisher"])


@pytest.mark.parametrize(
    ("folder", "fragment"),
    [
        ("catalogs/row_without_file", "no such file"),
        ("catalogs/bad_date", "is not a valid ISO date"),
        ("catalogs/missing_column", "lacks the column"),
        ("catalogs/no_documents", "holds no readable documents"),
    ],
)
def test_bad_input_prints_one_line_and_exits_2(tmp_path, folder, fragment):
    result = cli("export", str(DATA / folder), "--out", str(tmp_path))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("error: ") and fragment in result.stderr
    assert "Traceback" not in result.stderr


def test_warnings_are_one_line_each(tmp_path):
    result = cli("export", str(DATA / "catalogs/missing_row"), "--out", str(tmp_path), "--jobs", "1")
    assert result.returncode == 0
    assert result.stderr.splitlines() == [
        line for line in result.stderr.splitlines() if line.startswith("warning: ")
    ]
    assert "Extra Doc.txt: no row in catalog.csv" in result.stderr


@pytest.mark.slow  # the command in a fresh interpreter
def test_export_writes_every_parse_table(exported):
    result, tmp_path = exported
    assert result.returncode == 0, result.stderr
    for name in ("documents", "removed", "articles", "sections", "clauses", "sentences", "metadata"):
        assert (tmp_path / f"{name}.csv").exists() and (tmp_path / f"{name}.parquet").exists()
    clauses = pd.read_csv(tmp_path / "clauses.csv", encoding="utf-8-sig")
    assert {"doc_id", "article", "clause_id", "section_path", "heading", "text"} <= set(clauses.columns)
    removed = pd.read_csv(tmp_path / "removed.csv", encoding="utf-8-sig")
    assert len(removed) == 58 and set(removed.columns) == {"doc_id", "line", "text", "reason"}


@pytest.mark.slow  # the command in a fresh interpreter
def test_report_shows_metadata_outline_and_removed_lines_by_reason():
    result = run("report", str(SEEDS / "001_bc794e7ec96f70d4.txt"))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "doc_number: 渝科局函〔2023〕278号" in out
    assert "cq-reply-2023/a1/s2  二、下一步工作打算" in out
    assert "### duplicate_metadata (7)" in out
    assert "31 raw = 16 kept + 15 removed + 0 blank" in out


@pytest.mark.slow  # the command in a fresh interpreter
def test_report_on_a_missing_file_is_one_line():
    result = run("report", "no/such/file.txt")
    assert result.returncode == 2 and result.stderr.count("\n") == 1


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_report_takes_a_file_name_with_spaces(tmp_path):
    folder = tmp_path / "my documents"
    folder.mkdir()
    shutil.copy(SEEDS / "001_bc794e7ec96f70d4.txt", folder / "reply letter.txt")
    env = {k: v for k, v in os.environ.items() if k not in {"MAKEFLAGS", "MFLAGS", "MAKELEVEL"}}
    command = ["make", "-s", "report", f"FILE={folder / 'reply letter.txt'}"]
    if "pip install" in subprocess.run([*command[:1], "-n", *command[2:]], cwd=ROOT, env=env, capture_output=True,
                                       text=True, timeout=60).stdout:
        pytest.skip("the .venv is not installed yet (`make install`)")
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "(reply letter.txt)" in result.stdout and "doc_number: 渝科局函〔2023〕278号" in result.stdout


def _tables(folder):
    return {p.stem: pd.read_csv(p, encoding="utf-8-sig") for p in sorted(folder.glob("*.csv"))}


@pytest.fixture(scope="module")
def serial_export(tmp_path_factory, corpus):
    """The seeds exported in this process, one document chunk of two at a time (read by two tests)."""
    from policytext.export import export

    out = tmp_path_factory.mktemp("serial")
    export(corpus, out, jobs=1, chunk_size=2)
    return out


@pytest.mark.slow  # starts worker processes
def test_parallel_export_equals_serial_export(tmp_path, corpus, serial_export):
    from policytext.export import export

    export(corpus, tmp_path / "parallel", jobs=2, chunk_size=3)
    serial, parallel = _tables(serial_export), _tables(tmp_path / "parallel")
    assert serial.keys() == parallel.keys()
    for name in serial:
        pd.testing.assert_frame_equal(serial[name], parallel[name], check_dtype=False)


@pytest.mark.slow  # starts worker processes
def test_dask_engine_on_the_local_scheduler_gives_the_same_tables(tmp_path):
    import dask
    from policytext import load_corpus
    from policytext.export import export

    corpus = load_corpus(SEEDS, files=SEED_FILES)
    export(corpus, tmp_path / "processes", jobs=1)
    with dask.config.set(scheduler="threads"):
        export(corpus, tmp_path / "dask", engine="dask", chunk_size=2)
    ours, theirs = _tables(tmp_path / "processes"), _tables(tmp_path / "dask")
    for name in ours:
        pd.testing.assert_frame_equal(ours[name], theirs[name], check_dtype=False)


def test_streamed_export_matches_the_in_memory_tables(serial_export, seed_tables):
    from policytext.reuse import find_reuse

    tmp_path, tables = serial_export, seed_tables
    for name in ("clauses", "sentences", "codes", "indicators", "removed"):
        written = pd.read_csv(tmp_path / f"{name}.csv", encoding="utf-8-sig", keep_default_na=False)
        assert len(written) == len(getattr(tables, name)), name
    assert len(pd.read_parquet(tmp_path / "sentences.parquet")) == len(tables.sentences)
    reuse = pd.read_csv(tmp_path / "reuse.csv", encoding="utf-8-sig", keep_default_na=False)
    expected = find_reuse(tables.clauses, tables.documents)
    assert not expected.empty
    assert reuse[["source_doc", "target_doc", "source_text", "source_start"]].values.tolist() == \
        expected[["source_doc", "target_doc", "source_text", "source_start"]].values.tolist()
    streamed = pd.read_csv(tmp_path / "keywords.csv", encoding="utf-8-sig")
    in_memory = tables.keywords
    for method in ("tfidf", "textrank"):
        a = streamed[streamed["method"] == method].reset_index(drop=True)
        b = in_memory[in_memory["method"] == method].reset_index(drop=True)
        pd.testing.assert_frame_equal(a[["doc_id", "rank", "term", "count"]], b[["doc_id", "rank", "term", "count"]])
