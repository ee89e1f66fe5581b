"""Cut the locked sample's documents into coding units (standard library only).

Run from anywhere: ``python tests/data/gold/locked/make_units.py`` rewrites ``units.csv``
beside this file; ``--check`` only compares and exits 1 when the file differs.

Rules (README.md, "Units"):
- The body of a document lies between a fixed opening line and a fixed closing line given in
  BODIES below (title, adoption notes, addressees, signatures and dates stay outside it).
- A marker is a numbered start at the beginning of a line: 第X章/第X节 (as a Markdown
  heading or bare), 第X条, 一、, （一）/(一), 1./1．/1、, （1）/(1).
- A marker line with no 。！？；： (nor ;:!?) in it is a heading: the line alone is a unit.
- Any other marker starts a clause, which runs to the end of the last non-blank line before
  the next marker line or the end of the body; its text is kept verbatim, line breaks included.
- Lines that no clause covers (before the first marker, or after a heading) are split into
  sentences after 。！？ (with any closing quote or bracket that follows); a remainder with no
  end mark is a unit of its own.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DOCS = HERE / "docs"
OUT = HERE / "units.csv"

INFO_END = "<!-- INFO END -->"
STATE_COUNCIL_ADDRESSEES = "各省、自治区、直辖市人民政府，国务院各部委、各直属机构："

# file -> (line after which the body starts, first line after the body or None for the end)
BODIES = {
    "bj-2019-st-transfer.md": (INFO_END, None),
    "cq-2019-ftz.md": (INFO_END, None),
    "guangzhou-2023-youth-entrepreneurship.md": (INFO_END, None),
    "nat-1986-st-appropriations.md": (INFO_END, None),
    "nat-2018-guofa38-ftz-measures.txt": (STATE_COUNCIL_ADDRESSEES, "国务院"),
    "nat-2018-guofa42-agri-machinery.txt": (STATE_COUNCIL_ADDRESSEES, "国务院"),
    "qingdao-2011-st-innovation.md": (INFO_END, None),
    "sd-2020-talent-development.md": (INFO_END, None),
    "zhengzhou-1997-st-investment.md": (INFO_END, None),
    "zj-2021-high-tech-promotion.md": (INFO_END, None),
}

CN = "一二三四五六七八九十百零〇"
MARKER = re.compile(
    rf"^(?:#+\s*)?(?P<m>"
    rf"第[{CN}]+[章节]"
    rf"|第[{CN}]+条(?=[\s　])"
    rf"|[{CN}]+、"
    rf"|[（(][{CN}]+[)）]"
    rf"|\d+[.．、](?!\d)"
    rf"|[（(]\d+[)）]"
    rf")"
)
HEADING_MARKS = re.compile("[。！？；：;:!?]")
SENTENCE = re.compile(r"[^。！？]*[。！？]+[”’」』）)]*|[^。！？]+$")


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of every line of text, end excluding the newline."""
    spans, pos = [], 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _body(name: str, text: str, spans: list[tuple[int, int]]) -> range:
    """Indices of the body lines of one document; raises naming the file if a bound is missing."""
    first, stop = BODIES[name]
    lines = [text[a:b] for a, b in spans]
    try:
        begin = lines.index(first) + 1
        end = lines.index(stop, begin) if stop is not None else len(lines)
    except ValueError as err:
        raise SystemExit(f"{name}: body bound not found ({err})") from None
    return range(begin, end)


def _sentences(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """Sentence spans of the stripped line text[a:b]."""
    out = []
    for m in SENTENCE.finditer(text, a, b):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            out.append((s, e))
    return out


def cut(name: str, text: str) -> list[tuple[int, int]]:
    """Unit spans (start, end) of one document, in order."""
    spans = _lines(text)
    body = _body(name, text, spans)
    units: list[tuple[int, int]] = []
    clause: list[int] | None = None  # [start, end] of the open clause

    def close() -> None:
        nonlocal clause
        if clause is not None:
            units.append((clause[0], clause[1]))
            clause = None

    for i in body:
        a, b = spans[i]
        line = text[a:b]
        if not line.strip():
            continue
        lead = len(line) - len(line.lstrip())
        m = MARKER.match(line[lead:])
        if m:
            close()
            start = a + lead + m.start("m")
            end = a + len(line.rstrip())
            if HEADING_MARKS.search(line) is None:
                units.append((start, end))
            else:
                clause = [start, end]
        elif clause is not None:
            clause[1] = a + len(line.rstrip())
        else:
            units.extend(_sentences(text, a + lead, a + len(line.rstrip())))
    close()
    return units


def rows() -> list[tuple[str, str, str]]:
    """(file, unit_id, unit_text) for every document in BODIES, files in sorted order."""
    present = sorted(p.name for p in DOCS.iterdir() if p.is_file())
    if present != sorted(BODIES):
        raise SystemExit(f"{DOCS}: files {present} do not match BODIES {sorted(BODIES)}")
    out = []
    for name in present:
        text = (DOCS / name).read_text(encoding="utf-8")
        stem = name.rsplit(".", 1)[0]
        for n, (s, e) in enumerate(cut(name, text), 1):
            out.append((name, f"{stem}-{n:03d}", text[s:e]))
    return out


def render() -> str:
    """units.csv as text."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["file", "unit_id", "unit_text"])
    w.writerows(rows())
    return buf.getvalue()


def main(argv: list[str]) -> int:
    new = render()
    if "--check" in argv:
        old = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
        return 0 if old == new else 1
    OUT.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
