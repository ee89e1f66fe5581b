"""The package's layers: each subpackage imports only from the layers before it, so the tree shows the
pipeline's direction (parsing and reading, then language and coding, the pipeline, validation and findings)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import policytext

PACKAGE = Path(policytext.__file__).parent
# Each layer and the layers it may import from (the top-level errors, paths, datafiles and regexes serve every
# layer).
ALLOWED = {
    "parsing": set(),
    "reading": {"parsing"},
    "language": set(),
    "coding": {"parsing", "language"},
    "pipeline": {"parsing", "reading", "language", "coding"},
    "validation": {"parsing", "reading", "language", "coding", "pipeline"},
    "findings": {"parsing", "reading", "language", "coding", "pipeline"},
}
SHARED = {"errors", "paths", "datafiles", "regexes"}


def imported_layers(path: Path) -> set[str]:
    """The top-level names inside policytext that one module imports (relative imports, at any depth)."""
    layer = path.parent.name
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            parts = (node.module or "").split(".")
            if node.level == 1:  # same subpackage
                found.add(layer)
            elif node.level == 2:
                found.add(parts[0] if parts[0] else node.names[0].name)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("policytext."):
            found.add(node.module.split(".")[1])
    return found


def test_every_module_sits_in_a_layer_or_serves_them_all():
    top = {p.stem for p in PACKAGE.glob("*.py")}
    assert top == SHARED | {"__init__", "__main__", "cli"}
    layers = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()}
    assert layers == set(ALLOWED)


def test_no_layer_imports_a_later_one():
    wrong = []
    for layer, allowed in ALLOWED.items():
        for path in sorted((PACKAGE / layer).glob("*.py")):
            for name in imported_layers(path) - allowed - SHARED - {layer}:
                wrong.append(f"{layer}/{path.name} imports {name}")
    assert not wrong, wrong


def test_the_checker_sees_an_upward_import(tmp_path):
    module = tmp_path / "parsing" / "bad.py"
    module.parent.mkdir()
    module.write_text("from ..pipeline.tables import Tables\nfrom .clean import clean\n", encoding="utf-8")
    assert imported_layers(module) == {"pipeline", "parsing"}


def test_the_numbering_labels_are_written_once():
    # The label alphabets (一二三四五六七八九十…) belong to parsing/numbering.py; a module that spells one
    # out again drifts from the others. Dates (二〇二三年) and money (三百万元) have alphabets of their own.
    label_alphabets = ("[一二三四五六七八九十百零〇两]", "第[一二三四五六七八九十", "[一二三四五六七八九十]+是",
                       "[一二三四五六七八九十]+[")
    spelled = [f"{path.relative_to(PACKAGE)}: {alphabet}"
               for path in sorted(PACKAGE.rglob("*.py")) if path.name != "numbering.py"
               for alphabet in label_alphabets if alphabet in path.read_text(encoding="utf-8")]
    assert spelled == ["pipeline/reuse.py: 第[一二三四五六七八九十"], spelled  # reuse: over digit-masked text (#)


def test_article_labels_start_a_line_and_are_not_citations():
    from policytext.parsing.numbering import ARTICLE_LABEL, DIVISION

    assert ARTICLE_LABEL.match("第一百零一条　本条例自公布之日起施行。")
    assert ARTICLE_LABEL.match("第12条 申请人应当")
    assert not ARTICLE_LABEL.match("依照本条例第十条的规定")
    assert [bool(re.match(DIVISION, s)) for s in ("第二编", "第3节", "第两章", "第一款")] == [
        True, True, True, False]
