"""CSV lines built a column at a time in Arrow are the bytes pandas' to_csv writes, whatever the cells hold."""

import math

import numpy as np
import pandas as pd
import pytest
from policytext.pipeline.csvlines import _column, csv_lines


def _pandas(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False, header=False, lineterminator="\n").encode("utf-8")


def test_text_numbers_and_flags_are_written_as_pandas_writes_them():
    frame = pd.DataFrame({
        "text": ["科技,创新", 'a "quoted" word', "two\nlines", "", None, "plain", "逗号，全角", "'single'"],
        "count": [1, -2, 0, 10**15, 3, 4, 5, 6],
        "share": [0.1, 1e20, 1.0, math.nan, -0.0, math.inf, 2.5e-7, 1 / 3],
        "flag": [True, False, True, False, True, False, True, False],
    })
    assert all(_column(frame[c]) is not None for c in frame.columns)  # the Arrow path, not pandas'
    assert csv_lines(frame) == _pandas(frame)
    assert csv_lines(frame).decode("utf-8").startswith('"科技,创新",1,0.1,True\n"a ""quoted"" word",-2,1e+20,False\n')


@pytest.mark.parametrize("frame", [
    pd.DataFrame({"text": ["a\rb", "c"], "n": [1, 2]}),  # a carriage return: quoted or not by the csv module's version
    pd.DataFrame({"mixed": ["a", 1], "n": [1, 2]}, dtype=object),  # objects of several types
    pd.DataFrame({"nullable": pd.array([1, None], dtype="Int64"), "n": [1, 2]}),
    pd.DataFrame({"only": ["", "x"]}),  # one column: an empty cell is written ""
    pd.DataFrame({"text": pd.Series([], dtype="str"), "n": pd.Series([], dtype="int64")}),
])
def test_other_tables_are_left_to_pandas(frame):
    assert csv_lines(frame) == _pandas(frame)


def test_a_long_table_of_random_text_comes_out_the_same():
    rng = np.random.default_rng(0)
    alphabet = list('创新,"\n 政策ab1')
    cells = ["".join(rng.choice(alphabet, size=rng.integers(0, 12))) for _ in range(5000)]
    frame = pd.DataFrame({"a": cells, "b": cells[::-1], "n": np.arange(5000)})
    assert csv_lines(frame) == _pandas(frame)


def test_a_carriage_return_or_a_column_of_objects_sends_the_table_to_pandas():
    assert _column(pd.Series(["a\rb", "c"], dtype="str")) is None
    assert _column(pd.Series(["a", 1], dtype=object)) is None
    assert _column(pd.Series(["a,b", "c"], dtype="str")) is not None


@pytest.mark.parametrize("rows", [slice(2, None), slice(None, 2), slice(1, 3)])
def test_a_slice_of_a_table_is_quoted_by_its_own_cells(rows):
    # a sliced column shares its data with the rows cut off: a comma or a carriage return there must not
    # count, one in the rows kept must
    frame = pd.DataFrame({"text": ["a,b", "c\rd", "纯文本", "e\"f", "逗号，全角"], "n": range(5)}).iloc[rows]
    assert csv_lines(frame) == _pandas(frame)
