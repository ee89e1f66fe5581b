"""The scale benchmark's synthetic corpus is a valid corpus that exercises cleaning."""

import sys
import warnings

import policytext
from policytext.pipeline.tables import parse_corpus
from support import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from bench_scale import make_corpus


def test_synthetic_corpus_loads_without_warnings_and_is_cleaned(tmp_path):
    chars = make_corpus(tmp_path / "seeds", 12)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        corpus = policytext.load_corpus(tmp_path / "seeds")
    assert len(corpus) == 12 and chars == int(corpus.documents["n_chars"].sum())
    tables = parse_corpus(corpus)
    assert set(tables.removed["reason"]) >= {"editor_line", "share_widget", "dateline", "title"}
    assert (tables.documents["clauses"] >= 1).all() and (tables.documents["sentences"] >= 3).all()
