"""The README's "Your own documents", followed word for word in a fresh clone of this repository.

A folder of one's own beside seeds/: started as a copy of the published collection, with documents
the notebooks were not written against added to it (a saved web page and a Word file without catalog
rows, a GBK-encoded .txt, the hand-made drop-ins of tests/data/dropin/, one document in every other
format, and three real provincial regulations from tests/data/law_fixtures/), then
`make notebooks CORPUS=<folder>`. Every notebook must run on it, its outputs must stand in that
corpus, the site must be built under out/<folder>/, and nothing under version control may change.

This is the one run of the notebooks on a foreign corpus per `make test` (nbval runs them on the
seeds); it uses the checkout's .venv through a symlink, so nothing is installed. The clone is of the
last commit with the working tree's changes to tracked files applied on top (new files not yet added
to git are not in it).
"""

import os
import re
import shutil
import subprocess
import warnings

import nbformat
import policytext
import pytest
from formats import one_of_each
from policytext.errors import CorpusWarning
from policytext.findings.evidence import unsupported
from policytext.pipeline.tables import parse_corpus
from support import DATA, ROOT, git_status
from test_evidence import corpus_with_reference, notebook_outputs
from test_notebook_outputs import EMPTY_FIELD, output_texts

pytestmark = pytest.mark.slow

FOLDER = "my_documents"
DROPIN_IDS = {"xian-news-no-row", "gz-plan-2024"}
FORMAT_IDS = {"notice", "notes", "page", "letter", "printed", "export-2", "list-2"}
GBK_ID = "county-measures-gbk"
LAWS = [DATA / "law_fixtures" / name for name in ("henan-sci-association-2010.md", "henan-st-popularization-2003.md",
                                                   "shanghai-agri-st-2007.md")]
LAW_IDS = {p.stem for p in LAWS}
# Variables of the test run that must not reach the user's command: the notebooks' test copies of the
# seeds and charts (notebooks/conftest.py), and an enclosing make's flags.
NOT_PASSED = {"POLICYTEXT_SEEDS", "POLICYTEXT_FIGURES", "MAKEFLAGS", "MFLAGS", "MAKELEVEL", "PYTHONPATH"}


def _git(*args, cwd, **kwargs):
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=True, timeout=300, **kwargs)


@pytest.fixture(scope="module")
def clone(tmp_path_factory):
    """A clone of this checkout (its last commit plus the working tree's changes to tracked files), with
    the checkout's .venv linked in."""
    if git_status() is None:
        pytest.skip("not a git checkout: nothing to clone")
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    venv = (ROOT / ".venv").resolve()
    if not (venv / "bin" / "python").exists():
        pytest.skip("no .venv in the checkout to share (run `make install` first)")
    target = tmp_path_factory.mktemp("clone") / "policytext"
    head = _git("rev-parse", "HEAD", cwd=ROOT, text=True).stdout.strip()
    _git("clone", "--quiet", "--no-checkout", str(ROOT), str(target), cwd=ROOT)
    _git("checkout", "--quiet", head, cwd=target)
    changes = _git("diff", "HEAD", "--binary", cwd=ROOT).stdout
    if changes:
        _git("apply", "--whitespace=nowarn", cwd=target, input=changes)
    (target / ".venv").symlink_to(venv, target_is_directory=True)
    return target


@pytest.fixture(scope="module")
def own_folder(clone):
    """The user's folder, made as the README says: a copy of seeds/, then documents added to it."""
    folder = clone / FOLDER
    shutil.copytree(clone / "seeds", folder)
    for doc in sorted((DATA / "dropin").glob("*.txt")):
        shutil.copy(doc, folder)
    with open(folder / "catalog.csv", "a", encoding="utf-8") as catalog:  # a row for one of them, not the other
        catalog.write((DATA / "dropin" / "catalog_rows.csv").read_text(encoding="utf-8"))
    one_of_each(folder)  # among them a saved gov page (.html) and a Word file (.docx), uncatalogued
    (folder / f"{GBK_ID}.txt").write_bytes((DATA / "encodings" / "gbk.txt").read_bytes())
    for law in LAWS:
        shutil.copy(law, folder)
    return folder


@pytest.fixture(scope="module")
def ran(clone, own_folder):
    """`make notebooks CORPUS=my_documents` in the clone; its result, and the clone's status around it."""
    before = git_status(clone)
    env = {k: v for k, v in os.environ.items() if k not in NOT_PASSED}
    env["PYTHONPATH"] = str(clone / "lib")  # this checkout's library, whatever the shared .venv points at
    plan = subprocess.run(["make", "-n", "notebooks", f"CORPUS={FOLDER}"], cwd=clone, env=env,
                          capture_output=True, text=True, timeout=120).stdout
    if "pip install" in plan:  # it would install into the shared .venv from a temporary folder
        pytest.fail("the .venv is not installed for this pyproject.toml and constraints.txt: run `make install`")
    result = subprocess.run(["make", "notebooks", f"CORPUS={FOLDER}"], cwd=clone, env=env,
                            capture_output=True, text=True, timeout=1200)
    return result, before, git_status(clone)


def test_the_gbk_file_and_the_laws_are_what_the_run_is_about():
    raw = (DATA / "encodings" / "gbk.txt").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert "科技创新" in raw.decode("gbk")
    assert len(LAWS) >= 3 and all(law.read_text(encoding="utf-8").startswith("# ") for law in LAWS)


def test_make_notebooks_on_a_folder_of_ones_own_installs_nothing_and_changes_no_tracked_file(ran):
    result, before, after = ran
    assert result.returncode == 0, (result.stdout[-2000:], result.stderr[-3000:])
    assert "pip install" not in result.stdout
    assert after == before  # the run wrote nothing git sees: out/ is not committed
    untracked = [line for line in after.splitlines() if line.startswith("??")]
    assert untracked and all(line.startswith(f"?? {FOLDER}/") for line in untracked), untracked


def test_every_notebook_and_the_site_appear_under_out(ran, clone, own_folder):
    out = clone / "out" / FOLDER
    executed = sorted((out / "notebooks").glob("*.ipynb"))
    assert [p.name for p in executed] == sorted(p.name for p in (clone / "notebooks").glob("*.ipynb"))
    assert len(executed) >= 6
    assert (out / "site" / "index.html").is_file()
    for path in executed:
        nb = nbformat.read(path, as_version=4)
        errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
        assert not errors, (path.name, errors)
        assert list((out / "figures" / path.stem).glob("*.png")), path.name
        assert (out / "site" / "notebooks" / f"{path.stem}.html").is_file(), path.name
        for i, text in output_texts(path):
            assert not EMPTY_FIELD.search(text), (path.name, i, text[:300])  # no "(unknown, )", no "from unknown"
            assert not re.search(r"\.py:\d+: \w*Warning", text), (path.name, i, text[:300])  # warnings: one line
            assert "pypdf" not in text or "pypdf: " in text, (path.name, i, text[:300])  # only as our one line
    overview = (out / "notebooks" / "00_corpus_overview.ipynb").read_text(encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)  # the missing catalog rows
        parsed = corpus_with_reference(own_folder)
        analysed = parse_corpus(policytext.load_corpus(own_folder)).canonical_documents()
    added = DROPIN_IDS | FORMAT_IDS | {GBK_ID} | LAW_IDS
    assert set(added) <= set(parsed.documents["doc_id"])
    # every document is counted once: copies of one text (another format, a near copy) are set aside
    assert all(doc_id in overview for doc_id in analysed["doc_id"]), sorted(
        d for d in analysed["doc_id"] if d not in overview)
    assert f"{len(analysed)} documents" in overview
    for path in executed:  # quoted evidence stands in this corpus too
        for text in notebook_outputs(path):
            assert not unsupported(text, parsed.clauses, parsed.removed), path.name

