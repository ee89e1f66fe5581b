"""English glosses for Chinese terms in charts and tables (data/glossary.tsv: term, gloss, source)."""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from ..datafiles import rows


@lru_cache(maxsize=1)
def glossary_table() -> pd.DataFrame:
    """The glossary as a table: term, gloss, source (whose English usage the gloss follows)."""
    out = []
    for cols in rows("glossary.tsv"):
        if len(cols) != 3 or not all(c.strip() for c in cols):
            raise ValueError(f"glossary.tsv: expected 3 non-empty TAB-separated columns (term, gloss, source): {cols}")
        out.append([c.strip() for c in cols])
    table = pd.DataFrame(out, columns=["term", "gloss", "source"])
    twice = table.loc[table["term"].duplicated(), "term"]
    if len(twice):
        raise ValueError(f"glossary.tsv: terms listed twice: {', '.join(twice)}")
    return table


@lru_cache(maxsize=1)
def glossary() -> dict[str, str]:
    """Term -> English gloss."""
    return dict(zip(glossary_table()["term"], glossary_table()["gloss"], strict=True))


def gloss(term: str) -> str:
    """'创新 (innovation)' when the glossary knows the term, else the term itself."""
    english = glossary().get(term.replace("（", "(").replace("）", ")"))
    return f"{term} ({english})" if english else term
