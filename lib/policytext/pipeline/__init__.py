"""Pipeline: the stages run over a corpus and their tables (pipeline, tables, documents, duplicates, reuse,
export, workbook, citation, catalog_draft, report). Builds on reading, parsing, language and coding."""
