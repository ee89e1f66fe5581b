"""What the committed notebooks show a reader: no machine's paths, no stray values, warnings as one line.

Run after re-executing the notebooks (`make notebooks`): these check the stored outputs.
"""

import re

import nbformat
import pytest
from support import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
ABSOLUTE = re.compile(r"(?<![\w.])/(work|home|tmp|root|Users)/")


def output_texts(path):
    """(cell index, output text) for every text an output of the notebook stores (images left out)."""
    nb = nbformat.read(path, as_version=4)
    for i, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream":
                yield i, output["text"]
            for mime, value in output.get("data", {}).items():
                if not mime.startswith("image/"):
                    yield i, "".join(value) if isinstance(value, list) else str(value)
            if output.get("output_type") == "error":
                yield i, "\n".join(output.get("traceback", []))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_no_output_holds_an_absolute_path(path):
    found = [(i, m.group(0)) for i, text in output_texts(path) for m in ABSOLUTE.finditer(text)]
    assert found == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_no_stray_repr_and_no_raw_warning(path):
    for i, text in output_texts(path):
        assert "PosixPath(" not in text and "WindowsPath(" not in text, f"cell {i}: end it with ';' or assign"
        assert "warnings.warn(" not in text and not re.search(r"\.py:\d+: \w*Warning", text), f"cell {i}: {text[:200]}"


EMPTY_FIELD = re.compile(r"\(unknown\b|\bfrom unknown\b|,\s*\)|\(\s*,")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_no_label_or_sentence_shows_an_empty_or_unknown_field(path):
    found = [(i, text[max(0, m.start() - 40):m.end() + 20])
             for i, text in output_texts(path) for m in EMPTY_FIELD.finditer(text)]
    assert found == []


def test_the_empty_field_pattern_catches_what_it_is_for():
    for bad in ("cq-x (unknown, )", "cq-x (, 2023)", "1 from unknown"):
        assert EMPTY_FIELD.search(bad), bad
    for good in ("cq-x (Chengdu, 2023)", "1 with no region recorded", "西部(重庆)科学城"):
        assert not EMPTY_FIELD.search(good), good
