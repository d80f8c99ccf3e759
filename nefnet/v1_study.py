"""Nef-Net v1 experiments of chapter 03: beat-mode training runs (cached) and beat-level scoring
of the model and the linear baselines the v1 paper compares with (Dower, KQO, KIM) plus
dipole least squares.

Scores follow the v1 code: each beat (P-on to next P-on) is min–max normalised over its recorded
and target views together, PSNR/SSIM are computed on that scale over the beat's samples. Linear
baselines work in mV and are normalised with the same range afterwards.

Used in: notebooks/03_nefnet_v1
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import torch

from . import baselines, dipole, metrics
from .data.beat_dataset import BeatDataset, WindowDataset, beat_index, _waves, _KEYS
from .data.protocols import Protocol
from .data.torch_dataset import ViewPairDataset
from .geometry import view_angles
from .modelio import cached
from .models import NefNetV1Config
from .pipeline import TRAIN_SEED, pooled_records, training_protocol
from .scales import preset
from .train import TrainConfig
from .views import DERIVED_LIMB


def beat_model(recorded, supervised, scale=None, deflection_only=False, progress=True):
    """A beat-mode Nef-Net v1 trained on ``recorded`` → ``supervised`` views (cached);
    ``deflection_only`` gives the synthesis-from-scratch variant (Z_b ≡ 0)."""
    p = preset("v1", scale)
    model_cfg = replace(NefNetV1Config.preset(p["preset"]), deflection_only=deflection_only)
    train_cfg = TrainConfig(epochs=p["epochs"], batch_size=p["batch_size"], lr=p["lr"],
                            lr_step=p["lr_step"])
    task = Protocol("v1", tuple(recorded), tuple(supervised))
    data = {"mode": "beat", "records": p["records"], "seed": TRAIN_SEED,
            "protocol": [list(task.recorded), list(task.targets)], "length": p["beat_length"]}

    def make():
        recs = pooled_records(p["records"], TRAIN_SEED, progress=progress)
        return BeatDataset(recs, task, length=p["beat_length"])
    return cached(model_cfg, train_cfg, data, make, progress=progress)


def window_model(protocol="(3,8,1)", scale=None, progress=True):
    """Nef-Net v1 in continuous-window mode on a protocol's training configuration, with the
    crops, normalisation (by the recorded views) and batch size of NEF-NET v2's Stage II, on
    pooled records of the four devices."""
    p, s2 = preset("v1", scale), preset("stage2", scale)
    model_cfg = replace(NefNetV1Config.preset(p["preset"]), output="linear", normalize="recorded")
    train_cfg = TrainConfig(epochs=p["window_epochs"], batch_size=s2["batch_size"],
                            lr=p["window_lr"], lr_step=p["window_lr_step"])
    task = training_protocol(protocol)
    data = {"mode": "window", "records": p["window_records"], "seed": TRAIN_SEED,
            "protocol": [list(task.recorded), list(task.targets)],
            "crop_seconds": s2["crop_seconds"]}

    def make():
        recs = pooled_records(p["window_records"], TRAIN_SEED, progress=progress)
        n = int(s2["crop_seconds"] * recs[0].sampling_rate)
        return WindowDataset(ViewPairDataset(recs, task, crop=(int(0.8 * n), n),
                                             normalize_by=model_cfg.normalize, seed=1))
    return cached(model_cfg, train_cfg, data, make, progress=progress)


# ---- beat-level scoring --------------------------------------------------------------------

def model_beat_method(model):
    """Nef-Net v1 on normalised beats (with their deflection boundaries)."""
    def run(xn, recorded, targets, bounds):
        f = lambda a: torch.as_tensor(np.asarray(a), dtype=torch.float32)[None]  # noqa: E731
        model.eval()
        with torch.no_grad():
            return model(f(xn), f(view_angles(recorded)), f(view_angles(targets)),
                         f(bounds))[0].numpy()
    run.normalised = True
    return run


def linear_beat_method(name):
    """A linear baseline on mV beats: "Dower", "KIM" (Kors), "KQO" or "dipole-LSQ"."""
    routes = {"Dower": baselines.dower_route, "KIM": baselines.kors_route,
              "KQO": baselines.kqo_route, "dipole-LSQ": dipole.synthesize}
    if name not in routes:
        raise ValueError(f"unknown baseline {name!r}; expected one of {sorted(routes)}")

    def run(x, recorded, targets, bounds):
        return routes[name](x, list(recorded), list(targets))
    run.normalised = False
    return run


def beat_bounds(record, k, length=512):
    """The 8 deflection boundaries (samples from P-on) of beat ``k`` of ``record``."""
    w = _waves(record)
    start = int(w["p_on"][k])
    n = min(int(w["p_on"][k + 1]) - start, length)
    return [0] + [min(int(w[key][k]) - start, n) for key in _KEYS] + [n]


def score_table(runs: dict, records, length=512) -> pd.DataFrame:
    """``{(method, task): (beat method, protocol)}`` → mean PSNR/SSIM per row (scored views)."""
    rows = {}
    for key, (method, protocol) in runs.items():
        s = beat_scores(method, records, protocol, length)
        rows[key] = {"PSNR": s["psnr"].mean(), "SSIM": s["ssim"].mean(), "beats": len(s)
                     // max(1, s["view"].nunique())}
    out = pd.DataFrame(rows).T
    out.index.names = ["method", "task"]
    return out


def beat_scores(method, records, protocol: Protocol, length=512, max_beats=None):
    """Per (record, beat, view) PSNR/SSIM on jointly normalised beats, derived limb leads
    excluded from the scored views."""
    rows = []
    targets = protocol.targets
    for i, k in beat_index(records, length)[:max_beats]:
        rec = records[i]
        w = _waves(rec)
        start = int(w["p_on"][k])
        n = min(int(w["p_on"][k + 1]) - start, length)
        x = rec.select(protocol.recorded)[:, start:start + n]
        ref = rec.clean if getattr(rec, "clean", None) is not None else rec.signals
        y = ref[[rec.leads.index(v) for v in targets]][:, start:start + n]
        _, lo, scale = metrics.minmax_normalize(np.vstack([x, y]))
        lo, scale = lo.ravel()[0], scale.ravel()[0]
        bounds = beat_bounds(rec, k, length)
        if method.normalised:
            pn = method((x - lo) / scale, protocol.recorded, targets, bounds)
        else:
            pn = (method(x, protocol.recorded, targets, bounds) - lo) / scale
        yn = (y - lo) / scale
        psnr = metrics.psnr(pn[None], yn[None], reduction="none")[0]
        ssim = metrics.ssim(pn[None], yn[None], reduction="none")[0]
        for j, v in enumerate(targets):
            if v not in DERIVED_LIMB:
                rows.append({"record": rec.name, "beat": k, "view": v,
                             "role": "unseen" if v in protocol.unseen else "supervised",
                             "psnr": psnr[j], "ssim": ssim[j]})
    return pd.DataFrame(rows)


# ---- synthesis from scratch (v1 §4) --------------------------------------------------------

def deflection_bank(model, records, protocol: Protocol, length=512, max_beats=40):
    """Per diagnostic class, the deflection latent averaged over up to ``max_beats`` beats."""
    ds = BeatDataset(records, protocol, length=length)
    by_class = {}
    for idx, (i, _) in enumerate(ds.beats):
        label = records[i].label
        if len(by_class.setdefault(label, [])) < max_beats:
            by_class[label].append(idx)
    bank = {}
    model.eval()
    with torch.no_grad():
        for label, items in by_class.items():
            batch = [ds[j] for j in items]
            stack = lambda k: torch.stack([b[k] for b in batch])  # noqa: E731
            lat = model.deflection_latent(stack("inputs"), stack("input_angles"), stack("bounds"))
            bank[label] = lat.mean(0, keepdim=True)
    return bank


def from_scratch(model, bank, a, b, bounds, views, length=512, rng=None):
    """A new multi-view beat mixed from classes ``a`` and ``b`` (Beta(1, 1)), laid out on
    ``bounds`` (8 sample indices): ``(beats (V, length) normalised, λ)``."""
    from .models.nefnet_v1 import mix_latents

    latent, lam = mix_latents(bank[a], bank[b], rng)
    q = torch.as_tensor(view_angles(views), dtype=torch.float32)[None]
    with torch.no_grad():
        out = model.generate(latent, torch.as_tensor([bounds], dtype=torch.float32), q, length)
    return out[0].numpy(), lam
