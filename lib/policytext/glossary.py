"""English glosses for Chinese terms in charts and tables (data/glossary.tsv)."""

from __future__ import annotations

from functools import lru_cache

from .datafiles import rows


@lru_cache(maxsize=1)
def glossary() -> dict[str, str]:
    """Term -> English gloss."""
    return {term.strip(): gloss.strip() for term, gloss in rows("glossary.tsv")}


def gloss(term: str) -> str:
    """'创新 (innovation)' when the glossary knows the term, else the term itself."""
    english = glossary().get(term.replace("（", "(").replace("）", ")"))
    return f"{term} ({english})" if english else term
