"""The pipeline is declared once and every caller runs it: the in-memory tables and the exported ones are
the same, chunking changes nothing, stages can be switched off by name, the text is converted once."""

import pandas as pd
import policytext
import pytest
from policytext.parsing import script
from policytext.pipeline import pipeline
from policytext.pipeline.export import export
from policytext.pipeline.tables import parse_corpus, parse_rows
from support import cli


def test_every_stage_reads_only_what_earlier_stages_added():
    available = {"text"}
    for stage in pipeline.PIPELINE:
        assert set(stage.reads) <= available, f"{stage.name} reads {set(stage.reads) - available} before it exists"
        available |= set(stage.adds)
    for table in pipeline.TABLES:
        adding = next(s for s in pipeline.PIPELINE if s.name == table.stage)
        assert table.name in adding.adds, f"{table.name}: stage {table.stage} does not add it"


def test_the_registry_names_every_table_the_pipeline_returns(seed_tables):
    assert seed_tables.names == pipeline.TABLE_NAMES
    with pytest.raises(AttributeError, match="no table 'clause'"):
        seed_tables.clause  # noqa: B018


@pytest.mark.slow  # exports the seeds to files
def test_exported_tables_are_the_in_memory_tables(corpus, seed_tables, tmp_path):
    assert all(len(seed_tables.table(n)) for n in ("documents", "clauses", "tokens", "hits", "codes", "indicators",
                                               "instrument_evidence", "entities", "keywords", "instrument_stage",
                                               "duplicates", "reuse"))
    export(corpus, tmp_path, jobs=1, chunk_size=2, progress=False)
    for table in pipeline.TABLES:
        path = tmp_path / f"{table.name}.parquet"
        assert path.exists() == table.exported, table.name
        if not table.exported:
            continue
        written = pd.read_parquet(path)
        expected = pipeline.packed_for_export(table.name, seed_tables.table(table.name))
        if table.name == "keywords":  # the export writes TF-IDF in a second pass: same rows, other order
            key = ["doc_id", "method", "rank"]
            written, expected = (f.sort_values(key, ignore_index=True) for f in (written, expected))
        assert list(written.columns) == list(expected.columns), table.name
        assert len(written) == len(expected), table.name
        pd.testing.assert_frame_equal(written.astype(str), expected.astype(str).reset_index(drop=True),
                                      check_dtype=False, obj=table.name)


def test_chunks_of_any_size_give_the_same_tables(corpus, seed_tables):
    rows = corpus.documents.to_dict("records")
    one_by_one = parse_rows(rows, chunk_size=1)
    for name in pipeline.TABLE_NAMES:
        pd.testing.assert_frame_equal(one_by_one.table(name), seed_tables.table(name), check_dtype=False, obj=name)


def test_a_stage_switched_off_leaves_its_tables_empty_and_the_others_unchanged(corpus, seed_tables):
    lean = parse_corpus(corpus, disable=["entities", "reuse"])
    assert lean.entities.empty and lean.reuse.empty
    assert "key" in lean.entities.columns  # empty, with its columns
    for name in ("clauses", "codes", "indicators", "keywords"):
        pd.testing.assert_frame_equal(lean.table(name), seed_tables.table(name), obj=name)


def test_switching_off_a_stage_switches_off_the_stages_that_read_it():
    names = [s.name for s in pipeline.stages(["codes"])]
    assert "codes" not in names and "evaluation" not in names and "indicators" in names


def test_unknown_or_required_stages_cannot_be_switched_off():
    with pytest.raises(ValueError, match="no stage entites; stages: normalise, clean"):
        pipeline.stages(["entites"])
    with pytest.raises(ValueError, match="clean cannot be switched off"):
        pipeline.stages(["clean"])


def test_the_text_is_converted_to_simplified_once(corpus, monkeypatch):
    converted = []
    real = script._t2s()

    class Counting:
        def convert(self, text):
            converted.append(len(text))
            return real.convert(text)

    monkeypatch.setattr(script, "_t2s", lambda: Counting())
    parse_corpus(corpus)
    raw = int(corpus.documents["text"].str.len().sum())
    # the raw texts once, plus short metadata values (titles, dates) compared with the catalog
    assert raw <= sum(converted) < 1.1 * raw


def test_tokens_are_a_long_table_with_spans_into_their_sentence(seed_tables):
    sentences = seed_tables.sentences.set_index("sentence_id")["text"]
    t = seed_tables.tokens
    assert list(t.columns) == pipeline.TOKEN_COLUMNS
    texts = sentences.loc[t["sentence_id"]].tolist()
    assert all(text[s:e] == token for text, s, e, token in zip(texts, t["start"], t["end"], t["token"], strict=True))
    packed = pipeline.pack_tokens(t)
    assert packed.loc[0, "tokens"].split() == t.loc[t["clause_id"] == packed.loc[0, "clause_id"], "token"].tolist()


def test_segment_spans_cover_the_text_and_match_segment():
    text = "推动西部(重庆)科学城与成都高新区共建创新平台，设立100亿元基金。"
    spans = policytext.segment_spans(text)
    assert [t for t, _, _ in spans] == policytext.segment(text)
    assert all(text[s:e] == t for t, s, e in spans) and spans[-1][2] == len(text)
    assert ("西部(重庆)科学城", 2, 11) in spans


def test_parsed_documents_are_copies_that_callers_may_change(seed_tables):
    doc_id = seed_tables.documents["doc_id"].iloc[0]
    first = seed_tables.parsed[doc_id]
    first.structure.clauses.loc[:, "text"] = "changed"
    assert (seed_tables.clauses.loc[seed_tables.clauses["doc_id"] == doc_id, "text"] != "changed").all()
    assert (seed_tables.parsed[doc_id].structure.clauses["text"] != "changed").all()


def test_the_package_binds_the_verbs_a_notebook_needs():
    for name in ("load_corpus", "parse", "export", "keyness", "kwic", "code", "segment", "tokenize",
                 "parse_document"):
        assert name in policytext.__all__ and callable(getattr(policytext, name)), name
    assert policytext.PIPELINE[0].name == "normalise" and policytext.TABLES[0].name == "documents"
    assert "finance" in policytext.code("设立科技创新基金，支持企业研发")["themes"].split(";")


def test_the_command_switches_stages_off_and_still_writes_their_tables_empty(seeds_copy, tmp_path):
    result = cli("export", str(seeds_copy), "--out", str(tmp_path), "--jobs", "1", "--disable", "entities,reuse")
    assert result.returncode == 0, result.stderr
    entities = pd.read_csv(tmp_path / "entities.csv", encoding="utf-8-sig")
    assert entities.empty and "key" in entities.columns
    assert pd.read_parquet(tmp_path / "reuse.parquet").empty
    assert len(pd.read_csv(tmp_path / "hits.csv", encoding="utf-8-sig")) > 0


def test_the_command_names_the_stages_when_asked_to_switch_off_an_unknown_one(seeds_copy, tmp_path):
    result = cli("export", str(seeds_copy), "--out", str(tmp_path), "--disable", "entites")
    assert result.returncode == 2
    assert result.stderr.strip() == ("error: --disable: no stage entites; stages: "
                                     + ", ".join(pipeline.STAGE_NAMES))


def test_the_package_docstring_lists_every_stage_in_pipeline_order():
    import re

    found = [re.search(rf"^    {name} +\w", policytext.__doc__, re.MULTILINE) for name in pipeline.STAGE_NAMES]
    assert all(found), [n for n, m in zip(pipeline.STAGE_NAMES, found, strict=True) if not m]
    starts = [m.start() for m in found]
    assert starts == sorted(starts)


def test_frame_of_rows_is_the_table_pandas_builds_from_the_rows():
    import math

    from pandas.testing import assert_frame_equal
    from policytext.pipeline.pipeline import frame_of_rows

    columns = ["text", "maybe", "count", "share", "flag", "sparse", "mixed"]
    rows = [("甲", None, 1, 0.5, True, 3, "a"), ("乙", "x", 2, math.nan, False, None, 1)]
    for given in (rows, [dict(zip(columns, r, strict=True)) for r in rows], []):
        assert_frame_equal(frame_of_rows(given, columns), pd.DataFrame(given, columns=columns))
    twice = ["a", "a"]  # a column name given twice: pandas' own table, both columns kept
    assert_frame_equal(frame_of_rows([(1, 2)], twice), pd.DataFrame([(1, 2)], columns=twice))
