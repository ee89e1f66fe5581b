"""policytext: parse, clean and code Chinese S&T innovation policy texts.

    import policytext as pt
    corpus = pt.load_corpus("seeds")            # files + catalog -> one row per document (reading.corpus)
    tables = pt.parse(corpus)                   # every stage below -> tidy tables (tables.clauses, .hits, ...)
    pt.export("seeds", "out/")                  # the same stages, streamed to CSV/Parquet in worker processes
    pt.keyness(docs_a, docs_b, labels=("Chengdu", "Chongqing"))
    pt.kwic(tables.sentences, "科技金融")       # keyword in context
    pt.code("设立科技创新基金")                  # theme and instrument codes of one sentence
    pt.segment("成渝地区双城经济圈")             # jieba with the domain dictionary

The pipeline (policytext.PIPELINE, defined in policytext.pipeline.pipeline), in order; each stage reads what
earlier ones added:

    stage        module                 adds
    normalise    parsing.script         the Simplified text, converted once (OpenCC t2s + data/script_fixes.tsv)
    clean        parsing.clean          the clean body; removed (every line removed, with its reason), articles
    structure    parsing.structure      sections, clauses, sentences, paragraphs (ids that join, offsets)
    metadata     parsing.metadata       metadata (fields the text states, each with its basis)
    documents    pipeline.documents     documents (catalog + parse counts + gaps filled from the text), disagreements
    segment      language.segment       tokens (one row per content token, with its span); jieba's tokens,
                 language.wordgraph     its best route found in one pass
    codes        coding.codes           hits (one row per lexicon match: data/themes.tsv, data/instruments.tsv),
                 coding.instruments     codes (themes per sentence; one primary instrument per clause),
                                        instrument_evidence (one row per cue supporting a clause's primary)
    lexicons     coding.counting        lexicon_hits (one row per match of a counting lexicon in the cleaned text:
                                        data/finance_instruments.tsv, data/cooperation_terms.tsv)
    indicators   coding.indicators      indicators (quantified targets and achievements)
    entities     language.entities      entities, entity_candidates (data/gazetteer.tsv, then rules)
    keywords     language.keywords      keywords (TextRank per document, TF-IDF over the corpus)
    evaluation   coding.evaluation      instrument_stage, pmc, pmc_secondary, pmc_evidence
    duplicates   pipeline.duplicates    duplicates (copies, near copies, other formats, versions; corpus-wide)
    reuse        pipeline.reuse         reuse (passages shared by the canonical documents; corpus-wide)

Corpus-wide stages collect compact features in the workers and finish once on all of them (pipeline.pipeline).

The modules sit in layers, each importing only from the layers before it (and from the top-level errors,
paths and datafiles): parsing (one text), reading (files and catalog), language (tokens, lexicons),
coding (codes, instruments, PMC), pipeline (the stages over a corpus, tables, export), then validation
(agreement with gold) and findings (the notebooks' claims, summaries, plotting). Analyses of the tables
live in those modules and are imported from there (docs/library.md has the map).
"""

from __future__ import annotations

from .coding.codes import code_text as code
from .coding.codes import kwic
from .errors import CorpusError, CorpusWarning
from .language.keywords import keyness
from .language.segment import segment, segment_spans, tokenize
from .parsing.script import to_simplified
from .pipeline.export import export
from .pipeline.pipeline import PIPELINE, TABLES
from .pipeline.tables import Tables, parse_document
from .pipeline.tables import parse_corpus as parse
from .reading.corpus import Corpus, load_corpus

__version__ = "0.1.0"

__all__ = ["PIPELINE", "TABLES", "Corpus", "CorpusError", "CorpusWarning", "Tables", "code", "export", "keyness",
           "kwic", "load_corpus", "parse", "parse_document", "segment", "segment_spans", "to_simplified", "tokenize"]
