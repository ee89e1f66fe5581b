"""Features kept on disk between a chunk and the corpus-wide finish, one document at a time.

The export streams a corpus in chunks, but a corpus-wide stage's `finish` runs once at the end on what every
chunk collected. The largest of these features, text reuse's (every clause's text, matching form and offset
map: about 30 KB a document), would grow the writing process's memory with the corpus if they were held until
then. Instead, the process that collects a chunk's features pickles them one document at a time (`pack`, in the
worker, so the writing process does not unpickle them), the writing process appends them to one unnamed
temporary file (`SpillFile.put`) and keeps only each document's place in it (`Spilled`), and the finish reads
back the documents it compares (`Spilled.load`): memory then depends on the documents compared (the
representatives of the groups of copies), not on the copies.
"""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path
from typing import Any


@dataclass
class Packed:
    """One chunk's features of a stage, pickled one document at a time where they were collected: each
    pickle's key (the doc_id), the pickles one after another, and where each ends."""

    keys: list[str]
    data: bytes
    ends: list[int]


def pack(items: Iterable[tuple[str, Any]]) -> Packed:
    """Pickle each (key, features) pair's features on its own, in order (keys may repeat)."""
    keys, blobs = [], []
    for key, features in items:
        keys.append(key)
        blobs.append(pickle.dumps(features, protocol=pickle.HIGHEST_PROTOCOL))
    return Packed(keys, b"".join(blobs), list(accumulate(map(len, blobs))))


class SpillFile:
    """An unnamed temporary file (in `folder`, the system's temporary folder when None) to which packed
    features are appended; deleted when closed."""

    def __init__(self, folder: str | Path | None = None) -> None:
        self.file = tempfile.TemporaryFile(dir=folder)
        self.size = 0

    def put(self, packed: Packed) -> Spilled:
        """Append a chunk's packed features; return the handle to read them back."""
        self.file.seek(self.size)
        self.file.write(packed.data)
        base, self.size = self.size, self.size + len(packed.data)
        return Spilled(self, packed.keys, [base, *(base + end for end in packed.ends)])

    def keep(self, features: dict[str, Any]) -> dict[str, Any]:
        """A chunk's features by stage, with the packed ones appended to the file (their handles instead)."""
        return {name: self.put(f) if isinstance(f, Packed) else f for name, f in features.items()}

    def read(self, start: int, end: int) -> bytes:
        self.file.seek(start)
        return self.file.read(end - start)

    def close(self) -> None:
        self.file.close()

    def __enter__(self) -> SpillFile:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


@dataclass
class Spilled:
    """Where a chunk's packed features lie in a SpillFile: the keys and the offsets bounding each pickle."""

    store: SpillFile
    keys: list[str]
    offsets: list[int]

    def load(self, keys: set[str] | None = None) -> list[Any]:
        """The features of the documents in `keys` (all when None), in order, each unpickled on its own; runs of
        wanted documents are read in one go."""
        wanted = [keys is None or k in keys for k in self.keys]
        out: list[Any] = []
        i = 0
        while i < len(wanted):
            if not wanted[i]:
                i += 1
                continue
            j = i
            while j < len(wanted) and wanted[j]:
                j += 1
            block = memoryview(self.store.read(self.offsets[i], self.offsets[j]))
            base = self.offsets[i]
            out += [pickle.loads(block[self.offsets[k] - base : self.offsets[k + 1] - base]) for k in range(i, j)]
            i = j
        return out
