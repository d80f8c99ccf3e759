"""Chapter 05 (three-stage training): Stage I → + II → + III on each SimPanobench device, the
angle-deviation (Table 10) and electrode-displacement experiments of On-the-fly Calibration.

Every record is split as the authors do: the first ``calib_seconds`` calibrate (Stage III), the
last ``test_seconds`` are scored. Scores are the papers' PSNR/SSIM on the joint min–max of the
scored window plus µV RMSE (:mod:`nefnet.scoring.evaluate`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..scoring.evaluate import record_angles, score_last, summarize
from ..scoring.methods import model_method
from ..scoring.per_patient import linear_limit, per_patient_method, score_per_record  # noqa: F401
from ..training.calibrate import CalibrationConfig
from ..training.deviation import (  # noqa: F401 (the chapter's names)
    deviation_experiment,
    deviations,
    displacement_summary,
    per_patient_wrong_table,
    unseen_psnr,
)
from ..training.onthefly import (  # noqa: F401 (the chapter's names)
    calibrated_method,
    offset_rows,
    score_calibrated,
)

score = score_last  # every score of this chapter: the last 5 s of each record
#: the columns of a displacement summary a table shows
SUMMARY_COLUMNS = [
    "psnr_undisplaced",
    "psnr_displaced",
    "psnr_calibrated",
    "recovered_share",
    "angle_error_before_deg",
    "angle_error_after_deg",
    "psnr_per_patient",
]


def stage_scores(stage1, stage2, records, protocol, cfg: CalibrationConfig, progress=True):
    """One model variant through the stages on one device's test records.

    Returns ``({row: per-view scores}, Stage III offsets DataFrame)`` with the rows "Stage I",
    "+ Stage II" and "+ Stage III"."""
    rows = {
        "Stage I": score(model_method(stage1), records, protocol),
        "+ Stage II": score(model_method(stage2), records, protocol),
    }
    rows["+ Stage III"], offsets = score_calibrated(
        stage2, records, protocol, cfg, progress=progress
    )
    return rows, offsets


def displacement_experiment(
    model, records, moved, protocol, cfg: CalibrationConfig, view="V3", test_seconds=5.0
) -> dict:
    """The physical version of Table 10: ``model`` on ``records`` and on the same subjects with
    an electrode ``moved`` (``records`` simulated with a displacement), then calibrated on the
    moved ones. Returns :func:`displacement_summary`'s dict for ``view``."""
    method = model_method(model)
    before = score(method, records, protocol, test_seconds)
    displaced = score(method, moved, protocol, test_seconds)
    cal, off = score_calibrated(model, moved, protocol, cfg, test_seconds, progress=False)
    patient = unseen_psnr(score_per_record(per_patient_method, moved, protocol, test_seconds))
    return displacement_summary(before, displaced, cal, off, view) | {"psnr_per_patient": patient}


def summary_table(scores: dict, metric="psnr", role="unseen") -> pd.DataFrame:
    """``{(method, device): per-view scores}`` → methods × devices table of the mean ``metric``
    over the ``role`` views (derived limb leads excluded), with a device-mean column."""
    rows = {}
    for (method, device), s in scores.items():
        rows.setdefault(method, {})[device] = summarize(s).loc[role, metric]
    out = pd.DataFrame(rows).T
    out["mean"] = out.mean(axis=1)
    return out


def record_spread(scores: dict, metric="psnr", role="unseen") -> dict:
    """``{(method, device): per-view scores}`` → per method, the SD over the test records
    (pooled over the devices) of each record's mean ``metric`` over the ``role`` views."""
    frames = {}
    for (method, _), s in scores.items():
        frames.setdefault(method, []).append(s[s["role"] == role])
    return {
        method: float(pd.concat(f).groupby("record")[metric].mean().std(ddof=1))
        for method, f in frames.items()
    }


def progressive_example(stages: dict, record, protocol, view, test_seconds=5.0):
    """Synthesized ``view`` (mV) on the scored window of ``record`` for each ``{stage: method}``,
    and the truth: ``(time s, truth, {stage: signal})``."""
    fs = record.sampling_rate
    n = int(test_seconds * fs)
    win = slice(record.signals.shape[1] - n, record.signals.shape[1])
    x = record.select(protocol.recorded)[:, win]
    ang_in, ang_out = record_angles(record, protocol.recorded), record_angles(record, (view,))
    truth = record.select_reference([view])[0, win]
    out = {name: m(x, protocol.recorded, ang_in, (view,), ang_out)[0] for name, m in stages.items()}
    return np.arange(len(truth)) / fs, truth, out


def deviation_table(candidates: dict, records, protocol, degrees, cfg, lsq_cfg, seed=0) -> dict:
    """:func:`deviation_experiment` for every ``{name: model}`` and deviation size: the Table-10
    analogue, ``{(name, degrees): summary}``. A model named "dipole-LSQ" calibrates with
    ``lsq_cfg`` (its offsets are its only parameters). Each summary also carries
    ``psnr_per_patient``: the per-patient linear competitor told the same wrong table."""
    patient = {deg: per_patient_wrong_table(records, protocol, deg, seed + deg) for deg in degrees}
    return {
        (name, deg): deviation_experiment(
            model_method(model),
            model,
            records,
            protocol,
            deg,
            lsq_cfg if name == "dipole-LSQ" else cfg,
            seed=seed + deg,
        )
        | {"psnr_per_patient": patient[deg]}
        for deg in degrees
        for name, model in candidates.items()
    }
