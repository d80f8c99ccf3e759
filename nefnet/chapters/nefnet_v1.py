"""Chapter 03 (Nef-Net v1): beat-level scoring of the model and of the linear baselines the v1
paper compares with (Dower, KQO, KIM) plus dipole least squares, and synthesis from scratch.

Scores follow the v1 code: each beat (P-on to next P-on) is min–max normalised over its recorded
and target views together, PSNR/SSIM are computed on that scale over the beat's samples. All
methods share one calling convention (:mod:`nefnet.scoring.methods`): the model gets the
beat's joint range and its deflection boundaries, linear baselines work in mV.
"""

from __future__ import annotations

import pandas as pd
import torch

from ..book import paper_numbers, prose
from ..data.beat_dataset import BeatDataset
from ..data.protocols import Protocol
from ..geometry import view_angles
from ..models.layers import device_of
from ..models.nefnet_v1 import mix_latents
from ..scoring.evaluate import beat_scores
from ..scoring.per_patient import LIMIT_NAME as LIMIT


def score_table(runs: dict, records, length=512) -> pd.DataFrame:
    """``{(method, task): (beat method, protocol)}`` → mean PSNR/SSIM per row (scored views)."""
    rows = {}
    for key, (method, protocol) in runs.items():
        s = beat_scores(method, records, protocol, length)
        rows[key] = {
            "PSNR": s["psnr"].mean(),
            "SSIM": s["ssim"].mean(),
            "beats": len(s) // max(1, s["view"].nunique()),
        }
    out = pd.DataFrame(rows).T
    out.index.names = ["method", "task"]
    return out


# ---- synthesis from scratch (v1 §4) --------------------------------------------------------


def deflection_bank(model, records, protocol: Protocol, length=512, max_beats=40):
    """Per diagnostic class, the deflection latent averaged over up to ``max_beats`` beats."""
    ds = BeatDataset(records, protocol, length=length)
    by_class = {}
    for idx, (i, _) in enumerate(ds.beats):
        label = records[i].label
        if len(by_class.setdefault(label, [])) < max_beats:
            by_class[label].append(idx)
    bank, device = {}, device_of(model)
    model.eval()
    with torch.no_grad():
        for label, items in by_class.items():
            batch = [ds[j] for j in items]
            inputs, angles, bounds = (
                torch.stack([b[k] for b in batch]).to(device)
                for k in ("inputs", "input_angles", "bounds")
            )
            lat = model.deflection_latent(inputs, angles, bounds)
            bank[label] = lat.mean(0, keepdim=True)
    return bank


def from_scratch(model, bank, a, b, bounds, views, length=512, rng=None):
    """A new multi-view beat mixed from classes ``a`` and ``b`` (Beta(1, 1)), laid out on
    ``bounds`` (8 sample indices): ``(beats (V, length) normalised, λ)``."""
    latent, lam = mix_latents(bank[a], bank[b], rng)
    device = device_of(model)
    q = torch.as_tensor(view_angles(views), dtype=torch.float32, device=device)[None]
    b8 = torch.as_tensor([bounds], dtype=torch.float32, device=device)
    with torch.no_grad():
        out = model.generate(latent, b8, q, length)
    return out[0].cpu().numpy(), lam


def unseen_cost(table2: pd.DataFrame) -> float:
    """What leaving V2 unseen costs Nef-Net v1 in its Table 2 analogue: PSNR on (3,8+1,0)
    (V2 supervised) minus PSNR on (3,8,1), dB."""
    psnr2 = table2["PSNR"]
    return float(psnr2["Nef-Net v1", "(3,8+1,0)"] - psnr2["Nef-Net v1", "(3,8,1)"])


def findings_texts(table1: pd.DataFrame, table2: pd.DataFrame) -> prose.Texts:
    """The chapter's summary from its Table 1 and Table 2 analogues, next to the paper's
    numbers."""
    t = prose.Texts()
    psnr1 = table1["PSNR"]
    dower_paper = [v[0] for v in paper_numbers.V1_TABLE1[("Dower", "(12,12)")].values()]
    t.value("dower_ours", psnr1["Dower", "(8,12)"], ".1f", "dB")
    t.glue("dower_paper", " / ".join(f"{x:.1f}" for x in dower_paper) + " dB")
    t.verdict(
        "linear_stronger",
        psnr1["Dower", "(8,12)"] > max(dower_paper) + 3,
        "far stronger",
        "not far stronger",
    )
    ours = psnr1.xs("Nef-Net v1", level="method")
    limit = psnr1.xs(LIMIT, level="method")
    best = psnr1.drop(["Nef-Net v1", LIMIT], level="method").groupby(level="task").max()
    t.span("v1_limit", limit.min(), limit.max(), ".1f", "dB")
    t.relation("v1_vs_limit", (ours - limit).values)
    gap = (ours - best).to_dict()  # per task: Nef-Net v1 minus the best linear method
    t.span("v1_psnr", ours.min(), ours.max(), ".1f", "dB")
    t.relation("v1_gap", gap.values())
    t.verdict("v1_beats_linear", min(gap.values()) > 0, "beats them", "does not beat them")
    paper_gain = paper_numbers.v1_gain_over_linear()
    t.span("paper_v1_gain", min(paper_gain), max(paper_gain), ".1f", "dB")
    t.verdict(
        "v1_gain_reproduced",
        min(gap.values()) >= min(paper_gain),
        "is reproduced",
        "does not reproduce under these conditions",
    )
    cost = unseen_cost(table2)
    paper_cost = paper_numbers.v1_unseen_cost()
    t.value("unseen_cost", cost, ".1f", "dB", sign=True)
    t.span("paper_unseen_cost", min(paper_cost), max(paper_cost), ".1f", "dB")
    t.verdict(
        "unseen_cost_verdict",
        cost >= min(paper_cost),
        "is at least as large as the paper reports",
        "is smaller than the paper reports",
    )
    return t
