"""The export's writer appends tables encoded by the worker processes (CSV lines and Arrow tables). Written
as parts, a chunk must give the same bytes as the same chunk written whole, as one DataFrame (what a single
process does), even when its parts differ: a column without values in one part, or other columns."""

import pandas as pd
import pytest
from policytext.pipeline.export import _TableWriter, encode
from policytext.pipeline.pipeline import concat_chunks

pytest.importorskip("pyarrow")


def frame(ids, titles, scores, extra=None):
    data = {"doc_id": ids, "title": titles, "score": scores, "flag": [i % 2 == 0 for i in range(len(ids))]}
    return pd.DataFrame(data | ({"extra": extra} if extra is not None else {}))


def written(folder, chunks, as_parts):
    writer = _TableWriter(folder, "t", parquet=True)
    for parts in chunks:
        if as_parts:
            writer.write_parts([encode(part) for part in parts])
        else:
            writer._write_frame(concat_chunks(parts))  # the whole chunk as one frame, converted here
    writer.close()
    return (folder / "t.csv").read_bytes(), (folder / "t.parquet").read_bytes()


CASES = {
    "alike": [[frame(["a", "b"], ["一", "二"], [1.5, None]), frame(["c"], ["三,四"], [2.0])],
              [frame(["d"], ["五"], [3.0]), frame(["e"], ['六"'], [None])]],
    "no value in a part of the first chunk": [[frame(["a"], [None], [1.0]), frame(["b"], ["二"], [2.0])],
                                               [frame(["c"], ["三"], [3.0])]],
    "no value in a part of a later chunk": [[frame(["a"], ["一"], [1.0])],
                                             [frame(["b"], [None], [2.0]), frame(["c"], ["三"], [3.0])]],
    "empty part": [[frame([], [], []), frame(["a"], ["一"], [1.0])], [frame([], [], [])]],
    "other columns in a part": [[frame(["a"], ["一"], [1.0])],
                                [frame(["b"], ["二"], [2.0], extra=["x"]), frame(["c"], ["三"], [3.0])]],
}


@pytest.mark.parametrize("case", CASES)
def test_chunk_written_as_parts_gives_the_bytes_of_the_chunk_written_whole(tmp_path, case):
    (tmp_path / "parts").mkdir()
    (tmp_path / "whole").mkdir()
    parts = written(tmp_path / "parts", CASES[case], as_parts=True)
    whole = written(tmp_path / "whole", CASES[case], as_parts=False)
    assert parts[0] == whole[0]
    assert parts[0].startswith("\ufeffdoc_id,title,score,flag\n".encode())
    assert parts[1] == whole[1]
    assert pd.read_parquet(tmp_path / "parts" / "t.parquet").equals(pd.read_parquet(tmp_path / "whole" / "t.parquet"))


@pytest.mark.parametrize("lengths", [[30_000, 2_000, 2_000, 2_000, 2_000, 2_000], [5] * 7, [0, 0, 0], [9], []])
@pytest.mark.parametrize("parts", [1, 2, 3, 8])
def test_a_chunk_is_cut_into_runs_of_consecutive_documents_of_about_as_much_text(lengths, parts):
    from policytext.pipeline.export import _split

    chunk = [{"doc_id": str(k), "text": "字" * n} for k, n in enumerate(lengths)]
    runs = _split(chunk, parts)
    assert [row for run in runs for row in run] == chunk  # every document once, in order
    assert len(runs) == min(parts, len(chunk)) and all(runs)
    if lengths == [30_000, 2_000, 2_000, 2_000, 2_000, 2_000] and parts == 2:
        assert [len(run) for run in runs] == [1, 5]  # the long statute alone, not three documents a run
    if lengths == [5] * 7:  # documents alike: as many in each run as can be
        assert max(map(len, runs)) - min(map(len, runs)) <= 1


def test_a_workers_result_handed_over_through_a_file_comes_back_whole_and_the_file_goes(tmp_path, monkeypatch):
    from policytext.pipeline import export

    tables = {"t": encode(frame(["a", "b"], ["一", '二"\n三'], [1.5, None]))}
    monkeypatch.setattr(export, "process_chunk", lambda rows, disable: (tables, {"stage": [len(rows)]}, len(rows)))
    path = export._process_to_file(str(tmp_path), [{"doc_id": "a"}, {"doc_id": "b"}], ())
    assert path.startswith(str(tmp_path)) and len(list(tmp_path.iterdir())) == 1
    back, features, n = export._taken(path)
    assert back["t"].csv == tables["t"].csv and back["t"].arrow.equals(tables["t"].arrow)
    assert (features, n) == ({"stage": [2]}, 2)
    assert not list(tmp_path.iterdir())  # read back once, then removed
