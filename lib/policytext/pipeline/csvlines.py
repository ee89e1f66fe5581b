"""A table's rows as the CSV lines pandas writes for them, formatted a column at a time in Arrow.

pandas' `to_csv` turns every cell into a Python object and hands the rows to the csv module: on 166
statutes that is most of the time spent encoding the export's tables. Here columns of text, integers,
floats and booleans are formatted and joined by Arrow's compute functions, giving the same bytes (quotes
only where the csv module puts them: around a cell holding a comma, a quote or a line break, quotes
inside doubled; missing values empty; floats as numpy prints them, as pandas does). Any other table, and
one whose text holds a carriage return (quoted or not depending on the csv module's version), is left to
pandas.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

_TEXT = pa.large_string()


def csv_lines(frame: pd.DataFrame) -> bytes:
    """The rows of `frame` as `frame.to_csv(index=False, header=False, lineterminator="\\n")` writes them, in
    UTF-8: the same bytes."""
    if len(frame) and frame.shape[1] > 1:  # a one-column row holding '' is written "" by the csv module
        columns = [_column(frame.iloc[:, k]) for k in range(frame.shape[1])]
        if all(c is not None for c in columns):
            return _joined(columns)
    return frame.to_csv(index=False, header=False, lineterminator="\n").encode("utf-8")


def _column(series: pd.Series) -> pa.Array | pa.ChunkedArray | None:
    """One column's cells as CSV text (None when pandas should write the table)."""
    dtype = series.dtype
    if isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow":
        text = pc.fill_null(pa.array(series.array).cast(_TEXT), "")
        if isinstance(text, pa.ChunkedArray):
            text = text.combine_chunks()
        cells = _cells(text)
        if not any(c in cells for c in (b",", b'"', b"\n", b"\r")):  # most columns: no cell needs quotes
            return text
        if b"\r" in cells:
            return None
        special = pc.match_substring_regex(text, '[,"\n\r]')
        inner = pc.replace_substring(pc.filter(text, special), '"', '""')
        quote, nothing = pa.scalar('"', _TEXT), pa.scalar("", _TEXT)
        return pc.replace_with_mask(text, special, pc.binary_join_element_wise(quote, inner, quote, nothing))
    if dtype == np.int64:
        return pa.array(series.to_numpy()).cast(_TEXT)
    if dtype == np.float64:
        values = series.to_numpy()
        text = values.astype(str)  # numpy's shortest repr, as pandas writes floats
        text[np.isnan(values)] = ""
        return pa.array(text).cast(_TEXT)
    if dtype == np.bool_:
        return pa.array(np.where(series.to_numpy(), "True", "False")).cast(_TEXT)
    return None


def _cells(text: pa.Array) -> bytes:
    """The cells of a large_string array without nulls as their UTF-8 bytes back to back: an ASCII character is
    searched for in them at once (an ASCII byte is never part of a longer UTF-8 character), some twenty times
    faster than matching cell by cell."""
    data = text.buffers()[2]
    if data is None or not len(text):
        return b""
    offsets = np.frombuffer(text.buffers()[1], dtype=np.int64)
    start, end = int(offsets[text.offset]), int(offsets[text.offset + len(text)])
    return data.slice(start, end - start).to_pybytes()


def _joined(columns: list) -> bytes:
    """The cells joined by commas into lines, each ended by a line break, as one UTF-8 byte string."""
    lines = pc.binary_join_element_wise(*columns, pa.scalar(",", _TEXT))
    lines = pc.binary_join_element_wise(lines, pa.scalar("\n", _TEXT), pa.scalar("", _TEXT))
    if isinstance(lines, pa.ChunkedArray):
        lines = lines.combine_chunks()
    # a large_string array without nulls is its values back to back in one buffer, cut by 64-bit offsets
    offsets = np.frombuffer(lines.buffers()[1], dtype=np.int64)[lines.offset : lines.offset + len(lines) + 1]
    return lines.buffers()[2].to_pybytes()[offsets[0] : offsets[-1]]
