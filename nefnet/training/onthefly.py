"""On-the-fly Calibration (Stage III) as a synthesis method: calibrate a model to one record
on its first seconds, then synthesise the rest with the calibrated copy — what the papers'
Table 2 numbers are measured after (``nefnet evaluate --onthefly``, chapter 05)."""

from __future__ import annotations

from ..views import DERIVED_LIMB
from .calibrate import CalibrationConfig, calibrate
from .evaluate import record_angles
from .synthesis import synthesize


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
        return synthesize(tuned, xw, given, ang_out)  # the copy applies its own offsets

    return run, offsets, hist
