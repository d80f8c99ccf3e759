"""On-the-fly Calibration (Stage III) as a synthesis method: calibrate a model to one record
on its first seconds, then synthesise the rest with the calibrated copy — what the papers'
Table 2 numbers are measured after (``nefnet evaluate --onthefly``, chapter 05)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..geometry import angle_between
from ..progress import tqdm
from ..scoring.evaluate import record_angles, score_last
from ..scoring.synthesis import synthesize
from ..views import DERIVED_LIMB
from .calibrate import CalibrationConfig, calibrate


def calibration_targets(protocol, cfg: CalibrationConfig) -> tuple:
    """The leads Stage III fits: the protocol's supervised independent leads (recorded in the
    examination, never the unseen one) or none (leave-one-out among the inputs)."""
    if cfg.targets == "mutual":
        return ()
    return tuple(v for v in protocol.supervised if v not in DERIVED_LIMB)


def calibrated_method(model, record, protocol, cfg: CalibrationConfig, deviation=None):
    """Stage III for one record: calibrate on its first seconds and return (a synthesis method
    for :func:`score`, offsets (R, 2) rad, loss history).

    ``deviation`` (R, 2) rad is added to the nominal angles the model is given — the papers'
    Table-10 protocol of an angle table that is wrong for this examination."""
    fs, n = record.sampling_rate, int(cfg.calib_seconds * record.sampling_rate)
    given = record_angles(record, protocol.recorded)
    given = given if deviation is None else given + deviation
    goal = calibration_targets(protocol, cfg)
    tuned, offsets, hist = calibrate(
        model,
        record.select(protocol.recorded)[:, :n],
        list(protocol.recorded),
        given,
        fs,
        cfg,
        targets=record.select(goal)[:, :n] if goal else None,
        target_angles=record_angles(record, goal) if goal else None,
    )

    def run(xw, recorded, ang_in, targets, ang_out, *, joint=None, bounds=None):
        # the copy applies its own offsets; a jointly normalised model gets the scored range
        return synthesize(tuned, xw, given, ang_out, joint=joint, bounds=bounds)

    return run, offsets, hist


def score_calibrated(
    model,
    records,
    protocol,
    cfg: CalibrationConfig | None = None,
    test_seconds=5.0,
    deviations=None,
    progress=True,
):
    """Stage III scores of every record, and the recovered offsets.

    Returns ``(scores DataFrame, offsets DataFrame)``; the second has one row per calibrated
    view and record: learned offsets, the deviation to undo, and the angle errors (degrees)."""
    cfg = CalibrationConfig() if cfg is None else cfg
    frames, rows = [], []
    for k, rec in enumerate(
        tqdm(records, desc="on-the-fly calibration", unit="rec", disable=not progress)
    ):
        dev = None if deviations is None else deviations[k]
        run, offsets, _ = calibrated_method(model, rec, protocol, cfg, dev)
        frames.append(score_last(run, [rec], protocol, test_seconds))
        rows += offset_rows(rec, protocol.recorded, offsets, cfg.fixed, dev)
    return pd.concat(frames, ignore_index=True), pd.DataFrame(rows)


def offset_rows(rec, views, offsets, fixed=("I", "II"), deviation=None):
    """Angle error of each calibrated view before and after calibration.

    Without ``deviation`` the reference is the electrode's true direction (SimPanobench ground
    truth); with it, the reference is the nominal angle the deviation moved away from."""
    rows = []
    for j, v in enumerate(views):
        if v in fixed:
            continue
        i = rec.leads.index(v)
        nominal = record_angles(rec, [v])[0]  # the table's angle (a real record has no other)
        if deviation is None:
            ref = getattr(rec, "true_angles", None)
            if ref is None or np.isnan(ref[i]).any():
                continue  # no ground truth for this view
            ref, given = ref[i], nominal
        else:
            ref, given = nominal, nominal + deviation[j]
        fixed_angles = given + offsets[j]
        rows.append(
            {
                "record": rec.name,
                "view": v,
                "dtheta_deg": np.degrees(offsets[j][0]),
                "dphi_deg": np.degrees(offsets[j][1]),
                "target_dtheta_deg": np.degrees(ref[0] - given[0]),
                "target_dphi_deg": np.degrees(ref[1] - given[1]),
                "error_before_deg": angle_between(ref, given),
                "error_after_deg": angle_between(ref, fixed_angles),
            }
        )
    return rows
