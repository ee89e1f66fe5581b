"""New documents beside the seeds flow through the library without a code change.

The hand-made documents in tests/data/dropin/ cover: no catalog row, Traditional script, regions other than
Chengdu and Chongqing, site chrome the seeds do not have, and no numbered clauses. The notebooks run on
them (with one document in every other format, a GBK file and real laws) in tests/test_own_documents.py,
once, as a user following the README would.
"""

import shutil
import subprocess
import sys

import nbformat
import policytext
import pytest
from policytext.errors import CorpusWarning
from policytext.findings.summaries import code_counts, theme_shares
from policytext.pipeline.tables import parse_corpus
from support import DATA, ROOT, pinned_seeds

DROPIN = DATA / "dropin"
NEW_IDS = {"xian-news-no-row", "gz-plan-2024"}


@pytest.fixture(scope="module")
def extended(tmp_path_factory):
    """A copy of the seeds with the drop-in documents (one of them without a catalog row)."""
    folder = pinned_seeds(tmp_path_factory.mktemp("corpus") / "seeds")
    for doc in DROPIN.glob("*.txt"):
        shutil.copy(doc, folder)
    with open(folder / "catalog.csv", "a", encoding="utf-8") as catalog:
        catalog.write((DROPIN / "catalog_rows.csv").read_text(encoding="utf-8"))
    return folder


def test_dropins_load_with_one_warning_for_the_missing_row(extended):
    with pytest.warns(CorpusWarning, match="xian_news_no_row.txt: no row in catalog.csv") as record:
        corpus = policytext.load_corpus(extended)
    assert len(record) == 1
    docs = corpus.documents.set_index("doc_id")
    assert NEW_IDS <= set(docs.index)
    assert docs.loc["xian-news-no-row", "script"] == "Simplified"
    assert docs.loc["gz-plan-2024", "script_detected"] == "Traditional"


def test_dropins_appear_in_every_table(extended):
    with pytest.warns(CorpusWarning):
        tables = parse_corpus(policytext.load_corpus(extended))
    for name in ("documents", "articles", "clauses", "sentences", "tokens", "codes", "indicators", "entities"):
        assert NEW_IDS <= set(getattr(tables, name)["doc_id"]), name
    assert NEW_IDS <= set(theme_shares(tables).index) and NEW_IDS <= set(code_counts(tables).index)
    removed = tables.removed[tables.removed["doc_id"] == "xian-news-no-row"].set_index("line")["reason"]
    assert removed[1] == "breadcrumb" and removed[4] == "site_chrome" and removed[12] == "site_chrome"
    clauses = tables.clauses[tables.clauses["doc_id"] == "xian-news-no-row"]
    assert (clauses["kind"] == "paragraph").all() and len(clauses) == 3
    gz = tables.parsed["gz-plan-2024"]
    assert "广州实验室" in gz.simplified and "廣州實驗室" in gz.cleaned.text


@pytest.mark.slow  # starts a kernel
def test_a_failing_notebook_is_one_error_line_and_is_not_written(tmp_path):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1"), nbformat.v4.new_code_cell(
        "raise ValueError('no documents about talent')")])
    path = tmp_path / "bad.ipynb"
    nbformat.write(nb, path)
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "run_notebooks.py"), str(path), "--output-dir", str(out)],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert errors == [
        "error: bad.ipynb: code cell 2 raised ValueError: no documents about talent "
        "(this notebook was not written; the site is not rebuilt)"
    ]
    assert not (out / "bad.ipynb").exists()
