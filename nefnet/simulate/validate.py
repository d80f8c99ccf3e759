"""Measurements that check the simulator against clinical criteria and physics."""

from __future__ import annotations

import numpy as np

from ..geometry import unit_vector
from ..metrics import r2_score


def qrs_durations_ms(record) -> np.ndarray:
    """QRS duration (ms) of each complete beat from the ground-truth wave boundaries."""
    w = record.waves
    return 1000.0 * (w["qrs_off"] - w["qrs_on"]) / record.sampling_rate


def qrs_morphology(record, lead: str, beat: int | None = None) -> dict:
    """QRS-window shape of one lead (median beat by default): max, min (mV), the first and last
    significant deflection signs, the time of the last positive peak after QRS onset (ms), and
    the largest positive deflection before the deepest point (mV: the r of an rS complex)."""
    x = record.clean[record.leads.index(lead)]
    w = record.waves
    beats = range(len(w["qrs_on"])) if beat is None else [beat]
    segs = [x[w["qrs_on"][b] : w["qrs_off"][b] + 1] for b in beats]
    n = min(len(s) for s in segs)
    seg = np.median(np.stack([s[:n] for s in segs]), axis=0)
    seg = seg - seg[0]
    thresh = 0.1 * np.abs(seg).max()
    sig = np.nonzero(np.abs(seg) > thresh)[0]
    return {
        "max": float(seg.max()),
        "min": float(seg.min()),
        "first": int(np.sign(seg[sig[0]])),
        "last": int(np.sign(seg[sig[-1]])),
        "r_peak_ms": float(1000.0 * np.argmax(seg) / record.sampling_rate),
        "r_before_nadir": float(max(seg[: np.argmin(seg) + 1].max(), 0.0)),
    }


def p_amplitudes_mv(record, lead="II") -> np.ndarray:
    """Peak P-wave deflection (mV) of every beat with a P wave in ``lead``, from the level at
    P onset, on the noise-free signal."""
    x = record.select_reference([lead])[0]
    w = record.waves
    return np.array(
        [
            np.abs(x[a : b + 1] - x[a]).max()
            for a, b in zip(w["p_on"], w["p_off"])
            if 0 <= a < b < len(x)
        ]
    )


def single_dipole_r2(record, views) -> np.ndarray:
    """Per-view R² of the best single-fixed-dipole explanation of ``views``.

    Any fixed dipole with *any* lead vectors makes the (views × time) matrix rank 3, so the best
    such model is the rank-3 truncated SVD of the centred signals; what it leaves is the
    non-dipolar part of the field (proximity to separate sources), whatever the electrode gains.
    """
    idx = [record.leads.index(v) for v in views]
    sig = record.clean[idx] - record.clean[idx].mean(axis=1, keepdims=True)
    u, s, vt = np.linalg.svd(sig, full_matrices=False)
    rank3 = (u[:, :3] * s[:3]) @ vt[:3]
    return r2_score(rank3, sig)


def angle_deviation_deg(record) -> np.ndarray:
    """Great-circle angle between each chest electrode's true and nominal direction (deg)."""
    ok = ~np.isnan(record.true_angles[:, 0]) & ~np.isnan(record.displacement[:, 0])
    a = unit_vector(*record.nominal_angles[ok].T)
    b = unit_vector(*record.true_angles[ok].T)
    return np.degrees(np.arccos(np.clip((a * b).sum(-1), -1, 1)))
