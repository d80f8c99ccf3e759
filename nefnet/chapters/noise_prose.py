"""Chapter 08's findings in words, from its tables (:class:`nefnet.book.prose.Texts`)."""

from __future__ import annotations

import pandas as pd

from ..book import prose
from .noise import CLEAN, NOISE_NAMES


def table12_cost(long: pd.DataFrame, method: str) -> pd.DataFrame:
    """For ``method``: how much each noise costs against each reference, relative to clean
    inputs (mean of the devices), dB."""
    part = long[long["method"] == method]
    mean = part.groupby(["reference", "noise"])["psnr"].mean().unstack("reference")
    return mean.drop(index=CLEAN) - mean.loc[CLEAN]


def table12_texts(cost: pd.DataFrame, kinds=("powerline", "baseline")) -> prose.Texts:
    """Each noise's cost (:func:`table12_cost`) against each reference, and whether filtering
    keeps it under 1 dB."""
    t = prose.Texts()
    for kind in kinds:
        for ref in ("noisy", "filtered", "truth"):
            t.value(f"t12_{kind}_{ref}", cost.loc[kind, ref], ".1f", "dB", sign=True)
    limited = all(cost.loc[k, "filtered"] > -1.0 for k in kinds)
    t.verdict("t12_limited", limited, "holds", "does not hold")
    return t


def sweep_texts(slope: pd.DataFrame, sweep: pd.DataFrame, v2: str) -> prose.Texts:
    """Slopes (dB PSNR per dB SNR) and the worst case of the sweep."""
    t = prose.Texts()
    for kind in slope.index.get_level_values("noise").unique():
        t.value(f"slope_{kind}_v2", slope.loc[(kind, v2), "raw"], ".2f")
        t.value(f"slope_{kind}_v2_f", slope.loc[(kind, v2), "filtered"], ".2f")
    raw = slope.xs("raw", axis=1)
    worst = raw.groupby(level="noise").mean().idxmax()
    t.glue("slope_worst", worst)
    low = sweep[sweep["snr_db"] == sweep["snr_db"].min()]
    at_low = low.groupby(["noise", "method", "inputs"])["psnr"].mean()
    for kind in at_low.index.get_level_values("noise").unique():
        gain = at_low.loc[(kind, v2, "filtered")] - at_low.loc[(kind, v2, "raw")]
        t.value(f"filter_gain_{kind}", gain, ".1f", "dB", sign=True)
    best = at_low.groupby(level=["noise"]).idxmax()
    t.value("sweep_low_snr", sweep["snr_db"].min(), "g", "dB")
    t.glue(
        "sweep_low_best",
        "; ".join(
            f"under {NOISE_NAMES.get(k, k)}, {m} ({i} inputs)" for k, (_, m, i) in best.items()
        ),
    )
    return t
