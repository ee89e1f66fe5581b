"""policytext: parse, clean and code Chinese S&T innovation policy texts.

The flow runs one way: load (bytes to text, catalog) -> clean -> script -> structure
-> language -> tables. Each stage is a module named for what it does.
"""

from .corpus import Corpus, load_corpus
from .errors import CorpusError, CorpusWarning

__all__ = ["Corpus", "CorpusError", "CorpusWarning", "load_corpus"]
__version__ = "0.1.0"
