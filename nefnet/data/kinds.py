"""The one registry of real dataset kinds: for each, its reader, how its records are listed,
what marks a folder as one, its usual folder under the data root and the script that fetches
it. ``--data KIND:FOLDER`` reaches every kind here; a bare folder is recognised from its files
(:func:`detect_kind`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .record import Record


def _mat_key(folder: Path) -> str | None:
    """The first data key of the first ``.mat`` file of a folder (``ECG``, ``Panobench``…)."""
    import scipy.io as sio

    first = next(iter(sorted(folder.glob("*.mat"))), None)
    if first is None:
        return None
    try:
        names = [name for name, *_ in sio.whosmat(first)]
    except Exception:  # not a readable .mat: the reader says why
        return None
    return names[0] if names else None


def _cinc(folder: Path) -> bool:
    heads = list(folder.rglob("*.hea"))[:20]
    return bool(heads) and any(h.with_suffix(".mat").is_file() for h in heads)


@dataclass(frozen=True)
class Kind:
    """A kind of real dataset folder."""

    name: str
    title: str
    folder: str  # the usual sub-folder of the data root
    layout: str  # what marks such a folder (for messages)
    fetch: str | None  # the script that fetches it (None: not downloadable here)
    marks: Callable[[Path], bool]
    lister: Callable[[Path, object], list]  # (folder, context) → items
    reader: Callable[[Path, object, object], Record]  # (folder, item, context) → record
    windowed: bool = True  # False: its records are windows already, used as they are
    context: Callable[[Path], object] = lambda folder: None  # read once per folder


def _list(pattern):
    return lambda folder, context: sorted(folder.glob(pattern))


def _each(read):
    """A reader of one item (a path) that needs neither folder nor context."""
    return lambda folder, item, context: read(item)


@lru_cache(maxsize=1)
def _registry() -> dict[str, Kind]:
    from .readers import chapman, cinc, cpsc, panobench, ptbxl, tianchi, wfdb_io

    kinds = [
        Kind("ptbxl", "PTB-XL", "ptbxl", "ptbxl_database.csv", "data_scripts/fetch_ptbxl.py",
             lambda f: (f / "ptbxl_database.csv").is_file(),
             lambda f, index: list(index.index),
             lambda f, item, index: ptbxl.read_ptbxl(f, item, 500, index),
             context=ptbxl.read_ptbxl_index),
        Kind("cinc", "PhysioNet/CinC 2020-2021", "cinc2021", "WFDB *.hea with *.mat signals",
             "data_scripts/fetch_cinc.py", _cinc, lambda f, c: cinc.list_cinc(f),
             _each(cinc.read_cinc)),
        Kind("wfdb", "WFDB records (PTB and others)", "ptb", "WFDB *.hea files",
             "data_scripts/fetch_ptb.py", lambda f: any(f.rglob("*.hea")),
             lambda f, c: [p.with_suffix("") for p in sorted(f.rglob("*.hea"))],
             _each(wfdb_io.read_wfdb)),
        Kind("cpsc", "CPSC2018", "cpsc2018", "*.mat with struct ECG (+ REFERENCE.csv)", None,
             lambda f: _mat_key(f) == "ECG", _list("*.mat"),
             _each(cpsc.read_cpsc2018)),
        Kind("panobench", "Panobench", "panobench", "*.mat with a 'Panobench' (48, T) array",
             None, lambda f: _mat_key(f) == "Panobench", _list("*.mat"),
             _each(panobench.read_panobench), windowed=False),
        Kind("tianchi", "Tianchi", "tianchi", "*.txt files", None,
             lambda f: any(f.glob("*.txt")), _list("*.txt"),
             _each(tianchi.read_tianchi)),
        Kind("chapman", "Chapman-Shaoxing / ChinaDB", "chapman", "*.csv files (µV)", None,
             lambda f: any(f.glob("*.csv")), _list("*.csv"),
             _each(chapman.read_chapman)),
    ]  # fmt: skip
    return {k.name: k for k in kinds}


#: the kinds of real dataset folder, in the order a bare folder is tried
FOLDER_KINDS = ("ptbxl", "cinc", "wfdb", "cpsc", "panobench", "tianchi", "chapman")


def kind(name: str) -> Kind:
    """The registered kind ``name``."""
    table = _registry()
    if name not in table:
        raise ValueError(f"unknown dataset kind {name!r}; expected one of {FOLDER_KINDS}")
    return table[name]


def detect_folder_kind(folder) -> str | None:
    """The real dataset kind whose files ``folder`` holds, or None."""
    folder = Path(folder)
    for name in FOLDER_KINDS:
        if kind(name).marks(folder):
            return name
    return None


def layouts() -> str:
    """Every kind's marks, for a message."""
    return "; ".join(f"{name}: {kind(name).layout}" for name in FOLDER_KINDS)


class FolderSource(Sequence):
    """The records of a real dataset folder of ``kind``, each read by its reader on access and
    passed through the plausibility gate (:mod:`nefnet.data.plausibility`) —
    reading record k touches only record k's files, so a converter can stream a dataset into
    the record store and resume in the middle of it."""

    def __init__(self, kind_name: str, folder):
        self.kind, self.folder = kind(kind_name), Path(folder)
        if not self.folder.is_dir():
            raise FileNotFoundError(f"data folder {self.folder} does not exist")
        self.context = self.kind.context(self.folder)
        self.items = self.kind.lister(self.folder, self.context)

    def __len__(self):
        return len(self.items)

    def __getitem__(self, k) -> Record:
        from .plausibility import gate

        return gate(self.kind.reader(self.folder, self.items[k], self.context))


def read_folder(kind_name: str, folder) -> list[Record]:
    """Every record of a real dataset folder, as its reader returns it (no preprocessing)."""
    return list(FolderSource(kind_name, folder))
