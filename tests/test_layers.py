"""The package's layers: each subpackage imports only from the layers before it, so the tree shows the
pipeline's direction (parsing and reading, then language and coding, the pipeline, validation and findings)."""

from __future__ import annotations

import ast
from pathlib import Path

import policytext

PACKAGE = Path(policytext.__file__).parent
# Each layer and the layers it may import from (the top-level errors, paths and datafiles serve every layer).
ALLOWED = {
    "parsing": set(),
    "reading": {"parsing"},
    "language": set(),
    "coding": {"parsing", "language"},
    "pipeline": {"parsing", "reading", "language", "coding"},
    "validation": {"parsing", "reading", "language", "coding", "pipeline"},
    "findings": {"parsing", "reading", "language", "coding", "pipeline"},
}
SHARED = {"errors", "paths", "datafiles"}


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
