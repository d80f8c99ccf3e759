"""Chapman–Shaoxing / ChinaDB CSV files: one file per record, 12 columns (I, II, III, aVR, aVL,
aVF, V1–V6) with or without a header row, 500 Hz, values in µV by default."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from ...views import canonical_leads
from .cpsc import CPSC_LEADS
from ..record import Record

CHAPMAN_RATE = 500.0
_UNIT = {"uV": 1e-3, "mV": 1.0}


def read_chapman(path, units: str = "uV", sampling_rate: float = CHAPMAN_RATE) -> Record:
    """One Chapman/ChinaDB CSV record → 12 leads in mV."""
    path = Path(path)
    if units not in _UNIT:
        raise ValueError(f"units must be one of {sorted(_UNIT)}, got {units!r}")
    if not path.is_file():
        raise FileNotFoundError(f"Chapman file {path} not found")
    first = path.read_text().split("\n", 1)[0].split(",")
    has_header = not _is_number(first[0])
    try:
        leads = canonical_leads(first) if has_header else CPSC_LEADS
    except ValueError as exc:
        raise ValueError(f"{path}: header row: {exc}") from exc
    try:
        data = np.loadtxt(path, delimiter=",", skiprows=int(has_header), ndmin=2)
    except ValueError as exc:
        raise ValueError(f"{path}: non-numeric values ({exc})") from exc
    if data.shape[1] != len(leads):
        raise ValueError(f"{path}: {data.shape[1]} columns; expected {len(leads)} leads")
    if not np.all(np.isfinite(data)):
        raise ValueError(f"{path}: NaN values")
    return Record(data.T * _UNIT[units], sampling_rate, leads, path.stem,
                  {"dataset": "chapman", "source": str(path)})


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
