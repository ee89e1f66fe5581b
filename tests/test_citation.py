"""CITATION.cff is complete and agrees with the one place its release facts come from (pyproject.toml's
version, lib/policytext/data/release.tsv): a citation made from it has a version, a year and an address."""

import datetime as dt
import re
import subprocess
import sys
import tomllib

import pytest
from policytext.pipeline.citation import CFF_FILLED, CFF_REQUIRED, cff_values, cite_table, filled_cff, release
from support import ROOT

yaml = pytest.importorskip("yaml")
CFF = ROOT / "CITATION.cff"


def cff() -> dict:
    return yaml.safe_load(CFF.read_text(encoding="utf-8"))


def test_citation_cff_has_the_required_fields_of_its_format():
    data = cff()
    assert str(data["cff-version"]) == "1.2.0"
    for key in CFF_REQUIRED:
        assert data.get(key), key
    assert all(a.get("name") or a.get("family-names") for a in data["authors"])


def test_citation_cff_agrees_with_pyproject_and_the_release_file():
    import policytext

    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    assert policytext.__version__ == version == release()["version"]
    data = cff()
    for key in CFF_FILLED:
        assert str(data[key]) == cff_values()[key], key
    dt.date.fromisoformat(str(data["date-released"]))
    assert re.fullmatch(r"https://\S+", data["repository-code"])
    # nothing else to fill: the file is what scripts/write_citation.py would write
    text = CFF.read_text(encoding="utf-8")
    assert filled_cff(text) == text


def test_filling_changes_only_the_release_keys():
    text = 'cff-version: 1.2.0\n# a comment\nversion: 0.0.1\ntitle: "old"\nkeywords:\n  - x\n'
    filled = filled_cff(text)
    assert filled.startswith('cff-version: 1.2.0\n# a comment\nversion: "')
    assert "keywords:\n  - x\n" in filled and f'url: "{cff_values()["url"]}"' in filled
    assert filled_cff(filled) == filled


def test_the_check_mode_accepts_the_committed_file():
    result = subprocess.run([sys.executable, str(ROOT / "scripts/write_citation.py"), "--check"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


def test_the_citation_line_names_year_version_and_address():
    line = cite_table("clauses")
    facts = release()
    assert facts["date-released"][:4] in line and facts["version"] in line and facts["repository-code"] in line
    assert "'clauses'" in line
