"""Chapter 04 (NEF-NET v2 architecture): parameter counts, attention maps of a trained model and
one model on inputs of several lengths."""

from __future__ import annotations

import time

import numpy as np
import pandas as pd
import torch

from ..geometry import view_angles
from ..models import NefNetV1, NefNetV1Config, NefNetV2, NefNetV2Config
from ..models.layers import device_of
from ..scoring.synthesis import synthesize


def parameter_table() -> pd.DataFrame:
    """Parameter counts of both models at each preset."""
    rows = []
    for preset in ("smoke", "book", "paper"):
        for name, model in (
            ("Nef-Net v1", NefNetV1(NefNetV1Config.preset(preset))),
            ("NEF-NET v2", NefNetV2(NefNetV2Config.preset(preset))),
        ):
            rows.append(
                {
                    "preset": preset,
                    "model": name,
                    "parameters": sum(p.numel() for p in model.parameters()),
                }
            )
    return (
        pd.DataFrame(rows)
        .pivot(index="preset", columns="model", values="parameters")
        .loc[["smoke", "book", "paper"]]
    )


def attention_maps(model, recorded, queries) -> pd.DataFrame:
    """GAA weights (queries × recorded views) of a model for named views."""
    device = device_of(model)
    f = lambda v: torch.as_tensor(view_angles(v), dtype=torch.float32, device=device)[None]  # noqa: E731
    model.eval()
    with torch.no_grad():  # the GAA depends on the angles only: any signal will do
        _, gaa = model(
            torch.zeros(1, len(recorded), 64, device=device),
            f(recorded),
            f(queries),
            return_attention=True,
        )
    return pd.DataFrame(gaa[0].cpu().numpy(), index=list(queries), columns=list(recorded))


def length_check(model, record, recorded, query, seconds=(5, 10, 60)) -> pd.DataFrame:
    """Run one model on the first 5, 10, 60 s of a record: output length, time, and how much
    the first 4 s of the output change with the input length (should be ≈ 0 away from edges)."""
    fs = record.sampling_rate
    ang_in, ang_out = view_angles(recorded), view_angles([query])
    ref, rows = None, []
    for s in seconds:
        x = record.select(recorded)[:, : int(s * fs)]
        start = time.perf_counter()
        y = synthesize(model, x, ang_in, ang_out)
        ms = 1000 * (time.perf_counter() - start)
        head = y[0, int(0.5 * fs) : int(4 * fs)]
        ref = head if ref is None else ref
        rows.append(
            {
                "input_s": s,
                "input_samples": x.shape[1],
                "output_samples": y.shape[1],
                "ms": round(ms, 1),
                "max change in 0.5–4 s vs 5-s input (µV)": round(
                    1000 * float(np.abs(head - ref).max()), 2
                ),
            }
        )
    return pd.DataFrame(rows).set_index("input_s")
