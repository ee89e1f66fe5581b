"""Every bad input in the README table: a bad file among good ones is skipped with one warning line naming
it and the problem (the rest of the corpus goes on, the file is listed in skipped.csv); input that stops
the whole run (a bad catalog, no readable document) gives one clear line and status 2."""

import shutil
from pathlib import Path

import pandas as pd
import policytext
import pytest
from policytext.errors import CorpusWarning
from policytext.pipeline.tables import parse_document
from support import DATA, SEED_FILES, SEEDS, cli, pinned_seeds


def export(folder: Path, out: Path):
    """`policytext export folder --out out`, in this process and one worker (test_cli.py runs the command
    itself in a subprocess): its exit status and what it printed."""
    return cli("export", str(folder), "--out", str(out), "--jobs", "1")


def corpus_with(tmp_path: Path, name: str, data: bytes | None = None) -> Path:
    folder = pinned_seeds(tmp_path / "seeds")
    if data is not None:
        (folder / name).write_bytes(data)
    return folder


def assert_one_line_error(result, *fragments):
    assert result.returncode == 2, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    for fragment in fragments:
        assert fragment in lines[0]


def assert_skipped_with_one_line(result, out: Path, name: str, *fragments):
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    lines = [line for line in result.stderr.splitlines() if name in line]
    assert len(lines) == 1 and lines[0].startswith("warning: ") and lines[0].endswith("; skipped"), result.stderr
    for fragment in fragments:
        assert fragment in lines[0]
    documents = pd.read_csv(out / "documents.csv", encoding="utf-8-sig")
    # the rest of the corpus went on
    assert sorted(documents["file"]) == SEED_FILES and name not in set(documents["file"])
    skipped = pd.read_csv(out / "skipped.csv", encoding="utf-8-sig")
    assert list(skipped["file"]) == [name]


@pytest.mark.slow  # exports the seeds to files
def test_fifty_megabyte_file_is_skipped_with_advice(tmp_path):
    folder = corpus_with(tmp_path, "huge.txt", ("科技创新。" * 3_500_000).encode())
    assert (folder / "huge.txt").stat().st_size > 50_000_000
    out = tmp_path / "out"
    assert_skipped_with_one_line(export(folder, out), out, "huge.txt",
                                 "is 50.1 MB (52,500,000 bytes), over the 20 MB (20,971,520 bytes) limit", "split it")


def test_gigantic_single_line_loads_and_parses():
    text = "支持企业建设研发机构，" * 20_000 + "推动科技创新。"
    parsed = parse_document("big", text)
    assert parsed.cleaned.kept_lines == (1,)
    assert len(parsed.structure.sentences) == 1


@pytest.mark.slow  # exports the seeds to files
def test_directory_named_like_a_document_is_skipped(tmp_path):
    folder = corpus_with(tmp_path, "x")
    (folder / "notes.txt").mkdir()
    with pytest.warns(CorpusWarning, match="notes.txt: is a directory"):
        corpus = policytext.load_corpus(folder)
    assert sorted(corpus.documents["file"]) == SEED_FILES and list(corpus.skipped["file"]) == ["notes.txt"]
    out = tmp_path / "out"
    assert_skipped_with_one_line(export(folder, out), out, "notes.txt", "is a directory")


def test_subfolder_is_another_corpus_and_left_alone(tmp_path):
    folder = corpus_with(tmp_path, "x")
    pinned_seeds(folder / "reference")
    corpus = policytext.load_corpus(folder)
    assert sorted(corpus.documents["file"]) == SEED_FILES and corpus.skipped.empty


def test_unreadable_file_is_skipped(tmp_path, monkeypatch):
    folder = corpus_with(tmp_path, "locked.txt", "科技。".encode())
    original = Path.read_bytes

    def deny(self):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", deny)
    with pytest.warns(CorpusWarning, match="locked.txt: cannot be read \\(permission denied\\)"):
        corpus = policytext.load_corpus(folder)
    assert corpus.skipped.set_index("file").loc["locked.txt", "problem"].startswith("cannot be read")


@pytest.mark.parametrize(
    ("name", "fragment"),
    [("empty.txt", "the file is empty"), ("binary.txt", "NUL bytes"), ("damaged_utf8.txt", "invalid bytes at byte"),
     ("undecodable.txt", "cannot be decoded")],
)
@pytest.mark.slow  # exports the seeds to files
def test_bad_file_among_good_ones_is_skipped_naming_that_file(tmp_path, name, fragment):
    folder = corpus_with(tmp_path, name, (DATA / "bad" / name).read_bytes())
    out = tmp_path / "out"
    assert_skipped_with_one_line(export(folder, out), out, name, fragment)


def test_folder_of_only_bad_files_is_one_error_after_the_warnings(tmp_path):
    folder = tmp_path / "bad"
    shutil.copytree(DATA / "bad", folder)
    result = export(folder, tmp_path / "out")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1 and "holds no readable documents" in errors[0]
    warned = [line for line in result.stderr.splitlines() if line.startswith("warning: ") and "; skipped" in line]
    assert len(warned) == len([p for p in folder.iterdir() if not p.name.startswith(".")])


def test_truncated_file_and_legacy_encodings_load_with_their_encoding(tmp_path):
    folder = corpus_with(tmp_path, "x")
    for name in ("truncated_utf8.txt", "gbk.txt", "big5.txt", "utf16_bom.txt"):
        shutil.copy(DATA / "encodings" / name, folder / name)
    with pytest.warns(CorpusWarning) as record:
        corpus = policytext.load_corpus(folder)
    docs = corpus.documents.set_index("file")
    assert docs.loc["gbk.txt", "encoding"] == "gb18030" and docs.loc["big5.txt", "encoding"] == "big5"
    assert docs.loc["utf16_bom.txt", "encoding"] == "utf-16-le-bom"
    assert any("truncated_utf8.txt: its last character was cut off" in str(w.message) for w in record)
    assert len(corpus) == len(SEED_FILES) + 4  # nothing dropped


@pytest.mark.slow  # exports the seeds to files
def test_duplicate_document_is_flagged_and_kept(tmp_path):
    folder = corpus_with(tmp_path, "copy.txt", (SEEDS / "004_be53cfa65109a65f.txt").read_bytes())
    with pytest.warns(CorpusWarning) as record:
        corpus = policytext.load_corpus(folder)
    messages = [str(w.message) for w in record]
    assert any("copy.txt: same content as 'cq-wushan-2022'" in m for m in messages)
    assert any("copy.txt: no row in catalog.csv" in m for m in messages) and len(messages) == 2
    assert corpus.documents.set_index("file").loc["copy.txt", "duplicate_of"] == "cq-wushan-2022"
    result = export(folder, tmp_path / "out")
    assert result.returncode == 0 and "warning: " in result.stderr and "Traceback" not in result.stderr


@pytest.mark.slow  # starts worker processes
def test_two_workers_read_the_files_with_the_same_warnings_skips_and_files(tmp_path):
    # With --jobs 2 the worker processes read the files; what the user sees and gets must not change.
    folder = corpus_with(tmp_path, "binary.txt", (DATA / "bad" / "binary.txt").read_bytes())
    (folder / "copy.txt").write_bytes((SEEDS / "004_be53cfa65109a65f.txt").read_bytes())
    serial, parallel = (cli("export", str(folder), "--out", str(tmp_path / f"out{jobs}"), "--jobs", str(jobs))
                        for jobs in (1, 2))
    warned = [line for line in serial.stderr.splitlines() if line.startswith("warning: ")]
    assert serial.returncode == parallel.returncode == 0, parallel.stderr
    assert [line for line in parallel.stderr.splitlines() if line.startswith("warning: ")] == warned
    for name, fragment in (("binary.txt", "NUL bytes"), ("copy.txt", "same content as"), ("copy.txt", "no row in")):
        assert len([line for line in warned if name in line and fragment in line]) == 1, warned
    written = sorted(p.name for p in (tmp_path / "out1").iterdir())
    assert written == sorted(p.name for p in (tmp_path / "out2").iterdir())
    for name in written:  # the same bytes, Parquet included
        assert (tmp_path / "out1" / name).read_bytes() == (tmp_path / "out2" / name).read_bytes(), name


def test_folder_of_only_bad_files_read_by_two_workers_is_one_error(tmp_path):
    folder = tmp_path / "bad"
    shutil.copytree(DATA / "bad", folder)
    result = cli("export", str(folder), "--out", str(tmp_path / "out"), "--jobs", "2")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1 and "holds no readable documents" in errors[0]
