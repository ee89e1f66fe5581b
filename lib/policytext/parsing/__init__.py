"""Parsing: one document's text to its cleaned body, structure and stated facts (script, clean, structure,
metadata, dates, history, regions, doctypes, numbering, headerfields). Imports only the top-level errors and
datafiles."""
