"""The learned coder and its evaluation: agreement on hand-made tiny gold with known κ, cross-validation
that leaves whole documents out, the rules coder as the library's rules, and a model trained on the
independent development gold (lib/policytext/data/gold/independent)."""

import pandas as pd
import pytest
from policytext.coding.instruments import side_of
from policytext.datafiles import gold_dir
from policytext.validation.agreement import code_independent, stage_agreement
from policytext.validation.learned_coder import (
    agreement,
    coder_coder_agreement,
    cross_validate,
    features,
    grouped_folds,
    load_units,
    locked_agreement,
    predict,
    rule_codes,
    rule_cues,
    summary,
    train,
)

INDEPENDENT = gold_dir("independent")  # shipped with the package (data/gold)


@pytest.fixture(scope="module")
def dev():
    return load_units(INDEPENDENT)


@pytest.fixture(scope="module")
def model(dev):
    return train(dev)


def codes(instrument, subtool, stage, file="x.txt"):
    return pd.DataFrame({"file": file, "unit_id": [f"u{k}" for k in range(len(instrument))],
                         "instrument": instrument, "subtool": subtool, "stage": stage})


GOLD_SIX = codes(["supply", "supply", "environment", "environment", "none", "none"],
                 ["infrastructure", "talent_training", "regulation_reform", "goal_planning", "none", "none"],
                 ["transfer", "transfer", "none", "none", "none", "none"])
CODED_SIX = codes(["supply", "environment", "environment", "environment", "none", "none"],
                  ["infrastructure", "regulation_reform", "regulation_reform", "goal_planning", "none", "none"],
                  ["transfer", "none", "none", "none", "none", "transfer"])


# --- agreement on hand-made gold ----------------------------------------------------------------------------

def test_identical_codes_agree_with_kappa_one_everywhere():
    r = agreement(GOLD_SIX, GOLD_SIX)
    assert r["n"] == 6
    assert [r[k] for k in ("supply", "environment", "instrument", "subtool", "stage")] == [1.0] * 5
    assert r["demand"] == 1.0  # both coders never code demand: constant and equal


def test_a_known_confusion_gives_the_kappa_worked_by_hand():
    r = agreement(GOLD_SIX, CODED_SIX)
    # supply: gold 2/6, coded 1/6, observed 5/6 -> pe 22/36, kappa (30-22)/(36-22) = 4/7
    assert r["supply"] == pytest.approx(4 / 7)
    # environment: gold 2/6, coded 3/6, observed 5/6 -> pe 1/2, kappa 2/3
    assert r["environment"] == pytest.approx(2 / 3)
    # four-way: observed 5/6, pe (2*1 + 2*3 + 2*2)/36 = 1/3 -> kappa 3/4
    assert r["instrument"] == pytest.approx(3 / 4)
    # stage: observed 4/6, pe (2*2 + 4*4)/36 = 5/9 -> kappa 1/4
    assert r["stage"] == pytest.approx(1 / 4)
    assert r["subtool_agreement"] == pytest.approx(5 / 6)


def test_coder_coder_agreement_joins_units_by_id_not_by_row_order():
    shuffled = CODED_SIX.iloc[::-1].reset_index(drop=True)
    r = coder_coder_agreement(GOLD_SIX, shuffled)
    assert r["supply"] == pytest.approx(4 / 7) and r["stage"] == pytest.approx(1 / 4)
    assert coder_coder_agreement(GOLD_SIX, GOLD_SIX.iloc[::-1])["instrument"] == 1.0


def test_coder_coder_agreement_refuses_units_coded_by_one_coder_only():
    with pytest.raises(ValueError, match="coded by one coder only"):
        coder_coder_agreement(GOLD_SIX, CODED_SIX.iloc[:5])
    with pytest.raises(ValueError, match="has a unit twice"):
        coder_coder_agreement(GOLD_SIX, pd.concat([CODED_SIX, CODED_SIX.iloc[:1]]))


def test_summary_has_one_row_per_coder_with_the_three_sides_and_stage():
    table = summary({"same": agreement(GOLD_SIX, GOLD_SIX), "other": agreement(GOLD_SIX, CODED_SIX)})
    assert table["coder"].tolist() == ["same", "other"]
    assert list(table.columns) == ["coder", "n", "supply", "environment", "demand", "instrument", "subtool", "stage"]


# --- grouped cross-validation -------------------------------------------------------------------------------

def test_grouped_folds_never_put_one_document_in_train_and_test(dev):
    splits = grouped_folds(dev, 5)
    assert len(splits) == 5
    tested = []
    for train_rows, test_rows in splits:
        assert not set(dev["file"].iloc[train_rows]) & set(dev["file"].iloc[test_rows])
        assert len(train_rows) + len(test_rows) == len(dev)
        tested += list(test_rows)
    assert sorted(tested) == list(range(len(dev)))  # every unit tested exactly once


def test_folds_are_capped_at_the_number_of_documents_and_need_two():
    table = pd.DataFrame({"file": ["a", "a", "b", "c"]})
    assert len(grouped_folds(table, 5)) == 3
    with pytest.raises(ValueError, match="at least two groups"):
        grouped_folds(pd.DataFrame({"file": ["a", "a"]}), 5)


def test_cross_validation_codes_every_unit_out_of_its_own_document(dev):
    subset = dev[dev["file"].str.match(r"d(1|2|4|10)_")].reset_index(drop=True)
    cv = cross_validate(subset, folds=4, variants=("cues",))
    assert set(cv["codes"]) == {"rules", "model (cues)"}
    assert cv["fold"].groupby(subset["file"]).nunique().eq(1).all()
    assert sorted(cv["fold"].unique()) == [0, 1, 2, 3]
    coded = cv["codes"]["model (cues)"]
    assert coded.index.equals(subset.index)
    assert all(side_of(s) == i for i, s in zip(coded["instrument"], coded["subtool"], strict=True))
    assert cv["summary"]["n"].eq(len(subset)).all()


# --- the two coders ------------------------------------------------------------------------------------------

def test_rules_coder_is_the_librarys_rules_on_the_independent_gold(dev):
    rules = rule_codes(dev)
    by_rules = code_independent(INDEPENDENT)
    assert rules["instrument"].tolist() == by_rules["instrument"].tolist()
    assert rules["subtool"].tolist() == by_rules["subtool"].tolist()
    r = agreement(dev, rules)
    assert r["stage"] == pytest.approx(stage_agreement(INDEPENDENT)[0]["kappa"])


def test_features_carry_the_rules_cues_of_each_text():
    x = features(["第十条 市政府设立科学技术专项资金。", "一、总体要求"])
    assert x["text"].tolist() == ["第十条 市政府设立科学技术专项资金。", "一、总体要求"]
    assert "basis=heading" in x["cues"].iloc[1].split()
    assert "rule_side=none" in x["cues"].iloc[1].split()
    with pytest.raises(ValueError, match="2 texts but 1 rows of cues"):
        features(["a", "b"], ["rule_side=none"])


def test_every_basis_the_rules_give_on_the_gold_has_a_named_kind(dev):
    # the basis is free text of policytext.coding.instruments: a reworded basis would fall to 'other' unnoticed
    kinds = {t for cues in rule_cues(dev)["cues"] for t in cues.split() if t.startswith("basis=")}
    assert "basis=other" not in kinds
    assert kinds == {"basis=heading", "basis=highest_score", "basis=no_cue", "basis=all_sentences_set_aside",
                     "basis=item_of_a_list"}


def test_model_is_deterministic_and_its_subtool_is_of_its_side(dev, model):
    again = predict(train(dev), dev.head(40))
    first = predict(model, dev.head(40))
    pd.testing.assert_frame_equal(first, again)
    assert all(side_of(s) == i for i, s in zip(first["instrument"], first["subtool"], strict=True))


def test_model_learns_its_training_units(dev, model):
    r = agreement(dev, predict(model, dev))
    assert r["instrument"] > 0.9 and r["stage"] > 0.9


def test_model_codes_plain_texts_one_by_one(model):
    coded = predict(model, ["一、总体要求", "第十条 违反本办法规定的，由主管部门责令改正，处以罚款。"])
    assert list(coded.columns) == ["instrument", "subtool", "stage"]
    assert coded["instrument"].tolist() == ["none", "environment"]


def test_locked_agreement_leaves_out_units_not_yet_coded(dev):
    gold = dev[dev["file"].str.startswith("d4_")].copy()
    gold.loc[gold.index[:3], "instrument"] = ""
    r = locked_agreement(gold, "rules")
    assert r["uncoded"] == 3 and r["n"] == len(gold) - 3


def test_locked_agreement_trains_the_model_only_on_other_documents(dev):
    held = dev["file"].str.startswith("d4_")
    r = locked_agreement(dev[held], "model", train_units=dev[~held])
    assert r["n"] == held.sum() and -1 <= r["instrument"] <= 1
    with pytest.raises(ValueError, match="share documents"):
        locked_agreement(dev[held], "model", train_units=dev)
    with pytest.raises(ValueError, match="needs train_units"):
        locked_agreement(dev[held], "model")
    with pytest.raises(ValueError, match="unknown coder"):
        locked_agreement(dev[held], "oracle")


def test_a_gold_folder_without_its_columns_is_a_clear_error(tmp_path):
    pd.DataFrame({"file": ["x.txt"], "unit_text": ["a"]}).to_csv(tmp_path / "units.csv", index=False)
    with pytest.raises(ValueError, match="units.csv: missing columns"):
        load_units(tmp_path)
