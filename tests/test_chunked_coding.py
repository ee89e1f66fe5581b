"""Coding a chunk of many documents at once gives exactly the rows of coding each document on its own.

The table-level coding functions (code_hits, codes_from_hits, with_primary, code_sentences,
instruments.code_clauses, kwic) are called once per chunk of documents; checked here on the real seeds
and on the development set, with each document's written year given as a mapping doc_id -> year.
"""


import pandas as pd
import pytest
from policytext.coding import codes, instruments
from policytext.pipeline.documents import written_year
from support import DATA

DEVSET = DATA / "devset"


def chunk_and_years(tables) -> tuple[pd.DataFrame, dict[str, int | None]]:
    return tables.sentences, {d: written_year(p.metadata) for d, p in tables.parsed.items()}


@pytest.fixture(scope="module")
def seeds(seed_tables):
    return chunk_and_years(seed_tables)


@pytest.fixture(scope="module")
def devset(devset_tables):
    return chunk_and_years(devset_tables)


def each_document(sentences: pd.DataFrame, years: dict, code) -> list[pd.DataFrame]:
    """code(one document's sentences, its year) for every document, in order."""
    out = []
    for doc_id in dict.fromkeys(sentences["doc_id"]):
        one = sentences[sentences["doc_id"] == doc_id].reset_index(drop=True)
        out.append(code(one, years.get(doc_id)))
    return out


def assert_same_rows(chunk: pd.DataFrame, per_document: list[pd.DataFrame]) -> None:
    """The chunk's table is the per-document tables one after the other (an empty one adds no row)."""
    expected = pd.concat(per_document, ignore_index=True)
    assert list(chunk.columns) == list(expected.columns)
    assert chunk.values.tolist() == expected.values.tolist()
    typed = next((t for t in per_document if len(t)), None)
    if typed is not None:
        assert chunk.dtypes.to_dict() == typed.dtypes.to_dict()


CODERS = {
    "code_hits": lambda s, y: codes.code_hits(s),
    "codes_from_hits": lambda s, y: codes.codes_from_hits(s, codes.code_hits(s)),
    "with_primary": lambda s, y: codes.with_primary(codes.codes_from_hits(s, codes.code_hits(s)), s, y),
    "with_primary_given_hits": lambda s, y: codes.with_primary(codes.codes_from_hits(s, codes.code_hits(s)), s, y,
                                                               codes.code_hits(s)),
    "code_sentences": lambda s, y: codes.code_sentences(s, y),
    "units": lambda s, y: instruments.code_clauses(s, y)[0],
    "evidence": lambda s, y: instruments.code_clauses(s, y)[1],
    "kwic": lambda s, y: codes.kwic(s, "创新|人才|20[12]\\d年"),
}


@pytest.mark.parametrize("corpus_name", ["seeds", "devset"])
@pytest.mark.parametrize("name", list(CODERS))
def test_a_chunk_codes_as_its_documents_one_by_one(request, corpus_name, name):
    sentences, years = request.getfixturevalue(corpus_name)
    assert sentences["doc_id"].nunique() > 1
    code = CODERS[name]
    chunk = code(sentences, years) if name not in ("code_hits", "codes_from_hits", "kwic") else code(sentences, None)
    assert_same_rows(chunk, each_document(sentences, years, code))


def test_the_written_year_of_each_document_is_its_own(devset):
    sentences, years = devset
    dated = {d: y for d, y in years.items() if y is not None}
    assert dated, "the development set has dated documents"
    with_years = codes.code_sentences(sentences, years)
    # the same mapping, its undated documents left out: missing means unknown
    assert codes.code_sentences(sentences, dated).equals(with_years)
    # a year later than every document makes every past year a completed fact: some codes change
    later = codes.code_sentences(sentences, {d: 2100 for d in years})
    assert (later["instrument"] != with_years["instrument"]).any()
    # one scalar year is every document's year
    assert codes.code_sentences(sentences, 2100).equals(later)


def sentences_of(docs: dict[str, list[str]]) -> pd.DataFrame:
    """A sentences table of hand-made documents, one clause per text (one sentence each)."""
    rows = [(doc_id, f"{doc_id}/c{i}", f"{doc_id}/c{i}/1", text)
            for doc_id, texts in docs.items() for i, text in enumerate(texts, 1)]
    return pd.DataFrame(rows, columns=["doc_id", "clause_id", "sentence_id", "text"])


def test_a_list_item_never_inherits_from_the_lead_in_of_the_document_before():
    lead_in, item = "对符合下列条件的企业给予资金补助：", "(一)建设省级以上重点实验室。"
    chunk = sentences_of({"a": [lead_in], "b": [item]})
    units, _ = instruments.code_clauses(chunk)
    one_document, _ = instruments.code_clauses(sentences_of({"a": [lead_in, item]}))
    assert one_document["instrument_basis"].iloc[1] == "item of a list: the lead-in's code"
    assert units["instrument_basis"].iloc[1] != "item of a list: the lead-in's code"
    assert units.iloc[1].drop(["doc_id", "clause_id"]).tolist() == \
        instruments.code_clauses(sentences_of({"b": [item]}))[0].iloc[0].drop(["doc_id", "clause_id"]).tolist()


@pytest.mark.parametrize("corpus_name", ["seeds", "devset"])
def test_the_hits_table_given_as_cues_codes_as_matching_again(request, corpus_name):
    sentences, years = request.getfixturevalue(corpus_name)
    hits = codes.code_hits(sentences)
    for given, matched in zip(instruments.code_clauses(sentences, years, hits),
                              instruments.code_clauses(sentences, years), strict=True):
        pd.testing.assert_frame_equal(given, matched)


def test_a_sentence_printed_again_is_matched_as_if_alone(seeds):
    """Copies of one document in a chunk: each repeated sentence gets exactly the hits it gets on its own
    (the matcher matches a repeated text once and shares its hits)."""
    texts = seeds[0]["text"].tolist()[:60]
    repeated = texts + texts[::-1] + texts[:5]
    matcher = codes._matcher()
    together = matcher.match_texts(repeated)
    assert together == [matcher.match_texts([t])[0] for t in repeated]
    assert together == matcher.match_texts(texts) + matcher.match_texts(texts[::-1]) + matcher.match_texts(texts[:5])


def test_copies_in_one_chunk_get_the_tokens_of_the_original(tmp_path):
    """A near copy of a document parsed in the same chunk gets the original's tokens, sentence by sentence,
    and the original gets the tokens it gets parsed alone (segmentation of a repeated sentence is reused
    within a chunk)."""
    import policytext
    from policytext.errors import CorpusWarning
    from support import SEEDS

    text = next(p for p in sorted(SEEDS.glob("*.txt"))).read_text(encoding="utf-8")
    (tmp_path / "alone").mkdir()
    (tmp_path / "alone" / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "both").mkdir()
    (tmp_path / "both" / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "both" / "b.txt").write_text(text + "\n附：本文件由市科技局负责解释。\n", encoding="utf-8")
    off = ["entities", "reuse", "duplicates"]

    def tokens(folder: str) -> dict[str, list]:
        with pytest.warns(CorpusWarning, match="no catalog.csv"):
            corpus = policytext.load_corpus(tmp_path / folder)
        t = policytext.parse(corpus, disable=off).tokens
        return {d: g[["token", "start", "end"]].values.tolist() for d, g in t.groupby("doc_id", sort=True)}

    alone, both = tokens("alone"), tokens("both")
    (original,) = alone.values()
    assert len(original) > 100
    first, second = (both[d] for d in sorted(both))
    assert first == original
    assert second[: len(original)] == original and len(second) > len(original)
