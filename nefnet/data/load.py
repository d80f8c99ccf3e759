"""From a ``--data`` spec to records: the simulator, a SimPanobench folder, or a real dataset.

Specs: ``sim:N`` (simulate N records), ``KIND:FOLDER`` with KIND one of :data:`KINDS`, or a bare
folder whose kind is recognised from its files. Real records go through the same preprocessing
as every comparison in the book (:func:`nefnet.data.preprocess.windows`: 500 Hz, 10-s windows,
0.5–40 Hz), and can be cut into the same record-level train/test parts the chapters use.
"""

from __future__ import annotations

from pathlib import Path

from .record import Record
from .sources import FolderSource, FOLDER_KINDS

#: real dataset kinds and what marks a folder as one
KINDS = ("simpanobench", "store", *FOLDER_KINDS)
PARTS = ("all", "train", "test")
#: the share of records in the training part
TRAIN_FRACTION = 0.6


def detect_kind(folder) -> str:
    """The kind of a dataset folder, from its files."""
    from ..simulate.dataset import INDEX_FILE
    from .store import STORE_FILE

    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"data folder {folder} does not exist")
    if (folder / INDEX_FILE).is_file():
        return "simpanobench"
    if (folder / STORE_FILE).is_file():
        return "store"
    if (folder / "ptbxl_database.csv").is_file():
        return "ptbxl"
    heads = list(folder.rglob("*.hea"))
    if heads:
        cinc = any(h.with_suffix(".mat").is_file() for h in heads[:20])
        return "cinc" if cinc else "wfdb"
    if any(folder.glob("*.mat")):
        return "cpsc"
    if any(folder.glob("*.txt")):
        return "tianchi"
    raise ValueError(
        f"{folder}: no dataset recognised (expected {INDEX_FILE}, {STORE_FILE}, "
        "ptbxl_database.csv, WFDB "
        "*.hea files, CPSC2018 *.mat or Tianchi *.txt)"
    )


def read_folder(kind: str, folder) -> list[Record]:
    """Every record of a real dataset folder, as its reader returns it (no preprocessing)."""
    return list(FolderSource(kind, folder))


def parse_spec(spec: str) -> tuple[str, str]:
    """``(kind, argument)`` of a data spec."""
    kind, sep, rest = spec.partition(":")
    if sep and kind == "sim":
        return "sim", rest
    if sep and kind in KINDS:
        return kind, rest
    return detect_kind(spec), spec


def part_of(
    records: list[Record], part="all", train_fraction=TRAIN_FRACTION, seed=0
) -> list[Record]:
    """The ``train`` or ``test`` part of ``records`` (split by record, seeded), or ``all``."""
    from .splits import train_part

    if part not in PARTS:
        raise ValueError(f"unknown part {part!r}; expected one of {PARTS}")
    if part == "all":
        return records
    train = train_part(len(records), train_fraction, seed)
    keep = [i for i in range(len(records)) if (i in train) == (part == "train")]
    if hasattr(records, "subset"):  # a record store stays on disk
        return records.subset(keep)
    return [records[i] for i in keep]


def real_windows(records, part="all", train_fraction=TRAIN_FRACTION, seed=0, max_windows=None):
    """Preprocessed 10-s windows of the ``part`` of real ``records`` (duplicates dropped first)."""
    from .preprocess import unique, windows

    chosen = part_of(unique(records), part, train_fraction, seed)
    return [w for r in chosen for w in windows(r, max_windows=max_windows)]


def load_records(spec: str, seed=0, sim_device="default", part="all", split_seed=0):
    """Records of a data spec; real datasets preprocessed into windows, ``part`` of them."""
    kind, arg = parse_spec(spec)
    if kind == "sim":
        from ..simulate import SimConfig
        from ..simulate.dataset import simulate_dataset

        try:
            n = int(arg)
        except ValueError as exc:
            raise ValueError(f"--data {spec!r}: expected sim:N with N a whole number") from exc
        records = simulate_dataset(n, SimConfig(device=sim_device), seed=seed, progress=False)
        return part_of(records, part, seed=split_seed)
    if kind == "simpanobench":
        from ..simulate.dataset import read_dataset

        return part_of(read_dataset(arg), part, seed=split_seed)
    if kind == "store":
        return store_records(arg, part, split_seed)
    records = read_folder(kind, arg)
    if not records:
        raise ValueError(f"{arg}: no {kind} record found")
    out = real_windows(records, part, seed=split_seed)
    if not out:
        from ..views import INDEPENDENT_8

        lacking = {r.name: [v for v in INDEPENDENT_8 if v not in r.leads] for r in records}
        lacking = {k: v for k, v in lacking.items() if v}
        why = f"e.g. {next(iter(lacking.items()))} lack" if lacking else "all are shorter than"
        raise ValueError(f"{arg}: no {kind} record gives a 10-s window of I, II, V1–V6 ({why} one)")
    return out


def store_records(folder, part="all", split_seed=0):
    """A record store's records, lazily: simulated ones as they are, real ones as preprocessed
    10-s windows (split by record first, as :func:`real_windows`; byte-identical duplicates
    are not searched for in a store)."""
    from .store import RecordStore
    from .store_windows import StoreWindows

    store = RecordStore(folder)
    if not store.complete:
        raise ValueError(
            f"{folder}: the record store is unfinished; resume it with nefnet cache build "
            "(or nefnet simulate --format store) and the same arguments"
        )
    if not len(store):
        raise ValueError(f"{folder}: the record store is empty")
    chosen = part_of(store, part, seed=split_seed)
    if hasattr(store[0], "true_angles"):  # simulated records are used as they are
        return chosen
    out = StoreWindows(chosen)
    if not len(out):
        raise ValueError(f"{folder}: no stored record gives a 10-s window of I, II, V1–V6")
    return out


def check_leads(records, leads, source="") -> None:
    """Raise ValueError naming the leads a protocol needs that some record lacks (a record
    store answers from its index)."""
    if hasattr(records, "lead_sets"):
        for have in records.lead_sets():
            missing = [v for v in leads if v not in have]
            if missing:
                raise ValueError(
                    f"{source}: stored records lack {missing} needed by the protocol; they "
                    f"have {list(have)}"
                )
        return
    for r in records:
        missing = [v for v in leads if v not in r.leads]
        if missing:
            raise ValueError(
                f"{source or r.name}: record {r.name} lacks {missing} needed by the protocol; "
                f"it has {list(r.leads)}"
            )
