"""The papers' Table 10 protocol: an angle table wrong by a given number of degrees for every
recorded view but I and II, scored uncorrected and after On-the-fly Calibration (Stage III),
with the share of the lost PSNR it recovers and the angle error it removes."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..scoring.evaluate import score_last
from ..scoring.methods import with_deviation
from ..scoring.per_patient import per_patient_method
from .onthefly import score_calibrated


def deviations(views, degrees, n, seed=0, fixed=("I", "II")):
    """Per record, a deviation (dθ, dφ) of length ``degrees`` in a random direction for every
    recorded view not in ``fixed`` (on the sphere: a great-circle angle of at most ``degrees``):
    list of ``n`` (R, 2) arrays in radians."""
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(n):
        turn = rng.uniform(0, 2 * np.pi, len(views))
        d = np.radians(degrees) * np.stack([np.cos(turn), np.sin(turn)], axis=1)
        d[[v in fixed for v in views]] = 0.0
        out.append(d)
    return out


def displacement_summary(
    before: pd.DataFrame,
    displaced: pd.DataFrame,
    calibrated: pd.DataFrame,
    offsets: pd.DataFrame,
    view=None,
) -> dict:
    """The OF-CAL targets: share of the PSNR lost to the displacement that calibration recovers
    (unseen view), and the reduction of the angle error of ``view`` (None: every calibrated
    view)."""
    mean = lambda s: float(s[s["role"] == "unseen"]["psnr"].mean())  # noqa: E731
    p0, p1, p2 = mean(before), mean(displaced), mean(calibrated)
    lost = p0 - p1
    moved = offsets if view is None else offsets[offsets["view"] == view]
    e0, e1 = float(moved["error_before_deg"].mean()), float(moved["error_after_deg"].mean())
    return {
        "psnr_undisplaced": p0,
        "psnr_displaced": p1,
        "psnr_calibrated": p2,
        # a share of (almost) nothing lost is meaningless: NaN below 0.1 dB
        "psnr_lost": lost,
        "recovered_share": (p2 - p1) / lost if lost >= 0.1 else float("nan"),
        "angle_error_before_deg": e0,
        "angle_error_after_deg": e1,
        "angle_error_reduction": 1.0 - e1 / e0,
    }


def deviation_experiment(
    method, calib_model, records, protocol, degrees, cfg, seed=0, test_seconds=5.0
):
    """The Table-10 protocol for one deviation size: ``method`` (a synthesis method) scored with
    the correct and with a wrong angle table, then ``calib_model`` calibrated (Stage III) with
    the wrong table. Returns :func:`displacement_summary`'s dict."""
    devs = deviations(protocol.recorded, degrees, len(records), seed=seed)
    base = score_last(method, records, protocol, test_seconds)
    wrong = pd.concat(
        [
            score_last(with_deviation(method, d), [r], protocol, test_seconds)
            for r, d in zip(records, devs)
        ],
        ignore_index=True,
    )
    cal, off = score_calibrated(
        calib_model, records, protocol, cfg, test_seconds, devs, progress=False
    )
    return displacement_summary(base, wrong, cal, off)


def unseen_psnr(scores: pd.DataFrame) -> float:
    """Mean PSNR of the unseen views of a scores table."""
    return float(scores[scores["role"] == "unseen"]["psnr"].mean())


def per_patient_wrong_table(records, protocol, degrees, seed=0, test_seconds=5.0) -> float:
    """Unseen-view PSNR of the per-patient linear competitor told the same wrong angle table as
    :func:`deviation_experiment` with this ``seed`` (its fit on the first seconds is its
    calibration)."""
    devs = deviations(protocol.recorded, degrees, len(records), seed=seed)
    return unseen_psnr(
        pd.concat(
            [
                score_last(
                    per_patient_method(r, protocol, deviation=d), [r], protocol, test_seconds
                )
                for r, d in zip(records, devs)
            ],
            ignore_index=True,
        )
    )
