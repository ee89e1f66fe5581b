"""Validation: agreement of the library's parse and codes with hand-made gold, and the learned coder measured
against it (agreement, parse_agreement, metadata_agreement, learned_coder). Builds on the pipeline."""
