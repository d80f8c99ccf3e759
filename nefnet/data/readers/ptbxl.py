"""PTB-XL: ``ptbxl_database.csv`` + WFDB ``records100/`` (100 Hz) and ``records500/`` (500 Hz),
with the published stratified folds (``strat_fold`` 1–10: 1–8 train, 9 validation, 10 test)."""

from __future__ import annotations

import ast
from pathlib import Path

import pandas as pd

from ..record import Record
from .wfdb_io import read_wfdb

REQUIRED_COLUMNS = ("ecg_id", "patient_id", "strat_fold", "filename_lr", "filename_hr")
FOLDS = {"train": tuple(range(1, 9)), "val": (9,), "test": (10,)}


def read_ptbxl_index(root) -> pd.DataFrame:
    """The database table indexed by ``ecg_id`` (``scp_codes`` parsed into dicts)."""
    path = Path(root) / "ptbxl_database.csv"
    if not path.is_file():
        raise FileNotFoundError(f"PTB-XL index {path} not found (fetch PTB-XL into {root})")
    table = pd.read_csv(path)
    missing = [c for c in REQUIRED_COLUMNS if c not in table.columns]
    if missing:
        raise ValueError(f"{path}: missing columns {missing}")
    if "scp_codes" in table:
        table["scp_codes"] = table["scp_codes"].map(
            lambda s: ast.literal_eval(s) if isinstance(s, str) else {})
    return table.set_index("ecg_id")


def ptbxl_split(index: pd.DataFrame, split: str) -> list[int]:
    """``ecg_id``s of the ``train``/``val``/``test`` split (recommended folds; patient-disjoint)."""
    if split not in FOLDS:
        raise ValueError(f"unknown split {split!r}; expected one of {sorted(FOLDS)}")
    return index.index[index["strat_fold"].isin(FOLDS[split])].tolist()


def read_ptbxl(root, ecg_id: int, sampling_rate: int = 500, index=None) -> Record:
    """One PTB-XL record at 100 or 500 Hz (12 leads, mV) with its table row in ``meta``."""
    if sampling_rate not in (100, 500):
        raise ValueError(f"PTB-XL comes at 100 or 500 Hz, not {sampling_rate}")
    index = read_ptbxl_index(root) if index is None else index
    if ecg_id not in index.index:
        raise ValueError(f"ecg_id {ecg_id} is not in the PTB-XL index")
    row = index.loc[ecg_id]
    rel = row["filename_hr" if sampling_rate == 500 else "filename_lr"]
    rec = read_wfdb(Path(root) / rel, require_rate=sampling_rate)
    rec.meta.update({"dataset": "ptbxl", "ecg_id": int(ecg_id),
                     "patient_id": int(row["patient_id"]), "strat_fold": int(row["strat_fold"]),
                     "scp_codes": row.get("scp_codes", {})})
    return rec
