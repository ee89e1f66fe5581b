"""The command line: tables written, and bad input gives one line and status 2."""

import subprocess
import sys

import pandas as pd
import pytest
from conftest import DATA, SEEDS


def run(*args):
    return subprocess.run(
        [sys.executable, "-m", "policytext", *args], capture_output=True, text=True, timeout=120
    )


def test_help_lists_the_commands():
    result = run("--help")
    assert result.returncode == 0
    assert "export" in result.stdout


def test_export_writes_documents_csv_with_bom(tmp_path):
    result = run("export", str(SEEDS), "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    raw = (tmp_path / "documents.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    docs = pd.read_csv(tmp_path / "documents.csv", encoding="utf-8-sig")
    assert len(docs) == 5 and "text" not in docs.columns
    assert "重庆市科学技术局" in set(docs["publisher"])


@pytest.mark.parametrize(
    ("folder", "fragment"),
    [
        ("catalogs/row_without_file", "no such file"),
        ("catalogs/bad_date", "is not a valid ISO date"),
        ("catalogs/missing_column", "lacks the column"),
        ("catalogs/no_documents", "holds no .txt documents"),
        ("bad", "byte-order mark but is not valid"),
    ],
)
def test_bad_input_prints_one_line_and_exits_2(tmp_path, folder, fragment):
    result = run("export", str(DATA / folder), "--out", str(tmp_path))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("error: ") and fragment in result.stderr
    assert "Traceback" not in result.stderr


def test_warnings_are_one_line_each(tmp_path):
    result = run("export", str(DATA / "catalogs/missing_row"), "--out", str(tmp_path))
    assert result.returncode == 0
    assert result.stderr.splitlines() == [
        line for line in result.stderr.splitlines() if line.startswith("warning: ")
    ]
    assert "Extra Doc.txt: no row in catalog.csv" in result.stderr
