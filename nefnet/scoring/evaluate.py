"""Score a synthesis method (:mod:`nefnet.scoring.methods`) on a protocol: PSNR/SSIM as the
papers compute them (on the joint min–max of the scored window), plus RMSE in µV and Pearson r on
the de-normalised signals. Targets are each record's reference signals (noise-free where
simulated); inputs are always the recorded signals.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import metrics
from ..data.beat_dataset import beat_bounds, beat_index, beat_window
from ..data.protocols import Protocol
from ..geometry import view_angles
from ..views import DERIVED_LIMB


def record_angles(record, views, which="nominal") -> np.ndarray:
    """(V, 2) radians of ``views``: the angle table's (``"nominal"``, what a clinic knows) or,
    for a simulated record, the electrodes' true directions (``"true"``)."""
    if which == "true":
        return record.true_angles[[record.leads.index(v) for v in views]]
    if which != "nominal":
        raise ValueError(f"angles must be 'nominal' or 'true', got {which!r}")
    return view_angles(views)


def _window(record, seconds, start):
    n = record.signals.shape[1] if seconds is None else int(seconds * record.sampling_rate)
    i0 = int(start * record.sampling_rate)
    if i0 < 0 or i0 + n > record.signals.shape[1]:
        raise ValueError(f"record {record.name} is shorter than the {start}+{seconds} s window")
    return slice(i0, i0 + n)


def call(method, x, recorded, ang_in, targets, ang_out, truth, **kwargs):
    """Run ``method``; an oracle (``method.needs_truth``, e.g. the linear limit) also gets the
    scored targets ``truth``, no other method ever does."""
    if getattr(method, "needs_truth", False):
        kwargs["truth"] = truth
    return method(x, recorded, ang_in, targets, ang_out, **kwargs)


def score_protocol(
    method, records, protocol: Protocol, seconds=None, start=0.0, angles="nominal"
) -> pd.DataFrame:
    """Per (record, target view) scores of ``method`` on the window [start, start + seconds)
    of each record (the whole record when ``seconds`` is None)."""
    rows = []
    for rec in records:
        win = _window(rec, seconds, start)
        x = rec.select(protocol.recorded)[:, win]
        y = rec.select_reference(protocol.targets)[:, win]
        # joint min–max over recorded + targets, as the papers' loaders do
        lo, scale = metrics.joint_range(x, y)
        pred = call(
            method,
            x,
            protocol.recorded,
            record_angles(rec, protocol.recorded, angles),
            protocol.targets,
            record_angles(rec, protocol.targets, angles),
            truth=y,
            joint=(lo, scale),
        )
        rows += score_rows(pred, y, (lo, scale), protocol, {"record": rec.name})
    return pd.DataFrame(rows)


def score_rows(pred, truth, joint, protocol: Protocol, keys: dict) -> list[dict]:
    """One row per target view: PSNR and SSIM on the joint scale ``(offset, scale)``, RMSE µV and
    Pearson r in mV, the view's role, and the identifying ``keys``."""
    lo, scale = joint
    pn, yn = (pred - lo) / scale, (truth - lo) / scale
    psnr = metrics.psnr(pn[None], yn[None], reduction="none")[0]
    ssim = metrics.ssim(pn[None], yn[None], reduction="none")[0]
    rmse = metrics.rmse_uv(pred[None], truth[None])[0]
    r = metrics.pearson_r(pred[None], truth[None])[0]
    return [
        {
            **keys,
            "view": view,
            "role": "unseen" if view in protocol.unseen else "supervised",
            "psnr": psnr[j],
            "ssim": ssim[j],
            "rmse_uV": rmse[j],
            "r": r[j],
        }
        for j, view in enumerate(protocol.targets)
    ]


def score_last(method, records, protocol: Protocol, seconds=5.0) -> pd.DataFrame:
    """The authors' split: the last ``seconds`` of each record are scored (the first ones are
    left for On-the-fly Calibration)."""
    start = records[0].signals.shape[1] / records[0].sampling_rate - seconds
    return score_protocol(method, records, protocol, seconds, start)


def summarize(scores: pd.DataFrame, independent_only=True) -> pd.DataFrame:
    """Mean scores per role; derived limb leads are left out unless asked for."""
    s = scores[~scores["view"].isin(DERIVED_LIMB)] if independent_only else scores
    return s.groupby("role")[["psnr", "ssim", "rmse_uV", "r"]].mean()


def role_of(protocol: Protocol) -> str:
    """The views a protocol is scored on: its unseen ones when it has any."""
    return "unseen" if protocol.unseen else "supervised"


def per_record(scores: pd.DataFrame, role: str) -> pd.DataFrame:
    """Mean PSNR and SSIM over a role's independent views, one row per record."""
    s = scores[(scores["role"] == role) & ~scores["view"].isin(DERIVED_LIMB)]
    return s.groupby("record")[["psnr", "ssim"]].mean()


def beat_scores(method, records, protocol: Protocol, length=512, max_beats=None):
    """Per (record, beat, view) scores on jointly normalised beats, derived limb leads
    excluded from the scored views."""
    rows = []
    for i, k in beat_index(records, length)[:max_beats]:
        rec, win = records[i], beat_window(records[i], k, length)
        x = rec.select(protocol.recorded)[:, win]
        y = rec.select_reference(protocol.targets)[:, win]
        _, lo, scale = metrics.minmax_normalize(np.vstack([x, y]))
        joint = (float(lo.ravel()[0]), float(scale.ravel()[0]))
        pred = call(
            method,
            x,
            protocol.recorded,
            view_angles(protocol.recorded),
            protocol.targets,
            view_angles(protocol.targets),
            truth=y,
            joint=joint,
            bounds=beat_bounds(rec, k, length),
        )
        rows += score_rows(pred, y, joint, protocol, {"record": rec.name, "beat": k})
    out = pd.DataFrame(rows)
    return out[~out["view"].isin(DERIVED_LIMB)].reset_index(drop=True)
