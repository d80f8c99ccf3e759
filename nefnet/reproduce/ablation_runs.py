"""Chapter 07's NEF-NET v2 experiments at any scale or ladder rung: the Table 11 ablations
(each a configuration switch of the one model, through the same Stage I and Stage II) and
Stage II on 1 … 100 % of a device's records with and without Stage I (Table 9). The chapter and
the scale ladder run them alike."""

from __future__ import annotations

import pandas as pd

from ..book import pipeline
from ..data.protocols import get_protocol
from ..models.variants import ABLATIONS
from ..progress import tqdm
from ..scoring.evaluate import per_record, score_last
from ..scoring.methods import model_method

DEVICE, PROTOCOL = "sim-cpsc", "(3,8,1)"
#: the paper's rows, then ours
TABLE11_ROWS, EXTRA_ROWS = ("A", "B", "C", "D"), ("plain attention", "fixed encoding")


def variant_of(name: str) -> str:
    """The pipeline variant of an ablation (D is the paper variant itself)."""
    return "paper" if name == "D" else f"ablation {name}"


def scores(model, records) -> dict:
    """Synthesis (unseen V2) and reconstruction (supervised leads) PSNR/SSIM, last 5 s."""
    s = score_last(model_method(model), records, get_protocol(PROTOCOL))
    out = {}
    for role, task in (("unseen", "synthesis"), ("supervised", "reconstruction")):
        r = per_record(s, role)
        out |= {f"{task} PSNR": r["psnr"].mean(), f"{task} SSIM": r["ssim"].mean()}
    return out


def ablation_table(records, scale=None, torch_device="cpu", progress=True, train_seed=0):
    """Every ablation after Stage II on the device (both stages trained with ``train_seed``):
    what it is and its scores."""
    rows = {}
    seeds = {"seed": train_seed, "stage1_seed": train_seed}
    for name in tqdm((*TABLE11_ROWS, *EXTRA_ROWS), desc="ablations", disable=not progress):
        model, _ = pipeline.stage2_model(
            DEVICE, scale, PROTOCOL, variant_of(name), progress=False, device=torch_device, **seeds
        )
        rows[name] = {"what": ABLATIONS[name][0], **scores(model, records)}
    return pd.DataFrame(rows).T


def data_efficiency(records, sizes, scale=None, torch_device="cpu", progress=True, train_seed=0):
    """Synthesis scores after Stage II on the first ``sizes`` device records, from Stage I and
    from random weights (the same crops per epoch either way)."""
    rows = []
    for n in tqdm(sizes, desc="Table 9", disable=not progress):
        for pretrained in (False, True):
            model, _ = pipeline.stage2_model(
                DEVICE,
                scale,
                PROTOCOL,
                "paper",
                False,
                torch_device,
                n,
                pretrained,
                seed=train_seed,
                stage1_seed=train_seed,
            )
            s = scores(model, records)
            rows.append(
                {
                    "records": n,
                    "share": n / sizes[-1],
                    "Stage I": pretrained,
                    "PSNR": s["synthesis PSNR"],
                    "SSIM": s["synthesis SSIM"],
                }
            )
    return pd.DataFrame(rows)
