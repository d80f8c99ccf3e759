"""Chapter 06's findings in words: every number and verdict its prose reads, glued from the
tables the chapter computed (nefnet.book.prose)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..book import paper_numbers as paper, prose
from ..models import VARIANT_LABELS
from .panobench import V1

PAPER_V2, OURS = VARIANT_LABELS["paper"], VARIANT_LABELS["lead-prior"]


def glue_table2(long: pd.DataFrame) -> pd.DataFrame:
    """v2 against v1 and the linear baselines, per device and protocol; returns the
    (protocol, device) × method PSNR table the words come from."""
    per = long.pivot_table(index=["protocol", "device"], columns="method", values="psnr")
    synthesis = long.loc[long["task"] == "synthesis", "protocol"].unique()
    syn = per.loc[list(synthesis)]
    prose.relation("t2_paper_over_v1", per[PAPER_V2] - per[V1])
    prose.relation("t2_ours_over_v1", per[OURS] - per[V1])
    prose.relation("t2_ours_vs_lsq_syn", syn[OURS] - syn["dipole-LSQ"])
    prose.relation("t2_paper_vs_lsq_syn", syn[PAPER_V2] - syn["dipole-LSQ"])
    prose.relation("t2_ours_vs_dower_syn", syn[OURS] - syn["Dower"])
    prose.verdict("t2_v2_beats_v1", (syn[PAPER_V2] > syn[V1]).all(), "holds", "does not hold")
    if "(8,12)" in per.index.get_level_values(0):
        rec = per.loc["(8,12)"]
        prose.relation("t2_812_ours_vs_lsq", rec[OURS] - rec["dipole-LSQ"])
        prose.relation("t2_812_paper_vs_lsq", rec[PAPER_V2] - rec["dipole-LSQ"])
    theirs = [
        np.mean(paper.V2_TABLE2[("NEF-NET v2", p)]) - np.mean(paper.V2_TABLE2[("Nef-Net", p)])
        for p in synthesis
    ]
    prose.span("t2_paper_gain", min(theirs), max(theirs), ".1f", "dB")
    mean = long.groupby(["protocol", "method"])["psnr"].mean()
    if ("(3,9)", OURS) in mean and ("(3,8,1)", OURS) in mean:
        prose.value("t2_rec39_ours", mean[("(3,9)", OURS)], ".1f", "dB")
        prose.value("t2_syn381_ours", mean[("(3,8,1)", OURS)], ".1f", "dB")
    return per


def _at(long, method, task, inputs, supervised):
    rows = long[
        (long["method"] == method)
        & (long["task"] == task)
        & (long["inputs"] == inputs)
        & (long["supervised"] == supervised)
    ]
    return float(rows["psnr"].iloc[0]) if len(rows) else float("nan")


def glue_table3(long: pd.DataFrame):
    """The paper's three Panobench claims, measured: supervision helps synthesis, v1 suffers
    most under sparse supervision, and the number of inputs hardly matters."""
    sups = sorted(long.loc[long["inputs"] == 3, "supervised"].unique())
    lo, hi = sups[0], sups[-1]
    prose.value("t3_sparse", lo, "d")
    prose.value("t3_dense", hi, "d")
    gains = {}
    for method, key in ((PAPER_V2, "v2"), (V1, "v1")):
        gains[key] = _at(long, method, "synthesis", 3, hi) - _at(long, method, "synthesis", 3, lo)
        prose.value(f"t3_syn_gain_{key}", gains[key], ".1f", "dB", sign=True)
        rec = long[(long["method"] == method) & (long["task"] == "reconstruction")]
        prose.span(f"t3_rec_range_{key}", rec["psnr"].min(), rec["psnr"].max(), ".1f", "dB")
    prose.verdict("t3_supervision_helps", min(gains.values()) > 1.0, "holds", "does not hold")
    gap_lo = _at(long, PAPER_V2, "synthesis", 3, lo) - _at(long, V1, "synthesis", 3, lo)
    gap_hi = _at(long, PAPER_V2, "synthesis", 3, hi) - _at(long, V1, "synthesis", 3, hi)
    prose.value("t3_gap_sparse", gap_lo, ".1f", "dB", sign=True)
    prose.value("t3_gap_dense", gap_hi, ".1f", "dB", sign=True)
    prose.verdict("t3_v1_sparse", gap_lo > gap_hi and gap_lo > 0, "holds", "does not hold")
    dense = long[(long["supervised"] == hi) & (long["task"] == "synthesis")]
    v2 = dense[dense["method"] == PAPER_V2]
    spread = v2["psnr"].max() - v2["psnr"].min()
    prose.span("t3_inputs", v2["inputs"].min(), v2["inputs"].max(), "d")
    prose.value("t3_input_spread", spread, ".1f", "dB")
    if v2["inputs"].nunique() < 2:
        prose.glue("t3_inputs_flat", "cannot be judged with one input set (this scale)")
    else:
        prose.verdict("t3_inputs_flat", spread < 1.0, "holds", "does not hold")


def glue_distance(table: pd.DataFrame, effect: pd.DataFrame, n_hard=3):
    """How synthesis error grows with the angle to the views a model saw."""
    for col, key in (("to_recorded_deg", "rec"), ("to_seen_deg", "seen")):
        prose.value(f"d_rho_{key}", effect.loc[col, "spearman_rho"], ".2f")
        prose.value(f"d_slope_{key}", effect.loc[col, "dB_per_10deg"], ".2f", "dB", sign=True)
        prose.glue(f"d_p_{key}", f"{effect.loc[col, 'p_value']:.1g}")
    hard = table.sort_values("psnr").head(n_hard)
    prose.glue("d_hard", ", ".join(hard.index))
    prose.span("d_hard_psnr", hard["psnr"].min(), hard["psnr"].max(), ".1f", "dB")
    prose.span("d_hard_seen", hard["to_seen_deg"].min(), hard["to_seen_deg"].max(), ".0f", "°")
    prose.span("d_seen_range", table["to_seen_deg"].min(), table["to_seen_deg"].max(), ".0f", "°")


def glue_seeds(spread: pd.DataFrame, per: pd.DataFrame, protocol="(3,8,1)") -> None:
    """The seed spread of the (3,8,1) synthesis against the record spread, and whether the
    method gaps of Table 2 stand beyond it (twice NEF-NET v2's SD over seeds)."""
    seeds = [c for c in spread.columns if c.startswith("seed ")]
    prose.value("seeds_n", len(seeds), "d")
    sd = spread["SD over seeds (mean of devices)"]
    prose.value("seed_sd_v2", sd[PAPER_V2], ".2f", "dB")
    prose.value("seed_sd_v1", sd[V1], ".2f", "dB")
    prose.value(
        "seed_dev_sd_v2", spread.loc[PAPER_V2, "SD over seeds (per device, mean)"], ".2f", "dB"
    )
    prose.value(
        "record_sd_v2", spread.loc[PAPER_V2, "SD over records (Table 2, mean)"], ".2f", "dB"
    )
    mean = per.loc[protocol].mean()
    yardstick = 2 * sd[PAPER_V2]
    for key, a, b in (("v2_v1", PAPER_V2, V1), ("ours_v2", OURS, PAPER_V2)):
        gap = mean[a] - mean[b]
        prose.value(f"seed_gap_{key}", gap, ".1f", "dB", sign=True)
        prose.verdict(f"seed_gap_{key}_stands", abs(gap) > yardstick, "stands", "does not stand")


def _signed_span(name, deltas, unit="dB") -> str:
    """Glue differences as "−1.2 to +0.8 dB" (one signed number when they round alike)."""
    d = [float(x) for x in deltas]
    a, b = prose.number(min(d), ".1f", sign=True), prose.number(max(d), ".1f", sign=True)
    return prose.glue(name, f"{a} {unit}" if a == b else f"{a} to {b} {unit}")


def _ranking(means: dict) -> str:
    return ", ".join(f"{m} {v:.1f}" for m, v in sorted(means.items(), key=lambda kv: -kv[1]))


def glue_deep(long: pd.DataFrame, deep_names, protocol="(3,9)") -> pd.DataFrame:
    """The paper's deep baselines against NEF-NET v2 on the reconstruction settings: their
    ranking here and in the paper (mean of devices / datasets, on ``protocol``), and the
    per-device gap of each NEF-NET v2 variant over the best of them. Returns the (protocol,
    device) × method table the words come from."""
    rec = long[long["task"] == "reconstruction"]
    per = rec.pivot_table(index=["protocol", "device"], columns="method", values="psnr")
    deep = [m for m in deep_names if m in per.columns]
    best = per[deep].max(axis=1)
    ours = per.loc[protocol, deep].mean().to_dict()
    theirs = {m: float(np.mean(paper.V2_TABLE2[(m, protocol)])) for m in deep}
    prose.glue("deep_rank_ours", _ranking(ours))
    prose.glue("deep_rank_paper", _ranking(theirs))
    same = sorted(ours, key=ours.get) == sorted(theirs, key=theirs.get)
    prose.verdict("deep_rank_kept", same, "is the paper's order", "is not the paper's order")
    _signed_span("deep_gap_paper", per[PAPER_V2] - best)
    _signed_span("deep_gap_ours", per[OURS] - best)
    _signed_span("deep_best_vs_lsq", best - per["dipole-LSQ"])
    wins = (per.loc[protocol, PAPER_V2] > best.loc[protocol]).all()
    prose.verdict("deep_v2_wins", wins, "holds", "does not hold")
    return per
