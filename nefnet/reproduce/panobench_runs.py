"""Chapter 06's Table 3 experiment at any scale or ladder rung: Nef-Net v1 and NEF-NET v2
trained on the 48-view device with a number of recorded and supervised views, scored for
reconstruction and synthesis; and the per-method scoring of its tables. The chapter and the
scale ladder run it alike."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..book import pipeline, pipeline_v1
from ..data.protocols import Protocol, get_protocol
from ..models import VARIANT_LABELS
from ..progress import tqdm
from ..scoring.evaluate import per_record, role_of, score_last
from ..scoring.methods import for_record, model_method
from ..scoring.per_patient import LIMIT_NAME as LIMIT, linear_limit

#: the two tasks of the papers: scored on the supervised views, or on the unseen ones
TASKS = {"supervised": "reconstruction", "unseen": "synthesis"}
V1, V2 = "Nef-Net v1", VARIANT_LABELS["paper"]


def table3_methods(n_in, n_sup, scale=None, torch_device="cpu", train_seed=0) -> dict:
    """Nef-Net v1 and NEF-NET v2 (the paper's architecture, Stage II from the shared Stage I)
    trained on the 48-view device with ``n_in`` recorded and ``n_sup`` supervised views, and
    the linear limit of the cell (an oracle: the ceiling of every linear map)."""
    protocol = f"panobench({n_in},{n_sup})"
    kw = {"progress": False, "device": torch_device, "seed": train_seed}
    v1, _ = pipeline_v1.v1_window_model(protocol, scale, sim_device="sim-panobench", **kw)
    v2, _ = pipeline.stage2_model(
        "sim-panobench", scale, protocol, "paper", stage1_seed=train_seed, **kw
    )
    return {V1: model_method(v1), VARIANT_LABELS["paper"]: model_method(v2), LIMIT: linear_limit}


def score_methods(methods: dict, records, task: Protocol, roles=None, **keys) -> list[dict]:
    """Mean ± SD over records of every method on the protocol ``task`` (last 5 s), for each
    role (default: the one the protocol is scored on); ``keys`` label the rows."""
    rows = []
    for name, method in methods.items():
        scores = pd.concat(
            [score_last(for_record(method, r), [r], task) for r in records], ignore_index=True
        )
        for role in roles or [role_of(task)]:
            rec = per_record(scores, role)
            rows.append(
                {
                    **keys,
                    "task": TASKS[role],
                    "method": name,
                    "psnr": float(rec["psnr"].mean()),
                    "psnr_sd": float(rec["psnr"].std(ddof=1)) if len(rec) > 1 else np.nan,
                    "ssim": float(rec["ssim"].mean()),
                }
            )
    return rows


def table3_long(models: dict, records, progress=True) -> pd.DataFrame:
    """``models`` maps (inputs, supervised) to {method: SynthesisMethod}; each is scored on
    the Panobench records for reconstruction and synthesis."""
    rows = []
    for (n_in, n_sup), methods in tqdm(models.items(), desc="Table 3", disable=not progress):
        protocol = get_protocol(f"panobench({n_in},{n_sup})")
        rows += score_methods(
            methods, records, protocol, ["supervised", "unseen"], inputs=n_in, supervised=n_sup
        )
    return pd.DataFrame(rows)
