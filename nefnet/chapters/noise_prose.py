"""Chapter 08's findings in words, glued from its tables (nefnet.book.prose)."""

from __future__ import annotations

import pandas as pd

from ..book import prose
from .noise import CLEAN, NOISE_NAMES


def glue_table12(long: pd.DataFrame, method: str, kinds=("powerline", "baseline")) -> pd.DataFrame:
    """For ``method``: how much each noise costs against each reference, relative to clean
    inputs (mean of the devices); returns that table (dB)."""
    part = long[long["method"] == method]
    mean = part.groupby(["reference", "noise"])["psnr"].mean().unstack("reference")
    cost = mean.drop(index=CLEAN) - mean.loc[CLEAN]
    for kind in kinds:
        for ref in ("noisy", "filtered", "truth"):
            prose.value(f"t12_{kind}_{ref}", cost.loc[kind, ref], ".1f", "dB", sign=True)
    limited = all(cost.loc[k, "filtered"] > -1.0 for k in kinds)
    prose.verdict("t12_limited", limited, "holds", "does not hold")
    return cost


def glue_sweep(slope: pd.DataFrame, sweep: pd.DataFrame, v2: str):
    """Slopes (dB PSNR per dB SNR) and the worst case of the sweep."""
    for kind in slope.index.get_level_values("noise").unique():
        prose.value(f"slope_{kind}_v2", slope.loc[(kind, v2), "raw"], ".2f")
        prose.value(f"slope_{kind}_v2_f", slope.loc[(kind, v2), "filtered"], ".2f")
    raw = slope.xs("raw", axis=1)
    worst = raw.groupby(level="noise").mean().idxmax()
    prose.glue("slope_worst", worst)
    low = sweep[sweep["snr_db"] == sweep["snr_db"].min()]
    at_low = low.groupby(["noise", "method", "inputs"])["psnr"].mean()
    for kind in at_low.index.get_level_values("noise").unique():
        gain = at_low.loc[(kind, v2, "filtered")] - at_low.loc[(kind, v2, "raw")]
        prose.value(f"filter_gain_{kind}", gain, ".1f", "dB", sign=True)
    best = at_low.groupby(level=["noise"]).idxmax()
    prose.value("sweep_low_snr", sweep["snr_db"].min(), "g", "dB")
    prose.glue(
        "sweep_low_best",
        "; ".join(
            f"under {NOISE_NAMES.get(k, k)}, {m} ({i} inputs)" for k, (_, m, i) in best.items()
        ),
    )
