"""Language: tokens, lexicons and keywords (segment, wordgraph, lexicon, cues, keywords, cooccurrence, entities).
Imports only the top-level datafiles."""
