"""Reading: files and catalog to one row per document (load, readers, catalog, docids, corpus). Builds on
parsing."""
