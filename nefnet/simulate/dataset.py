"""Many records at once, and SimPanobench datasets on disk (WFDB + JSON metadata)."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import warnings
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from ..data import atomic
from ..data.jsonio import jsonable
from ..data.readers.wfdb_io import read_wfdb, write_wfdb
from ..data.record import Record
from ..progress import tqdm
from .generate import SimConfig, SimRecord, simulate_record

INDEX_FILE = "simpanobench.json"


class SimulatedSource(Sequence):
    """``n`` SimPanobench records, record i drawn from generator ``(seed, i)``."""

    def __init__(self, n: int, config=None, seed: int = 0):
        if n < 1:
            raise ValueError(f"number of records must be ≥ 1, got {n}")
        self.n, self.config, self.seed = n, (config or SimConfig()).validate(), seed

    def __len__(self):
        return self.n

    def __getitem__(self, k) -> Record:
        if not 0 <= k < self.n:
            raise IndexError(k)
        return simulate_record(self.config, self.seed, k)


def iter_simulated(n: int, config: SimConfig = None, seed: int = 0, workers: int = 1):
    """The records of :func:`simulate_dataset`, yielded one by one as ``workers`` processes
    generate them (a few in flight): memory stays flat in ``n``."""
    from ..data.store import stream

    return stream(SimulatedSource(n, config, seed), 0, workers)


def simulate_dataset(
    n: int, config: SimConfig = None, seed: int = 0, progress=True, workers: int = 1
):
    """``n`` records, record i drawn from generator ``(seed, i)``: identical for any number of
    ``workers`` (processes)."""
    records = iter_simulated(n, config, seed, workers)
    return list(tqdm(records, total=n, desc="SimPanobench", unit="rec", disable=not progress))


def _metadata(rec: SimRecord) -> dict:
    return {
        "name": rec.name,
        "label": rec.label,
        "device": rec.device,
        "subject": rec.subject,
        "exam": rec.exam,
        "sampling_rate": rec.sampling_rate,
        "views": list(rec.leads),
        "nominal_angles_deg": np.degrees(rec.nominal_angles),
        "true_angles_deg": np.degrees(rec.true_angles),
        "displacement_deg": np.degrees(rec.displacement),
        "waves": rec.waves,
        "meta": rec.meta,
    }


def write_dataset(records, out, progress=True, total=None) -> Path:
    """Write records (any iterable, consumed one at a time: memory stays flat) as WFDB
    (``<name>.hea/.dat`` noisy, ``<name>_clean.*`` clean) plus ``simpanobench.json``. Written
    into a temporary folder and renamed: all or nothing. A lock keeps two runs off one folder;
    the hidden folder a killed run left is removed; the folder follows the umask."""
    from ..data.locks import exclusive

    out = Path(out)
    if out.exists() and any(out.iterdir()):
        raise FileExistsError(f"{out} exists and is not empty; choose a new folder")
    out.parent.mkdir(parents=True, exist_ok=True)
    with exclusive(out):
        _remove_leftovers(out)
        tmp = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.partial-"))
        tmp.chmod(0o777 & ~atomic.umask())
        try:
            _write_into(tmp, records, progress, total)
            if out.exists():
                out.rmdir()
            os.replace(tmp, out)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
    return out


def _remove_leftovers(out: Path):
    """The hidden partial folders of an interrupted write of ``out`` (killed: no cleanup ran)."""
    for old in out.parent.glob(f".{out.name}.partial-*"):
        if old.is_dir():
            shutil.rmtree(old, ignore_errors=True)
            warnings.warn(f"removed {old}, left by an interrupted write of {out}", stacklevel=2)


def _write_into(tmp: Path, records, progress, total):
    total = len(records) if total is None and hasattr(records, "__len__") else total
    lines = tmp / (INDEX_FILE + ".lines")
    with open(lines, "w") as fh:
        bar = tqdm(records, desc="writing", unit="rec", total=total, disable=not progress)
        for rec in bar:
            write_wfdb(rec, tmp)
            clean = Record(rec.clean, rec.sampling_rate, rec.leads, rec.name + "_clean")
            write_wfdb(clean, tmp)
            fh.write(json.dumps(jsonable(_metadata(rec))) + "\n")
    with open(tmp / INDEX_FILE, "w") as index, open(lines) as fh:
        index.write('{"records": [\n')
        for k, line in enumerate(fh):
            index.write(("" if k == 0 else ",\n") + line.rstrip("\n"))
        index.write("\n]}\n")
    lines.unlink()


def read_dataset(folder, load_clean=True) -> list[SimRecord]:
    """Load a dataset written by :func:`write_dataset` back into :class:`SimRecord` objects."""
    folder = Path(folder)
    index_path = folder / INDEX_FILE
    if not index_path.is_file():
        raise FileNotFoundError(f"{folder} is not a SimPanobench dataset: {INDEX_FILE} missing")
    try:
        index = json.loads(index_path.read_text())["records"]
    except (json.JSONDecodeError, KeyError) as exc:
        raise ValueError(f"{index_path}: corrupt dataset index ({exc})") from exc
    out = []
    for m in index:
        noisy = read_wfdb(folder / m["name"])
        clean = read_wfdb(folder / (m["name"] + "_clean")).signals if load_clean else None
        rad = {
            k: np.radians(np.array(m[k + "_deg"], dtype=float))
            for k in ("nominal_angles", "true_angles", "displacement")
        }
        out.append(
            SimRecord(
                noisy.signals,
                noisy.sampling_rate,
                tuple(m["views"]),
                m["name"],
                m["meta"],
                clean=clean,
                label=m["label"],
                device=m["device"],
                subject=m["subject"],
                exam=m["exam"],
                nominal_angles=rad["nominal_angles"],
                true_angles=rad["true_angles"],
                displacement=rad["displacement"],
                waves={k: np.array(v, dtype=int) for k, v in m["waves"].items()},
            )
        )
    return out
