"""The counting lexicons' table (`lexicon_hits`, the pipeline's `lexicons` stage) and the counts the notebooks
read from it (`findings.summaries.lexicon_counts`): on the seeds, the reference laws and real laws of
tests/data/law_fixtures, the table holds exactly the hits of matching each document's text directly (line by
line, sentence by sentence, lexicon by lexicon, as the notebooks counted before the table existed), and the
counts are those hits counted; a document without hits and the stage switched off give rows of 0."""

import warnings
from collections import Counter

import pandas as pd
import policytext
import pytest
from policytext.coding.counting import COUNTING_LEXICONS, LEXICON_HIT_COLUMNS
from policytext.errors import CorpusWarning
from policytext.findings.summaries import lexicon_counts
from policytext.language.lexicon import lexicon
from policytext.parsing.structure import split_sentences
from policytext.pipeline import pipeline
from policytext.pipeline.tables import parse_corpus, parse_rows
from support import DATA, SEEDS

# real laws without a catalog row: two with named finance instruments, one with none
LAW_FILES = ["shanghai-agri-st-2007.md", "henan-sci-association-2010.md", "metrology-2018.md"]


@pytest.fixture(scope="module")
def reference():
    return parse_corpus(policytext.load_corpus(SEEDS / "reference"))


@pytest.fixture(scope="module")
def laws():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)  # no catalog: the metadata is inferred, which is all right here
        corpus = policytext.load_corpus(DATA / "law_fixtures", files=LAW_FILES)
    return parse_corpus(corpus, disable=["entities", "keywords", "duplicates", "reuse"])


def direct_hits(tables) -> list[tuple]:
    """The counting lexicons matched over each document's Simplified text here and now, without the table:
    each line, then each sentence of it, on its own; rows as in lexicon_hits, spans in the document's text."""
    rows = []
    for doc_id, parsed in tables.parsed.items():
        text, offset = parsed.simplified, 0
        for kept in text.splitlines(keepends=True):
            line = kept.rstrip("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
            for start, end in split_sentences(line):
                for name in COUNTING_LEXICONS:
                    lex = lexicon(name)
                    rows += [(doc_id, lex.name, h.category, h.subtool, h.term, h.match,
                              offset + start + h.start, offset + start + h.end) for h in lex.match(line[start:end])]
            offset += len(kept)
    return rows


def direct_counts(tables, name: str) -> pd.DataFrame:
    """Hits per document and label of one counting lexicon, counted here by matching the text directly."""
    lex = lexicon(name)
    labels = [s for c in lex.categories for s in lex.subtools(c)]
    counts = pd.DataFrame(0, index=list(tables.parsed), columns=labels)
    for doc_id, parsed in tables.parsed.items():
        for line in parsed.simplified.splitlines():
            for start, end in split_sentences(line):
                for hit in lex.match(line[start:end]):
                    counts.loc[doc_id, hit.subtool] += 1
    return counts


@pytest.mark.parametrize("corpus_name", ["seed_tables", "reference", "laws"])
def test_the_table_holds_the_hits_of_matching_the_text_directly(corpus_name, request):
    tables = request.getfixturevalue(corpus_name)
    table = tables.lexicon_hits
    assert list(table.columns) == LEXICON_HIT_COLUMNS
    assert list(table.itertuples(index=False, name=None)) == direct_hits(tables)
    for row in table.itertuples():  # a hit is found in the text at its span (brackets matched as ASCII)
        text = tables.parsed[row.doc_id].simplified[row.start:row.end]
        assert text.replace("（", "(").replace("）", ")") == row.match


@pytest.mark.parametrize("name", COUNTING_LEXICONS)
@pytest.mark.parametrize("corpus_name", ["seed_tables", "reference", "laws"])
def test_the_counts_read_from_the_table_are_the_counts_of_the_text(corpus_name, name, request):
    tables = request.getfixturevalue(corpus_name)
    counts, glosses = lexicon_counts(tables, name)
    pd.testing.assert_frame_equal(counts, direct_counts(tables, name))
    assert set(glosses) == set(counts.columns)


def test_the_seeds_and_the_laws_have_hits_of_both_kinds_to_compare(seed_tables, laws):
    # the comparisons above are not between empty tables
    assert set(seed_tables.lexicon_hits["lexicon"]) == {lexicon(n).name for n in COUNTING_LEXICONS}
    found = Counter(laws.lexicon_hits["doc_id"])
    assert found["shanghai-agri-st-2007"] > 0 and found["metrology-2018"] == 0


def test_the_counts_follow_the_documents_kept_after_the_copies_are_set_aside(seed_tables):
    from policytext.findings.summaries import canonical_tables

    kept = canonical_tables(seed_tables)
    for name in COUNTING_LEXICONS:
        counts, _ = lexicon_counts(kept, name)
        assert list(counts.index) == list(kept.parsed)
        pd.testing.assert_frame_equal(counts, direct_counts(kept, name))


TEXTS = {"coop": "推动成渝地区双城经济圈建设。\n设立天使投资基金，发展知识价值信用贷款。",
         "plain": "第一条 为了加强管理，制定本办法。\n第二条 本办法自公布之日起施行。"}
ROWS = [{"doc_id": doc_id, "text": text, "title": "", "script": ""} for doc_id, text in TEXTS.items()]


def test_a_document_without_hits_has_a_row_of_zeros():
    tables = parse_rows(ROWS)
    assert set(tables.lexicon_hits["doc_id"]) == {"coop"}
    for name in COUNTING_LEXICONS:
        counts, _ = lexicon_counts(tables, name)
        assert list(counts.index) == ["coop", "plain"] and counts.loc["plain"].eq(0).all()
        assert counts.loc["coop"].sum() > 0
        pd.testing.assert_frame_equal(counts, direct_counts(tables, name))


def test_switched_off_the_stage_leaves_an_empty_table_with_its_columns_and_the_rest_unchanged():
    whole = parse_rows(ROWS)
    lean = parse_rows(ROWS, disable=["lexicons"])
    assert lean.lexicon_hits.empty and list(lean.lexicon_hits.columns) == LEXICON_HIT_COLUMNS
    assert "lexicons" not in [s.name for s in pipeline.stages(["lexicons"])]
    for name in pipeline.TABLE_NAMES:
        if name != "lexicon_hits":
            pd.testing.assert_frame_equal(lean.table(name), whole.table(name), obj=name)
    assert "lexicons" not in lean.stages and "lexicons" in whole.stages
    # counted from the empty table, every document would show no hit: refused, naming the stage
    with pytest.raises(ValueError, match="lexicon_counts needs the lexicons stage"):
        lexicon_counts(lean, "finance_instruments.tsv")
    with pytest.raises(ValueError, match="lexicons stage"):
        lexicon_counts(lean.replace(documents=lean.documents), "cooperation_terms.tsv")  # kept through replace


def test_only_a_counting_lexicon_is_counted_from_the_table(seed_tables):
    with pytest.raises(ValueError, match="themes.tsv is not a counting lexicon"):
        lexicon_counts(seed_tables, "themes.tsv")
