"""The check that ends every test run (tests/conftest.py): a change under version control is caught."""

import shutil
import subprocess

import pytest
from support import git_status, status_changes

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def test_a_changed_tracked_file_and_a_new_file_are_reported_and_nothing_else(tmp_path):
    def git(*args):
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=tmp_path,
                       check=True, capture_output=True)

    git("init", "-q")
    (tmp_path / ".gitignore").write_text("build/\n", encoding="utf-8")
    (tmp_path / "chart.png").write_bytes(b"old")
    git("add", ".")
    git("commit", "-q", "-m", "first")
    before = git_status(tmp_path)
    assert before == ""
    (tmp_path / "build").mkdir()
    (tmp_path / "build" / "chart.png").write_bytes(b"ignored")
    assert status_changes(before, git_status(tmp_path)) == []
    (tmp_path / "chart.png").write_bytes(b"new")
    (tmp_path / "stray.txt").write_text("x", encoding="utf-8")
    assert status_changes(before, git_status(tmp_path)) == [" M chart.png", "?? stray.txt"]


def test_outside_a_checkout_there_is_nothing_to_compare(tmp_path):
    assert git_status(tmp_path) is None
