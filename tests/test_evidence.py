"""Quoted evidence: passages come from the tables, print in one format, and stand in their documents."""

import json

import pandas as pd
import pytest
from policytext.findings.compare import count, describe, observed_expected, per_length, regions_title
from policytext.findings.evidence import (
    Quote,
    exists,
    opening,
    quote,
    quotes_in,
    removed_in,
    removed_line,
    unsupported,
    was_removed,
)
from policytext.pipeline.tables import parse_corpus
from support import ROOT


@pytest.fixture(scope="module")
def tables(seed_tables):
    return seed_tables


def test_a_quote_is_a_verbatim_piece_of_the_sentence_that_matches(tables):
    doc = tables.documents["doc_id"].iloc[0]
    first = tables.sentences[tables.sentences["doc_id"] == doc].iloc[0]
    q = quote(tables, doc, first["text"][:6])
    assert q.doc_id == doc and q.clause_id == first["clause_id"]
    assert q.passage in first["text"] and exists(tables.clauses, q)


def test_a_clause_id_quotes_that_clause_and_no_match_gives_none(tables):
    clause = tables.clauses.iloc[-1]
    q = quote(tables, clause["doc_id"], clause["clause_id"])
    assert q.clause_id == clause["clause_id"] and exists(tables.clauses, q)
    assert quote(tables, clause["doc_id"], "这个短语不在任何文件里") is None


def test_long_sentences_are_cut_around_the_match_and_the_cut_is_marked(tables):
    s = tables.sentences.loc[tables.sentences["text"].str.len().idxmax()]
    q = quote(tables, s["doc_id"], s["text"][-5:], max_chars=30)
    assert q.passage.endswith(s["text"][-5:]) and q.cut_left and not q.cut_right
    assert str(q).startswith("“…") and exists(tables.clauses, q)


def test_printed_quotes_read_back_with_nested_quotation_marks():
    q = Quote("建设“一带一路”科技创新合作区", "cq-x", "cq-x/a1/s1/c1", cut_left=True)
    text = f"Chongqing calls it “双城”, as in {q}; and “other” ({q.doc_id}, line 3)."
    assert quotes_in(text) == [q]


def test_a_passage_not_in_its_clause_is_caught(tables):
    clause = tables.clauses.iloc[0]
    assert not exists(tables.clauses, Quote("并非原文的句子", clause["doc_id"], clause["clause_id"]))
    assert not exists(tables.clauses, Quote(clause["text"][:5], "other-doc", clause["clause_id"]))


def test_opening_is_the_first_sentence_of_the_document(tables):
    doc = tables.documents["doc_id"].iloc[-1]
    assert opening(tables, doc).passage in tables.sentences[tables.sentences["doc_id"] == doc].iloc[0]["text"]


def test_counts_agree_with_their_nouns_and_sides_name_their_genres(tables):
    assert count(1, "document") == "1 document" and count(4, "genre", words=True) == "four genres"
    d = tables.documents
    one = d["doc_id"].iloc[:1]
    assert describe(tables, one, "X") == f"one X {d['genre'].iloc[0]}"
    assert " vs " in regions_title(tables) or d["region"].nunique() == 1


def test_observed_expected_is_independence_of_the_margins():
    cross = pd.DataFrame({"a": [10, 0], "b": [0, 10]}, index=["x", "y"])
    oe = observed_expected(cross).set_index(["row", "column"])
    assert oe.loc[("x", "a"), "expected"] == 5 and oe.loc[("x", "a"), "ratio"] == 2
    assert oe["observed"].sum() == pytest.approx(oe["expected"].sum())


def test_per_length_divides_by_clean_characters(tables):
    d = tables.documents.set_index("doc_id")
    per = per_length(d["clean_chars"], tables)
    assert (per.round(6) == 10_000).all()


def test_a_removed_line_is_quoted_with_its_line_and_reason_and_read_back(tables):
    row = tables.removed[tables.removed["text"].str.strip().astype(bool)].iloc[0]
    q = removed_line(tables, row["doc_id"], row["reason"])
    assert removed_in(f"as in {q}.") == [q] and was_removed(tables.removed, q)
    assert not was_removed(tables.removed, type(q)(q.text, q.doc_id, q.line + 1000, q.reason))


def notebook_outputs(path):
    """The text of every output of an executed notebook (Markdown, or plain text)."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            yield "".join(data.get("text/markdown", out.get("text", "")))


def corpus_with_reference(folder):
    """The corpus of `folder` with its reference set when it has one, as the notebooks read it."""
    import policytext
    from policytext.reading.corpus import combine

    reference = folder / "reference"
    corpora = [policytext.load_corpus(folder)]
    if (reference / "catalog.csv").exists():
        corpora.append(policytext.load_corpus(reference))
    return parse_corpus(combine(*corpora))


def test_every_quoted_passage_in_the_executed_notebooks_stands_in_its_document(seeds_copy):
    parsed = corpus_with_reference(seeds_copy)  # the catalogued seeds the committed notebooks were run on
    texts = [(p.name, t) for p in sorted((ROOT / "notebooks").glob("*.ipynb")) for t in notebook_outputs(p)]
    assert sum(len(quotes_in(t)) for _, t in texts), "no quoted evidence found in the executed notebooks"
    for name, text in texts:
        assert not unsupported(text, parsed.clauses, parsed.removed), name


def committed_findings():
    """(notebook name, finding data) for every finding stored in the committed notebooks' outputs."""
    from policytext.findings.verification import notebook_findings

    for data in notebook_findings(ROOT / "notebooks"):
        yield f"{data['notebook']}.ipynb", data


@pytest.fixture(scope="module")
def parsed(seeds_copy):
    return corpus_with_reference(seeds_copy)  # the catalogued seeds the committed notebooks were run on


def test_every_quote_of_every_finding_stands_in_its_clause(parsed):
    from policytext.findings import unsupported as unsupported_quotes

    found = list(committed_findings())
    assert {name for name, _ in found} == {p.name for p in (ROOT / "notebooks").glob("*.ipynb")}
    quotes = [q for _, f in found for q in f["evidence"]]
    assert quotes, "no quoted evidence in the findings of the executed notebooks"
    for name, data in found:
        assert not unsupported_quotes(data, parsed.clauses), f"{name}: {data['key']}"


def test_altering_one_character_of_a_stored_quote_fails_the_check(parsed):
    from policytext.findings import unsupported as unsupported_quotes

    name, data = next((n, f) for n, f in committed_findings() if f["evidence"])
    q = data["evidence"][0]
    k = len(q["passage"]) // 2
    altered = q["passage"][:k] + ("〇" if q["passage"][k] != "〇" else "一") + q["passage"][k + 1:]
    mutated = {**data, "evidence": [{**q, "passage": altered}, *data["evidence"][1:]]}
    assert not unsupported_quotes(data, parsed.clauses)
    assert unsupported_quotes(mutated, parsed.clauses), name
