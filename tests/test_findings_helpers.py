"""Summaries behind the notebooks' findings: lexicon overlap, genre rates, own vocabulary, shared names."""

from types import SimpleNamespace

import pandas as pd
import pytest
from policytext.keywords import keyness_tokens
from policytext.summaries import co_coded, entity_kind, instrument_by_genre, own_vocabulary, shared_entities


@pytest.fixture(scope="module")
def tables(seed_tables):
    return seed_tables


def test_a_pair_triggered_by_one_shared_term_is_marked_as_by_construction():
    codes = pd.DataFrame({
        "sentence_id": ["s1", "s2", "s3"],
        "themes": ["finance", "finance", "talent"],
        "instruments": ["environment", "environment", "environment"],
    })
    hits = pd.DataFrame(
        [("s1", "instrument", "environment", "金融"), ("s1", "theme", "finance", "金融"),
         ("s2", "instrument", "environment", "税收"), ("s2", "theme", "finance", "贷款"),
         ("s3", "instrument", "environment", "税收"), ("s3", "theme", "talent", "人才")],
        columns=["sentence_id", "scheme", "category", "match"],
    )
    pairs = co_coded(SimpleNamespace(codes=codes, hits=hits), "environment", "finance")
    assert pairs["same_term"].tolist() == [True, False]


def test_instrument_rates_by_genre_account_for_every_sentence(tables):
    by_genre = instrument_by_genre(tables)
    assert by_genre["sentences"].sum() == len(tables.codes)
    assert (by_genre.drop(columns="sentences").le(by_genre["sentences"], axis=0)).all().all()


def test_the_genre_richest_in_a_side_has_a_sentence_coded_with_it(tables):
    # the share by genre and the example quoted for it are one measure: the clause's primary code
    from policytext.compare import genre
    from policytext.summaries import coded_sentences

    by_genre = instrument_by_genre(tables)
    of = tables.codes["doc_id"].map(genre(tables))
    for side in ("supply", "environment", "demand"):
        for g in by_genre.index[by_genre[side] > 0]:
            rows = coded_sentences(tables, side)
            assert (rows["doc_id"].map(genre(tables)) == g).sum() == by_genre.loc[g, side]
    assert by_genre["demand"].sum() == (tables.codes["instrument"] == "demand").sum() and of.notna().all()


def test_own_vocabulary_counts_only_words_no_other_document_uses(tables):
    own = own_vocabulary(tables)
    tokens = {d: set(keyness_tokens(t)) for d, t in tables.doc_tokens().items()}
    for doc, row in own.iterrows():
        assert 0 <= row["own_tokens"] <= row["tokens"]
        if row["top_own"]:
            assert all(row["top_own"] not in t for d, t in tokens.items() if d != doc)


def test_shared_entities_are_named_in_more_than_one_region_at_the_sentences_given(tables):
    shared = shared_entities(tables)
    region = tables.documents.set_index("doc_id")["region"]
    sentences = tables.sentences.set_index("sentence_id")
    for row in shared.itertuples():
        ids = row.sentences.split(";")
        assert len(ids) == len(row.regions.split(";")) > 1
        assert {region[sentences.loc[i, "doc_id"]] for i in ids} == set(row.regions.split(";"))


def test_entity_kind_is_the_platform_suffix():
    assert entity_kind("西部(成都)科学城") == "科学城"
    assert entity_kind("没有后缀的名字") == "unclassified"


def test_the_fallback_kind_is_never_counted_as_a_kind_of_platform(seed_tables):
    from policytext.summaries import platform_kinds

    kinds = platform_kinds(seed_tables.entities)
    assert "unclassified" not in set(kinds["kind"]) and len(kinds) > 0
    # 两江新区 ends in no platform suffix: it is listed as unclassified, not charted as a kind
    assert "两江新区" in kinds.attrs["unclassified"] and "两江新区" not in set(kinds["name"])
    assert set(kinds["type"]) <= {"platform", "institution"}
