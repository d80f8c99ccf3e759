"""Real single heartbeats of the R package roahd (healthy, LBBB, RBBB; from PTB): ``.rda`` files
each holding one ``mfData`` object — 8 ``fData`` components (one per lead) with an N × 1024 table
of beats on a common 1 kHz grid, in µV.

The files do not store the lead order. roahd's documentation lists the leads as V1, V2, V3, V4,
V5, D1 and D2 (seven names for eight components); the components are read as V1–V6, I, II in file
order, which the class means agree with (healthy V1 mostly negative, LBBB V1 deep negative with a
positive V6, RBBB V1 positive) — plausible, not proven. The beats are time-registered and
smoothed: shapes and amplitudes are real, absolute QRS widths are not.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np

from ...geometry import derive_limb_leads
from ...views import LEADS_12
from ..record import Record

ROAHD_RATE = 1000.0
#: the 8 components in file order (see the module docstring)
ROAHD_LEADS = ("V1", "V2", "V3", "V4", "V5", "V6", "I", "II")
ROAHD_FILES = {"healthy": "mfD_healthy.rda", "LBBB": "mfD_LBBB.rda", "RBBB": "mfD_RBBB.rda"}
#: the roahd repository's data folder at the last commit that holds all three files
ROAHD_URL = (
    "https://raw.githubusercontent.com/astamm/roahd/36616eb2bf3f645f158691b90dc0ede986903654/data/"
)
ROAHD_SHA256 = {
    "mfD_healthy.rda": "65c3b25cd54de8a240fe0671727394eccb20cf4d413c75363fb4cc157e4cb120",
    "mfD_LBBB.rda": "8ae174ee35a753f2260a4cceb84a5e9449126411794b2ed58ab2db40ff53e1fa",
    "mfD_RBBB.rda": "c215bd6030641696eb6a02366190c3d7b9d93de6d796958bec77e4792a05c83e",
}


def _components(path: Path):
    import rdata

    try:
        with warnings.catch_warnings():  # rdata has no constructor for roahd's S3 classes
            warnings.simplefilter("ignore", UserWarning)
            objects = rdata.read_rda(str(path))
    except Exception as exc:  # rdata raises many types for files that are not R data
        raise ValueError(f"{path}: not a readable R data file ({type(exc).__name__})") from exc
    if len(objects) != 1:
        raise ValueError(f"{path}: holds {len(objects)} R objects; expected one mfData")
    obj = next(iter(objects.values()))
    if not isinstance(obj, dict) or "fDList" not in obj:
        raise ValueError(f"{path}: not a roahd mfData object (no fDList)")
    parts = obj["fDList"]
    if len(parts) != len(ROAHD_LEADS):
        raise ValueError(f"{path}: {len(parts)} leads; expected {len(ROAHD_LEADS)} (V1–V6, I, II)")
    try:
        return [np.asarray(part["values"], dtype=np.float64) for part in parts]
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"{path}: a component has no numeric 'values' table") from exc


def read_roahd(path, label: str | None = None) -> list[Record]:
    """Every beat of one roahd file as a 12-lead :class:`Record` in mV at 1 kHz (III, aVR, aVL,
    aVF derived from I and II), ``meta['label']`` the class (from the file name by default)."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"roahd file {path} not found")
    values = _components(path)
    shapes = {v.shape for v in values}
    if len(shapes) != 1 or values[0].ndim != 2:
        raise ValueError(f"{path}: leads have beat tables of shapes {sorted(shapes)}; expected one")
    n, length = values[0].shape
    if n == 0 or length == 0:
        raise ValueError(f"{path}: no beats (tables of shape {values[0].shape})")
    stack = np.stack(values) / 1000.0  # (8, N, P) µV → mV
    if not np.all(np.isfinite(stack)):
        raise ValueError(f"{path}: NaN or inf samples")
    if label is None:
        label = next((k for k, f in ROAHD_FILES.items() if f == path.name), path.stem)
    out = []
    for b in range(n):
        leads = dict(zip(ROAHD_LEADS, stack[:, b]))
        leads.update(derive_limb_leads(leads["I"], leads["II"]))
        meta = {"dataset": "roahd", "label": label, "beat": b, "source": str(path)}
        out.append(
            Record(
                np.stack([leads[v] for v in LEADS_12]), ROAHD_RATE, LEADS_12, f"{label}-{b}", meta
            )
        )
    return out


def roahd_beats(data_dir=None, per_class: int | None = None) -> list[Record]:
    """The first ``per_class`` beats (all when None) of every roahd class file found in
    ``data_dir`` itself or in ``<data root>/roahd``; an empty list when none is present."""
    from ...paths import dataset_dir

    folder = Path(data_dir) if data_dir is not None else dataset_dir("roahd")
    if not any((folder / f).is_file() for f in ROAHD_FILES.values()):
        folder = dataset_dir("roahd", data_dir)
    out = []
    for label, name in ROAHD_FILES.items():
        if (folder / name).is_file():
            out += read_roahd(folder / name, label)[:per_class]
    return out
