"""Second-reader records: every finding the committed notebooks state has a current record, and a changed
finding makes its record stale."""

from __future__ import annotations

import csv

import pandas as pd
import pytest
from policytext.findings.verification import (
    COLUMNS,
    fingerprint,
    notebook_findings,
    orphans,
    read_records,
    status,
    worksheet,
)
from support import ROOT

RECORDS = ROOT / "tests" / "data" / "verification" / "records.csv"


def _finding(key="rate", value=36.0, holds=True, headline=False, caveat="one genre each"):
    return {"notebook": "02_talent_policy", "key": key, "holds": holds, "headline": headline,
            "claim": "A has more talent sentences than B.", "numbers": [{"what": "rate", "value": value}],
            "comparison": [{"label": "A", "doc_ids": ["a"]}], "evidence": [{"passage": "人才", "doc_id": "a"}],
            "caveat": caveat}


def _record(f, verdict="correct", **changes):
    row = {"notebook": f["notebook"], "key": f["key"], "fingerprint": fingerprint(f), "checked_at": "abc1234",
           "reader": "R1", "verdict": verdict, "recount": "36 of 100", "passages": "a/c1", "note": ""}
    return {**row, **changes}


def _write(path, rows, columns=COLUMNS):
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, columns)
        w.writeheader()
        w.writerows(rows)
    return path


def test_a_changed_number_claim_or_quote_changes_the_fingerprint_but_a_caveat_does_not():
    f = _finding()
    assert fingerprint(f) == fingerprint(_finding(caveat="another caveat"))
    assert fingerprint(f) != fingerprint(_finding(value=36.5))
    assert fingerprint(f) != fingerprint({**f, "claim": "B has more."})
    assert fingerprint(f) != fingerprint({**f, "evidence": [{"passage": "人材", "doc_id": "a"}]})
    assert len(fingerprint(f)) == 12


def test_status_tells_verified_stale_and_unverified_and_skips_findings_not_stated(tmp_path):
    read, changed, new = _finding("read"), _finding("changed"), _finding("new")
    records = read_records(_write(tmp_path / "r.csv", [_record(read), _record(changed)]))
    changed = {**changed, "numbers": [{"what": "rate", "value": 40.0}]}
    findings = [{**f, "fingerprint": fingerprint(f)} for f in (read, changed, new, _finding("silent", holds=False))]
    table = status(findings, records).set_index("key")
    assert table["state"].to_dict() == {"read": "verified", "changed": "stale", "new": "unverified"}
    assert [w["key"] for w in worksheet(findings, records)] == ["changed", "new"]
    gone = read_records(_write(tmp_path / "g.csv", [_record(_finding("dropped"))]))
    assert orphans(findings, gone) == [("02_talent_policy", "dropped")]


@pytest.mark.parametrize(("change", "message"), [
    ({"verdict": "fine"}, "verdict 'fine'"),
    ({"recount": " "}, "needs its reader, recount and passages"),
    ({"reader": ""}, "needs its reader, recount and passages"),
])
def test_a_bad_record_is_an_error_naming_the_file_and_line(tmp_path, change, message):
    path = _write(tmp_path / "records.csv", [_record(_finding()), _record(_finding("x"), **change)])
    with pytest.raises(ValueError, match=message) as err:
        read_records(path)
    assert "records.csv, line 3" in str(err.value)


def test_a_second_record_of_one_finding_and_wrong_columns_are_errors(tmp_path):
    f = _finding()
    with pytest.raises(ValueError, match="second record"):
        read_records(_write(tmp_path / "twice.csv", [_record(f), _record(f)]))
    with pytest.raises(ValueError, match="columns must be"):
        read_records(_write(tmp_path / "cols.csv", [], columns=COLUMNS[:-1]))


@pytest.fixture(scope="module")
def committed():
    return notebook_findings(ROOT / "notebooks"), read_records(RECORDS)


def test_every_finding_the_notebooks_state_has_a_current_second_reading(committed):
    findings, records = committed
    table = status(findings, records)
    assert len(table) >= len(list((ROOT / "notebooks").glob("*.ipynb")))
    todo = table[table["state"] != "verified"]
    assert todo.empty, ("read again (scripts/verification_status.py --worksheet):\n" + todo.to_string())
    assert not orphans(findings, records)


def test_no_finding_stated_is_wrong_at_most_two_mislead_and_every_headline_was_read_correct(committed):
    findings, records = committed
    table = status(findings, records)
    assert not (table["verdict"] == "wrong").any(), table[table["verdict"] == "wrong"].to_string()
    assert (table["verdict"] == "misleading").sum() <= 2, table[table["verdict"] == "misleading"].to_string()
    headlines = table[table["headline"]]
    assert (headlines["verdict"] == "correct").all(), headlines.to_string()


def test_the_records_file_names_each_reader_and_commit(committed):
    _, records = committed
    assert isinstance(records, pd.DataFrame) and not records.empty
    assert records["checked_at"].str.fullmatch(r"[0-9a-f]{7,40}").all()
    assert records["reader"].str.fullmatch(r"R\d+").all()
