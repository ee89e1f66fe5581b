"""Bytes to text: encoding detection, newline normalisation, clear errors.

Order of trust: a byte-order mark, then strict UTF-8 (also when only the last
character was cut off by a scraper), then the legacy Chinese encodings
GB18030 and Big5, chosen by how plausible the decoded characters are.
A file that is almost valid UTF-8 is never re-read as GBK: that would turn
every character into mojibake.
"""

from __future__ import annotations

import codecs
import warnings
from dataclasses import dataclass
from pathlib import Path

from ..errors import CorpusError, CorpusWarning

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)
# A legacy decoding is accepted only when this share of its Han characters
# falls in the encoding's common-character range.
_PLAUSIBLE = 0.8
# One policy document is at most a few hundred kB; anything this large is a dump of many documents
# or not text, and would stall the parser: it gets a clear error instead.
MIB = 1024 * 1024
MAX_BYTES = 20 * MIB


@dataclass(frozen=True)
class Decoded:
    """Text read from one file, with how it was read."""

    text: str
    encoding: str
    newline: str
    repaired: str = ""


def _han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _common_share(text: str, encoding: str) -> float:
    """Share of Han characters that are common in `encoding` (GB2312 level 1-2, Big5 level 1)."""
    han = [c for c in text if _han(c)]
    if not han:
        return 0.0
    common = 0
    for c in han:
        if encoding == "gb18030":
            try:
                c.encode("gb2312")
                common += 1
            except UnicodeEncodeError:
                pass
        else:
            b = c.encode("big5", errors="ignore")
            common += len(b) == 2 and 0xA4 <= b[0] <= 0xC6
    return common / len(han)


def _utf8_truncated(data: bytes) -> str | None:
    """Text if `data` is valid UTF-8 except for an incomplete final character."""
    for cut in (1, 2, 3):
        if len(data) <= cut:
            break
        try:
            text = data[:-cut].decode("utf-8")
        except UnicodeDecodeError:
            continue
        lead = data[-cut]
        # data[-cut + 1:] would be the whole file when cut == 1: slice from an absolute index
        if lead >= 0xC0 and all(0x80 <= b < 0xC0 for b in data[len(data) - cut + 1 :]):
            return text
        return None
    return None


def _normalise_newlines(text: str) -> tuple[str, str]:
    if "\r\n" in text:
        kind = "CRLF"
    elif "\r" in text:
        kind = "CR"
    else:
        kind = "LF"
    return text.replace("\r\n", "\n").replace("\r", "\n"), kind


def decode_bytes(data: bytes, path: object = "<bytes>") -> Decoded:
    """Decode raw bytes of a policy document; raise CorpusError naming `path` if impossible."""
    if not data.strip():
        raise CorpusError(path, "the file is empty", "remove it or add the document's text")
    for bom, name, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as exc:
                raise CorpusError(
                    path, f"starts with a {name} byte-order mark but is not valid {name}",
                    "re-save the file as UTF-8",
                ) from exc
            text, newline = _normalise_newlines(text.lstrip("\ufeff"))
            return _checked(Decoded(text, name + "-bom", newline), path)
    if b"\x00" in data:
        raise CorpusError(
            path, "contains NUL bytes: this is a binary file, not text",
            "convert it to a UTF-8 .txt file (UTF-16 needs a byte-order mark)",
        )
    repaired = ""
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        truncated = _utf8_truncated(data)
        if truncated is not None:
            text, encoding = truncated, "utf-8"
            repaired = "its last character was cut off in the middle; the partial bytes were dropped"
            warnings.warn(f"{path}: {repaired}", CorpusWarning, stacklevel=3)
        else:
            text, encoding = _legacy(data, path, exc)
    text, newline = _normalise_newlines(text)
    return _checked(Decoded(text, encoding, newline, repaired), path)


def _legacy(data: bytes, path: object, utf8_error: UnicodeDecodeError) -> tuple[str, str]:
    lenient = data.decode("utf-8", errors="replace")
    bad = lenient.count("\ufffd")
    good = sum(1 for c in lenient if ord(c) > 0x7F) - bad
    if good > 10 * bad:
        line = data[: utf8_error.start].count(b"\n") + 1
        raise CorpusError(
            path, f"is UTF-8 with invalid bytes at byte {utf8_error.start} (line {line})",
            "the file is damaged; fetch it again or fix that line",
        )
    best: tuple[float, str, str] | None = None
    for encoding in ("gb18030", "big5"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        score = _common_share(text, encoding)
        if best is None or score > best[0]:
            best = (score, text, encoding)
    if best is None or best[0] < _PLAUSIBLE:
        raise CorpusError(
            path, "cannot be decoded as UTF-8, GB18030/GBK or Big5",
            "re-save the file as UTF-8",
        )
    return best[1], best[2]


def _checked(decoded: Decoded, path: object) -> Decoded:
    if not decoded.text.strip():
        raise CorpusError(path, "holds no text", "remove it or add the document's text")
    return decoded


def _size(n: int) -> str:
    """'20.4 MB (21,390,112 bytes)': MB with one decimal, and the exact byte count that settles a near tie."""
    return f"{n / MIB:.1f} MB ({n:,} bytes)"


def read_bytes(path: str | Path, limit: int = MAX_BYTES) -> bytes:
    """The bytes of one document file; raise CorpusError naming the file if it is missing, too large or unreadable."""
    p = Path(path)
    if p.is_dir():
        raise CorpusError(p, "is a directory, not a document file", "move it out of the corpus folder")
    try:
        size = p.stat().st_size
        if size > limit:
            raise CorpusError(
                p, f"is {_size(size)}, over the {limit / MIB:g} MB ({limit:,} bytes) limit",
                "split it into one file per document",
            )
        return p.read_bytes()
    except FileNotFoundError as exc:
        raise CorpusError(p, "does not exist", "check the path") from exc
    except PermissionError as exc:
        raise CorpusError(p, "cannot be read (permission denied)", "check the file's permissions") from exc
    except IsADirectoryError as exc:  # pragma: no cover - raced with is_dir above
        raise CorpusError(p, "is a directory, not a document file") from exc
    except OSError as exc:
        raise CorpusError(p, f"cannot be read ({exc.strerror})") from exc


def read_document(path: str | Path) -> Decoded:
    """Read one text document file and decode it; raise CorpusError naming the file on failure."""
    p = Path(path)
    return decode_bytes(read_bytes(p), p)
