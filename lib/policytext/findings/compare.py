"""Comparisons a reader can trust: genre named beside every document, counts per length, and
cross-tabulations against what independence would give.

In a small corpus city, genre and length travel together (one city may be one bureau article), so every
label and title built here says which genres are compared.
"""

from __future__ import annotations

import pandas as pd

UNCATALOGUED = "uncatalogued text"
_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def number(n: int) -> str:
    """'one' … 'ten' for small counts, digits beyond."""
    return _WORDS[n] if 0 <= n < len(_WORDS) else str(n)


def count(n: int, singular: str, plural: str | None = None, words: bool = False) -> str:
    """'1 document', '4 documents' (or 'one document' with `words`): the noun agrees with the count."""
    noun = singular if n == 1 else (plural or singular + "s")
    return f"{number(n) if words else n} {noun}"


def genre(tables) -> pd.Series:
    """Genre per doc_id ('uncatalogued text' when the catalog leaves it empty)."""
    d = tables.documents.set_index("doc_id")["genre"].fillna("")
    return d.replace("", UNCATALOGUED)


def doc_label(tables, region: bool = True) -> pd.Series:
    """Display label per doc_id naming its genre: 'cd-bureau-2023 (bureau article, Chengdu)'; a genre or region
    the catalog does not record is left out ('law1' alone when neither is)."""
    from .narrative import aside

    d = tables.documents.set_index("doc_id")
    g = genre(tables).replace(UNCATALOGUED, "")  # only what the catalog records: never a placeholder in a label
    return pd.Series({i: f"{i}{aside(g[i], d.loc[i, 'region'] if region else '')}" for i in d.index})


def describe(tables, doc_ids, region: str = "") -> str:
    """'one Chengdu bureau article' or 'four Chongqing texts of four genres' for a set of documents."""
    doc_ids = list(doc_ids)
    genres = genre(tables)[doc_ids].unique().tolist() if doc_ids else []
    where = f"{region} " if region and region != "unknown" else ""
    if genres == [UNCATALOGUED]:
        noun = "document" if len(doc_ids) == 1 else "documents"
        return f"{number(len(doc_ids))} {where}{noun} of no catalogued genre"
    if len(genres) == 1:
        kind = genres[0]
        return f"{number(len(doc_ids))} {where}{kind}" + ("" if len(doc_ids) == 1 else "s")
    return f"{number(len(doc_ids))} {where}texts of {count(len(genres), 'genre', words=True)}"


def regions_title(tables, regions=None) -> str:
    """'one Chengdu bureau article vs four Chongqing texts of four genres': the confound, in words."""
    d = tables.documents
    regions = regions or list(dict.fromkeys(d["region"]))
    return " vs ".join(describe(tables, d.loc[d["region"] == r, "doc_id"], r) for r in regions)


def shared_genres(tables, regions=None) -> list[str]:
    """Genres with documents from every one of `regions`: the only within-genre city comparisons possible."""
    d = tables.documents.assign(genre=lambda x: x["doc_id"].map(genre(tables)))
    regions = regions or list(dict.fromkeys(d["region"]))
    per_genre = d.groupby("genre")["region"].agg(set)
    return sorted(g for g, rs in per_genre.items() if set(regions) <= rs)


def per_length(counts, tables, per: int = 10_000, unit: str = "chars"):
    """Counts per document (Series or DataFrame indexed by doc_id) per `per` clean characters (or sentences)."""
    d = tables.documents.set_index("doc_id")
    size = d["clean_chars" if unit == "chars" else "sentences"].reindex(counts.index).astype(float)
    return counts.div(size, axis=0) * per


def observed_expected(cross: pd.DataFrame) -> pd.DataFrame:
    """One row per cell of a count table: observed, expected under independence of rows and columns,
    their ratio and the Pearson residual (observed − expected) / √expected; sorted by residual."""
    total = cross.to_numpy().sum()
    expected = pd.DataFrame(
        [[cross.loc[r].sum() * cross[c].sum() / total if total else 0.0 for c in cross.columns] for r in cross.index],
        index=cross.index, columns=cross.columns,
    )
    out = pd.DataFrame({"observed": cross.stack(), "expected": expected.stack()})
    out["ratio"] = out["observed"] / out["expected"].where(out["expected"] > 0)
    out["residual"] = (out["observed"] - out["expected"]) / out["expected"].where(out["expected"] > 0) ** 0.5
    out.index.names = ["row", "column"]
    return out.reset_index().sort_values(["residual", "row", "column"], ascending=[False, True, True],
                                          ignore_index=True)
