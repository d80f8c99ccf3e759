"""The headline claims the scale ladder tests, each as a gap (dB, or degrees) computed from a
run's recorded scores (:mod:`nefnet.reproduce.ladder_scores`), with the value it is measured
against: the paper's, or a goal where the paper makes no such claim. The claims scored from a
rung's chapter 06/07 runs are in :mod:`nefnet.reproduce.scale_extra_claims`."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..book.paper_numbers import (
    V2_TABLE5,
    V2_TABLE10,
    V2_UNSEEN_PSNR,
)


def _mean_gap(rows) -> float:
    return float(np.mean([a - b for a, b in rows]))


def _paper_gap(a, b) -> float:
    return float(np.mean(np.subtract(a, b)))


@dataclass(frozen=True)
class Claim:
    """A claim as a gap: ``gap(run scores, baselines)`` in dB (None when the run lacks it);
    ``target`` is the paper's value of the gap (``paper`` True) or the goal set for it."""

    key: str
    text: str
    models: tuple
    gap: object
    target: float
    paper: bool
    unit: str = "dB"


def _sim(run, stage, role="unseen"):
    return {d: s[stage][role]["psnr"] for d, s in run["sim"].items() if stage in s}


def _vs_baseline(stage, baseline, real=False):
    def gap(run, base, others=None):
        if real:
            have = run["real"].get(stage)
            if not have or baseline not in base["real"]:
                return None
            return have["unseen"]["psnr"] - base["real"][baseline]["unseen"]["psnr"]
        ours = _sim(run, stage)
        if not ours or any(baseline not in base["sim"][d] for d in ours):
            return None  # scores recorded before this baseline existed
        return _mean_gap((ours[d], base["sim"][d][baseline]["unseen"]["psnr"]) for d in ours)

    return gap


def _stage_gain(later, earlier):
    def gap(run, base, others=None):
        a, b = _sim(run, later), _sim(run, earlier)
        return _mean_gap((a[d], b[d]) for d in a) if a and b else None

    return gap


def _over_v1(run, base, others):
    """NEF-NET v2 after Stage III over Nef-Net v1 (window mode) of the same rung and seed."""
    v1 = others.get((run["rung"], "v1-window", run["seed"]))
    ours = _sim(run, "Stage III")
    if v1 is None or not ours:
        return None
    theirs = _sim(v1, "Stage II")
    return _mean_gap((ours[d], theirs[d]) for d in ours)


#: the deviation (degrees) of the Table 10 claims
TABLE10_AT = 20


def _table10(field_a, field_b):
    def gap(run, base, others=None):
        t = run.get("table10", {}).get(str(TABLE10_AT))
        return None if t is None else t[field_a] - t[field_b]

    return gap


_V2 = V2_UNSEEN_PSNR[("NEF-NET v2", "(3,8,1)")]
_T5 = list(V2_TABLE5.values())
V2_MODELS = ("faithful", "lead-prior")
CLAIMS = (
    Claim(
        "over_lsq",
        "NEF-NET v2 after Stage III over dipole-LSQ on the unseen V2 (SimPanobench)",
        V2_MODELS,
        _vs_baseline("Stage III", "dipole-LSQ"),
        1.0,
        False,
    ),
    Claim(
        "over_regression",
        "NEF-NET v2 after Stage III over population regression on the unseen V2",
        V2_MODELS,
        _vs_baseline("Stage III", "population regression"),
        1.0,
        False,
    ),
    Claim(
        "over_v1",
        "NEF-NET v2 over Nef-Net v1 on the unseen V2 (Tables 1/2, (3,8,1))",
        V2_MODELS,
        _over_v1,
        _paper_gap(_V2, V2_UNSEEN_PSNR[("Nef-Net", "(3,8,1)")]),
        True,
    ),
    Claim(
        "stage2_gain",
        "Stage II (Device Calibration) raises the unseen V2 (Table 5)",
        V2_MODELS,
        _stage_gain("Stage II", "Stage I"),
        _paper_gap(_T5[1], _T5[0]),
        True,
    ),
    Claim(
        "stage3_gain",
        "Stage III (On-the-fly Calibration) raises the unseen V2 (Table 5)",
        V2_MODELS,
        _stage_gain("Stage III", "Stage II"),
        _paper_gap(_T5[2], _T5[1]),
        True,
    ),
    Claim(
        "ofcal_psnr",
        f"OF-CAL regains the V2 PSNR a {TABLE10_AT}° wrong angle table costs (Table 10)",
        V2_MODELS,
        _table10("psnr_calibrated", "psnr_displaced"),
        V2_TABLE10[TABLE10_AT][1] - V2_TABLE10[TABLE10_AT][0],
        True,
    ),
    Claim(
        "ofcal_angle",
        f"OF-CAL finds the true angles: the angle error it removes of a {TABLE10_AT}° deviation",
        V2_MODELS,
        _table10("angle_error_before_deg", "angle_error_after_deg"),
        float(TABLE10_AT),
        False,
        "°",
    ),
    Claim(
        "over_per_patient",
        "NEF-NET v2 after Stage III over a per-patient linear fit on the same seconds (unseen V2)",
        V2_MODELS,
        _vs_baseline("Stage III", "per-patient linear"),
        0.0,
        False,
    ),
    Claim(
        "real_over_lsq",
        "NEF-NET v2 after real Stage II and III over dipole-LSQ on the real CinC V2",
        V2_MODELS,
        _vs_baseline("Stage III", "dipole-LSQ", real=True),
        1.0,
        False,
    ),
    Claim(
        "real_over_per_patient",
        "NEF-NET v2 after real Stage III over the per-patient linear fit on the real CinC V2",
        V2_MODELS,
        _vs_baseline("Stage III", "per-patient linear", real=True),
        0.0,
        False,
    ),
)


def gaps(scores: dict, claim: Claim) -> pd.DataFrame:
    """One row per scored run of the claim's models: rung, factor, items, model, seed, gap."""
    runs = scores.get("runs", {})
    others = {(r["rung"], r["model"], r["seed"]): r for r in runs.values()}
    rows = []
    for run in runs.values():
        if run["model"] not in claim.models:
            continue
        g = claim.gap(run, scores["baselines"], others)
        if g is not None:
            rows.append(
                {
                    "rung": run["rung"],
                    "items": run["items"]["stage1"],
                    "model": run["model"],
                    "seed": run["seed"],
                    "gap_db": float(g),
                }
            )
    return pd.DataFrame(rows, columns=["rung", "items", "model", "seed", "gap_db"])
