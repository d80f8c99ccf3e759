"""Automatic bundle-branch-block criteria on any set of leads — measured on one beat (a median
beat or a single registered beat): QRS duration from all leads together, the V1 pattern (rsR′
or QS/rS), q waves in I and V6, and T-wave discordance in V1 and V6. They read the same on true
and on synthesized leads, so a synthesis can be checked by whether the criteria survive it."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.ndimage import uniform_filter1d

#: the criteria, in the order tables show them
CRITERIA = (
    "QRS ≥ 120 ms",
    "rsR′ in V1",
    "QS/rS in V1",
    "no q in I and V6",
    "T discordant in V1 and V6",
)
#: the leads the criteria read
LEADS = ("I", "V1", "V6")
#: a deflection counts when it exceeds this fraction of the QRS's largest excursion
SIGNIFICANT = 0.15


def qrs_window(beat: np.ndarray, rate: float, search_ms=(80.0, 200.0)) -> tuple[int, int]:
    """QRS onset and offset (samples) of a beat (L, T): where the summed absolute slope of all
    leads, smoothed over 10 ms, stays above 15 % of its peak around the R wave."""
    slope = np.abs(np.diff(beat, axis=1)).sum(axis=0)
    slope = uniform_filter1d(slope, max(1, int(0.01 * rate)))
    peak = int(np.argmax(slope))
    above = slope > 0.15 * slope[peak]
    lo = max(0, peak - int(search_ms[0] * rate / 1000))
    hi = min(len(slope), peak + int(search_ms[1] * rate / 1000))
    on = peak
    while on > lo and above[on - 1]:
        on -= 1
    off = peak
    while off < hi - 1 and above[off + 1]:
        off += 1
    return on, off + 1


def deflections(x: np.ndarray) -> dict:
    """Shape of one lead's QRS segment (baseline at its onset): first and last significant
    deflection signs, the largest positive value before the deepest point, the extremes and
    where the last positive peak lies (fraction of the QRS)."""
    seg = x - x[0]
    big = np.abs(seg).max() + 1e-12
    sig = np.nonzero(np.abs(seg) > SIGNIFICANT * big)[0]
    if len(sig) == 0:
        return {"first": 0, "last": 0, "r_before_nadir": 0.0, "min": 0.0, "max": 0.0, "late": 0.0}
    nadir = int(np.argmin(seg))
    return {
        "first": int(np.sign(seg[sig[0]])),
        "last": int(np.sign(seg[sig[-1]])),
        "r_before_nadir": float(max(seg[: nadir + 1].max(), 0.0)),
        "min": float(seg.min()),
        "max": float(seg.max()),
        "late": float(np.argmax(seg) / max(len(seg) - 1, 1)),
    }


def measure(beat: dict, rate: float, window=None) -> dict:
    """Every criterion on one beat ``{lead: samples}`` (I, V1, V6 at least; every lead given
    helps find the QRS), with the QRS window found from all leads unless ``window`` is given."""
    missing = [v for v in LEADS if v not in beat]
    if missing:
        raise ValueError(f"the criteria need leads {list(LEADS)}; missing {missing}")
    stack = np.stack([np.asarray(v, dtype=float) for v in beat.values()])
    on, off = window if window is not None else qrs_window(stack, rate)
    shape = {v: deflections(np.asarray(beat[v], dtype=float)[on:off]) for v in LEADS}
    v1 = shape["V1"]
    t0, t1 = off + int(0.04 * rate), off + int(0.30 * rate)

    def discordant(lead):
        x = np.asarray(beat[lead], dtype=float)
        base = x[on]
        qrs, t = (x[on:off] - base).sum(), (x[t0:t1] - base).sum()
        return bool(np.sign(qrs) != np.sign(t)) if t1 <= len(x) else False

    return {
        "qrs_ms": 1000.0 * (off - on) / rate,
        "QRS ≥ 120 ms": 1000.0 * (off - on) / rate >= 120.0,
        "rsR′ in V1": v1["last"] == 1 and v1["late"] > 0.4 and v1["max"] > 0,
        "QS/rS in V1": v1["r_before_nadir"] < SIGNIFICANT * abs(v1["min"]) and v1["min"] < 0,
        "no q in I and V6": shape["I"]["first"] == 1 and shape["V6"]["first"] == 1,
        "T discordant in V1 and V6": discordant("V1") and discordant("V6"),
    }


def diagnose(c: dict, use_duration=True) -> str:
    """RBBB (wide QRS, rsR′ in V1), LBBB (wide QRS, QS/rS in V1, no q in I and V6) or
    neither; ``use_duration=False`` for registered beats whose widths are not real."""
    wide = c["QRS ≥ 120 ms"] or not use_duration
    if wide and c["rsR′ in V1"]:
        return "RBBB"
    if wide and c["QS/rS in V1"] and c["no q in I and V6"]:
        return "LBBB"
    return "neither"


def agreement(true: pd.DataFrame, synth: pd.DataFrame, by: pd.Series) -> pd.DataFrame:
    """Per group (e.g. class) and criterion: how often it holds on the true leads, on the
    leads with synthesized ones, and how often the two agree (rows aligned)."""
    rows = []
    for group in by.unique():
        mask = (by == group).to_numpy()
        for name in CRITERIA:
            t, s = true.loc[mask, name].astype(bool), synth.loc[mask, name].astype(bool)
            rows.append(
                {
                    "group": group,
                    "criterion": name,
                    "true leads": t.mean(),
                    "synthesized": s.mean(),
                    "agreement": float((t.to_numpy() == s.to_numpy()).mean()),
                }
            )
    return pd.DataFrame(rows).set_index(["group", "criterion"])


def diagnostic_accuracy(labels, diagnoses, classes=("LBBB", "RBBB")) -> pd.DataFrame:
    """Sensitivity and specificity of a diagnosis per class against the true labels."""
    labels, diagnoses = np.asarray(labels), np.asarray(diagnoses)
    rows = []
    for c in classes:
        pos, called = labels == c, diagnoses == c
        rows.append(
            {
                "class": c,
                "sensitivity": float(called[pos].mean()) if pos.any() else np.nan,
                "specificity": float((~called[~pos]).mean()) if (~pos).any() else np.nan,
                "n": int(pos.sum()),
            }
        )
    return pd.DataFrame(rows).set_index("class")
