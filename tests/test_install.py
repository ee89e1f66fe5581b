"""Two installs: `make notebooks` gets the runtime dependencies only; the test tools come with `make test`."""

import re
import shutil
import subprocess
import tomllib
from importlib.metadata import PackageNotFoundError, requires

import pytest
from support import ROOT

TEST_ONLY = {"pytest", "pytest-xdist", "playwright", "hypothesis", "ruff", "nbval"}


def _name(spec: str) -> str:
    return re.split(r"[<>=!~ \[;(]", spec.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _closure(names: set[str]) -> set[str]:
    """Every distribution the given ones require, transitively (extras left out), as installed here."""
    seen: set[str] = set()
    stack = list(names)
    while stack:
        name = stack.pop()
        if name in seen:
            continue
        seen.add(name)
        try:
            reqs = requires(name) or []
        except PackageNotFoundError:
            continue
        stack += [_name(r) for r in reqs if "extra ==" not in r]
    return seen


def test_runtime_dependencies_do_not_bring_the_test_tools():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime = {_name(d) for d in project["dependencies"]}
    assert not runtime & TEST_ONLY
    assert not _closure(runtime) & TEST_ONLY
    assert TEST_ONLY <= {_name(d) for d in project["optional-dependencies"]["test"]}


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
@pytest.mark.parametrize("target", ["notebooks", "site", "export", "evaluate"])
def test_reader_targets_never_install_the_test_extra(target):
    plan = subprocess.run(["make", "-n", "-B", target], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert "pip install" in plan and "-e ." in plan  # -B: the install steps are shown even when done
    assert "[test]" not in plan and "pytest" not in plan and "playwright" not in plan


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_test_installs_the_test_extra():
    plan = subprocess.run(["make", "-n", "-B", "test"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert "-e '.[test]'" in plan


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_bench_writes_its_charts_under_build():
    plan = subprocess.run(["make", "-n", "bench"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    charting = [line for line in plan.splitlines() if "bench_scale.py" in line or "bench_reuse.py" in line]
    assert len(charting) == 2
    assert all(f'POLICYTEXT_FIGURES="{ROOT / "build" / "figures"}"' in line for line in charting), charting
