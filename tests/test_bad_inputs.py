"""Every bad input in the README table: one clear line and status 2, or a warning and a safe result."""

import shutil
import subprocess
import sys
from pathlib import Path

import policytext
import pytest
from conftest import DATA, SEEDS
from policytext.errors import CorpusError, CorpusWarning
from policytext.tables import parse_document


def export(folder: Path, out: Path):
    return subprocess.run(
        [sys.executable, "-m", "policytext", "export", str(folder), "--out", str(out)],
        capture_output=True, text=True, timeout=300,
    )


def corpus_with(tmp_path: Path, name: str, data: bytes | None = None) -> Path:
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    if data is not None:
        (folder / name).write_bytes(data)
    return folder


def assert_one_line_error(result, *fragments):
    assert result.returncode == 2, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    for fragment in fragments:
        assert fragment in lines[0]


def test_fifty_megabyte_file_is_refused_with_advice(tmp_path):
    folder = corpus_with(tmp_path, "huge.txt", ("科技创新。" * 3_500_000).encode())
    assert (folder / "huge.txt").stat().st_size > 50_000_000
    assert_one_line_error(export(folder, tmp_path / "out"), "huge.txt",
                          "is 50.1 MB (52,500,000 bytes), over the 20 MB (20,971,520 bytes) limit", "split it")


def test_gigantic_single_line_loads_and_parses():
    text = "支持企业建设研发机构，" * 20_000 + "推动科技创新。"
    parsed = parse_document("big", text)
    assert parsed.cleaned.kept_lines == (1,)
    assert len(parsed.structure.sentences) == 1


def test_directory_named_like_a_document_is_an_error(tmp_path):
    folder = corpus_with(tmp_path, "x")
    (folder / "notes.txt").mkdir()
    with pytest.raises(CorpusError, match="notes.txt: is a directory"):
        policytext.load_corpus(folder)
    assert_one_line_error(export(folder, tmp_path / "out"), "notes.txt", "is a directory")


def test_unreadable_file_is_an_error(tmp_path, monkeypatch):
    folder = corpus_with(tmp_path, "locked.txt", "科技。".encode())
    original = Path.read_bytes

    def deny(self):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", deny)
    with pytest.raises(CorpusError, match="locked.txt: cannot be read \\(permission denied\\)"):
        policytext.load_corpus(folder)


@pytest.mark.parametrize(
    ("name", "fragment"),
    [("empty.txt", "the file is empty"), ("binary.txt", "NUL bytes"), ("damaged_utf8.txt", "invalid bytes at byte"),
     ("undecodable.txt", "cannot be decoded")],
)
def test_bad_file_among_good_ones_names_that_file(tmp_path, name, fragment):
    folder = corpus_with(tmp_path, name, (DATA / "bad" / name).read_bytes())
    assert_one_line_error(export(folder, tmp_path / "out"), name, fragment)


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
    assert len(corpus) == 9  # nothing dropped


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
