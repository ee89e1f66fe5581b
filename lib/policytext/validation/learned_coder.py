"""A learned coder of each unit's primary policy instrument and value-chain stage, beside the rules.

The rules (policytext.instruments, policytext.valuechain) stay the library's coder. This module offers a
second, optional one: linear models (scikit-learn linear support-vector classifiers) on the unit's character n-grams and
on the rules' own output as extra features, trained on hand-coded units. Nothing is trained at import and
no fitted model is stored: `train` fits one from a units table in a few seconds, and the evaluation
(`cross_validate`, `locked_agreement`) trains it when it needs it.

A units table has one row per coded unit: `file` (its document), `unit_id`, `unit_text`, and for gold
`instrument`, `subtool`, `stage` (the layout of lib/policytext/data/gold/independent/units.csv, read by
`load_units`); an optional `written_year` lets the rules set aside completed facts.

The rules' cues are read from their public output only: `instruments.code_units` (each unit's
`UnitCode`: instrument, subtool, basis and its evidence, each `Evidence` with instrument, subtool and
role) and `valuechain.stage_matches` (matched terms per stage). `rule_cues` turns them into tokens.

Units of one document are not independent (one drafter, one template, lists inheriting a lead-in), so
cross-validation leaves whole documents out (`grouped_folds`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ..coding.instruments import NONE, SIDES, code_unit, code_units, side_of, subtools
from ..coding.valuechain import stage_matches, stage_of
from ..parsing.script import to_simplified
from .agreement import multi_kappa, primary_agreement

INSTRUMENTS = (*SIDES, NONE)
DOCUMENT = "file"
UNIT_COLUMNS = ("file", "unit_id", "unit_text")
GOLD_COLUMNS = ("instrument", "subtool", "stage")
CODERS = ("rules", "model")
VARIANTS = ("text", "cues", "text+cues")  # what the model reads: n-grams, the rules' cues, or both
NGRAMS = (1, 3)  # character n-grams: Chinese words are one to three characters; longer ones add noise
C = 1.0  # inverse regularisation of every classifier (the library default, not tuned per fold)
SEED = 0


# --- reading gold --------------------------------------------------------------------------------------

def load_units(folder: str | Path) -> pd.DataFrame:
    """A gold folder's units.csv as a units table, with `written_year` from its sources.csv when present.

    Raises a ValueError naming the file when a column the coders need is missing.
    """
    folder = Path(folder)
    path = folder / "units.csv"
    if not path.exists():
        raise FileNotFoundError(f"{path}: no units table (expected file,unit_id,unit_text,instrument,subtool,stage)")
    units = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in (*UNIT_COLUMNS, *GOLD_COLUMNS) if c not in units.columns]
    if missing:
        raise ValueError(f"{path}: missing columns {missing}")
    return _with_written_year(units, folder)


def _with_written_year(units: pd.DataFrame, folder: Path) -> pd.DataFrame:
    """`units` with `written_year`: the year of each file's date_written in the folder's sources.csv (None when
    the folder has no sources.csv, the file no date or the date no year)."""
    years: dict[str, int] = {}
    if (folder / "sources.csv").exists():
        sources = pd.read_csv(folder / "sources.csv", dtype=str, keep_default_na=False)
        if "date_written" in sources.columns:
            years = {f: int(d[:4]) for f, d in zip(sources["file"], sources["date_written"], strict=True)
                     if d[:4].isdigit()}
    units["written_year"] = [years.get(f) for f in units["file"]]
    return units


def load_locked_units(folder: str | Path) -> pd.DataFrame:
    """The locked sample's units (units.csv) with their adjudicated codes (coding/adjudicated.csv) and
    `written_year` from sources.csv: the gold `locked_agreement` measures against, once per release."""
    folder = Path(folder)
    units = pd.read_csv(folder / "units.csv", dtype=str, keep_default_na=False)
    codes = pd.read_csv(folder / "coding" / "adjudicated.csv", dtype=str, keep_default_na=False)
    gold = units.merge(codes[[*UNIT_COLUMNS[:2], *GOLD_COLUMNS]], on=list(UNIT_COLUMNS[:2]), how="left",
                       validate="1:1")
    return _with_written_year(gold, folder)


def _check(units: pd.DataFrame, columns: Sequence[str], what: str) -> None:
    missing = [c for c in columns if c not in units.columns]
    if missing:
        raise ValueError(f"{what}: the units table lacks columns {missing} (has {list(units.columns)})")


def _documents(units: pd.DataFrame) -> Iterator[tuple[list, list[str], int | None]]:
    """Each document's row positions, Simplified texts and written year, documents in order of first unit."""
    years = units["written_year"].tolist() if "written_year" in units.columns else [None] * len(units)
    rows: dict[str, list[int]] = {}
    for k, file in enumerate(units[DOCUMENT].tolist()):
        rows.setdefault(file, []).append(k)
    texts = units["unit_text"].tolist()
    for positions in rows.values():
        year = years[positions[0]]
        year = None if year is None or year != year else int(year)  # None or NaN: unknown
        yield positions, [to_simplified(texts[k]) for k in positions], year


# --- the rules' output as features -----------------------------------------------------------------------

def _basis_kind(basis: str) -> str:
    """The kind of the rules' reason for a code (its free-text details dropped)."""
    for kind in ("heading", "all sentences set aside", "item of a list", "no cue", "highest score"):
        if basis.startswith(kind):
            return kind.replace(" ", "_")
    return "other"


def _tokens(code, text: str) -> list[str]:
    """The rules' code of one unit and its evidence as feature tokens (repeated tokens count)."""
    out = [f"rule_side={code.instrument}", f"rule_subtool={code.subtool}", f"basis={_basis_kind(code.basis)}"]
    for e in code.evidence:
        role = "set_aside" if e.role.startswith("set aside") else e.role or "counted"
        out += [f"cue={e.subtool}", f"cue_side={e.instrument}", f"cue_{role}={e.subtool}"]
    found = stage_matches(text)
    for stage, terms in found.items():
        out += [f"stage_cue={stage}"] * len(terms)
    out.append(f"rule_stage={stage_of(text)}")
    return out


def rule_cues(units: pd.DataFrame) -> pd.DataFrame:
    """The rules' code of every unit and their cues: one row per unit, in the table's order.

    Columns: rule_instrument, rule_subtool, rule_stage, cues (space-joined tokens such as
    `rule_side=supply`, `cue_primary=infrastructure`, `stage_cue=transfer`). Each document's units are
    coded in order by `instruments.code_units` (so a list item takes its lead-in's code, as the rules do
    on a parsed document) with the document's `written_year` if given; the stage by `valuechain.stage_of`.
    """
    _check(units, UNIT_COLUMNS, "rule_cues")
    out: list[tuple | None] = [None] * len(units)
    for positions, texts, year in _documents(units):
        for k, text, code in zip(positions, texts, code_units(texts, year), strict=True):
            out[k] = (code.instrument, code.subtool, stage_of(text), " ".join(_tokens(code, text)))
    return pd.DataFrame(out, columns=["rule_instrument", "rule_subtool", "rule_stage", "cues"], index=units.index)


def rule_codes(units: pd.DataFrame) -> pd.DataFrame:
    """The rules coder: instrument, subtool and stage of every unit of a units table (see `rule_cues`)."""
    cues = rule_cues(units)
    return pd.DataFrame({"instrument": cues["rule_instrument"], "subtool": cues["rule_subtool"],
                         "stage": cues["rule_stage"]}, index=units.index)


def features(texts: Sequence[str], cues: Sequence[str] | pd.DataFrame | None = None) -> pd.DataFrame:
    """The model's input table: one row per text with `text` (Simplified) and `cues` (the rules' tokens).

    `cues`: the rules' tokens per text (a sequence of strings, or a `rule_cues` table); by default each
    text is coded by the rules on its own (`instruments.code_unit`: no lead-in to inherit, year unknown).
    """
    simple = [to_simplified(t) for t in texts]
    if cues is None:
        tokens = [" ".join(_tokens(code_unit(t), t)) for t in simple]
    elif isinstance(cues, pd.DataFrame):
        tokens = cues["cues"].tolist()
    else:
        tokens = list(cues)
    if len(tokens) != len(simple):
        raise ValueError(f"features: {len(simple)} texts but {len(tokens)} rows of cues")
    return pd.DataFrame({"text": simple, "cues": tokens})


def _inputs(units: pd.DataFrame) -> pd.DataFrame:
    return features(units["unit_text"].tolist(), rule_cues(units))


# --- the model ----------------------------------------------------------------------------------------------

def _pipeline(variant: str, balanced: bool):
    """Feature extraction and one linear SVM (one-vs-rest, liblinear: a fraction of a second on a few
    hundred units, where a multinomial logistic regression on the n-grams takes seconds). Vocabularies are
    sorted (scikit-learn sorts them) and the solver's seed is fixed, so the same units give the same model."""
    from sklearn.compose import ColumnTransformer
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import Pipeline
    from sklearn.svm import LinearSVC

    parts = []
    if variant in ("text", "text+cues"):
        parts.append(("ngrams", TfidfVectorizer(analyzer="char", ngram_range=NGRAMS, sublinear_tf=True, min_df=2),
                      "text"))
    if variant in ("cues", "text+cues"):
        # the tokens are whole 'name=value' strings; counts scaled like the n-grams (sublinear, l2)
        parts.append(("cues", TfidfVectorizer(analyzer=str.split, lowercase=False, sublinear_tf=True, use_idf=False),
                      "cues"))
    if not parts:
        raise ValueError(f"unknown model variant {variant!r}; one of {', '.join(VARIANTS)}")
    return Pipeline([("features", ColumnTransformer(parts)),
                     ("classifier", LinearSVC(C=C, class_weight="balanced" if balanced else None,
                                              max_iter=10000, random_state=SEED))])


class _Constant:
    """A classifier for a target with one label in training: that label, always."""

    def __init__(self, label: str):
        self.classes_ = np.array([label])

    def decision_function(self, x) -> np.ndarray:
        return np.ones(len(x))


def _fit(variant: str, x: pd.DataFrame, y: list[str], balanced: bool = True):
    if len(set(y)) < 2:
        return _Constant(y[0])
    return _pipeline(variant, balanced).fit(x, y)


@dataclass(frozen=True)
class LearnedCoder:
    """A trained model: one classifier each for the instrument side, the sub-tool and the stage."""

    variant: str
    instrument: object
    subtool: object
    stage: object
    trained_subtools: tuple[str, ...]  # the sub-tools seen in training, most frequent first


def train(units: pd.DataFrame, variant: str = "text+cues") -> LearnedCoder:
    """A model trained on a gold units table (unit_text, file, instrument, subtool, stage).

    `variant`: 'text' (character 1-3-grams), 'cues' (the rules' codes and cues only) or 'text+cues'.
    Deterministic: the same units give the same model.
    """
    _check(units, (*UNIT_COLUMNS, *GOLD_COLUMNS), "train")
    if variant not in VARIANTS:
        raise ValueError(f"unknown model variant {variant!r}; one of {', '.join(VARIANTS)}")
    if len(units) == 0:
        raise ValueError("train: the units table is empty")
    return _train(units, _inputs(units), variant)


def _train(units: pd.DataFrame, x: pd.DataFrame, variant: str) -> LearnedCoder:
    """`train` on the units' model inputs already computed (`features`)."""
    counts = units["subtool"][units["subtool"] != NONE].value_counts()
    ranked = tuple(sorted(counts.index, key=lambda s: (-counts[s], s)))
    return LearnedCoder(variant, _fit(variant, x, units["instrument"].tolist()),
                        _fit(variant, x, units["subtool"].tolist()),
                        _fit(variant, x, units["stage"].tolist()), ranked)


def predict(model: LearnedCoder, texts: Sequence[str] | pd.DataFrame) -> pd.DataFrame:
    """The model's instrument, subtool and stage of each text, one row each.

    `texts`: unit texts (each coded by the rules on its own for the cue features), or a units table
    (file, unit_text[, written_year]) whose documents give the rules their context. The sub-tool is the
    best-scoring one of the predicted side, so the two never disagree.
    """
    if isinstance(texts, pd.DataFrame):
        return _predict(model, _inputs(texts), texts.index)
    return _predict(model, features(list(texts)), pd.RangeIndex(len(texts)))


def _predict(model: LearnedCoder, x: pd.DataFrame, index: pd.Index) -> pd.DataFrame:
    """`predict` on model inputs already computed (`features`), rows labelled by `index`."""
    instrument = _labels(model.instrument, x)
    scores = _scores(model.subtool, x)
    classes = list(model.subtool.classes_)
    subtool = []
    for side, p in zip(instrument, scores, strict=True):
        if side == NONE:
            subtool.append(NONE)
            continue
        own = [(p[k], c) for k, c in enumerate(classes) if side_of(c) == side]
        if own:
            subtool.append(max(own, key=lambda pc: pc[0])[1])  # a tie: the first in sorted order
        else:  # no sub-tool of this side in training: the side's most frequent trained one, else the first
            seen = [s for s in model.trained_subtools if side_of(s) == side]
            subtool.append(seen[0] if seen else next(s for s in subtools() if side_of(s) == side))
    return pd.DataFrame({"instrument": instrument, "subtool": subtool, "stage": _labels(model.stage, x)},
                        index=index)


def _scores(classifier, x: pd.DataFrame) -> np.ndarray:
    """Each row's score for each of the classifier's classes (rows x classes; a two-class SVM gives one
    score, for its second class)."""
    scores = np.asarray(classifier.decision_function(x), dtype=float)
    if scores.ndim == 1:
        scores = scores[:, None] if len(classifier.classes_) == 1 else np.column_stack([-scores, scores])
    return scores


def _labels(classifier, x: pd.DataFrame) -> list[str]:
    """The best-scoring label of each row; ties to the first class in sorted order (argmax)."""
    return [str(classifier.classes_[k]) for k in _scores(classifier, x).argmax(axis=1)]


def hybrid(rules: pd.DataFrame, model: pd.DataFrame, trained_sides: set[str]) -> pd.DataFrame:
    """The model's codes, except where the rules code a side the model never saw in training: the rules'
    (a linear model cannot predict a label it has no example of; the rules' lexicon can)."""
    out = model.copy()
    keep = rules["instrument"].isin(set(SIDES) - trained_sides)
    out.loc[keep, ["instrument", "subtool"]] = rules.loc[keep, ["instrument", "subtool"]].to_numpy()
    return out


# --- agreement -----------------------------------------------------------------------------------------------

def agreement(gold: pd.DataFrame, coded: pd.DataFrame) -> dict:
    """Agreement of coded with gold codes (two tables, row for row, each with instrument, subtool, stage).

    Returns n, per-side binary κ (supply, environment, demand), four-way κ (`instrument`), `subtool` and
    `stage` κ, the raw agreements, and `sides` (the per-side table of `agreement.primary_agreement`).
    """
    if len(gold) != len(coded):
        raise ValueError(f"agreement: {len(gold)} gold rows but {len(coded)} coded rows")
    for name, table in (("gold", gold), ("coded", coded)):
        _check(table, GOLD_COLUMNS, f"agreement ({name})")
    pair = pd.DataFrame({"gold_instrument": gold["instrument"].tolist(), "gold_subtool": gold["subtool"].tolist(),
                         "instrument": coded["instrument"].tolist(), "subtool": coded["subtool"].tolist()})
    r = primary_agreement(pair)
    kappas = dict(zip(r["sides"]["category"], r["sides"]["kappa"], strict=True))
    gs, cs = gold["stage"].tolist(), coded["stage"].tolist()
    return {"n": r["n"], **{side: kappas[side] for side in SIDES}, "instrument": r["instrument_kappa"],
            "subtool": r["subtool_kappa"], "stage": multi_kappa(gs, cs),
            "instrument_agreement": r["instrument_agreement"], "subtool_agreement": r["subtool_agreement"],
            "stage_agreement": sum(a == b for a, b in zip(gs, cs, strict=True)) / len(gs), "sides": r["sides"]}


SUMMARY_COLUMNS = ["n", *SIDES, "instrument", "subtool", "stage"]


def summary(results: dict[str, dict]) -> pd.DataFrame:
    """Results of `agreement` by name as one table: a row each, columns n, the three sides' κ, four-way,
    sub-tool and stage κ."""
    return pd.DataFrame([{"coder": name, **{c: r[c] for c in SUMMARY_COLUMNS}} for name, r in results.items()])


def locked_agreement(gold_units: pd.DataFrame, coder: str = "rules", train_units: pd.DataFrame | None = None,
                     variant: str = "text+cues") -> dict:
    """Agreement of one coder with a (locked) gold units table, measured once: see `agreement` for the keys.

    coder 'rules': the library's rules (`rule_codes`). coder 'model': a model trained here on `train_units`
    (the development gold, e.g. `load_units('lib/policytext/data/gold/independent')`), never on `gold_units`: the
    two must share no document. Every unit is coded in its document's order (a list item needs its
    lead-in), and units whose gold instrument, subtool or stage is still empty (not yet coded) are then left
    out of the measure; their number is returned as `uncoded`.
    """
    _check(gold_units, (*UNIT_COLUMNS, *GOLD_COLUMNS), "locked_agreement")
    if coder == "rules":
        coded = rule_codes(gold_units)
    elif coder == "model":
        if train_units is None:
            raise ValueError("locked_agreement: coder 'model' needs train_units (the development gold to train on)")
        shared = sorted(set(gold_units[DOCUMENT]) & set(train_units[DOCUMENT]))
        if shared:
            raise ValueError(f"locked_agreement: the gold and the training units share documents {shared[:5]}; "
                             "a model is measured only on documents it was not trained on")
        coded = predict(train(train_units, variant), gold_units)
    else:
        raise ValueError(f"unknown coder {coder!r}; one of {', '.join(CODERS)}")
    filled = gold_units[list(GOLD_COLUMNS)].apply(lambda c: c.fillna("").astype(str).str.strip())
    coded_rows = (filled != "").all(axis=1)
    if not coded_rows.any():
        raise ValueError("locked_agreement: no unit of the gold has all of instrument, subtool and stage coded")
    return agreement(gold_units[coded_rows], coded[coded_rows]) | {"uncoded": int((~coded_rows).sum())}


def coder_coder_agreement(a: pd.DataFrame, b: pd.DataFrame) -> dict:
    """Agreement of two human codings of the same units (joined on file and unit_id): the ceiling a coder
    can be expected to reach. Keys as in `agreement`, `a` in the gold role (κ is symmetric)."""
    for name, table in (("a", a), ("b", b)):
        _check(table, (DOCUMENT, "unit_id", *GOLD_COLUMNS), f"coder_coder_agreement ({name})")
    keys = [DOCUMENT, "unit_id"]
    for name, table in (("a", a), ("b", b)):
        if table.duplicated(keys).any():
            raise ValueError(f"coder_coder_agreement: coding {name} has a unit twice: "
                             f"{table.loc[table.duplicated(keys), 'unit_id'].iloc[0]}")
    joined = a[[*keys, *GOLD_COLUMNS]].merge(b[[*keys, *GOLD_COLUMNS]], on=keys, how="outer",
                                             suffixes=("_a", "_b"), indicator=True)
    alone = joined[joined["_merge"] != "both"]
    if len(alone):
        raise ValueError(f"coder_coder_agreement: {len(alone)} units coded by one coder only, "
                         f"e.g. {alone.iloc[0]['unit_id']}")
    pick = lambda s: joined[[f"{c}_{s}" for c in GOLD_COLUMNS]].set_axis(list(GOLD_COLUMNS), axis=1)  # noqa: E731
    return agreement(pick("a"), pick("b"))


# --- grouped cross-validation --------------------------------------------------------------------------------

def grouped_folds(units: pd.DataFrame, folds: int = 5, groups: str = DOCUMENT) -> list[tuple[np.ndarray, np.ndarray]]:
    """(train, test) row positions of each fold, whole groups (documents) left out together
    (scikit-learn GroupKFold: deterministic, folds balanced by size; at most one fold per group)."""
    from sklearn.model_selection import GroupKFold

    _check(units, (groups,), "grouped_folds")
    n_groups = units[groups].nunique()
    if n_groups < 2:
        raise ValueError(f"grouped_folds: cross-validation by {groups!r} needs at least two groups, found {n_groups}")
    splitter = GroupKFold(n_splits=min(folds, n_groups))
    return list(splitter.split(units, groups=units[groups].tolist()))


def cross_validate(units: pd.DataFrame, folds: int = 5, groups: str = DOCUMENT,
                   variants: Sequence[str] = VARIANTS) -> dict:
    """Out-of-fold codes and agreement of the rules, of each model variant and of the hybrid of the
    'text+cues' model with the rules (`hybrid`), documents left out together (`grouped_folds`).

    Returns {'fold' (Series: each unit's test fold), 'codes' (coder -> out-of-fold codes table),
    'agreement' (coder -> `agreement` pooled over all units), 'summary' (`summary` of those)}.
    The rules are not trained, so theirs is simply their output (but the rules were written reading
    this gold, so it flatters them too).
    """
    _check(units, (*UNIT_COLUMNS, *GOLD_COLUMNS, groups), "cross_validate")
    units = units.reset_index(drop=True)
    cues = rule_cues(units)  # once: the rules' output of a unit does not depend on the fold
    x = features(units["unit_text"].tolist(), cues)
    rules = pd.DataFrame({"instrument": cues["rule_instrument"], "subtool": cues["rule_subtool"],
                          "stage": cues["rule_stage"]})
    codes = {"rules": rules}
    fold = pd.Series(-1, index=units.index, name="fold")
    out = {v: [] for v in variants}
    mixed = []
    for k, (train_rows, test_rows) in enumerate(grouped_folds(units, folds, groups)):
        fold.iloc[test_rows] = k
        train_units, test_units = units.iloc[train_rows], units.iloc[test_rows]
        for v in variants:
            model = _train(train_units, x.iloc[train_rows], v)
            predicted = _predict(model, x.iloc[test_rows], test_units.index)
            out[v].append(predicted)
            if v == "text+cues":
                mixed.append(hybrid(rules.iloc[test_rows], predicted, set(train_units["instrument"])))
    for v in variants:
        codes[f"model ({v})"] = pd.concat(out[v]).sort_index()
    if mixed:
        codes["hybrid"] = pd.concat(mixed).sort_index()
    results = {name: agreement(units, table) for name, table in codes.items()}
    return {"fold": fold, "codes": codes, "agreement": results, "summary": summary(results)}


__all__ = ["CODERS", "VARIANTS", "LearnedCoder", "agreement", "coder_coder_agreement", "cross_validate",
           "features", "grouped_folds", "hybrid", "load_units", "locked_agreement", "predict", "rule_codes",
           "rule_cues", "summary", "train"]
