"""Tianchi round-1 text files: header ``I II V1 … V6``, one row of integers per sample (500 Hz,
4.88 µV per unit); III, aVR, aVL, aVF are derived. Optional ``<name>.waves.json`` holds the
Nef-Net authors' wave boundaries (P on/off, R on/off = QRS, T on/off)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from ...geometry import derive_limb_leads
from ...views import INDEPENDENT_8, LEADS_12, canonical_leads
from ..record import Record

TIANCHI_RATE = 500.0
TIANCHI_UV_PER_UNIT = 4.88
_WAVE_KEYS = {"P on": "p_on", "P off": "p_off", "R on": "qrs_on", "R off": "qrs_off",
              "T on": "t_on", "T off": "t_off"}


#: every Tianchi record is 10 s at 500 Hz
TIANCHI_ROWS = 5000


def read_tianchi(path) -> Record:
    """One Tianchi record → 12 leads in mV (the 8 recorded + 4 derived) in canonical order."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"Tianchi file {path} not found")
    try:
        with open(path, encoding="utf-8") as fh:
            header = fh.readline().split()
    except UnicodeDecodeError as exc:
        raise ValueError(f"{path}: not text ({exc.reason} at byte {exc.start})") from None
    try:
        leads = canonical_leads(header)
    except ValueError as exc:
        raise ValueError(f"{path}: bad header {header}: {exc}") from exc
    if set(leads) != set(INDEPENDENT_8):
        raise ValueError(f"{path}: header {header}; expected the 8 leads {list(INDEPENDENT_8)}")
    try:
        raw = np.loadtxt(path, skiprows=1, ndmin=2)
    except ValueError as exc:
        raise ValueError(f"{path}: non-numeric sample rows ({exc})") from exc
    if raw.size == 0:
        raise ValueError(f"{path}: no samples below the header; expected integer rows")
    if raw.shape[1] != 8:
        raise ValueError(f"{path}: rows have {raw.shape[1]} columns; expected 8")
    if not np.all(np.isfinite(raw)):
        raise ValueError(f"{path}: NaN or inf samples; expected integer rows")
    if len(raw) != TIANCHI_ROWS:
        raise ValueError(
            f"{path}: {len(raw)} sample rows; a Tianchi record is {TIANCHI_ROWS} "
            f"({TIANCHI_ROWS / TIANCHI_RATE:g} s at {TIANCHI_RATE:g} Hz) — a cut file?"
        )
    rec8 = dict(zip(leads, raw.T * TIANCHI_UV_PER_UNIT / 1000.0))
    rec8.update(derive_limb_leads(rec8["I"], rec8["II"]))
    meta = {"dataset": "tianchi", "source": str(path)}
    waves = path.with_name(path.stem + ".waves.json")
    if waves.is_file():
        meta["waves"] = read_waves(waves)
        bad = {k: v for k, v in meta["waves"].items() if np.any((v < -1) | (v >= len(raw)))}
        if bad:
            raise ValueError(f"{waves}: wave indices {sorted(bad)} outside the record's "
                             f"{len(raw)} samples (expected 0 … {len(raw) - 1}, or -1 if absent)")
    return Record(np.stack([rec8[n] for n in LEADS_12]), TIANCHI_RATE, LEADS_12, path.stem, meta)


def read_waves(path) -> dict:
    """Wave boundaries as ``{p_on, p_off, qrs_on, qrs_off, t_on, t_off}`` sample-index arrays."""
    raw = json.loads(Path(path).read_text())
    missing = sorted(set(_WAVE_KEYS) - set(raw))
    if missing:
        raise ValueError(f"{path}: wave annotation lacks {missing}")
    out = {new: np.asarray(raw[old], dtype=int) for old, new in _WAVE_KEYS.items()}
    if len({len(v) for v in out.values()}) != 1:
        raise ValueError(f"{path}: wave lists have different lengths")
    return out
