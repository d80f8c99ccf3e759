"""Chapter 02 (data): the realism scorecard's verdicts in words, and Table 7's shares."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..book import paper_numbers, prose
from ..geometry import derive_limb_leads
from ..simulate.classes import CLASSES
from ..simulate.realism import TOLERANCE


def targets_texts(targets: pd.DataFrame, simulated: str) -> prose.Texts:
    """How many realism targets ``simulated`` meets against the pooled real windows, and the
    statistics the prose names (every value "n/a" without real records)."""
    t = prose.Texts()
    have = not targets.empty
    t.glue("sim_device", simulated)
    t.value("targets_met", int(targets["met"].sum()) if have else None, "d")
    t.value("targets_total", len(targets) if have else None, "d")
    t.value("tol_corr", TOLERANCE["corr"], "g")
    t.value("tol_rank3", TOLERANCE["rank3_energy"], "g")
    t.value("tol_rms", TOLERANCE["rms_ratio"], ".0%")
    t.value("tol_psnr", TOLERANCE["psnr_db"], "g", "dB")
    row = (lambda name: targets.loc[name]) if have else (lambda name: {"real": None})
    v2v3, lsq = row("corr(V2, V3) median"), row("lsq_V2 PSNR (dB)")
    t.value("real_v2v3", v2v3["real"], ".2f")
    t.value("sim_v2v3", v2v3[simulated] if have else None, ".2f")
    t.value("real_lsq_v2", lsq["real"], ".1f", "dB")
    t.value("sim_lsq_v2", lsq[simulated] if have else None, ".1f", "dB")
    gap = lsq[simulated] - lsq["real"] if have else 0.0
    tol = TOLERANCE["psnr_db"]
    t.glue(
        "lsq_easier",
        "far easier than on" if gap > tol else "harder than on" if gap < -tol else "as hard as on",
    )
    return t


LATERAL = ("V3", "V4", "V5", "V6")


def lateral_texts(card: pd.DataFrame, simulated: str, real_sources) -> prose.Texts:
    """The range of simulated/real median peak-to-peak and RMS ratios over V3–V6 (what the
    scorecard's RMS targets do not show: how much of the lateral leads' energy is QRS)."""
    t = prose.Texts()
    real = card[card["source"].isin(list(real_sources))]
    sim = card[card["source"] == simulated]
    out = {}
    for stat in ("p2p", "rms"):
        cols = [f"{stat}_{v}" for v in LATERAL]
        ratio = sim[cols].median().to_numpy() / real[cols].median().to_numpy() if len(real) else []
        out[stat] = (float(np.min(ratio)), float(np.max(ratio))) if len(ratio) else None
        t.glue(
            f"lateral_{stat}",
            f"{out[stat][0]:.0%}–{out[stat][1]:.0%}" if out[stat] else "n/a",
        )
    return t


def einthoven_residual_uv(record) -> float:
    """Largest |III, aVR, aVL, aVF − their Einthoven/Goldberger values from I and II| in µV."""
    i, ii = record.select(["I", "II"])
    derived = derive_limb_leads(i, ii)
    return float(1000 * max(np.abs(record.select([k])[0] - v).max() for k, v in derived.items()))


def class_distribution(parts: dict) -> pd.DataFrame:
    """``{part: class labels}`` → class × (part count, part share), with a Total row."""
    counts = pd.DataFrame({k: pd.Series(v).value_counts() for k, v in parts.items()})
    counts = counts.reindex(CLASSES).fillna(0).astype(int)
    counts.loc["Total"] = counts.sum()
    out = {}
    for part in parts:
        out[part, "n"] = counts[part]
        out[part, "%"] = (100 * counts[part] / counts.loc["Total", part]).round(1)
    return pd.DataFrame(out)


def paper_table7() -> pd.DataFrame:
    """The paper's Table 7 (CPSC2018 per class) in :func:`class_distribution`'s layout."""
    t = paper_numbers.V2_TABLE7
    return class_distribution(
        {
            part: [c for c, n in t.items() for _ in range(n[k])]
            for k, part in enumerate(("CPSC2018 training", "CPSC2018 testing"))
        }
    )


def shares(table: pd.DataFrame) -> dict[str, float]:
    """:func:`class_distribution`'s shares as "<part> · <class>" → % (its results rows)."""
    parts = table.columns.get_level_values(0).unique()
    return {f"{p} · {c}": float(table[p, "%"][c]) for p in parts for c in CLASSES}
