"""The one-pass route gives exactly jieba's tokens: on the seeds, on the development set (documents the
rules were not written against), on generated text, and after words are added to the dictionary."""

import jieba
import jieba.posseg as pseg
import pytest
from hypothesis import given
from hypothesis import strategies as st
from policytext.language.segment import tokenizer, with_domain_words
from policytext.language.wordgraph import RouteTokenizer
from support import SEED_FILES, SEEDS
from test_properties import FAST, POLICY_TEXT


@pytest.fixture(scope="module")
def reference() -> jieba.Tokenizer:
    """jieba's own tokenizer, with the same domain words as policytext's."""
    return with_domain_words(jieba.Tokenizer())


def test_the_package_segments_with_the_one_pass_route():
    assert isinstance(tokenizer(), RouteTokenizer)


@pytest.mark.parametrize("hmm", [True, False])
def test_every_seed_file_cuts_as_jieba_cuts_it(reference, hmm):
    for name in SEED_FILES:
        text = (SEEDS / name).read_text(encoding="utf-8")  # raw: chrome, Latin, digits and Traditional script too
        assert tokenizer().lcut(text, HMM=hmm) == reference.lcut(text, HMM=hmm), name


def test_every_development_sentence_cuts_as_jieba_cuts_it(reference, devset_tables):
    sentences = devset_tables.sentences["text"].tolist()
    assert len(sentences) > 1000
    mine = [tokenizer().lcut(s) for s in sentences]
    assert mine == [reference.lcut(s) for s in sentences]


def test_full_mode_and_part_of_speech_tags_are_jiebas(reference, seed_tables):
    sentences = seed_tables.sentences["text"].tolist()[:300]
    for s in sentences:
        assert tokenizer().lcut(s, cut_all=True) == reference.lcut(s, cut_all=True)
    # a fresh tokenizer: the first tagger to run takes the domain words' tags from the one it wraps
    ours, theirs = pseg.POSTokenizer(with_domain_words(RouteTokenizer())), pseg.POSTokenizer(reference)
    for s in sentences:
        assert [tuple(p) for p in ours.lcut(s)] == [tuple(p) for p in theirs.lcut(s)]


@FAST
@given(POLICY_TEXT)
def test_any_text_cuts_as_jieba_cuts_it(reference, text):
    assert tokenizer().lcut(text) == reference.lcut(text)


# Runs of a few common characters: many overlapping dictionary words, so many competing routes.
CHARACTERS = "科技创新人才成渝地区双城经济圈高新技术企业研发平台的和与在"
DENSE = st.lists(st.sampled_from(CHARACTERS), max_size=40).map("".join)


@FAST
@given(DENSE)
def test_dense_overlapping_words_cut_as_jieba_cuts_them(reference, text):
    assert tokenizer().lcut(text) == reference.lcut(text)


def test_a_word_added_later_changes_the_route_as_in_jieba():
    ours, theirs = with_domain_words(RouteTokenizer()), with_domain_words(jieba.Tokenizer())
    text = "推动科创走廊协同发展"
    assert ours.lcut(text) == theirs.lcut(text)
    for tk in (ours, theirs):
        tk.add_word("科创走廊协同", 10**7)  # changes the total too, so every score moves
    assert ours.lcut(text) == theirs.lcut(text)
    assert "科创走廊协同" in ours.lcut(text)


def test_jieba_still_cuts_chinese_runs_with_the_method_we_replace():
    class Refusing(RouteTokenizer):
        def _Tokenizer__cut_DAG(self, sentence):
            raise LookupError(sentence)

    tk = Refusing()
    tk.FREQ, tk.total, tk.initialized = tokenizer().FREQ, tokenizer().total, True
    with pytest.raises(LookupError):
        tk.lcut("科技创新")


def test_the_route_ends_are_those_of_jiebas_own_calculation(reference):
    text = "推动成渝地区双城经济圈建设具有全国影响力的科技创新中心"
    route: dict = {}
    reference.calc(text, reference.get_DAG(text), route)
    assert tokenizer().best_ends(text) == [route[k][1] for k in range(len(text))]


def test_the_dictionary_read_from_jiebas_cache_is_the_one_jieba_loads(reference):
    fresh = RouteTokenizer()
    fresh.initialize()  # the default dictionary's cache, written by jieba when the reference was built
    own = jieba.Tokenizer()
    own.initialize()
    assert fresh.initialized and fresh.FREQ == own.FREQ and fresh.total == own.total


@pytest.mark.slow  # jieba builds its dictionary from the word list (two seconds)
@pytest.mark.parametrize("cache", [None, b"not a marshal file", b"\xe9" * 3])
def test_a_missing_or_broken_cache_is_left_to_jieba(tmp_path, cache):
    if cache is not None:
        (tmp_path / "jieba.cache").write_bytes(cache)
    fresh = RouteTokenizer()
    fresh.tmp_dir = str(tmp_path)
    fresh.initialize()  # jieba's own path: it builds the dictionary and writes the cache
    own = jieba.Tokenizer()
    own.initialize()
    assert fresh.FREQ == own.FREQ and fresh.total == own.total
    again = RouteTokenizer()
    again.tmp_dir = str(tmp_path)
    again.initialize()  # now from the cache jieba wrote
    assert again.FREQ == own.FREQ
