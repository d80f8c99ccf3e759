"""How one record is laid out in the record store (:mod:`nefnet.data.store`): its arrays (the
signals and, for a simulated record, its noise-free signals) and one JSON line of metadata
(name, leads, sampling rate, the reader's ``meta`` — gains, labels, source — and, for a
simulated record, its label, device, angles and wave annotations)."""

from __future__ import annotations

import numpy as np

from ..jsonio import jsonable
from ..record import Record, SimRecord

#: per-record arrays, in the order they are written
ARRAYS = ("signals", "clean")
_SIM_ANGLES = ("nominal_angles", "true_angles", "displacement")


def encode(record: Record) -> tuple[dict, dict]:
    """``(arrays, metadata)`` of a record: arrays by name (``clean`` only when present), the
    metadata JSON-ready."""
    arrays = {"signals": record.signals}
    meta = {
        "name": record.name,
        "leads": list(record.leads),
        "sampling_rate": float(record.sampling_rate),
        "meta": jsonable(record.meta),
    }
    clean = getattr(record, "clean", None)
    if clean is not None:
        arrays["clean"] = clean
    if hasattr(record, "true_angles"):  # a SimRecord
        meta["sim"] = jsonable(
            {
                "label": record.label,
                "device": record.device,
                "subject": record.subject,
                "exam": record.exam,
                **{k: getattr(record, k) for k in _SIM_ANGLES},
                "waves": record.waves,
            }
        )
    return arrays, meta


def decode(arrays: dict, meta: dict) -> Record:
    """The record :func:`encode` described (float64 signals, as every reader returns)."""
    base = (arrays["signals"], meta["sampling_rate"], tuple(meta["leads"]), meta["name"])
    if "sim" not in meta:
        return Record(*base, meta["meta"])
    s = meta["sim"]
    return SimRecord(
        *base,
        meta["meta"],
        clean=None if arrays.get("clean") is None else np.asarray(arrays["clean"], float),
        label=s["label"],
        device=s["device"],
        subject=s["subject"],
        exam=s["exam"],
        **{k: np.array(s[k], dtype=float) for k in _SIM_ANGLES},
        waves={k: np.array(v, dtype=int) for k, v in (s["waves"] or {}).items()},
    )
