"""From a ``--data`` spec to records: the simulator, a SimPanobench folder, a record store or
a real dataset of any kind the readers' registry (:mod:`nefnet.data.kinds`) knows.

Specs: ``sim:N`` (simulate N records), ``KIND:FOLDER`` with KIND one of :data:`KINDS`, or a bare
folder whose kind is recognised from its files. Real records go through the same preprocessing
as every comparison in the book (:func:`nefnet.data.preprocess.windows`: 500 Hz, 10-s windows,
0.5–40 Hz), and can be cut into the same record-level train/test parts the chapters use.
"""

from __future__ import annotations

from pathlib import Path

from ..data.kinds import FOLDER_KINDS, detect_folder_kind, kind as _kind, layouts, read_folder
from ..data.parts import part_of, real_windows, store_records
from ..data.store import STORE_FILE
from ..simulate.dataset import INDEX_FILE

#: every kind a spec may name (``sim:N`` besides)
KINDS = ("simpanobench", "store", *FOLDER_KINDS)


def detect_kind(folder) -> str:
    """The kind of a dataset folder, from its files."""
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"data folder {folder} does not exist")
    if (folder / INDEX_FILE).is_file():
        return "simpanobench"
    if (folder / STORE_FILE).is_file():
        return "store"
    found = detect_folder_kind(folder)
    if found is None:
        raise ValueError(
            f"{folder}: no dataset recognised (expected {INDEX_FILE}, {STORE_FILE}, or a "
            f"folder of one of the real kinds — {layouts()})"
        )
    return found


def parse_spec(spec: str) -> tuple[str, str]:
    """``(kind, argument)`` of a data spec."""
    name, sep, rest = spec.partition(":")
    if sep and name == "sim":
        return "sim", rest
    if sep and name in KINDS:
        return name, rest
    return detect_kind(spec), spec


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
    if not _kind(kind).windowed:  # windows already (Panobench): used as they are
        return part_of(records, part, seed=split_seed)
    out = real_windows(records, part, seed=split_seed)
    if not out:
        from ..views import INDEPENDENT_8

        lacking = {r.name: [v for v in INDEPENDENT_8 if v not in r.leads] for r in records}
        lacking = {k: v for k, v in lacking.items() if v}
        why = f"e.g. {next(iter(lacking.items()))} lack" if lacking else "all are shorter than"
        raise ValueError(f"{arg}: no {kind} record gives a 10-s window of I, II, V1–V6 ({why} one)")
    return out
