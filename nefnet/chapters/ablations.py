"""Chapter 07 (ablations and data efficiency): the Table 11 ablations — each a configuration
switch of the one NEF-NET v2 (nefnet.models.variants.ABLATIONS), trained through the same
Stage I and Stage II — two more (plain attention, a fixed angular encoding), and Stage II on
1 … 100 % of a device's records with and without Stage I (Table 9)."""

from __future__ import annotations

import pandas as pd

from ..book import paper_numbers as paper, prose
from ..reproduce.ablation_runs import (  # noqa: F401 (the chapter's names)
    DEVICE,
    EXTRA_ROWS,
    PROTOCOL,
    TABLE11_ROWS,
    ablation_table,
    data_efficiency,
    scores,
    variant_of,
)


def paper_table11() -> pd.DataFrame:
    cols = ["synthesis PSNR", "synthesis SSIM", "reconstruction PSNR", "reconstruction SSIM"]
    return pd.DataFrame(paper.V2_TABLE11, index=cols).T


def paper_table9() -> pd.DataFrame:
    rows = [
        {"share": share, "Stage I": pre, "PSNR": v[k][0], "SSIM": v[k][1]}
        for share, v in paper.V2_TABLE9.items()
        for k, pre in enumerate((False, True))
    ]
    return pd.DataFrame(rows).pivot_table(
        index="Stage I", columns="share", values="PSNR", sort=False
    )


def findings_texts(table: pd.DataFrame, efficiency: pd.DataFrame) -> prose.Texts:
    """The ablation deltas and the data-efficiency gap, ours and the paper's."""
    t = prose.Texts()
    for task in ("synthesis", "reconstruction"):
        col = f"{task} PSNR"
        ours, k = table[col].astype(float), 0 if task == "synthesis" else 2
        p = {n: v[k] for n, v in paper.V2_TABLE11.items()}
        for a, b, key in (("B", "A", "geovt"), ("C", "B", "gaa"), ("C", "D", "eps")):
            t.value(f"{task}_{key}", ours[a] - ours[b], ".1f", "dB", sign=True)
            t.value(f"{task}_{key}_paper", p[a] - p[b], ".1f", "dB", sign=True)
        t.value(f"{task}_plain", ours["C"] - ours["plain attention"], ".1f", "dB", sign=True)
        t.value(f"{task}_fixed", ours["C"] - ours["fixed encoding"], ".1f", "dB", sign=True)
    wide = efficiency.pivot_table(index="records", columns="Stage I", values="PSNR")
    gap = wide[True] - wide[False]
    t.value("t9_gap_small", gap.iloc[0], ".1f", "dB", sign=True)
    t.value("t9_gap_full", gap.iloc[-1], ".1f", "dB", sign=True)
    t.value("t9_small", wide.index[0], "d")
    t.value("t9_full", wide.index[-1], "d")
    first, last = paper.V2_TABLE9["1%"], paper.V2_TABLE9["100%"]
    t.value("t9_gap_small_paper", first[1][0] - first[0][0], ".1f", "dB", sign=True)
    t.value("t9_gap_full_paper", last[1][0] - last[0][0], ".1f", "dB", sign=True)
    t.verdict("t9_claim", gap.iloc[0] > gap.iloc[-1] and gap.iloc[0] > 0, "holds", "does not hold")
    return t
