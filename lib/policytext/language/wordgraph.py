"""jieba's best route through a run of Chinese text, found in one pass: the same tokens as jieba, in about
0.6 of its time.

jieba cuts a run of Chinese characters in two passes and a walk: `get_DAG` lists, for every position, the
ends of the dictionary words that start there; `calc` walks the text right to left, taking the logarithm
of each word's frequency afresh, to choose the most probable route; the walk then emits the route's words,
handing runs of single characters to the HMM for unknown words. Both passes are pure Python and make up
most of segmentation time. `RouteTokenizer` chooses the same route in a single right-to-left pass that
looks each fragment up once, keeps no graph, and remembers the logarithm of each frequency; the walk is
jieba's. The tokens are exactly jieba's (tests/test_wordgraph.py compares them on the seeds, the
development set and generated text). Everything else (the dictionary, the HMM, the handling of
non-Chinese blocks, full mode, mode without HMM, `jieba.posseg`) is jieba's own.

It also reads jieba's dictionary cache (the prefix dictionary jieba writes to its temporary folder on first
use) in one piece: jieba decodes it with `marshal.load` from the open file, which reads it object by object,
three times slower than `marshal.loads` on the same bytes (0.48 against 0.16 s for its half-million entries).
"""

from __future__ import annotations

import marshal
import os
import tempfile
from math import log

import jieba
from jieba import finalseg


class RouteTokenizer(jieba.Tokenizer):
    """A `jieba.Tokenizer` whose accurate mode with HMM (jieba's default) finds its route in one pass."""

    _logs: tuple[int, dict[int, float]] = (0, {})

    def initialize(self, dictionary: str | None = None) -> None:
        """jieba's `initialize`; for the default dictionary with its cache written, the cache read in one piece
        (the same prefix dictionary and total jieba would load from it)."""
        if dictionary is None and not self.initialized and self.dictionary is None and not self.cache_file:
            # the file jieba reads and writes for its default dictionary
            path = os.path.join(self.tmp_dir or tempfile.gettempdir(), "jieba.cache")
            try:
                with open(path, "rb") as f:
                    freq, total = marshal.loads(f.read())
            except (OSError, EOFError, ValueError, TypeError):
                pass  # no cache yet, or an unreadable one: jieba builds the dictionary and writes the cache
            else:
                with self.lock:
                    self.FREQ, self.total, self.initialized = freq, total, True
                return
        super().initialize(dictionary)

    def best_ends(self, sentence: str) -> list[int]:
        """For each position of a run of Chinese text, the last position of the word jieba's route takes
        from there (the route `calc` chooses)."""
        self.check_initialized()
        get = self.FREQ.get
        total, logs = self._logs
        if total != self.total:  # add_word changes the total, and with it every score
            total, logs = self._logs = (self.total, {})
        logtotal = log(self.total)
        unknown = log(1) - logtotal  # jieba scores a character outside the dictionary as frequency 1
        n = len(sentence)
        score = [0.0] * (n + 1)
        ends = [0] * n
        # Right to left, as calc goes: the words starting at k end at i >= k, whose scores are known already.
        # Each candidate adds its log-probability to the score after it, in jieba's order of operations, and
        # the last of equal scores wins, as max() over jieba's (score, end) pairs picks the largest end.
        for k in range(n - 1, -1, -1):
            best = None
            i = k
            freq = get(sentence[k])
            while freq is not None:  # the dictionary holds every prefix of its words (frequency 0)
                if freq:
                    p = logs.get(freq)
                    if p is None:
                        p = logs[freq] = log(freq) - logtotal
                    s = p + score[i + 1]
                    if best is None or s >= best:
                        best, end = s, i
                i += 1
                if i == n:
                    break
                freq = get(sentence[k : i + 1])
            if best is None:
                best, end = unknown + score[k + 1], k
            ends[k] = end
            score[k] = best
        return ends

    # jieba's cut() calls its private, name-mangled cutter for each run of Chinese text in accurate mode with
    # HMM; this is that cutter, on the route of best_ends (a test checks that cut() still calls it).
    def _Tokenizer__cut_DAG(self, sentence: str) -> list[str]:
        ends = self.best_ends(sentence)
        out: list[str] = []
        single = ""  # a run of one-character words: the HMM may join them into a word jieba does not know
        x, n = 0, len(sentence)
        while x < n:
            y = ends[x] + 1
            if y - x == 1:
                single += sentence[x]
            else:
                if single:
                    self._add_singles(single, out)
                    single = ""
                out.append(sentence[x:y])
            x = y
        if single:
            self._add_singles(single, out)
        return out

    def _add_singles(self, single: str, out: list[str]) -> None:
        if len(single) == 1:
            out.append(single)
        elif not self.FREQ.get(single):
            out += finalseg.cut(single)
        else:  # a dictionary word the route passed by: its characters stay apart, as in jieba
            out += single
