"""Does scale change the verdicts? Each headline claim's gap (:mod:`.scale_claims`) against
log10(training items): a trend with its uncertainty, and a verdict class computed from them —
never typed by hand.

Classes (:func:`classify`), on the mean gap of each rung over its training seeds:

* ``holds at every rung`` — the gap has the paper's sign at every rung;
* ``moving towards the paper`` — it does not hold at every rung, but the fitted slope's 95 %
  interval (Student's t on the residual degrees of freedom) lies above zero; the trend's
  crossing of the paper's value (or of the goal, for claims the paper does not make) is
  reported as an extrapolated rung;
* ``fails at every rung with no trend towards the paper`` — the wrong sign at every rung, no
  such slope;
* ``mixed, no trend towards the paper`` — holds at some rungs and not at others, no such slope.

While the runs leave no residual degree of freedom (one seed per rung, two rungs), no trend can
be tested and the last two classes say so (:data:`UNTESTED`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .scale_claims import CLAIMS, gaps
from .scale_extra_claims import EXTRA_CLAIMS, extra_gaps

HOLDS, MOVING, FAILS, MIXED = (
    "holds at every rung",
    "moving towards the paper",
    "fails at every rung with no trend towards the paper",
    "mixed, no trend towards the paper",
)
#: what the last two read while the runs leave no residual degree of freedom for a trend
UNTESTED = {
    FAILS: "fails at every rung so far; too few runs to test a trend",
    MIXED: "mixed; too few runs to test a trend",
}
#: a slope is a trend when its two-sided 95 % interval (Student's t on the fit's residual
#: degrees of freedom) lies above zero
CONFIDENCE = 0.95


def claim_tables(scores: dict, extras: dict | None = None) -> list:
    """``(claim, gaps)`` of every claim: the runs' claims, then the chapters 06 and 07 claims of
    ``extras`` when given."""
    pairs = [(c, gaps(scores, c)) for c in CLAIMS]
    return pairs + ([(c, extra_gaps(extras, c)) for c in EXTRA_CLAIMS] if extras else [])


def t_factor(dof: int) -> float:
    """Standard errors spanned by half the :data:`CONFIDENCE` interval at ``dof`` degrees of
    freedom (inf without any)."""
    from scipy.stats import t

    return float(t.ppf(0.5 + CONFIDENCE / 2, dof)) if dof >= 1 else float("inf")


def fit_trend(items, gap) -> dict:
    """Least squares of ``gap = a + b·log10(items)`` over every run (seeds as points): slope
    ``b`` per decade of items, its standard error (inf without a residual degree of freedom),
    the intercept, and what :func:`trend_line` needs for the band."""
    x, y = np.log10(np.asarray(items, float)), np.asarray(gap, float)
    out = {"n": len(y), "x_mean": float(np.mean(x)), "sxx": float(np.sum((x - np.mean(x)) ** 2))}
    if out["sxx"] == 0:
        return out | {
            "slope": float("nan"),
            "se": float("inf"),
            "intercept": float(np.mean(y)),
            "sigma": float("nan"),
        }
    A = np.column_stack([np.ones_like(x), x])
    coef, *_ = np.linalg.lstsq(A, y, rcond=None)
    dof = len(y) - 2
    sigma = float(np.sqrt(np.sum((y - A @ coef) ** 2) / dof)) if dof >= 1 else float("nan")
    se = sigma / np.sqrt(out["sxx"]) if dof >= 1 else float("inf")
    return out | {
        "slope": float(coef[1]),
        "se": float(se),
        "intercept": float(coef[0]),
        "sigma": sigma,
    }


def trend_line(trend: dict, items) -> tuple[np.ndarray, np.ndarray]:
    """The fitted gap at ``items`` and the half-width of its band (the :data:`CONFIDENCE`
    interval of the fitted mean; NaN where the fit has no residual degree of freedom)."""
    x = np.log10(np.asarray(items, float))
    y = trend["intercept"] + np.nan_to_num(trend["slope"]) * x
    n = max(trend["n"], 1)
    sxx = trend["sxx"] or np.inf
    half = (
        t_factor(trend["n"] - 2)
        * trend["sigma"]
        * np.sqrt(1 / n + (x - trend["x_mean"]) ** 2 / sxx)
    )
    return y, half


def classify(table: pd.DataFrame, target: float) -> dict:
    """The verdict class of one model's gaps (rows of :func:`gaps`): rung means, the trend and,
    when it rises, the items at which it would reach ``target`` (an extrapolation)."""
    means = table.groupby("items")["gap_db"].mean().sort_index()
    spread = table.groupby("items")["gap_db"].std(ddof=1).reindex(means.index)
    trend = fit_trend(table["items"], table["gap_db"])
    rising = np.isfinite(trend["se"]) and trend["slope"] > t_factor(trend["n"] - 2) * trend["se"]
    holds = bool((means > 0).all())
    if holds:
        verdict = HOLDS
    elif rising:
        verdict = MOVING
    elif bool((means <= 0).all()):
        verdict = FAILS
    else:
        verdict = MIXED
    if verdict in UNTESTED and not np.isfinite(trend["se"]):
        verdict = UNTESTED[verdict]
    reach = None
    if rising and means.iloc[-1] < target:
        reach = float(10 ** ((target - trend["intercept"]) / trend["slope"]))
    return {
        "verdict": verdict,
        "rungs": len(means),
        "gap_by_items": {int(k): float(v) for k, v in means.items()},
        "sd_by_items": {int(k): (None if pd.isna(v) else float(v)) for k, v in spread.items()},
        "top_gap_db": float(means.iloc[-1]),
        "target_db": float(target),
        "missed_by_db": float(max(0.0, target - means.iloc[-1])),
        "reach_items": reach,
        **trend,
    }


def verdicts(scores: dict, extras: dict | None = None) -> pd.DataFrame:
    """Every claim × model with a verdict class (rows without scores are left out); the
    chapters 06 and 07 claims from ``extras`` when given."""
    rows = []
    for claim, table in claim_tables(scores, extras):
        for model, part in table.groupby("model"):
            rows.append(
                {
                    "claim": claim.key,
                    "text": claim.text,
                    "model": model,
                    "unit": claim.unit,
                    "paper_target": claim.paper,
                }
                | classify(part, claim.target)
            )
    return pd.DataFrame(rows)
