"""Panobench windows (NEF-NET v2's unreleased 48-view benchmark): ``.mat`` files whose key
``Panobench`` holds a (48, T) window at 250 Hz in the authors' view order — I, II, view-1..42,
III, aVR, aVL, aVF — optionally with ``angles`` (48, 2) in degrees per subject (else Table 8)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import scipy.io as sio

from ...views import ANGLES, PANOBENCH_48
from ..record import Record

PANOBENCH_RATE = 250.0


def read_panobench(path, sampling_rate: float = PANOBENCH_RATE) -> Record:
    """One Panobench window → 48 views in mV with ``meta['angles_deg']`` (48, 2)."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"Panobench file {path} not found")
    try:
        mat = sio.loadmat(path)
    except Exception as exc:  # scipy raises MatReadError, ValueError, ...
        raise ValueError(f"{path}: not a readable .mat file ({exc})") from exc
    if "Panobench" not in mat:
        raise ValueError(f"{path}: no 'Panobench' array; keys are "
                         f"{sorted(k for k in mat if not k.startswith('__'))}")
    data = np.asarray(mat["Panobench"], dtype=np.float64)
    if data.ndim != 2 or 48 not in data.shape:
        raise ValueError(f"{path}: Panobench array has shape {data.shape}; expected (48, T)")
    data = data if data.shape[0] == 48 else data.T
    angles = np.asarray(mat["angles"], dtype=float) if "angles" in mat else \
        np.array([ANGLES[v] for v in PANOBENCH_48])
    if angles.shape != (48, 2):
        raise ValueError(f"{path}: angles have shape {angles.shape}; expected (48, 2) degrees")
    if not (np.all(np.isfinite(data)) and np.all(np.isfinite(angles))):
        raise ValueError(f"{path}: NaN or inf in the Panobench array or its angles")
    return Record(data, sampling_rate, PANOBENCH_48, path.stem,
                  {"dataset": "panobench", "angles_deg": angles, "source": str(path)})
