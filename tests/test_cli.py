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
    from policytext.pipeline.export import export

    out = tmp_path_factory.mktemp("serial")
    export(corpus, out, jobs=1, chunk_size=2)
    return out


@pytest.mark.slow  # starts worker processes
def test_parallel_export_equals_serial_export(tmp_path, corpus, serial_export):
    from policytext.pipeline.export import export

    export(corpus, tmp_path / "parallel", jobs=2, chunk_size=3)
    assert not list((tmp_path / "parallel").glob(".*"))  # the workers' handover files went with their folder
    serial, parallel = _tables(serial_export), _tables(tmp_path / "parallel")
    assert serial.keys() == parallel.keys()
    for name in serial:
        pd.testing.assert_frame_equal(serial[name], parallel[name], check_dtype=False)


@pytest.mark.slow  # starts worker processes
def test_dask_engine_on_the_local_scheduler_gives_the_same_tables(tmp_path):
    import dask
    from policytext import load_corpus
    from policytext.pipeline.export import export

    corpus = load_corpus(SEEDS, files=SEED_FILES)
    export(corpus, tmp_path / "processes", jobs=1)
    with dask.config.set(scheduler="threads"):
        export(corpus, tmp_path / "dask", engine="dask", chunk_size=2)
    ours, theirs = _tables(tmp_path / "processes"), _tables(tmp_path / "dask")
    for name in ours:
        pd.testing.assert_frame_equal(ours[name], theirs[name], check_dtype=False)


def test_streamed_export_matches_the_in_memory_tables(serial_export, seed_tables):
    from policytext.pipeline.reuse import find_reuse

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


def curated_catalog(tmp_path):
    """The pinned seeds with a curated catalog: one file's row taken out (a new document to catalog), and
    another row's title and notes changed by hand. Returns the folder, its catalog text and the new file."""
    from support import pinned_seeds

    folder = pinned_seeds(tmp_path / "seeds")
    catalog = folder / "catalog.csv"
    lines = catalog.read_text(encoding="utf-8").splitlines(keepends=True)
    new_file = lines[-1].split(",")[1]
    curated = lines[:-1]
    curated[1] = curated[1].replace("坚持“四个面向”战略方向", "[hand-corrected title] 坚持“四个面向”战略方向", 1)
    text = "".join(curated)
    catalog.write_text(text, encoding="utf-8")
    return folder, text, new_file


def test_catalog_output_into_a_curated_catalog_only_appends_rows_for_new_files(tmp_path):
    from policytext.reading.catalog import read_catalog

    folder, curated, new_file = curated_catalog(tmp_path)
    catalog = folder / "catalog.csv"
    result = cli("catalog", str(folder), "--output", str(catalog))
    assert result.returncode == 0, result.stderr
    merged = catalog.read_text(encoding="utf-8")
    assert merged.startswith(curated)  # every curated line kept, byte for byte
    added = merged[len(curated):].splitlines()
    assert len(added) == 1 and f",{new_file}," in added[0] and "draft from the parse" in added[0]
    # the change is printed as a unified diff: the added row, nothing removed
    diff = result.stdout.splitlines()
    assert [line for line in diff if line.startswith("+") and not line.startswith("+++")] == ["+" + added[0]]
    assert not [line for line in diff if line.startswith("-") and not line.startswith("---")]
    rows = read_catalog(catalog)  # the merged catalog is one the loader accepts
    assert rows[0]["title"].startswith("[hand-corrected title]")
    again = cli("catalog", str(folder), "--output", str(catalog))
    assert again.returncode == 0 and "nothing changed" in again.stdout
    assert catalog.read_text(encoding="utf-8") == merged


def test_merged_rows_never_reuse_a_curated_doc_id():
    import pandas as pd
    from policytext.pipeline.catalog_draft import merge_catalog
    from policytext.reading.catalog import COLUMNS

    curated = "\ufeffdoc_id,file,notes\r\ncq-a,a.txt,mine\r\n"
    draft = pd.DataFrame([dict.fromkeys(COLUMNS, "") | {"doc_id": "cq-a", "file": "b.txt", "notes": "draft"},
                          dict.fromkeys(COLUMNS, "") | {"doc_id": "cq-a", "file": "a.txt", "notes": "draft"}])
    merged, diff = merge_catalog(curated, draft)
    assert merged == curated + "cq-a-2,b.txt,draft\r\n"  # BOM, columns and line ending of the curated file
    assert "+cq-a-2,b.txt,draft" in diff


def test_catalog_output_into_a_file_that_is_not_a_catalog_is_one_error(tmp_path):
    from support import pinned_seeds

    folder = pinned_seeds(tmp_path / "seeds")
    target = tmp_path / "notes.csv"
    target.write_text("just,some\nwords,here\n", encoding="utf-8")
    result = cli("catalog", str(folder), "--output", str(target))
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert "notes.csv" in result.stderr and "'file' column" in result.stderr
    assert target.read_text(encoding="utf-8") == "just,some\nwords,here\n"


def test_a_warning_prints_as_one_line_once_shown_plainly():
    code = ("import warnings\n"
            "from policytext.errors import CorpusWarning, show_warnings_plainly\n"
            "show_warnings_plainly()\n"
            "warnings.warn('a.txt: no row\\n in catalog.csv', CorpusWarning)\n"
            "warnings.warn('mean of empty slice', RuntimeWarning)\n"
            "print(warnings.formatwarning('x\\ny', UserWarning, 'f.py', 3), end='')\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.stderr.splitlines() == ["warning: a.txt: no row in catalog.csv",
                                          "RuntimeWarning: mean of empty slice"]
    assert result.stdout == "UserWarning: x y\n"  # formatwarning too (used by logging.captureWarnings)


def test_every_script_shows_warnings_plainly_before_it_runs():
    import ast

    from support import ROOT

    for script in sorted((ROOT / "scripts").glob("*.py")):
        tree = ast.parse(script.read_text(encoding="utf-8"))
        blocks = [node for node in tree.body if isinstance(node, ast.If) and "__main__" in ast.unparse(node.test)]
        if not blocks:
            continue
        calls = [ast.unparse(stmt) for stmt in blocks[0].body if isinstance(stmt, ast.Expr)]
        assert calls and calls[0] == "show_warnings_plainly()", script.name
