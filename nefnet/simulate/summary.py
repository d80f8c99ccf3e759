"""Tables that describe a set of SimPanobench records (used by chapter 02 and its tests)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..views import PANOBENCH_42, PRECORDIAL
from . import validate
from .devices import DEVICES


def class_table(records) -> pd.DataFrame:
    """Per class: record count, median QRS duration (ms), PR (ms), heart rate (bpm)."""
    rows = []
    for rec in records:
        w = rec.waves
        has_p = w["p_on"] >= 0
        rows.append(
            {
                "class": rec.label,
                "qrs_ms": np.median(validate.qrs_durations_ms(rec)),
                "pr_ms": 1000 * np.median((w["qrs_on"] - w["p_on"])[has_p]) / rec.sampling_rate
                if has_p.any()
                else np.nan,
                "heart_rate": rec.meta["heart_rate"],
            }
        )
    table = pd.DataFrame(rows).groupby("class")
    return table.agg(
        records=("qrs_ms", "size"),
        qrs_ms=("qrs_ms", "median"),
        qrs_ms_min=("qrs_ms", "min"),
        pr_ms=("pr_ms", "median"),
        heart_rate=("heart_rate", "median"),
    )


def bbb_criteria(records) -> pd.DataFrame:
    """Fraction of LBBB/RBBB records meeting each criterion (reference §3.1)."""
    rows = []
    for rec in records:
        if rec.label == "RBBB":
            v1 = validate.qrs_morphology(rec, "V1")
            rows.append(
                {
                    "class": "RBBB",
                    "QRS ≥ 120 ms": validate.qrs_durations_ms(rec).min() >= 120,
                    "rsR′ in V1 (terminal R, R-peak > 50 ms)": v1["last"] == 1
                    and v1["r_peak_ms"] > 50,
                    "terminal S in I and V6": all(
                        validate.qrs_morphology(rec, v)["last"] == -1 for v in ("I", "V6")
                    ),
                }
            )
        elif rec.label == "LBBB":
            v1 = validate.qrs_morphology(rec, "V1")
            rows.append(
                {
                    "class": "LBBB",
                    "QRS ≥ 120 ms": validate.qrs_durations_ms(rec).min() >= 120,
                    "QS/rS in V1": v1["r_before_nadir"] < 0.15 * abs(v1["min"]),
                    "broad R without q in I and V6": all(
                        validate.qrs_morphology(rec, v)["first"] == 1 for v in ("I", "V6")
                    ),
                }
            )
    return pd.DataFrame(rows).groupby("class").mean() if rows else pd.DataFrame()


def dipole_r2_table(records) -> pd.DataFrame:
    """Single-dipole least-squares fit of all 48 chest views per record: R² by view group."""
    views = list(PRECORDIAL) + list(PANOBENCH_42)
    r2 = np.array([validate.single_dipole_r2(r, views) for r in records])  # (N, 48)
    groups = {
        "V1–V6": slice(0, 6),
        "Panobench right (view-1..21)": slice(6, 27),
        "Panobench left (view-22..42)": slice(27, 48),
    }
    return pd.DataFrame(
        {
            name: {"median R²": np.median(r2[:, s]), "min R²": r2[:, s].min()}
            for name, s in groups.items()
        }
    ).T


def device_table() -> pd.DataFrame:
    """The device profiles as a table."""
    return pd.DataFrame([d.__dict__ for d in DEVICES.values()]).set_index("name")


def angle_deviation(records) -> np.ndarray:
    """All chest electrodes' deviation (deg) of true from nominal direction."""
    return np.concatenate([validate.angle_deviation_deg(r) for r in records])
