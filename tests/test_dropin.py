"""A new document dropped into seeds/ flows through the library and every notebook without a code change.

The hand-made documents in tests/data/dropin/ cover: no catalog row, Traditional script, regions other than
Chengdu and Chongqing, site chrome the seeds do not have, and no numbered clauses.
"""

import os
import shutil
import subprocess
import sys
import warnings

import nbformat
import policytext
import pytest
from conftest import DATA, ROOT, SEEDS
from policytext.errors import CorpusWarning
from policytext.evidence import unsupported
from policytext.summaries import code_counts, theme_shares
from policytext.tables import parse_corpus
from test_evidence import corpus_with_reference, notebook_outputs

DROPIN = DATA / "dropin"
NEW_IDS = {"xian-news-no-row", "gz-plan-2024"}


@pytest.fixture(scope="module")
def extended(tmp_path_factory):
    """A copy of the seeds with the drop-in documents (one of them without a catalog row)."""
    folder = tmp_path_factory.mktemp("corpus") / "seeds"
    shutil.copytree(SEEDS, folder)
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


def test_every_notebook_runs_on_the_extended_corpus(extended, tmp_path):
    env = os.environ | {"POLICYTEXT_SEEDS": str(extended), "POLICYTEXT_FIGURES": str(tmp_path / "figures")}
    out = tmp_path / "notebooks"
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "run_notebooks.py"), "--output-dir", str(out)],
        env=env, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    executed = sorted(out.glob("*.ipynb"))
    assert len(executed) == len(list((ROOT / "notebooks").glob("*.ipynb"))) >= 6
    for path in executed:
        nb = nbformat.read(path, as_version=4)
        errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
        assert not errors, (path.name, errors)
        assert list((tmp_path / "figures" / path.stem).glob("*.png")), path.name
    overview = (out / "00_corpus_overview.ipynb").read_text(encoding="utf-8")
    assert all(doc_id in overview for doc_id in NEW_IDS)
    assert "7 documents" in overview
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)  # the missing catalog row, tested above
        parsed = corpus_with_reference(extended)
    for path in executed:  # quoted evidence stands in the extended corpus too
        for text in notebook_outputs(path):
            assert not unsupported(text, parsed.clauses, parsed.removed), path.name
