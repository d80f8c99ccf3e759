"""Per-patient linear synthesis — Stage III's honest competitor — and the linear limit.

**Per-patient linear** uses exactly what On-the-fly Calibration uses: the first
``calib_seconds`` of the examination, with its recorded leads and the supervised leads it also
recorded (never the unseen one).

* Supervised leads: a ridge-regularised linear map (with intercept) from the recorded leads,
  fitted on those seconds.
* Unseen leads, one physical rule, in the space of weights on the recorded leads: dipole least
  squares through the angle table gives every lead nominal weights (its unit vector times the
  pseudo-inverse of the recorded leads' vectors). Each calibration lead's correction is its
  per-patient weights minus its nominal ones (zero for a recorded lead: it is its own input). The
  unseen lead takes its nominal weights plus the inverse-angle-weighted mean correction of its
  ``neighbours`` nearest calibration leads on the sphere. (This rule was chosen over refitting
  per-patient lead vectors on a heart vector, on 12 validation records per device of a seed no
  table is scored on: 29.4 against 28.5 dB on the unseen V2, dipole-LSQ 28.8 dB.)

**The linear limit** is an oracle, not a method anyone could run: per record, the least-squares
map from the recorded leads (with intercept) fitted on the scored seconds of the target lead
itself. No linear map of the recorded leads can score better on that window; every synthesis
table carries it as a ceiling row.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .. import baselines
from ..geometry import angle_between, unit_vector
from ..views import DERIVED_LIMB
from .evaluate import record_angles, score_last

#: the rows' names in every table
PATIENT_NAME = "per-patient linear (calibration seconds)"
LIMIT_NAME = "linear limit (oracle)"


@dataclass(frozen=True)
class PerPatientConfig:
    calib_seconds: float = 5.0  # the seconds Stage III calibrates on (CalibrationConfig's)
    ridge: float = 1e-3  # relative ridge of both fits (share of the mean input power)
    neighbours: int = 2  # calibration leads whose corrections the unseen lead takes

    def __post_init__(self):
        if not np.isfinite(self.calib_seconds) or self.calib_seconds <= 0:
            raise ValueError(f"calib_seconds must be a finite number > 0, got {self.calib_seconds}")
        if not np.isfinite(self.ridge) or self.ridge < 0:
            raise ValueError(f"ridge must be a finite number ≥ 0, got {self.ridge}")
        if int(self.neighbours) < 1:
            raise ValueError(f"neighbours must be ≥ 1, got {self.neighbours}")


def nominal_weights(angles, recorded_angles) -> np.ndarray:
    """Dipole-LSQ weights (V, R) of views at ``angles`` on recorded views at ``recorded_angles``."""
    to_heart = np.linalg.pinv(unit_vector(*np.asarray(recorded_angles).T))  # (3, R)
    return unit_vector(*np.asarray(angles).T).reshape(-1, 3) @ to_heart


def neighbour_weights(target_angle, angles, corrections, nominal, neighbours=2):
    """The unseen lead's weights: ``nominal`` + the inverse-angle-weighted mean of the
    ``corrections`` (rows, one per lead at ``angles``) of its ``neighbours`` nearest leads."""
    dist = np.array([angle_between(target_angle, a) for a in angles])
    near = np.argsort(dist)[:neighbours]
    w = 1.0 / np.maximum(dist[near], 1e-3)
    return nominal + w @ corrections[near] / w.sum()


def per_patient_method(
    record, protocol, cfg: PerPatientConfig = PerPatientConfig(), deviation=None
):
    """The per-patient linear competitor for one record: a synthesis method fitted on its first
    ``cfg.calib_seconds`` (see the module text). ``deviation`` (R, 2) rad is added to the
    recorded leads' angles, as in the wrong-angle-table protocol."""
    n = int(cfg.calib_seconds * record.sampling_rate)
    recorded = tuple(protocol.recorded)
    if not len(recorded) + 1 < n < record.signals.shape[1]:
        raise ValueError(
            f"record {record.name} ({record.signals.shape[1] / record.sampling_rate:g} s) is too "
            f"short for {cfg.calib_seconds:g} s of calibration and a scored rest"
        )
    extra = tuple(v for v in protocol.supervised if v not in DERIVED_LIMB and v not in recorded)
    given = record_angles(record, recorded)
    given = given if deviation is None else given + np.asarray(deviation)
    cal = record.select(recorded)[:, :n]
    supervised = baselines.fit_linear(cal, record.select(protocol.supervised)[:, :n], cfg.ridge)
    own = supervised[[protocol.supervised.index(v) for v in extra]]
    angles = np.vstack([given, record_angles(record, extra)]) if extra else given
    zero = np.zeros((len(angles), 1))
    nominal = np.hstack([nominal_weights(angles, given), zero])  # (C, R + 1), intercept 0
    per_patient = np.vstack([np.hstack([np.eye(len(recorded)), zero[: len(recorded)]]), own])
    unseen = np.array(
        [
            neighbour_weights(
                a,
                angles,
                per_patient - nominal,
                np.append(nominal_weights(a, given), 0.0),
                cfg.neighbours,
            )
            for a in record_angles(record, protocol.unseen)
        ]
    ).reshape(len(protocol.unseen), len(recorded) + 1)
    weights = dict(zip(protocol.supervised + protocol.unseen, np.vstack([supervised, unseen])))

    def run(x, rec_names, ang_in, targets, ang_out, *, joint=None, bounds=None):
        missing = [t for t in targets if t not in weights]
        if missing:
            raise ValueError(
                f"per-patient linear was fitted for {protocol.name}; no weights for {missing}"
            )
        return baselines.apply_linear(np.stack([weights[t] for t in targets]), x)

    return run


def linear_limit(x, recorded, ang_in, targets, ang_out, *, joint=None, bounds=None, truth=None):
    """The linear limit (an oracle): each target's least-squares fit from the recorded leads on
    the scored window itself. Scoring code gives it ``truth`` because ``needs_truth`` is set."""
    if truth is None:
        raise ValueError("the linear limit needs the scored targets (truth=...)")
    return baselines.apply_linear(baselines.fit_linear(x, truth, ridge=1e-9), x)


linear_limit.needs_truth = True


def score_per_record(factory, records, protocol, test_seconds=5.0, **kwargs):
    """Scores of a per-record method (``factory(record, protocol, **kwargs)`` → method) on the
    last ``test_seconds`` of every record, as :func:`score_last`."""
    import pandas as pd

    frames = [
        score_last(factory(rec, protocol, **kwargs), [rec], protocol, test_seconds)
        for rec in records
    ]
    return pd.concat(frames, ignore_index=True)
