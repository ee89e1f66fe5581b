"""Tables -> notebook-ready summaries (shares, cross-tabulations, per-region token lists)."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd

from ..coding.codes import INSTRUMENTS, THEMES, indicator_matrix, unit_codes
from ..coding.counting import COUNTING_LEXICONS
from ..coding.indicators import CLAUSE_BREAK
from ..coding.instruments import NONE, subtools
from ..datafiles import rows
from ..language.lexicon import lexicon
from ..pipeline.tables import Tables

UNKNOWN_REGION = "unknown"  # what tables.documents shows for a document whose region no one recorded


def label(tables: Tables) -> pd.Series:
    """Short display label per doc_id: 'doc_id (region, year or years written)'.

    Only what is known is shown: 'doc_id (2023)' without a region, 'doc_id (Chengdu)' without a date,
    'doc_id' with neither; never an empty field.
    """
    d = tables.documents.set_index("doc_id")
    labels = {}
    for i, r in d.iterrows():
        years = written_years(r)
        known = [v for v in (str(r.get("region", "")), years) if v and v not in (UNKNOWN_REGION, "undated")]
        labels[i] = f"{i} ({', '.join(known)})" if known else str(i)
    return pd.Series(labels, dtype=object)


def written_years(row) -> str:
    """The year a document was written, or its span of years ('2018–2019'); 'undated' when unknown."""
    first, last = str(row.get("written_from", ""))[:4], str(row.get("written_to", ""))[:4]
    if not first:
        return "undated"
    return first if first == last else f"{first}–{last}"


def theme_shares(tables: Tables, column: str = "themes", categories: tuple[str, ...] = THEMES) -> pd.DataFrame:
    """Share of each document's sentences coded with each category (rows: documents)."""
    m = indicator_matrix(tables.codes, column, categories)
    m.insert(0, "doc_id", tables.codes["doc_id"].to_numpy())
    shares = m.groupby("doc_id", sort=False).mean()
    return shares.reindex(tables.documents["doc_id"])


def code_counts(tables: Tables, column: str = "themes", categories: tuple[str, ...] = THEMES) -> pd.DataFrame:
    """Number of sentences per document coded with each category."""
    m = indicator_matrix(tables.codes, column, categories)
    m.insert(0, "doc_id", tables.codes["doc_id"].to_numpy())
    return m.groupby("doc_id", sort=False).sum().reindex(tables.documents["doc_id"], fill_value=0)


def instrument_counts(tables: Tables, column: str = "instrument") -> pd.DataFrame:
    """Clauses per document by their ONE primary code (`column` 'instrument': supply, environment,
    demand, none; or 'subtool': the sub-tools in codebook order, then none). Rows: documents."""
    units = unit_codes(tables.codes)
    order = [*INSTRUMENTS, NONE] if column == "instrument" else [*subtools(), NONE]
    counts = pd.crosstab(units["doc_id"], units[column]).reindex(columns=order, fill_value=0)
    return counts.reindex(tables.documents["doc_id"], fill_value=0)


def instrument_by_theme(tables: Tables) -> pd.DataFrame:
    """Clauses whose primary instrument is each side (rows) and that have a sentence coded with each theme
    (columns)."""
    t = indicator_matrix(tables.codes, "themes", THEMES)
    t.insert(0, "clause_id", tables.codes["clause_id"].to_numpy())
    themed = t.groupby("clause_id", sort=False).max()
    units = unit_codes(tables.codes).set_index("clause_id")
    themed = themed.join(units["instrument"])
    counts = {th: [int(((themed["instrument"] == s) & (themed[th] == 1)).sum()) for s in INSTRUMENTS]
              for th in THEMES}
    return pd.DataFrame(counts, index=list(INSTRUMENTS))


def evidence_terms(tables: Tables, category: str, subtool: str | None = None, doc_ids=None) -> Counter:
    """Number of sentences in which each matched text is a hit of `category` (and `subtool`, if given).

    Reads the long hits table. `category` is a theme or an instrument side ('finance', 'demand'); the
    older spellings 'finance:' and 'demand/' are accepted.
    """
    hits = tables.hits
    mask = hits["category"] == category.rstrip(":/")
    if subtool is not None:
        mask &= hits["subtool"] == subtool
    if doc_ids is not None:
        mask &= hits["doc_id"].isin(doc_ids)
    chosen = hits.loc[mask, ["sentence_id", "match"]].drop_duplicates()
    return Counter(chosen["match"].tolist())


def tokens_of(tables: Tables, doc_ids) -> list[str]:
    """All content tokens of the given documents, in corpus order."""
    docs = tables.doc_tokens()
    return [t for d in docs if d in set(doc_ids) for t in docs[d]]


def coded_sentences(tables: Tables, category: str) -> pd.DataFrame:
    """Rows of the codes table coded with `category`: a theme (the sentence has it), or an instrument side
    (the sentence's clause has it as its primary instrument)."""
    if category in INSTRUMENTS:
        return tables.codes[tables.codes["instrument"] == category]
    return tables.codes[tables.codes["sentence_id"].isin(sentences_matching(tables, "theme", category))]


# The demand sub-tools that create a market for new technology (coding_guide.md): procurement and first-set
# support or application scenarios. The other demand sub-tools (overseas institutions, trade, outsourcing)
# are mostly matched by names of international cooperation and trade words, not by demand-side measures.
MARKET_TOOLS = ("public_procurement", "first_set_and_scenarios")


def market_tool_sentences(tables: Tables) -> pd.DataFrame:
    """Rows of the codes table (one per sentence) whose text has a cue of a market-creating demand sub-tool
    (MARKET_TOOLS), whatever the primary code of its clause, with `cues`: the matched texts, in order."""
    hits = tables.hits
    hits = hits[(hits["category"] == "demand") & hits["subtool"].isin(MARKET_TOOLS)].sort_values(
        ["sentence_id", "start"])
    cues = hits.groupby("sentence_id", sort=False)["match"].agg(list)
    rows = tables.codes[tables.codes["sentence_id"].isin(cues.index)]
    return rows.assign(cues=rows["sentence_id"].map(cues))


def sentences_matching(tables: Tables, scheme: str, category: str) -> set[str]:
    """Ids of the sentences with a lexicon hit of `category` in `scheme` ('theme' or 'instrument'), read
    from the long hits table (the codes table's label columns are these categories, joined for display)."""
    return set(_cues(tables.hits, scheme, category)["sentence_id"].tolist())


def clauses_with(tables: Tables, theme: str) -> list[str]:
    """Clause ids with at least one sentence coded `theme` (themes or instruments)."""
    return list(dict.fromkeys(coded_sentences(tables, theme)["clause_id"]))


def coded_indicators(tables: Tables, category: str) -> pd.DataFrame:
    """Indicators found in sentences coded with `category` (a theme or an instrument side)."""
    coded = coded_sentences(tables, category)
    return tables.indicators[tables.indicators["sentence_id"].isin(set(coded["sentence_id"]))].reset_index(drop=True)


def theme_measures() -> dict[str, list[tuple[set[str], str]]]:
    """Theme -> [(measures, subject pattern)] from data/indicator_themes.tsv."""
    table: dict[str, list[tuple[set[str], str]]] = {}
    for theme, measures, pattern, _gloss in rows("indicator_themes.tsv"):
        table.setdefault(theme, []).append((set(measures.split(";")), pattern))
    return table


def in_theme(indicators: pd.DataFrame, theme: str) -> pd.Series:
    """True for the indicators that measure what `theme` counts (talent: people, teams, talent programmes).

    Looks only at `measures` and `subject`; themes with no line in indicator_themes.tsv accept every row.
    """
    import re

    rules = theme_measures().get(theme)
    if not rules:
        return pd.Series(True, index=indicators.index)
    keep = pd.Series(False, index=indicators.index)
    for measures, pattern in rules:
        ok = indicators["measures"].isin(measures)
        if pattern:
            ok &= indicators["subject"].fillna("").map(lambda s, p=pattern: bool(re.search(p, s)))
        keep |= ok
    return keep


def theme_indicators(tables: Tables, theme: str, in_clause: bool = False) -> pd.DataFrame:
    """Indicators of a theme: in a sentence coded with it AND measuring what it counts (see in_theme), or,
    with `in_clause`, with a cue of the theme in the quantity's own clause (`cue_in_clause`).

    A loan amount in a sentence about 人才贷 is not a talent quantity; 800名高层次人才 is. With `in_clause`,
    2403家企业 in 为2403家企业发放知识价值信用贷款 is a finance count, the 6348家 of 高新技术企业6348家 in a
    sentence that goes on to 科创板 is not.
    """
    found = coded_indicators(tables, theme)
    keep = in_theme(found, theme)
    if in_clause:
        keep |= cue_in_clause(found, tables, theme)
    return found[keep].reset_index(drop=True)


def cue_in_clause(indicators: pd.DataFrame, tables: Tables, category: str) -> pd.Series:
    """For each indicator, whether its own clause (its sentence cut where indicators cut it, CLAUSE_BREAK) holds a
    hit of `category` (a theme or instrument side): a count beside the word, not one that only shares the
    sentence with it. Indicator offsets are the document's, hit offsets the sentence's."""
    sentences = tables.sentences.set_index("sentence_id")
    hits = tables.hits[tables.hits["category"] == category]
    spans: dict[str, list[tuple[int, int]]] = {}
    for sid, a, b in zip(hits["sentence_id"].tolist(), hits["start"].tolist(), hits["end"].tolist(), strict=True):
        spans.setdefault(sid, []).append((a, b))
    out = []
    for sid, a, b in zip(indicators["sentence_id"].tolist(), indicators["start"].tolist(),
                         indicators["end"].tolist(), strict=True):
        if sid not in spans:
            out.append(False)
            continue
        text, base = sentences.at[sid, "text"], int(sentences.at[sid, "start"])
        a, b = a - base, b - base
        lo = max((m.end() for m in CLAUSE_BREAK.finditer(text, 0, a)), default=0)
        after = CLAUSE_BREAK.search(text, b)
        hi = after.start() if after else len(text)
        out.append(any(lo <= s and e <= hi for s, e in spans[sid]))
    return pd.Series(out, index=indicators.index, dtype=bool)


def removed_chars(removed: pd.DataFrame) -> pd.Series:
    """Printed characters (whitespace aside) removed under each reason of a removed table: the unit cleaning
    shares are counted in (a caption broken over eight layout lines is eight lines but one short caption)."""
    from ..pipeline.documents import printed_chars

    return removed.assign(n=removed["text"].fillna("").astype(str).map(printed_chars)).groupby("reason")["n"].sum()


def removed_by_artefact(removed: pd.DataFrame) -> pd.Series:
    """`removed_chars` with each reprint counted with what it reprints (`clean.REPRINTS`: a metadata table printed
    twice, a title printed again), largest first, equal counts by reason: removed text ranked by artefact."""
    from ..parsing.clean import REPRINTS

    chars = removed_chars(removed)
    folded = chars.groupby(lambda reason: REPRINTS.get(reason, reason)).sum()
    return folded.loc[sorted(folded.index, key=lambda r: (-folded[r], r))]


def docs_writing(tables: Tables, terms, doc_ids) -> pd.Series:
    """For each term, how many of `doc_ids` write it anywhere in their sentences, inside longer words too, in
    any of its variants (data/concepts.tsv): a token count misses 实验室 inside the token 国家实验室, so a word
    can look absent from a document that writes it in every paragraph."""
    from ..language.keywords import concept_map

    forms: dict[str, set[str]] = {}
    for variant, concept in concept_map().items():
        forms.setdefault(concept, set()).add(variant)
    text = tables.sentences.groupby("doc_id")["text"].apply("\n".join)  # no word across two sentences
    texts = [text.get(d, "") for d in doc_ids]
    terms = list(terms)
    return pd.Series([sum(any(f in t for f in forms.get(term, set()) | {term}) for t in texts) for term in terms],
                     index=terms, dtype="int64")


def docs_in(tables: Tables, region: str) -> list[str]:
    """doc_ids of one region, in corpus order."""
    d = tables.documents
    return d.loc[d["region"] == region, "doc_id"].tolist()


def sentence_tokens(tables: Tables, sentence_ids) -> list[list[str]]:
    """Content tokens of the given sentences (tokenised on demand)."""
    from ..language.segment import tokenize

    wanted = set(sentence_ids)
    rows = tables.sentences[tables.sentences["sentence_id"].isin(wanted)]
    return [tokenize(t) for t in rows["text"]]


def lexicon_counts(tables: Tables, name: str) -> tuple[pd.DataFrame, dict[str, str]]:
    """Hits per document of each label (subtool) of a counting lexicon, and the labels' glosses.

    `name` is one of coding.counting.COUNTING_LEXICONS (finance_instruments.tsv, cooperation_terms.tsv). The
    hits are the lexicon's rows of `tables.lexicon_hits` (the pipeline's `lexicons` stage): leftmost-longest,
    never overlapping, so a stretch of text counts once, for the label of its longest term; each sentence
    (or heading line) of the document's simplified text is matched on its own, so a cue that needs company
    in its sentence (国内外 a named partner, data/cue_contexts.tsv) finds it there, not elsewhere. Rows: every
    document of `tables.parsed`, in order (0 where nothing matched); columns: every label, in data-file order.
    Raises ValueError when the `lexicons` stage was switched off (its empty table would read as no hits).
    """
    if name not in COUNTING_LEXICONS:
        raise ValueError(f"{name} is not a counting lexicon ({', '.join(COUNTING_LEXICONS)}); "
                         "the theme and instrument hits are in tables.hits")
    tables.require("lexicons", "lexicon_counts")
    lex = lexicon(name)
    labels = [s for c in lex.categories for s in lex.subtools(c)]
    glosses: dict[str, str] = {}
    for t in lex.terms:
        glosses.setdefault(t.subtool, t.note)
    index = list(tables.parsed)
    row, column = {d: i for i, d in enumerate(index)}, {s: j for j, s in enumerate(labels)}
    found = np.zeros((len(index), len(labels)), dtype="int64")
    hits = tables.lexicon_hits
    chosen = hits[hits["lexicon"] == lex.name]
    for doc_id, subtool in zip(chosen["doc_id"].tolist(), chosen["subtool"].tolist(), strict=True):
        if doc_id in row:  # a document of the table may have been left out of these tables' texts
            found[row[doc_id], column[subtool]] += 1
    return pd.DataFrame(found, index=index, columns=labels), glosses


def clause_theme_shares(tables: Tables, clause_ids) -> pd.DataFrame:
    """Share of the given clauses coded with each theme, beside the share among all clauses.

    A clause counts for a theme when any of its sentences is coded with it.
    """
    m = indicator_matrix(tables.codes, "themes", THEMES)
    m.insert(0, "clause_id", tables.codes["clause_id"].to_numpy())
    per_clause = m.groupby("clause_id").max()
    chosen = per_clause.loc[per_clause.index.isin(set(clause_ids))]
    return pd.DataFrame({"selected": chosen.mean(), "all": per_clause.mean()}).reindex(list(THEMES))


def _cues(hits: pd.DataFrame, scheme: str, category: str) -> pd.DataFrame:
    """The hits of one category of a scheme ('theme' or 'instrument')."""
    return hits[(hits["scheme"] == scheme) & (hits["category"] == category)]


def _cue_spans(cues: pd.DataFrame) -> dict[str, list[tuple[int, int]]]:
    """Sentence id -> the (start, end) spans of the hits `cues` in it."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for sid, start, end in cues[["sentence_id", "start", "end"]].itertuples(index=False):
        spans.setdefault(sid, []).append((start, end))
    return spans


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """Whether [start, end) overlaps one of `spans` (a stretch of text coding two things)."""
    return any(s < end and start < e for s, e in spans)


def co_coded(tables: Tables, side: str, theme: str) -> pd.DataFrame:
    """Sentences coded with both instrument `side` and `theme`, with `same_term`: True when some text of the
    sentence triggers both codes (a hit of the side overlapping a hit of the theme: the same 金融, or
    关键核心技术 holding 核心技术); and `term_only`: True when the pair rests on such text alone (every cue of
    the side, or every cue of the theme, overlaps a cue of the other), the pair then co-occurring by
    construction of the two lexicons. A sentence with shared text and cues of its own for both codes is
    `same_term` but not `term_only`."""
    both = sentences_matching(tables, "instrument", side) & sentences_matching(tables, "theme", theme)
    rows = tables.codes[tables.codes["sentence_id"].isin(both)]
    side_spans = _cue_spans(_cues(tables.hits, "instrument", side))
    theme_spans = _cue_spans(_cues(tables.hits, "theme", theme))
    same, only = [], []
    for sid in rows["sentence_id"]:
        a, b = side_spans.get(sid, []), theme_spans.get(sid, [])
        a_shared = [_overlaps(s, e, b) for s, e in a]
        b_shared = [_overlaps(s, e, a) for s, e in b]
        same.append(any(a_shared))
        only.append(any(a_shared) and (all(a_shared) or all(b_shared)))
    return rows.assign(same_term=same, term_only=only)


def cell_by_construction(tables: Tables, side: str, theme: str) -> pd.DataFrame:
    """The clauses of one cell of `instrument_by_theme` (primary instrument `side`, a sentence coded `theme`), in
    text order, with `on_shared_text`: True when every cue of the theme in the clause, or every cue of the side, is
    text that is also a cue of the other (one 实验室 or 技术转移 coding both), so that the clause sits in the cell
    by construction of the two lexicons rather than by what it says. The clause-level counterpart of
    `co_coded`'s `term_only`."""
    units = unit_codes(tables.codes)
    of_side = set(units.loc[units["instrument"] == side, "clause_id"])
    themed = sentences_matching(tables, "theme", theme)
    codes = tables.codes
    in_cell = [c for c in dict.fromkeys(codes.loc[codes["sentence_id"].isin(themed), "clause_id"]) if c in of_side]
    hits = tables.hits[tables.hits["clause_id"].isin(in_cell)]
    side_cues, theme_cues = _cues(hits, "instrument", side), _cues(hits, "theme", theme)

    def all_shared(own: pd.DataFrame, other: pd.DataFrame) -> dict[str, bool]:
        """Clause -> whether every cue of `own` in it overlaps a cue of `other` in its sentence."""
        spans = _cue_spans(other)
        out: dict[str, bool] = {}
        for cid, sid, start, end in own[["clause_id", "sentence_id", "start", "end"]].itertuples(index=False):
            out[cid] = out.get(cid, True) and _overlaps(start, end, spans.get(sid, []))
        return out

    theme_shared, side_shared = all_shared(theme_cues, side_cues), all_shared(side_cues, theme_cues)
    shared = [theme_shared.get(c, False) or side_shared.get(c, False) for c in in_cell]
    return pd.DataFrame({"clause_id": in_cell, "on_shared_text": shared})


def top_with_ties(frame: pd.DataFrame, by: list[str], n: int) -> pd.DataFrame:
    """The first `n` rows of `frame` (already in its order), and every further row equal to the n-th on the
    columns `by`: a cut never falls inside a tie, so no row is left out by the order of its label alone."""
    if n <= 0:
        return frame.iloc[:0]
    if len(frame) <= n:
        return frame
    last = frame.iloc[n - 1][by]
    tied = (frame.iloc[n:][by] == last).all(axis=1)
    return pd.concat([frame.iloc[:n], frame.iloc[n:][tied]])


def first_match(tables: Tables, sentence_id: str, category: str) -> str:
    """The first text in a sentence matched as a hit of `category` (a theme or instrument side), or ''."""
    hits = tables.hits
    chosen = hits[(hits["sentence_id"] == sentence_id) & (hits["category"] == category)].sort_values("start")
    return chosen["match"].iloc[0] if len(chosen) else ""


def lexicon_patterns(name: str) -> dict[str, str]:
    """One regular expression per label (subtool) of a counting lexicon: its terms as alternatives,
    longest first, for quoting the passages that name it."""
    import re

    out: dict[str, list[str]] = {}
    for t in sorted(lexicon(name).terms, key=lambda t: (-len(t.term), t.term)):
        out.setdefault(t.subtool, []).append(t.term if t.regex else re.escape(t.term))
    return {label_: "|".join(terms) for label_, terms in out.items()}


def instrument_by_genre(tables: Tables) -> pd.DataFrame:
    """Sentences per genre coded with each instrument side -- the side of their clause's primary code, as in
    `coded_sentences`, so that a cue in a clause whose measure is of another side (a trade word, a grant
    word for a first-set product) counts no tool -- and all sentences of the genre ('sentences')."""
    from .compare import genre as _genre

    genre = _genre(tables)
    primary = tables.codes["instrument"]
    m = pd.DataFrame({side: (primary == side).astype(int).to_numpy() for side in INSTRUMENTS})
    m.insert(0, "genre", tables.codes["doc_id"].map(genre).to_numpy())
    out = m.groupby("genre").sum()
    out["sentences"] = m.groupby("genre").size()
    return out


def entity_kind(name: str) -> str:
    """The platform or institution suffix a name ends in (科学城, 实验室, …), or entities.UNCLASSIFIED when
    none: a fallback, not a kind of platform (`platform_kinds` leaves it out)."""
    from ..language.entities import UNCLASSIFIED, suffixes

    return next((s for s, kind in suffixes() if name.endswith(s) and kind in ("platform", "institution")),
                UNCLASSIFIED)


def platform_kinds(entities: pd.DataFrame, types=("platform", "institution")) -> pd.DataFrame:
    """The entity mentions of `types` with their kind (`entity_kind` of the canonical name, `key`, else the name
    as written: 科学城, 实验室, 大学 …; an abbreviation such as 中科院 is of its full name's kind, 中国科学院),
    unclassified names left out; `attrs["unclassified"]` lists the distinct names left out, so a chart of
    kinds never shows the fallback as if it were a kind of platform."""
    from ..language.entities import UNCLASSIFIED

    named = entities[entities["type"].isin(types)]
    canonical = named["key"].where(named["key"].fillna("").astype(str) != "", named["name"]) if "key" in named \
        else named["name"]
    kinds = named.assign(kind=canonical.map(entity_kind).to_numpy())
    out = kinds[kinds["kind"] != UNCLASSIFIED].reset_index(drop=True)
    out.attrs["unclassified"] = sorted(set(kinds.loc[kinds["kind"] == UNCLASSIFIED, "name"]))
    return out


def designations() -> frozenset[str]:
    """Canonical names of national designations (国家实验室, 国家技术创新中心 …), data/designations.txt: a kind
    of place each city holds or seeks for a facility of its own, so naming one is not naming a shared place."""
    from ..datafiles import rows

    return frozenset(cols[0].strip() for cols in rows("designations.txt"))


def shared_entities(tables: Tables, types=("platform", "institution"), table: str = "entities") -> pd.DataFrame:
    """Entities (by key) named in documents of more than one region: key, name, regions, documents,
    and the first sentence naming it in each region (`sentences`, ';'-joined in region order).
    `table="entity_candidates"` does the same for the names the rules found but the gazetteer lacks."""
    region = tables.documents.set_index("doc_id")["region"]
    found = getattr(tables, table)
    e = found[found["type"].isin(types)].assign(region=lambda x: x["doc_id"].map(region))
    rows = []
    for key, g in e.groupby("key", sort=True):
        if g["region"].nunique() > 1:
            firsts = g.drop_duplicates("region").sort_values("region")
            rows.append((key, g["name"].iloc[0], g["type"].iloc[0], ";".join(firsts["region"]), g["doc_id"].nunique(),
                         ";".join(firsts["sentence_id"])))
    return pd.DataFrame(rows, columns=["key", "name", "type", "regions", "documents", "sentences"])


def own_vocabulary(tables: Tables) -> pd.DataFrame:
    """Per document: content tokens, and the share of them that are words no other document uses
    (places and self-references left out, concept variants merged, as for keyness), with the most
    frequent such word and its count."""
    from ..language.keywords import keyness_tokens

    docs = {d: keyness_tokens(t) for d, t in tables.doc_tokens().items()}
    df = Counter(w for tokens in docs.values() for w in set(tokens))
    out = []
    for d, tokens in docs.items():
        own = Counter(t for t in tokens if df[t] == 1)
        word, n = min(own.items(), key=lambda kv: (-kv[1], kv[0])) if own else ("", 0)
        out.append((d, len(tokens), sum(own.values()), sum(own.values()) / len(tokens) if tokens else 0.0, word, n))
    return pd.DataFrame(out, columns=["doc_id", "tokens", "own_tokens", "own_share", "top_own", "top_own_count"]
                        ).set_index("doc_id")


def talent_programmes(tables: Tables) -> pd.DataFrame:
    """Programmes and plans named in talent sentences, one row per document and programme (doc_id, name,
    sentence_id), with `talent_by_name` True when the programme's own name is coded talent."""
    from ..coding.codes import code_text

    talent_sentences = set(coded_sentences(tables, "talent")["sentence_id"])
    e = tables.entities
    found = e[(e["type"] == "programme") & e["sentence_id"].isin(talent_sentences)]
    found = found.drop_duplicates(["doc_id", "key"])[["doc_id", "name", "sentence_id"]]
    found = found.assign(talent_by_name=found["name"].map(lambda n: "talent" in code_text(n)["themes"]).astype(bool))
    return found.sort_values(["talent_by_name", "doc_id"], ascending=[False, True], ignore_index=True)


def canonical_tables(tables: Tables) -> Tables:
    """The tables of the canonical documents only (policytext.duplicates): every table with a doc_id column
    keeps the rows of the documents analysed, so each text is counted once however many copies the corpus
    holds. The duplicates table stays whole, to say what was set aside; the reuse table already compares
    canonical documents only. `documents.attrs["set_aside"]` is the number of copies left out."""
    kept = tables.canonical_documents()
    keep = set(kept["doc_id"])
    frames = {
        name: frame if name == "duplicates" or "doc_id" not in frame.columns
        else frame[frame["doc_id"].isin(keep)].reset_index(drop=True)
        for name, frame in tables._frames.items()
    }
    frames["documents"].attrs["set_aside"] = kept.attrs["set_aside"]
    return Tables(frames, {d: c for d, c in tables._cleaned.items() if d in keep}, tables.stages)


# What each relation of policytext.duplicates means, as said in a sentence about the copies set aside
_COPY_KINDS = {"exact": "byte-for-byte", "format": "the same text in another format", "near": "near"}


def set_aside_note(tables: Tables) -> str:
    """One sentence: how many copies were set aside (and of which kind) and how many documents are analysed,
    with the versions of one instrument that stay as separate documents."""
    d = tables.duplicates
    aside = d[~d["canonical"].astype(bool)]
    analysed = int(d["canonical"].astype(bool).sum())
    versions = int((d["canonical"].astype(bool) & (d["relation"] == "version")).sum())
    kept = f"{analysed} document{'' if analysed == 1 else 's'} analysed"
    if versions:
        kept += f" ({versions} of them versions of one instrument, kept because their texts differ)"
    if aside.empty:
        return (f"No copy is set aside: no two documents are the same text (byte for byte, in another format, or "
                f"nearly), so all {kept.replace(' analysed', '')} are analysed.")
    by_kind = aside["relation"].value_counts().sort_index()
    kinds = ", ".join(f"{n} {_COPY_KINDS.get(k, k)}" for k, n in by_kind.items())
    return (f"{len(aside)} cop{'y is' if len(aside) == 1 else 'ies are'} set aside ({kinds}), each counted once "
            f"through its canonical document, leaving {kept}.")


def formula_reasons(reuse: pd.DataFrame) -> pd.Series:
    """Shared spans counted as formulas (policytext.reuse `kind`), by the family of their `reason`: a listed
    formula of official and legal writing, a name of an institution, a law or a programme, article numbering, or spread
    over many documents; largest first, then by name."""
    formulas = reuse.loc[reuse["kind"] == "formula", "reason"].astype(str)

    def family(reason: str) -> str:
        if reason.startswith("listed"):
            return "covered by a listed formula"
        if reason.startswith("spread"):
            return "printed in many documents"
        if reason.startswith("article numbering"):
            return "article numbering"
        return "a name (institution, law or programme)" if " name (" in reason else "other"

    counts = formulas.map(family).value_counts()
    return counts.loc[sorted(counts.index, key=lambda k: (-counts[k], k))].rename("spans")
