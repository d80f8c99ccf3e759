"""CPSC2018 original files: ``A0001.mat`` (struct ``ECG``: sex, age, data 12 × N mV, 500 Hz)
and the optional ``REFERENCE.csv`` (Recording, First_label, Second_label, Third_label)."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import scipy.io as sio

from .labels import CPSC_CLASSES
from ..record import Record

CPSC_RATE = 500.0
CPSC_LEADS = ("I", "II", "III", "aVR", "aVL", "aVF", "V1", "V2", "V3", "V4", "V5", "V6")


def read_reference(path) -> dict:
    """``{record: [class, ...]}`` from REFERENCE.csv (labels 1–9 → class names). A byte-order
    mark is accepted; a file without the Recording and First_label columns, or one that is not
    UTF-8 text, is refused naming what it has."""
    out = {}
    try:
        with open(path, newline="", encoding="utf-8-sig") as fh:
            reader = csv.DictReader(fh)
            columns = [c.strip() for c in reader.fieldnames or []]
            missing = [c for c in ("Recording", "First_label") if c not in columns]
            if missing:
                raise ValueError(
                    f"{path}: no {' or '.join(missing)} column; expected the CPSC2018 columns "
                    f"Recording, First_label, Second_label, Third_label, found {columns}"
                )
            for row in reader:
                row = {(k or "").strip(): v for k, v in row.items()}
                out[row["Recording"]] = _labels(path, row)
    except UnicodeDecodeError as exc:
        raise ValueError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    return out


def _labels(path, row) -> list:
    labels = []
    for key in ("First_label", "Second_label", "Third_label"):
        value = (row.get(key) or "").strip()
        if value:
            if value not in {str(i) for i in range(1, 10)}:
                raise ValueError(
                    f"{path}: label {value!r} of {row['Recording']} is not one of the CPSC "
                    "classes 1–9"
                )
            labels.append(CPSC_CLASSES[int(value) - 1])
    return labels


def read_cpsc2018(path, reference=None) -> Record:
    """One CPSC2018 ``.mat`` record; ``reference`` is a REFERENCE.csv path or a parsed dict
    (by default the REFERENCE.csv next to the file is used when present)."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"CPSC2018 file {path} not found")
    try:
        ecg = sio.loadmat(path)["ECG"][0, 0]
        data = np.asarray(ecg["data"], dtype=np.float64)
    except Exception as exc:  # scipy raises MatReadError, ValueError, KeyError, ...
        raise ValueError(f"{path}: not a CPSC2018 .mat (struct ECG with field data) ({exc})") \
            from exc
    if data.ndim != 2 or data.shape[0] != 12:
        raise ValueError(f"{path}: data has shape {data.shape}; expected 12 leads × samples")
    if not np.all(np.isfinite(data)):
        raise ValueError(f"{path}: data contains NaN or inf")
    if reference is None and (path.parent / "REFERENCE.csv").is_file():
        reference = path.parent / "REFERENCE.csv"
    labels = (read_reference(reference) if not isinstance(reference, dict) else reference) \
        if reference is not None else {}
    meta = {"sex": str(np.ravel(ecg["sex"])[0]) if ecg["sex"].size else None,
            "age": float(np.ravel(ecg["age"])[0]) if ecg["age"].size else None,
            "classes": labels.get(path.stem, []), "dataset": "cpsc2018", "source": str(path)}
    return Record(data, CPSC_RATE, CPSC_LEADS, path.stem, meta)
