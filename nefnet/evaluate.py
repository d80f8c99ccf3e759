"""Score a synthesis method on a protocol: PSNR/SSIM as the papers compute them, plus RMSE µV
and Pearson r on de-normalised signals. Methods are callables

    method(inputs_mv (R, T), recorded names, input_angles (R, 2) rad,
           target names, target_angles (Q, 2) rad, joint=(offset, scale)) → mV (Q, T)

``joint`` is the papers' normalisation of the crop (recorded + targets); only a model trained
that way uses it.

so neural models and linear baselines are scored by the same code.

Used in: notebooks/03_nefnet_v1, notebooks/05_three_stage
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import torch

from . import baselines, dipole, metrics
from .data.protocols import Protocol
from .geometry import view_angles
from .normalization import check_mode, model_mode, scaling


def _window(record, seconds, start):
    n = record.signals.shape[1] if seconds is None else int(seconds * record.sampling_rate)
    i0 = int(start * record.sampling_rate)
    if i0 + n > record.signals.shape[1]:
        raise ValueError(f"record {record.name} is shorter than the {start}+{seconds} s window")
    return slice(i0, i0 + n)


def score_protocol(method, records, protocol: Protocol, seconds=None, start=0.0,
                   angles="nominal", truth="clean") -> pd.DataFrame:
    """Per (record, target view) scores; ``truth="clean"`` scores against noise-free signals
    (SimPanobench), the inputs are always the recorded (noisy) signals."""
    rows = []
    for rec in records:
        win = _window(rec, seconds, start)
        x = rec.select(protocol.recorded)[:, win]
        ref_all = rec.clean if truth == "clean" and getattr(rec, "clean", None) is not None \
            else rec.signals
        idx = [rec.leads.index(v) for v in protocol.targets]
        y = ref_all[idx][:, win]
        ang_in, ang_out = _angles(rec, protocol.recorded, angles), _angles(rec, protocol.targets,
                                                                           angles)
        # joint min–max over recorded + targets, as the papers' loaders do
        _, lo, scale = metrics.minmax_normalize(np.vstack([x, y]))
        pred = method(x, protocol.recorded, ang_in, protocol.targets, ang_out,
                      joint=(lo[0], scale[0]))
        pn, yn = (pred - lo[0]) / scale[0], (y - lo[0]) / scale[0]
        psnr = metrics.psnr(pn[None], yn[None], reduction="none")[0]
        ssim = metrics.ssim(pn[None], yn[None], reduction="none")[0]
        rmse = metrics.rmse_uv(pred[None], y[None])[0]
        r = metrics.pearson_r(pred[None], y[None])[0]
        for j, view in enumerate(protocol.targets):
            rows.append({"record": rec.name, "view": view,
                         "role": "unseen" if view in protocol.unseen else "supervised",
                         "psnr": psnr[j], "ssim": ssim[j], "rmse_uV": rmse[j], "r": r[j]})
    return pd.DataFrame(rows)


def summarize(scores: pd.DataFrame, independent_only=True) -> pd.DataFrame:
    """Mean scores per role; derived limb leads are left out unless asked for."""
    from .views import DERIVED_LIMB

    s = scores[~scores["view"].isin(DERIVED_LIMB)] if independent_only else scores
    return s.groupby("role")[["psnr", "ssim", "rmse_uV", "r"]].mean()


def _angles(rec, views, which):
    if which == "true":
        idx = [rec.leads.index(v) for v in views]
        return rec.true_angles[idx]
    return view_angles(views)


# ---- methods -------------------------------------------------------------------------------

def dipole_lsq_method(x, recorded, ang_in, targets, ang_out, joint=None):
    """Dipole least squares with the table's (or the given) directions."""
    from .geometry import unit_vector

    u_in, u_out = unit_vector(*ang_in.T), unit_vector(*ang_out.T)
    return dipole.project(dipole.fit_dipole(x, vectors=u_in), vectors=u_out)


def regression_method(train_records, protocol: Protocol, ridge=1e-6):
    """Population linear regression fitted on ``train_records`` (clean targets)."""
    model = baselines.PopulationRegression(protocol.recorded, protocol.targets, ridge)
    model.fit([_stack(r, protocol) for r in train_records],
              protocol.recorded + protocol.targets)
    return lambda x, *_, **__: model.predict(x)


def _stack(rec, protocol):
    ref = rec.clean if getattr(rec, "clean", None) is not None else rec.signals
    return np.vstack([rec.select(protocol.recorded),
                      ref[[rec.leads.index(v) for v in protocol.targets]]])


def model_method(model, device="cpu", normalize_by=None):
    """Wrap a NEF-NET v2 model (or Nef-Net v1 in continuous-window mode): scale the inputs the
    way it was trained (its ``cfg.normalize``, or ``normalize_by``; :mod:`nefnet.normalization`)
    and return millivolts."""
    mode = model_mode(model) if normalize_by is None else check_mode(normalize_by)

    def run(x, recorded, ang_in, targets, ang_out, joint=None):
        if mode == "all":
            if joint is None:
                raise ValueError("a model trained on the papers' joint normalisation needs the "
                                 "targets' range (joint=); it cannot run on recorded views alone")
            lo, scale = joint
        else:
            lo, scale = scaling(x, mode)
        f = lambda a: torch.as_tensor(np.asarray(a), dtype=torch.float32, device=device)[None]  # noqa
        extra = ()
        if hasattr(model, "deflection_latent"):  # Nef-Net v1: continuous-window mode
            from .models.roi import even_bounds
            extra = (even_bounds(x.shape[-1]).to(device),)
        model.eval()
        with torch.no_grad():
            y = model(f((x - lo) / scale), f(ang_in), f(ang_out), *extra)[0].cpu().numpy()
        return y * scale + lo
    return run
