"""Chapter 05's checked expectations and the measured statements of its findings, for
the prose (:mod:`nefnet.book.prose`) from its tables — a failed expectation reads as measured.

The tables: ``psnr`` and ``supervised`` are methods × devices (+ "mean") PSNR of the unseen and
the supervised views (:func:`nefnet.chapters.three_stage.summary_table`); ``table10`` maps
(model, degrees) and ``physical`` maps model to displacement summaries
(:func:`nefnet.chapters.three_stage.displacement_summary`); ``labels`` names the two variants
("paper", "lead-prior").
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..book import paper_numbers, prose
from ..scoring.per_patient import LIMIT_NAME, PATIENT_NAME

EXPECT = paper_numbers.EXPECT
V1_ROW, LSQ_ROW, REG_ROW = (
    "Nef-Net v1 (window mode)",
    "dipole-LSQ",
    "population regression (saw V2)",
)
#: Stage III's competitor on the same seconds, and the ceiling no linear map passes
PATIENT_ROW, LIMIT_ROW = PATIENT_NAME, LIMIT_NAME


def row(labels, variant, stage):
    """The table row of a variant after a stage ("Stage I", "+ Stage II", "+ Stage III")."""
    return f"{labels[variant]} · {stage}"


def expectation_checks(psnr: pd.DataFrame, labels: dict) -> pd.DataFrame:
    """Each variant after Stage II and III against Nef-Net v1 (+ the margin), dipole-LSQ and
    the population regression, on the device mean."""
    m = psnr["mean"]
    return pd.DataFrame(
        {
            f"{labels[v]} {s}": {
                f"≥ Nef-Net v1 + {EXPECT['v2_over_v1_db']:g} dB": m[row(labels, v, s)]
                >= m[V1_ROW] + EXPECT["v2_over_v1_db"],
                "> dipole-LSQ": m[row(labels, v, s)] > m[LSQ_ROW],
                "> population regression": m[row(labels, v, s)] > m[REG_ROW],
                "> per-patient linear": m[row(labels, v, s)] > m[PATIENT_ROW],
            }
            for v in labels
            for s in ("+ Stage II", "+ Stage III")
        }
    )


def ofcal_checks(table10: dict, physical: dict, degrees: int) -> pd.DataFrame:
    """OF-CAL's expectations per model: the share of the lost PSNR it recovers and the angle
    error it removes, with a wrong angle table (``degrees``) and with a displaced electrode."""
    share, angle = EXPECT["recovered_share"], EXPECT["angle_error_reduction"]
    return pd.DataFrame(
        {
            name: {
                f"recovers ≥ {share:.0%} of the PSNR lost (angle table, {degrees}°)": table10[
                    name, degrees
                ]["recovered_share"]
                >= share,
                f"angle error −{angle:.0%} (angle table, {degrees}°)": table10[name, degrees][
                    "angle_error_reduction"
                ]
                >= angle,
                f"recovers ≥ {share:.0%} of the PSNR lost (displaced electrode)": physical[name][
                    "recovered_share"
                ]
                >= share,
                f"angle error −{angle:.0%} (displaced electrode)": physical[name][
                    "angle_error_reduction"
                ]
                >= angle,
            }
            for name in physical
        }
    ).T


def margin_clause(smallest: float, margin: float) -> str:
    """Whether v2's smallest gain over v1 reaches the expected ``margin`` (dB), as a clause."""
    want = prose.number(margin, "g", "dB")
    if smallest >= margin:
        return f"by at least {want} on every device"
    least = prose.number(smallest, ".1f", "dB", sign=True)
    return f"but not by the expected {want} on every device (the smallest gain is {least})"


def comparisons_texts(psnr: pd.DataFrame, supervised: pd.DataFrame, labels: dict) -> prose.Texts:
    """v2 against v1 and against the linear baselines."""
    t = prose.Texts()
    ours, paper = (row(labels, "lead-prior", "+ Stage II"), row(labels, "paper", "+ Stage II"))
    stages = [row(labels, v, s) for v in labels for s in ("+ Stage II", "+ Stage III")]
    devices = [c for c in psnr.columns if c != "mean"]
    over_v1 = (psnr.loc[stages, devices] - psnr.loc[V1_ROW, devices]).values.ravel()
    t.relation("v2_over_v1", over_v1)
    t.glue("v2_margin_clause", margin_clause(over_v1.min(), EXPECT["v2_over_v1_db"]))
    gain = [
        a - b
        for a, b in zip(
            *(paper_numbers.V2_UNSEEN_PSNR[m, "(3,8,1)"] for m in ("NEF-NET v2", "Nef-Net"))
        )
    ]
    t.span("paper_v2_over_v1", min(gain), max(gain), ".1f", "dB")
    for key, name in (("paper_s2", paper), ("ours_s2", ours), ("lsq", LSQ_ROW), ("reg", REG_ROW)):
        t.value(key, psnr.loc[name, "mean"], ".1f", "dB")
    t.relation("ours_vs_lsq", psnr.loc[ours, devices] - psnr.loc[LSQ_ROW, devices])
    t.relation("paper_vs_lsq", psnr.loc[paper, devices] - psnr.loc[LSQ_ROW, devices])
    best = {
        v: max(psnr.loc[row(labels, v, st), "mean"] for st in ("+ Stage II", "+ Stage III"))
        for v in labels
    }
    beaten_by = [labels[v] for v in labels if best[v] > psnr.loc[LSQ_ROW, "mean"]]
    t.glue("lsq_beaten_by", " and ".join(beaten_by) if beaten_by else "neither variant")
    s = supervised["mean"]
    t.verdict(
        "ours_supervised_ahead",
        s[ours] > max(s[LSQ_ROW], s[REG_ROW]),
        "ahead of both linear methods",
        "not ahead of both linear methods",
    )
    return t


def stages_texts(psnr: pd.DataFrame, supervised: pd.DataFrame, labels: dict) -> prose.Texts:
    """What each stage changes, next to the paper's Table 5."""
    t = prose.Texts()
    for v, key in (("paper", "paper"), ("lead-prior", "ours")):
        s1, s2, s3 = (row(labels, v, s) for s in ("Stage I", "+ Stage II", "+ Stage III"))
        t.value(
            f"s2_gain_{key}", psnr.loc[s2, "mean"] - psnr.loc[s1, "mean"], ".1f", "dB", sign=True
        )
        t.value(
            f"s3_unseen_{key}", psnr.loc[s3, "mean"] - psnr.loc[s2, "mean"], ".1f", "dB", sign=True
        )
        t.relation(
            f"s3_unseen_devices_{key}",
            (psnr.loc[s3] - psnr.loc[s2]).drop("mean"),
            above="higher",
            below="lower",
        )
        t.value(
            f"s3_supervised_{key}",
            supervised.loc[s3, "mean"] - supervised.loc[s2, "mean"],
            ".1f",
            "dB",
            sign=True,
        )
    t5 = paper_numbers.V2_TABLE5
    stage2 = np.subtract(t5["+ Stage II (Device)"], t5["Stage I (Any-Pairs)"])
    stage3 = np.subtract(t5["+ Stage III (On-the-fly)"], t5["+ Stage II (Device)"])
    t.span("paper_s2_gain", stage2.min(), stage2.max(), ".2f", "dB")
    t.span("paper_s3_gain", stage3.min(), stage3.max(), ".2f", "dB")
    return t


def per_patient_texts(psnr, supervised, table10, physical, labels, degrees) -> prose.Texts:
    """Stage III against the per-patient linear fit on the same seconds, and both against the
    linear limit; with a wrong angle table (``degrees``) and a displaced electrode too."""
    t = prose.Texts()
    devices = [c for c in psnr.columns if c != "mean"]
    for key, table in (("unseen", psnr), ("supervised", supervised)):
        t.value(f"pp_{key}", table.loc[PATIENT_ROW, "mean"], ".1f", "dB")
        t.value(f"limit_{key}", table.loc[LIMIT_ROW, "mean"], ".1f", "dB")
        for v, name in (("paper", "paper"), ("lead-prior", "ours")):
            s3 = table.loc[row(labels, v, "+ Stage III"), devices]
            t.relation(f"s3_vs_pp_{key}_{name}", s3 - table.loc[PATIENT_ROW, devices])
        rest = table.drop(index=[LIMIT_ROW])["mean"]
        t.glue(f"best_{key}", rest.idxmax())
        t.value(f"best_below_limit_{key}", table.loc[LIMIT_ROW, "mean"] - rest.max(), ".1f", "dB")
    nets = [labels[v] for v in ("paper", "lead-prior")]
    wrong = table10[nets[0], degrees]["psnr_per_patient"]
    t.value("pp_wrong_table", wrong, ".1f", "dB")
    t.relation(
        "pp_vs_s3_wrong_table", [wrong - table10[n, degrees]["psnr_calibrated"] for n in nets]
    )
    t.relation(
        "pp_vs_s3_displaced",
        [physical[n]["psnr_per_patient"] - physical[n]["psnr_calibrated"] for n in nets],
    )
    s3_best = max(psnr.loc[row(labels, v, "+ Stage III"), "mean"] for v in ("paper", "lead-prior"))
    t.verdict(
        "s3_beats_pp",
        s3_best > psnr.loc[PATIENT_ROW, "mean"],
        "beats",
        "does not beat",
    )
    return t


def offsets_texts(
    table10: dict, physical: dict, offsets: dict, labels: dict, degrees
) -> prose.Texts:
    """Stage III's offsets: ordinary examinations, a wrong angle table, a displaced electrode."""
    t = prose.Texts()
    anatomy = pd.concat(offsets.values())["error_before_deg"].mean()
    t.value("anatomy_error", anatomy, ".0f", "°")
    for v, key in (("paper", "paper"), ("lead-prior", "ours")):
        t.value(f"offset_after_{key}", offsets[labels[v]]["error_after_deg"].mean(), ".0f", "°")
    for name, key in ((labels["paper"], "paper"), (labels["lead-prior"], "ours"), (LSQ_ROW, "lsq")):
        cost = [
            table10[name, d]["psnr_undisplaced"] - table10[name, d]["psnr_displaced"]
            for d in degrees
        ]
        t.span(f"table_cost_{key}", min(cost), max(cost), ".1f", "dB")
    big = [d for d in degrees if d >= degrees[len(degrees) // 2]]
    lsq = [table10[LSQ_ROW, d] for d in big]
    t.glue("big_deviations", " and ".join(f"{d}°" for d in big))
    t.span("lsq_angle_after", *_ends(r["angle_error_after_deg"] for r in lsq), ".0f", "°")
    t.span("lsq_angle_removed", *_ends(r["angle_error_reduction"] for r in lsq), ".0%")
    t.span("lsq_recovered", *_ends(table10[LSQ_ROW, d]["recovered_share"] for d in degrees), ".0%")
    nets = [table10[labels[v], d] for v in ("paper", "lead-prior") for d in degrees]
    t.span("nets_angle_after", *_ends(r["angle_error_after_deg"] for r in nets), ".0f", "°")
    t.verdict(
        "table10_reproduced",
        all(r["recovered_share"] >= EXPECT["recovered_share"] for r in nets),
        "is reproduced",
        "is not reproduced",
    )
    t.glue("physical_clause", physical_clause([r["recovered_share"] for r in physical.values()]))
    return t


def physical_clause(shares) -> str:
    """What OF-CAL does for a physically displaced electrode, as a clause chosen by the shares
    of the lost PSNR it recovers (NaN where the displacement cost under 0.1 dB)."""
    share = [float(s) for s in shares if np.isfinite(s)]
    if not share:
        return (
            "a physically displaced electrode costs every model under 0.1 dB, too little to "
            "measure what calibration recovers"
        )
    lo, hi = min(share), max(share)
    ends = prose.range_text(lo, hi, ".0%")
    if hi >= EXPECT["recovered_share"]:
        return (
            f"a physically displaced electrode is recovered by some model ({ends} of the lost PSNR)"
        )
    return (
        "a physically displaced electrode is recovered only in part by any model "
        f"({ends} of the lost PSNR)"
    )


def leave_one_out_texts(result: dict) -> prose.Texts:
    """What leave-one-out Stage III does to the unseen view (from the Table-10 row)."""
    t = prose.Texts()
    t.value(
        "loo_change", result["psnr_calibrated"] - result["psnr_undisplaced"], ".1f", "dB", sign=True
    )
    return t


def investigation_table(recorded_rows) -> pd.DataFrame:
    """The recorded investigation (``recorded/investigate_v2.json``) as a table."""
    table = pd.DataFrame(recorded_rows).set_index("variant")
    return table.rename(
        columns={
            "stage1_unseen_psnr": "V2 after Stage I",
            "unseen_psnr": "V2 after Stage II",
            "supervised_psnr": "supervised after Stage II",
        }
    )


def investigation_texts(table: pd.DataFrame) -> prose.Texts:
    """The statements the findings make about the recorded variants."""
    t = prose.Texts()
    v2 = table["V2 after Stage II"]
    s1 = table["V2 after Stage I"]
    t.value("inv_lead_path_gain", v2["lead-path"] - v2["paper-range"], ".1f", "dB", sign=True)
    lsq = v2[[i for i in v2.index if i.startswith("dipole-LSQ")][0]]
    gap = lsq - v2["paper-range"]
    share = (v2["lead-path"] - v2["paper-range"]) / gap if gap > 0 else float("nan")
    t.value("inv_gap_closed", share, ".0%")
    t.value("inv_with_lead_path", v2["lead-prior"], ".1f", "dB")
    t.value("inv_feature_only", v2["lead-prior, lead path switched off"], ".1f", "dB")
    t.verdict("inv_pair_film", v2["pair-film"] > v2["lead-path"], "helps", "does not help")
    t.value("inv_prior_stage1", s1["lead-prior"] - s1["lead-path"], ".1f", "dB", sign=True)
    t.value("inv_prior_stage2", v2["lead-prior"] - v2["lead-path"], ".1f", "dB", sign=True)
    t.value("inv_jitter", v2["jitter"] - v2["paper"], ".1f", "dB", sign=True)
    t.value("inv_range", v2["paper-range"] - v2["paper"], ".1f", "dB", sign=True)
    return t


def _ends(values):
    v = list(values)
    return min(v), max(v)
