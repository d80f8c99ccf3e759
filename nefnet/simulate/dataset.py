"""Many records at once, and SimPanobench datasets on disk (WFDB + JSON metadata)."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
from tqdm.auto import tqdm

from ..data.jsonio import jsonable
from ..data.record import Record
from ..data.wfdb_io import read_wfdb, write_wfdb
from .generate import SimConfig, SimRecord, simulate_record

INDEX_FILE = "simpanobench.json"


def _one(args):
    config, seed, index = args
    return simulate_record(config, seed, index)


def simulate_dataset(
    n: int, config: SimConfig = None, seed: int = 0, progress=True, workers: int = 1
):
    """``n`` records, record i drawn from generator ``(seed, i)``: identical for any number of
    ``workers`` (processes)."""
    if n < 1:
        raise ValueError(f"number of records must be ≥ 1, got {n}")
    config = (config or SimConfig()).validate()
    jobs = [(config, seed, i) for i in range(n)]
    bar = dict(total=n, desc="SimPanobench", unit="rec", disable=not progress)
    if workers <= 1:
        return [_one(j) for j in tqdm(jobs, **bar)]
    with ProcessPoolExecutor(workers) as pool:
        return list(tqdm(pool.map(_one, jobs, chunksize=16), **bar))


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


def write_dataset(records, out, progress=True) -> Path:
    """Write records as WFDB (``<name>.hea/.dat`` noisy, ``<name>_clean.*`` clean) plus
    ``simpanobench.json``. Written into a temporary folder and renamed: all or nothing."""
    out = Path(out)
    if out.exists() and any(out.iterdir()):
        raise FileExistsError(f"{out} exists and is not empty; choose a new folder")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}-"))
    try:
        index = []
        for rec in tqdm(records, desc="writing", unit="rec", disable=not progress):
            write_wfdb(rec, tmp)
            write_wfdb(Record(rec.clean, rec.sampling_rate, rec.leads, rec.name + "_clean"), tmp)
            index.append(_metadata(rec))
        (tmp / INDEX_FILE).write_text(json.dumps(jsonable({"records": index}), indent=1))
        if out.exists():
            out.rmdir()
        os.replace(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return out


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
