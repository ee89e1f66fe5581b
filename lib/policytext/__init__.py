"""policytext: parse, clean and code Chinese S&T innovation policy texts.

    import policytext as pt
    corpus = pt.load_corpus("seeds")            # files + catalog -> one row per document (load, readers)
    tables = pt.parse(corpus)                   # every stage below -> tidy tables (tables.clauses, .hits, ...)
    pt.export("seeds", "out/")                  # the same stages, streamed to CSV/Parquet in worker processes
    pt.keyness(docs_a, docs_b, labels=("Chengdu", "Chongqing"))
    pt.kwic(tables.sentences, "科技金融")       # keyword in context
    pt.code("设立科技创新基金")                  # theme and instrument codes of one sentence
    pt.segment("成渝地区双城经济圈")             # jieba with the domain dictionary

The pipeline (policytext.pipeline.PIPELINE), in order; each stage reads what earlier ones added:

    stage        module        adds
    normalise    script        the Simplified text, converted once (OpenCC t2s + data/script_fixes.tsv)
    clean        clean         the clean body; removed (every line removed, with its reason), articles
    structure    structure     sections, clauses, sentences, paragraphs (ids that join, offsets)
    metadata     metadata      metadata (fields the text states, each with its basis)
    documents    documents     documents (catalog + parse counts + gaps filled from the text), disagreements
    segment      segment       tokens (one row per content token, with its span); jieba's tokens,
                 wordgraph     its best route found in one pass
    codes        codes         hits (one row per lexicon match: data/themes.tsv, data/instruments.tsv),
                 instruments   codes (themes per sentence; one primary instrument per clause),
                               instrument_evidence (one row per cue supporting a clause's primary)
    indicators   indicators    indicators (quantified targets and achievements)
    entities     entities      entities, entity_candidates (data/gazetteer.tsv, then rules)
    keywords     keywords      keywords (TextRank per document, TF-IDF over the corpus)
    evaluation   evaluation    instrument_stage, pmc, pmc_secondary, pmc_evidence
    duplicates   duplicates    duplicates (copies, near copies, other formats, versions; corpus-wide)
    reuse        reuse         reuse (passages shared by the canonical documents; corpus-wide)

Corpus-wide stages collect compact features in the workers and finish once on all of them (pipeline).

Analyses of the tables (keyness, reuse, PMC, agreement, plotting, narrative helpers) live in their own
modules and are imported from there.
"""

from __future__ import annotations

from .codes import code_text as code
from .codes import kwic
from .corpus import Corpus, load_corpus
from .errors import CorpusError, CorpusWarning
from .export import export
from .keywords import keyness
from .pipeline import PIPELINE, TABLES
from .script import to_simplified
from .segment import segment, segment_spans, tokenize
from .tables import Tables, parse_document
from .tables import parse_corpus as parse

__version__ = "0.1.0"

__all__ = ["PIPELINE", "TABLES", "Corpus", "CorpusError", "CorpusWarning", "Tables", "code", "export", "keyness",
           "kwic", "load_corpus", "parse", "parse_document", "segment", "segment_spans", "to_simplified", "tokenize"]
