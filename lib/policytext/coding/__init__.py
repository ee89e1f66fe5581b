"""Coding: themes, instruments, value-chain stages, indicators and the PMC evaluation of sentences and clauses
(codes, instruments, valuechain, instrument_stage, indicators, pmc, evaluation, glossary). Builds on language
and parsing."""
