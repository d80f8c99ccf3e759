"""The records of a dataset, one at a time: a folder of a real dataset (in its reader's order)
or the simulator. Reading record k touches only record k's files, so a converter can stream a
dataset into the record store (:mod:`nefnet.data.store`) and resume in the middle of it."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .record import Record

#: the kinds of real dataset folder, each read by its reader
FOLDER_KINDS = ("cinc", "ptbxl", "cpsc", "tianchi", "wfdb")


class FolderSource(Sequence):
    """The records of a real dataset folder of ``kind`` (see :data:`nefnet.data.load.KINDS`),
    each read by its reader on access."""

    def __init__(self, kind: str, folder):
        from . import cinc, ptbxl

        self.kind, self.folder = kind, Path(folder)
        if not self.folder.is_dir():
            raise FileNotFoundError(f"data folder {self.folder} does not exist")
        self._index = None
        if kind == "cinc":
            self.items = cinc.list_cinc(self.folder)
        elif kind == "wfdb":
            self.items = [p.with_suffix("") for p in sorted(self.folder.rglob("*.hea"))]
        elif kind == "ptbxl":
            self._index = ptbxl.read_ptbxl_index(self.folder)
            self.items = list(self._index.index)
        elif kind == "cpsc":
            self.items = sorted(self.folder.glob("*.mat"))
        elif kind == "tianchi":
            self.items = sorted(self.folder.glob("*.txt"))
        else:
            raise ValueError(f"unknown dataset kind {kind!r}; expected one of {FOLDER_KINDS}")

    def __len__(self):
        return len(self.items)

    def __getitem__(self, k) -> Record:
        from . import cinc, cpsc, ptbxl, tianchi, wfdb_io

        item = self.items[k]
        if self.kind == "cinc":
            return cinc.read_cinc(item)
        if self.kind == "wfdb":
            return wfdb_io.read_wfdb(item)
        if self.kind == "ptbxl":
            return ptbxl.read_ptbxl(self.folder, item, 500, self._index)
        if self.kind == "cpsc":
            return cpsc.read_cpsc2018(item)
        return tianchi.read_tianchi(item)


class SimulatedSource(Sequence):
    """``n`` SimPanobench records, record i drawn from generator ``(seed, i)``."""

    def __init__(self, n: int, config=None, seed: int = 0):
        from ..simulate import SimConfig

        if n < 1:
            raise ValueError(f"number of records must be ≥ 1, got {n}")
        self.n, self.config, self.seed = n, (config or SimConfig()).validate(), seed

    def __len__(self):
        return self.n

    def __getitem__(self, k) -> Record:
        from ..simulate.generate import simulate_record

        if not 0 <= k < self.n:
            raise IndexError(k)
        return simulate_record(self.config, self.seed, k)


def _read(args):
    source, k = args
    return source[k]


def stream(source: Sequence, start: int = 0, workers: int = 1, ahead: int = 2):
    """Yield ``source[start:]`` in order, read by ``workers`` processes with at most
    ``ahead × workers`` records in flight — memory stays flat however long the source."""
    if workers <= 1:
        for k in range(start, len(source)):
            yield source[k]
        return
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(workers) as pool:
        pending, k = deque(), start
        while pending or k < len(source):
            while k < len(source) and len(pending) < ahead * workers:
                pending.append(pool.submit(_read, (source, k)))
                k += 1
            yield pending.popleft().result()
