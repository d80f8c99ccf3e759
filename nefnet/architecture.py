"""Small analyses of the NEF-NET v2 architecture shown in chapter 04.

Used in: notebooks/04_nefnet_v2
"""

from __future__ import annotations

import time

import numpy as np
import pandas as pd
import torch

from .geometry import view_angles
from .models import NefNetV1, NefNetV1Config, NefNetV2, NefNetV2Config


def parameter_table() -> pd.DataFrame:
    """Parameter counts of both models at each preset."""
    rows = []
    for preset in ("smoke", "book", "paper"):
        for name, model in (("Nef-Net v1", NefNetV1(NefNetV1Config.preset(preset))),
                            ("NEF-NET v2", NefNetV2(NefNetV2Config.preset(preset)))):
            rows.append({"preset": preset, "model": name,
                         "parameters": sum(p.numel() for p in model.parameters())})
    return pd.DataFrame(rows).pivot(index="preset", columns="model", values="parameters") \
        .loc[["smoke", "book", "paper"]]


def encoding_identity(n=5, seed=0) -> pd.DataFrame:
    """sinθcosφ and sinθsinφ from the sin/cos of θ ± φ (why the encoding can express u)."""
    rng = np.random.default_rng(seed)
    theta, phi = rng.uniform(0, np.pi, n), rng.uniform(-np.pi, np.pi, n)
    return pd.DataFrame({
        "theta_deg": np.degrees(theta).round(1), "phi_deg": np.degrees(phi).round(1),
        "sinθcosφ": np.sin(theta) * np.cos(phi),
        "[sin(θ+φ)+sin(θ−φ)]/2": (np.sin(theta + phi) + np.sin(theta - phi)) / 2,
        "sinθsinφ": np.sin(theta) * np.sin(phi),
        "[cos(θ−φ)−cos(θ+φ)]/2": (np.cos(theta - phi) - np.cos(theta + phi)) / 2})


def attention_maps(model, recorded, queries) -> pd.DataFrame:
    """GAA weights (queries × recorded views) of a model for named views."""
    f = lambda v: torch.as_tensor(view_angles(v), dtype=torch.float32)[None]  # noqa: E731
    model.eval()
    with torch.no_grad():
        _, gaa = model(torch.zeros(1, len(recorded), 64), f(recorded), f(queries),
                       return_attention=True)
    return pd.DataFrame(gaa[0].numpy(), index=list(queries), columns=list(recorded))


def length_check(model, record, recorded, query, seconds=(5, 10, 60)) -> pd.DataFrame:
    """Run one model on the first 5, 10, 60 s of a record: output length, time, and how much
    the first 4 s of the output change with the input length (should be ≈ 0 away from edges)."""
    from .evaluate import model_method

    method = model_method(model)
    fs = record.sampling_rate
    ang_in, ang_out = view_angles(recorded), view_angles([query])
    ref, rows = None, []
    for s in seconds:
        x = record.select(recorded)[:, :int(s * fs)]
        start = time.perf_counter()
        y = method(x, recorded, ang_in, [query], ang_out)
        ms = 1000 * (time.perf_counter() - start)
        head = y[0, int(0.5 * fs):int(4 * fs)]
        ref = head if ref is None else ref
        rows.append({"input_s": s, "input_samples": x.shape[1], "output_samples": y.shape[1],
                     "ms": round(ms, 1), "max change in 0.5–4 s vs 5-s input (µV)":
                     round(1000 * float(np.abs(head - ref).max()), 2)})
    return pd.DataFrame(rows).set_index("input_s")


def encoding_linear_fit(n=2000, seed=0) -> pd.Series:
    """Least-squares fit of the view's unit vector from its 12 Angular-Encoding features over
    random angles: the largest residual per component (≈ 1e-15 when exactly linear)."""
    from .geometry import unit_vector
    from .models import AngularEncoding

    rng = np.random.default_rng(seed)
    theta, phi = rng.uniform(0, np.pi, n), rng.uniform(-np.pi, np.pi, n)
    feats = AngularEncoding()(torch.as_tensor(np.stack([theta, phi], 1))).numpy()
    u = unit_vector(theta, phi)  # (n, 3)
    design = np.hstack([feats, np.ones((n, 1))])
    coef = np.linalg.lstsq(design, u, rcond=None)[0]
    return pd.Series(np.abs(design @ coef - u).max(0), index=["x", "y", "z"],
                     name="max |residual|")
