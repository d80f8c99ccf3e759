"""A record's views at any angle — the shipped NEF-NET v2 from recorded views encoded once,
dipole-LSQ, and (simulated records) the truth — for the panorama explorer: precomputed frames
for a static page, or one view per slider move."""

from __future__ import annotations

import time

import numpy as np

from ..dipole import fit_dipole, project
from ..geometry import view_angles
from ..models.encoded import EncodedRecord
from ..simulate import SimConfig, simulate_record
from ..simulate.generate import any_view
from .calibrate import CalibrationConfig, calibrate

MODEL = "v2-ours-stage2-sim-ptbxl"
LEAD_SETS = ("I,II,V3", "I,II,V1,V3,V5", "I,II,V2,V5")


def examples(seed=0, classes=("Normal", "LBBB", "RBBB", "STE"), real=None) -> dict:
    """Records to explore: one simulated subject per class (sim-ptbxl, 10 s), then the first
    10-s window of each real record in ``real`` (preprocessed as everywhere in the book)."""
    from ..data.preprocess import windows

    out = {
        f"SimPanobench {c}": simulate_record(SimConfig(classes=(c,)), seed, k)
        for k, c in enumerate(classes)
    }
    for rec in real or []:
        wins = windows(rec, max_windows=1)
        if wins:
            out[f"real {rec.name}"] = wins[0]
    return out


class Views:
    """One record's recorded views encoded for ``model``; synthesize, dipole-LSQ and (for a
    simulated record) the truth at any (θ, φ) in degrees."""

    def __init__(self, model, record, leads, calibrate_s=0.0):
        self.record, self.leads = record, list(leads)
        x, angles = record.select(self.leads), view_angles(self.leads)
        self.calibration = None  # what On-the-fly Calibration did: offsets (°) and time
        if calibrate_s:
            cfg = CalibrationConfig(iterations=30, targets="mutual", calib_seconds=calibrate_s)
            start = time.perf_counter()
            model, offsets, _ = calibrate(model, x, self.leads, angles, record.sampling_rate, cfg)
            self.calibration = {
                "offsets_deg": np.degrees(np.asarray(offsets, float)),
                "ms": 1000 * (time.perf_counter() - start),
            }
        start = time.perf_counter()
        self.encoded = EncodedRecord(model, x, angles)
        self.encode_ms = 1000 * (time.perf_counter() - start)
        self.dipole = fit_dipole(x, self.leads)
        self.simulated = hasattr(record, "anatomy")

    def at(self, theta_deg, phi_deg) -> dict:
        """``{method: (Q, T)}`` at arrays of angles in degrees."""
        th, ph = np.radians(np.atleast_1d(theta_deg)), np.radians(np.atleast_1d(phi_deg))
        out = {
            "NEF-NET v2": self.encoded.synthesize(np.stack([th, ph], axis=-1)),
            "dipole-LSQ": project(self.dipole, th, ph),
        }
        if self.simulated:
            out["truth"] = any_view(self.record, th, ph)
        return out


def frames(views: Views, thetas, phis, seconds=2.0, step=2) -> dict:
    """``{(θ, φ): {method: (T,)}}`` over the grid: the first ``seconds`` of each, every
    ``step``-th sample, to the µV (what a static page can carry for many frames)."""
    grid = [(t, p) for t in thetas for p in phis]
    n = int(seconds * views.record.sampling_rate)
    signals = views.at([t for t, _ in grid], [p for _, p in grid])
    return {
        key: {m: np.round(s[k, :n:step], 3) for m, s in signals.items()}
        for k, key in enumerate(grid)
    }
