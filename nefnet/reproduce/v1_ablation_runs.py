"""Chapter 07's Nef-Net v1 experiment at any scale or ladder rung: the v1 paper's Table 3
ablation on the (4, 4, 4) beat task, each row a configuration switch of the one NefNetV1, the
benchmark row trained with three seeds. The chapter and the scale ladder run it alike."""

from __future__ import annotations

import pandas as pd

from ..book import pipeline_v1
from ..book.scales import preset
from ..book.weights import FULL_V1, V1_EXTRA_SEEDS
from ..models.v1_ablations import V1_ABLATIONS
from ..progress import tqdm
from ..scoring.evaluate import beat_scores
from ..scoring.methods import model_method

TASK = pipeline_v1.V1_ABLATION_TASK
COLUMNS = ("synthesis PSNR", "synthesis SSIM", "transformation PSNR", "transformation SSIM")


def scores(model, records, length) -> dict:
    """Synthesis (the unseen views) and transformation (the supervised views) PSNR/SSIM, mean
    over beats and scored views."""
    s = beat_scores(model_method(model), records, TASK, length)
    out = {}
    for role, task in (("unseen", "synthesis"), ("supervised", "transformation")):
        r = s[s["role"] == role]
        out |= {f"{task} PSNR": r["psnr"].mean(), f"{task} SSIM": r["ssim"].mean()}
    return out


def v1_ablation_table(records, scale=None, torch_device="cpu", progress=True, train_seed=0):
    """(every row's scores with what it changes, the benchmark row's scores per seed): the
    rows trained with ``train_seed``, the benchmark row also with the next seeds."""
    length = preset("v1", scale)["beat_length"]
    model = lambda row, seed=train_seed: pipeline_v1.v1_ablation_model(  # noqa: E731
        row, scale, progress=False, device=torch_device, seed=seed
    )[0]
    rows = {}
    for row in tqdm(V1_ABLATIONS, desc="v1 ablations", disable=not progress):
        rows[row] = {"what": V1_ABLATIONS[row][0], **scores(model(row), records, length)}
    seeds = {train_seed: {k: rows[FULL_V1][k] for k in COLUMNS}}
    extra = [train_seed + s for s in V1_EXTRA_SEEDS]
    for seed in tqdm(extra, desc="seeds", disable=not progress):
        seeds[seed] = scores(model(FULL_V1, seed), records, length)
    return pd.DataFrame(rows).T, pd.DataFrame(seeds).T.rename_axis("seed")
