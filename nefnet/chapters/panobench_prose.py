"""Chapter 06's findings in words: every number and verdict its prose reads, from the tables
the chapter computed (:class:`nefnet.book.prose.Texts`)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..book import paper_numbers as paper, prose
from ..models import VARIANT_LABELS
from .panobench import V1

PAPER_V2, OURS = VARIANT_LABELS["paper"], VARIANT_LABELS["lead-prior"]


def table2_per_device(long: pd.DataFrame) -> pd.DataFrame:
    """Table 2's long rows as the (protocol, device) × method PSNR table."""
    return long.pivot_table(index=["protocol", "device"], columns="method", values="psnr")


def table2_texts(long: pd.DataFrame) -> prose.Texts:
    """v2 against v1 and the linear baselines, per device and protocol."""
    t = prose.Texts()
    per = table2_per_device(long)
    synthesis = long.loc[long["task"] == "synthesis", "protocol"].unique()
    syn = per.loc[list(synthesis)]
    t.relation("t2_paper_over_v1", per[PAPER_V2] - per[V1])
    t.relation("t2_ours_over_v1", per[OURS] - per[V1])
    t.relation("t2_ours_vs_lsq_syn", syn[OURS] - syn["dipole-LSQ"])
    t.relation("t2_paper_vs_lsq_syn", syn[PAPER_V2] - syn["dipole-LSQ"])
    t.relation("t2_ours_vs_dower_syn", syn[OURS] - syn["Dower"])
    t.verdict("t2_v2_beats_v1", (syn[PAPER_V2] > syn[V1]).all(), "holds", "does not hold")
    if "(8,12)" in per.index.get_level_values(0):
        rec = per.loc["(8,12)"]
        t.relation("t2_812_ours_vs_lsq", rec[OURS] - rec["dipole-LSQ"])
        t.relation("t2_812_paper_vs_lsq", rec[PAPER_V2] - rec["dipole-LSQ"])
    theirs = [
        np.mean(paper.V2_TABLE2[("NEF-NET v2", p)]) - np.mean(paper.V2_TABLE2[("Nef-Net", p)])
        for p in synthesis
    ]
    t.span("t2_paper_gain", min(theirs), max(theirs), ".1f", "dB")
    mean = long.groupby(["protocol", "method"])["psnr"].mean()
    if ("(3,9)", OURS) in mean and ("(3,8,1)", OURS) in mean:
        t.value("t2_rec39_ours", mean[("(3,9)", OURS)], ".1f", "dB")
        t.value("t2_syn381_ours", mean[("(3,8,1)", OURS)], ".1f", "dB")
    return t


def _at(long, method, task, inputs, supervised):
    rows = long[
        (long["method"] == method)
        & (long["task"] == task)
        & (long["inputs"] == inputs)
        & (long["supervised"] == supervised)
    ]
    return float(rows["psnr"].iloc[0]) if len(rows) else float("nan")


def table3_texts(long: pd.DataFrame) -> prose.Texts:
    """The paper's three Panobench claims, measured: supervision helps synthesis, v1 suffers
    most under sparse supervision, and the number of inputs hardly matters."""
    t = prose.Texts()
    sups = sorted(long.loc[long["inputs"] == 3, "supervised"].unique())
    lo, hi = sups[0], sups[-1]
    t.value("t3_sparse", lo, "d")
    t.value("t3_dense", hi, "d")
    gains = {}
    for method, key in ((PAPER_V2, "v2"), (V1, "v1")):
        gains[key] = _at(long, method, "synthesis", 3, hi) - _at(long, method, "synthesis", 3, lo)
        t.value(f"t3_syn_gain_{key}", gains[key], ".1f", "dB", sign=True)
        rec = long[(long["method"] == method) & (long["task"] == "reconstruction")]
        t.span(f"t3_rec_range_{key}", rec["psnr"].min(), rec["psnr"].max(), ".1f", "dB")
    t.verdict("t3_supervision_helps", min(gains.values()) > 1.0, "holds", "does not hold")
    gap_lo = _at(long, PAPER_V2, "synthesis", 3, lo) - _at(long, V1, "synthesis", 3, lo)
    gap_hi = _at(long, PAPER_V2, "synthesis", 3, hi) - _at(long, V1, "synthesis", 3, hi)
    t.value("t3_gap_sparse", gap_lo, ".1f", "dB", sign=True)
    t.value("t3_gap_dense", gap_hi, ".1f", "dB", sign=True)
    t.verdict("t3_v1_sparse", gap_lo > gap_hi and gap_lo > 0, "holds", "does not hold")
    dense = long[(long["supervised"] == hi) & (long["task"] == "synthesis")]
    v2 = dense[dense["method"] == PAPER_V2]
    spread = v2["psnr"].max() - v2["psnr"].min()
    t.span("t3_inputs", v2["inputs"].min(), v2["inputs"].max(), "d")
    t.value("t3_input_spread", spread, ".1f", "dB")
    if v2["inputs"].nunique() < 2:
        t.glue("t3_inputs_flat", "cannot be judged with one input set (this scale)")
    else:
        t.verdict("t3_inputs_flat", spread < 1.0, "holds", "does not hold")
    return t


def distance_texts(table: pd.DataFrame, effect: pd.DataFrame, n_hard=3) -> prose.Texts:
    """How synthesis error grows with the angle to the views a model saw."""
    t = prose.Texts()
    for col, key in (("to_recorded_deg", "rec"), ("to_seen_deg", "seen")):
        t.value(f"d_rho_{key}", effect.loc[col, "spearman_rho"], ".2f")
        t.value(f"d_slope_{key}", effect.loc[col, "dB_per_10deg"], ".2f", "dB", sign=True)
        t.glue(f"d_p_{key}", f"{effect.loc[col, 'p_value']:.1g}")
    hard = table.sort_values("psnr").head(n_hard)
    t.glue("d_hard", ", ".join(hard.index))
    t.span("d_hard_psnr", hard["psnr"].min(), hard["psnr"].max(), ".1f", "dB")
    t.span("d_hard_seen", hard["to_seen_deg"].min(), hard["to_seen_deg"].max(), ".0f", "°")
    t.span("d_seen_range", table["to_seen_deg"].min(), table["to_seen_deg"].max(), ".0f", "°")
    return t


def seeds_texts(spread: pd.DataFrame, per: pd.DataFrame, protocol="(3,8,1)") -> prose.Texts:
    """The seed spread of the (3,8,1) synthesis against the record spread, and whether the
    method gaps of Table 2 stand beyond it (twice NEF-NET v2's SD over seeds)."""
    t = prose.Texts()
    seeds = [c for c in spread.columns if c.startswith("seed ")]
    t.value("seeds_n", len(seeds), "d")
    sd = spread["SD over seeds (mean of devices)"]
    t.value("seed_sd_v2", sd[PAPER_V2], ".2f", "dB")
    t.value("seed_sd_v1", sd[V1], ".2f", "dB")
    t.value("seed_dev_sd_v2", spread.loc[PAPER_V2, "SD over seeds (per device, mean)"], ".2f", "dB")
    t.value("record_sd_v2", spread.loc[PAPER_V2, "SD over records (Table 2, mean)"], ".2f", "dB")
    mean = per.loc[protocol].mean()
    yardstick = 2 * sd[PAPER_V2]
    for key, a, b in (("v2_v1", PAPER_V2, V1), ("ours_v2", OURS, PAPER_V2)):
        gap = mean[a] - mean[b]
        t.value(f"seed_gap_{key}", gap, ".1f", "dB", sign=True)
        t.verdict(f"seed_gap_{key}_stands", abs(gap) > yardstick, "stands", "does not stand")
    return t


def _signed_span(deltas, unit="dB") -> str:
    """Differences as "−1.2 to +0.8 dB" (one signed number when they round alike)."""
    d = [float(x) for x in deltas]
    a, b = prose.number(min(d), ".1f", sign=True), prose.number(max(d), ".1f", sign=True)
    return f"{a} {unit}" if a == b else f"{a} to {b} {unit}"


def _ranking(means: dict) -> str:
    return ", ".join(f"{m} {v:.1f}" for m, v in sorted(means.items(), key=lambda kv: -kv[1]))


def deep_per_device(long: pd.DataFrame) -> pd.DataFrame:
    """The reconstruction rows of Table 2 as the (protocol, device) × method PSNR table."""
    rec = long[long["task"] == "reconstruction"]
    return rec.pivot_table(index=["protocol", "device"], columns="method", values="psnr")


def deep_texts(long: pd.DataFrame, deep_names, protocol="(3,9)") -> prose.Texts:
    """The paper's deep baselines against NEF-NET v2 on the reconstruction settings: their
    ranking here and in the paper (mean of devices / datasets, on ``protocol``), and the
    per-device gap of each NEF-NET v2 variant over the best of them."""
    t = prose.Texts()
    per = deep_per_device(long)
    deep = [m for m in deep_names if m in per.columns]
    best = per[deep].max(axis=1)
    ours = per.loc[protocol, deep].mean().to_dict()
    theirs = {m: float(np.mean(paper.V2_TABLE2[(m, protocol)])) for m in deep}
    t.glue("deep_rank_ours", _ranking(ours))
    t.glue("deep_rank_paper", _ranking(theirs))
    same = sorted(ours, key=ours.get) == sorted(theirs, key=theirs.get)
    t.verdict("deep_rank_kept", same, "is the paper's order", "is not the paper's order")
    t.glue("deep_gap_paper", _signed_span(per[PAPER_V2] - best))
    t.glue("deep_gap_ours", _signed_span(per[OURS] - best))
    t.glue("deep_best_vs_lsq", _signed_span(best - per["dipole-LSQ"]))
    wins = (per.loc[protocol, PAPER_V2] > best.loc[protocol]).all()
    t.verdict("deep_v2_wins", wins, "holds", "does not hold")
    return t
