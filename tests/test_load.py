"""Decoding: every encoding the seeds may come in, and every way a file can be broken."""

import warnings

import pytest
from policytext.errors import CorpusError, CorpusWarning
from policytext.reading.load import decode_bytes, read_document
from support import DATA

ENC = DATA / "encodings"
BAD = DATA / "bad"
EXPECTED = "关于支持科技创新的若干措施\n一、加快建设重庆实验室。\n（一）设立科技创新基金，支持企业研发。\n"


@pytest.mark.parametrize(
    ("name", "encoding", "newline"),
    [
        ("gbk.txt", "gb18030", "LF"),
        ("utf8_bom.txt", "utf-8-bom", "LF"),
        ("utf16_bom.txt", "utf-16-le-bom", "LF"),
        ("utf16be_bom.txt", "utf-16-be-bom", "LF"),
        ("crlf.txt", "utf-8", "CRLF"),
        ("cr.txt", "utf-8", "CR"),
    ],
)
def test_encodings_and_newlines_are_detected_and_recorded(name, encoding, newline):
    decoded = read_document(ENC / name)
    assert decoded.text == EXPECTED
    assert decoded.encoding == encoding
    assert decoded.newline == newline


def test_gb18030_four_byte_characters_are_read():
    decoded = read_document(ENC / "gb18030.txt")
    assert decoded.encoding == "gb18030"
    assert decoded.text.endswith("㐀鿿\n")


def test_big5_is_detected_as_big5_not_gbk():
    decoded = read_document(ENC / "big5.txt")
    assert decoded.encoding == "big5"
    assert decoded.text.startswith("關於支持科技創新")


def test_ascii_punctuation_is_kept_as_written():
    assert "(一)设立科技创新基金,支持" in read_document(ENC / "ascii_punct.txt").text


def test_truncated_last_character_loads_with_warning_and_is_never_read_as_gbk():
    with pytest.warns(CorpusWarning, match="truncated_utf8.txt: its last character was cut off"):
        decoded = read_document(ENC / "truncated_utf8.txt")
    assert decoded.encoding == "utf-8"
    assert decoded.text == EXPECTED + "科"
    assert decoded.repaired


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("empty.txt", "the file is empty"),
        ("blank.txt", "the file is empty"),
        ("binary.txt", "NUL bytes"),
        ("damaged_utf8.txt", "UTF-8 with invalid bytes at byte 135 \\(line 4\\)"),
        ("undecodable.txt", "cannot be decoded"),
        ("bad_bom_utf16.txt", "byte-order mark but is not valid"),
    ],
)
def test_bad_files_raise_one_clear_error_naming_the_file(name, message):
    with pytest.raises(CorpusError, match=message) as info:
        read_document(BAD / name)
    assert str(info.value).startswith(str(BAD / name))
    assert "\n" not in str(info.value)


def test_directory_and_missing_file_are_clear_errors(tmp_path):
    with pytest.raises(CorpusError, match="is a directory"):
        read_document(tmp_path)
    with pytest.raises(CorpusError, match="does not exist"):
        read_document(tmp_path / "nope.txt")


def test_valid_utf8_gives_no_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert decode_bytes("科技创新".encode()).text == "科技创新"


def test_a_file_just_over_the_size_limit_states_its_size_and_the_limit_exactly(tmp_path):
    path = tmp_path / "big.txt"
    with path.open("wb") as f:
        f.truncate(21_390_112)  # sparse: no need to write 20 MB
    with pytest.raises(CorpusError) as caught:
        read_document(path)
    assert str(caught.value) == (
        f"{path}: is 20.4 MB (21,390,112 bytes), over the 20 MB (20,971,520 bytes) limit "
        "(split it into one file per document)"
    )
