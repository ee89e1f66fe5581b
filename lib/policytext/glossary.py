"""English glosses for Chinese terms in charts and tables (data/glossary.tsv)."""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files


@lru_cache(maxsize=1)
def glossary() -> dict[str, str]:
    """Term -> English gloss."""
    text = files("policytext").joinpath("data/glossary.tsv").read_text(encoding="utf-8")
    pairs = (line.split("\t", 1) for line in text.splitlines() if line.strip() and not line.startswith("#"))
    return {term.strip(): gloss.strip() for term, gloss in pairs}


def gloss(term: str) -> str:
    """'创新 (innovation)' when the glossary knows the term, else the term itself."""
    english = glossary().get(term.replace("（", "(").replace("）", ")"))
    return f"{term} ({english})" if english else term
