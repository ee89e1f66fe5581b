"""Three installs: `make notebooks` gets the runtime dependencies only; the test tools come with `make test`,
JupyterLab with `make lab`."""

import re
import shutil
import subprocess
import tomllib
from importlib.metadata import PackageNotFoundError, requires

import pytest
from support import ROOT

TEST_ONLY = {"pytest", "pytest-xdist", "playwright", "hypothesis", "ruff", "nbval"}
# What executing the notebooks (run_notebooks.py) and building the site (build_site.py) import.
RUNNING = {"nbclient", "ipykernel", "jupyter-client", "nbconvert", "nbformat"}


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


def test_jupyterlab_is_only_in_the_lab_extra_and_running_needs_none_of_it():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime = {_name(d) for d in project["dependencies"]}
    assert "jupyterlab" not in _closure(runtime)
    assert {_name(d) for d in project["optional-dependencies"]["lab"]} == {"jupyterlab"}
    assert RUNNING <= _closure(runtime)


def _plan(target: str) -> str:
    return subprocess.run(["make", "-n", "-B", target], cwd=ROOT, capture_output=True, text=True, check=True).stdout


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
@pytest.mark.parametrize("target", ["notebooks", "site", "export", "evaluate"])
def test_reader_targets_never_install_the_test_or_lab_extra(target):
    plan = _plan(target)
    assert "pip install" in plan and "-e ." in plan  # -B: the install steps are shown even when done
    assert "[test]" not in plan and "pytest" not in plan and "playwright" not in plan
    assert "[lab]" not in plan and "jupyterlab" not in plan


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_lab_installs_the_lab_extra():
    assert "-e '.[lab]'" in _plan("lab")


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_test_installs_the_test_extra():
    assert "-e '.[test]'" in _plan("test")


def test_benchmark_charts_are_written_under_build():
    import ast

    for name in ("bench_scale.py", "bench_reuse.py"):
        tree = ast.parse((ROOT / "scripts" / name).read_text(encoding="utf-8"))
        calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and ast.unparse(n.func).endswith("savefig")]
        roots = [ast.unparse(k.value) for c in calls for k in c.keywords if k.arg == "root"]
        assert calls and len(roots) == len(calls), name  # every chart names its folder
        assert all("figures" not in r for r in roots), (name, roots)  # never the tracked figures/
