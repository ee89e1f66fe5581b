"""The README for a researcher's first hour: short, true to the notebooks, and every command in it runs."""

import re
import sys
import tomllib

import pytest
from support import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import findings_table
from policytext.cli import _parser

README = ROOT / "README.md"
CONSOLE = ".venv/bin/policytext"


def _shell_commands(markdown: str) -> list[str]:
    """Every command line of the ```sh blocks, without its trailing comment."""
    blocks = re.findall(r"```(?:sh|bash|shell)\n(.*?)```", markdown, re.DOTALL)
    lines = [line.split("  #", 1)[0].strip() for block in blocks for line in block.splitlines()]
    return [line for line in lines if line and not line.startswith("#")]


def _make_targets() -> set[str]:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([A-Za-z][\w-]*):(?!=)", makefile, re.MULTILINE))


def test_the_findings_table_says_what_the_notebooks_say():
    readme = README.read_text(encoding="utf-8")
    assert findings_table.with_table(readme, findings_table.table()) == readme, "run `make readme`"
    notebooks = sorted((ROOT / "notebooks").glob("*.ipynb"))
    rows = [line for line in readme.split(findings_table.START)[1].split(findings_table.END)[0].splitlines()
            if line.startswith("| [")]
    assert len(rows) == len(notebooks) > 0


def test_a_stale_or_missing_findings_table_is_caught():
    readme = README.read_text(encoding="utf-8")
    stale = findings_table.with_table(readme, "| notebook | what it finds |\n| --- | --- |\n| [00](x) | 6 documents |")
    assert findings_table.with_table(stale, findings_table.table()) != stale
    with pytest.raises(ValueError, match="lacks the markers"):
        findings_table.with_table("# no table here\n", "")


def test_every_command_in_the_readme_is_a_make_target_or_the_console_script():
    commands = _shell_commands(README.read_text(encoding="utf-8"))
    targets = _make_targets()
    subcommands = set(_parser()._subparsers._group_actions[0].choices)
    assert {"make notebooks", "make test"} <= set(commands)
    for command in commands:
        words = command.split()
        if words[0] == "make":
            assert words[1] in targets, f"README runs `{command}` but the Makefile has no target {words[1]!r}"
        else:
            assert words[0] == CONSOLE, f"README runs `{command}`: use a make target or {CONSOLE}"
            assert words[1] in subcommands | {"--help"}, command


def test_the_console_script_is_declared():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["scripts"]["policytext"] == "policytext.cli:main"


def test_the_readme_stays_short_and_links_its_pages():
    readme = README.read_text(encoding="utf-8")
    assert len(readme.splitlines()) < 150
    for page in ("docs/library.md", "docs/robustness.md", "docs/speed_and_scale.md", "docs/agreement.md",
                 "docs/site.md", "LICENSE", "CITATION.cff"):
        assert f"]({page})" in readme and (ROOT / page).is_file(), page


def test_citation_file_is_valid_cff():
    yaml = pytest.importorskip("yaml")
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["cff-version"] == "1.2.0"
    for key in ("message", "title", "authors"):
        assert cff[key], key
    assert all(author.get("name") or author.get("family-names") for author in cff["authors"])
    assert cff["license"] == ["MIT", "CC-BY-4.0"]
