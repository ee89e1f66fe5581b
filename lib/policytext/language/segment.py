"""Words: jieba segmentation with the domain dictionary (data/userdict.tsv) and stopwords.

jieba breaks text at brackets, so names such as 西部(重庆)科学城 or 首台(套) would fall apart;
bracketed dictionary names, and names of the general shape Place(Place)Suffix, are protected
before cutting and emitted whole. The tokenizer is built once per process.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from itertools import accumulate

import jieba

from ..datafiles import rows
from .wordgraph import RouteTokenizer

_PUNCT = re.compile(r"^[\W_]+$", re.UNICODE)
_NUMBER = re.compile(r"^[\d.,%．，]+$|^[零〇一二三四五六七八九十百千万亿两]+$")
# Place(Place)Suffix names: 西部(成都)科学城, 中新(重庆)战略性互联互通示范项目 is left to the dictionary.
_BRACKET_NAME = re.compile(
    r"[\u4e00-\u9fff]{2}[(（][\u4e00-\u9fff]{2,4}[)）]"
    r"(?:科学城|实验室|中心|示范区|自贸区|自由贸易试验区|高新区|研究院|创新中心|国际合作中心)"
)


@lru_cache(maxsize=1)
def user_dictionary() -> tuple[tuple[str, int, str], ...]:
    """(word, freq, pos) entries of data/userdict.tsv."""
    entries = []
    for word, freq, pos, _source in rows("userdict.tsv"):
        entries.append((word.strip(), int(freq), pos.strip()))
    return tuple(entries)


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """The stopword list of data/stopwords.txt."""
    return frozenset(fields[0].strip() for fields in rows("stopwords.txt"))


@lru_cache(maxsize=1)
def tokenizer() -> jieba.Tokenizer:
    """A jieba tokenizer with the domain dictionary loaded (built once per process); jieba's tokens, found
    in one pass (wordgraph.RouteTokenizer)."""
    return with_domain_words(RouteTokenizer())


def with_domain_words(tk: jieba.Tokenizer) -> jieba.Tokenizer:
    """`tk` initialised, with the domain dictionary's words added (returned for convenience)."""
    jieba.setLogLevel(logging.WARNING)
    tk.initialize()
    for word, freq, pos in user_dictionary():
        tk.add_word(word, freq, pos)
    return tk


@lru_cache(maxsize=1)
def _protected() -> re.Pattern:
    names = sorted((w for w, _, _ in user_dictionary() if "(" in w), key=len, reverse=True)
    alternatives = [re.escape(n).replace(r"\(", "[(（]").replace(r"\)", "[)）]") for n in names]
    return re.compile("|".join([*alternatives, _BRACKET_NAME.pattern]))


def segment(text: str) -> list[str]:
    """Every token of `text`, punctuation and spaces included; ''.join(result) == text."""
    tk = tokenizer()
    if "(" not in text and "（" not in text:  # every protected name has a bracket
        return tk.lcut(text, HMM=True)
    out: list[str] = []
    pos = 0
    for m in _protected().finditer(text):
        if m.start() > pos:
            out += tk.lcut(text[pos : m.start()], HMM=True)
        out.append(m.group(0))
        pos = m.end()
    if pos < len(text):
        out += tk.lcut(text[pos:], HMM=True)
    return out


def segment_spans(text: str) -> list[tuple[str, int, int]]:
    """Every token of `text` with its span, (token, start, end) like `jieba.tokenize`; see `segment`."""
    tokens = segment(text)
    return list(zip(tokens, *offsets(tokens), strict=True))


def offsets(tokens: list[str]) -> tuple[list[int], list[int]]:
    """Where each of a text's tokens (`segment`) starts and ends in the text: (starts, ends)."""
    ends = list(accumulate(map(len, tokens)))  # summed in C, not token by token
    return [0, *ends[:-1]], ends


@lru_cache(maxsize=1 << 16)  # tokens repeat: most calls are for a word already judged
def is_content(token: str) -> bool:
    """False for stopwords, punctuation, whitespace, bare numbers and single characters."""
    t = token.strip()
    return len(t) > 1 and not _PUNCT.match(t) and not _NUMBER.match(t) and t not in stopwords()


def tokenize(text: str) -> list[str]:
    """Content tokens of `text`: `segment` without stopwords, punctuation, numbers and single characters."""
    return [t for t in segment(text) if is_content(t)]
