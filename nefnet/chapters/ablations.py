"""Chapter 07 (ablations and data efficiency): the Table 11 ablations — each a configuration
switch of the one NEF-NET v2 (nefnet.models.variants.ABLATIONS), trained through the same
Stage I and Stage II — two more (plain attention, a fixed angular encoding), and Stage II on
1 … 100 % of a device's records with and without Stage I (Table 9)."""

from __future__ import annotations

import pandas as pd
from tqdm.auto import tqdm

from ..book import paper_numbers as paper, pipeline, prose
from ..data.protocols import get_protocol
from ..models.variants import ABLATIONS
from ..scoring.evaluate import per_record, score_last
from ..scoring.methods import model_method

DEVICE, PROTOCOL = "sim-cpsc", "(3,8,1)"
#: the paper's rows, then ours
TABLE11_ROWS, EXTRA_ROWS = ("A", "B", "C", "D"), ("plain attention", "fixed encoding")


def variant_of(name: str) -> str:
    """The pipeline variant of an ablation (D is the paper variant itself)."""
    return "paper" if name == "D" else f"ablation {name}"


def scores(model, records) -> dict:
    """Synthesis (unseen V2) and reconstruction (supervised leads) PSNR/SSIM, last 5 s."""
    s = score_last(model_method(model), records, get_protocol(PROTOCOL))
    out = {}
    for role, task in (("unseen", "synthesis"), ("supervised", "reconstruction")):
        r = per_record(s, role)
        out |= {f"{task} PSNR": r["psnr"].mean(), f"{task} SSIM": r["ssim"].mean()}
    return out


def ablation_table(records, scale=None, torch_device="cpu", progress=True, train_seed=0):
    """Every ablation after Stage II on the device (both stages trained with ``train_seed``):
    what it is and its scores."""
    rows = {}
    seeds = {"seed": train_seed, "stage1_seed": train_seed}
    for name in tqdm((*TABLE11_ROWS, *EXTRA_ROWS), desc="ablations", disable=not progress):
        model, _ = pipeline.stage2_model(
            DEVICE, scale, PROTOCOL, variant_of(name), progress=False, device=torch_device, **seeds
        )
        rows[name] = {"what": ABLATIONS[name][0], **scores(model, records)}
    return pd.DataFrame(rows).T


def paper_table11() -> pd.DataFrame:
    cols = ["synthesis PSNR", "synthesis SSIM", "reconstruction PSNR", "reconstruction SSIM"]
    return pd.DataFrame(paper.V2_TABLE11, index=cols).T


def data_efficiency(records, sizes, scale=None, torch_device="cpu", progress=True, train_seed=0):
    """Synthesis scores after Stage II on the first ``sizes`` device records, from Stage I and
    from random weights (the same crops per epoch either way)."""
    rows = []
    for n in tqdm(sizes, desc="Table 9", disable=not progress):
        for pretrained in (False, True):
            model, _ = pipeline.stage2_model(
                DEVICE,
                scale,
                PROTOCOL,
                "paper",
                False,
                torch_device,
                n,
                pretrained,
                seed=train_seed,
                stage1_seed=train_seed,
            )
            s = scores(model, records)
            rows.append(
                {
                    "records": n,
                    "share": n / sizes[-1],
                    "Stage I": pretrained,
                    "PSNR": s["synthesis PSNR"],
                    "SSIM": s["synthesis SSIM"],
                }
            )
    return pd.DataFrame(rows)


def paper_table9() -> pd.DataFrame:
    rows = [
        {"share": share, "Stage I": pre, "PSNR": v[k][0], "SSIM": v[k][1]}
        for share, v in paper.V2_TABLE9.items()
        for k, pre in enumerate((False, True))
    ]
    return pd.DataFrame(rows).pivot_table(
        index="Stage I", columns="share", values="PSNR", sort=False
    )


def glue_findings(table: pd.DataFrame, efficiency: pd.DataFrame):
    """The ablation deltas and the data-efficiency gap, ours and the paper's."""
    for task in ("synthesis", "reconstruction"):
        col = f"{task} PSNR"
        t, k = table[col].astype(float), 0 if task == "synthesis" else 2
        p = {n: v[k] for n, v in paper.V2_TABLE11.items()}
        for a, b, key in (("B", "A", "geovt"), ("C", "B", "gaa"), ("C", "D", "eps")):
            prose.value(f"{task}_{key}", t[a] - t[b], ".1f", "dB", sign=True)
            prose.value(f"{task}_{key}_paper", p[a] - p[b], ".1f", "dB", sign=True)
        prose.value(f"{task}_plain", t["C"] - t["plain attention"], ".1f", "dB", sign=True)
        prose.value(f"{task}_fixed", t["C"] - t["fixed encoding"], ".1f", "dB", sign=True)
    wide = efficiency.pivot_table(index="records", columns="Stage I", values="PSNR")
    gap = wide[True] - wide[False]
    prose.value("t9_gap_small", gap.iloc[0], ".1f", "dB", sign=True)
    prose.value("t9_gap_full", gap.iloc[-1], ".1f", "dB", sign=True)
    prose.value("t9_small", wide.index[0], "d")
    prose.value("t9_full", wide.index[-1], "d")
    first, last = paper.V2_TABLE9["1%"], paper.V2_TABLE9["100%"]
    prose.value("t9_gap_small_paper", first[1][0] - first[0][0], ".1f", "dB", sign=True)
    prose.value("t9_gap_full_paper", last[1][0] - last[0][0], ".1f", "dB", sign=True)
    prose.verdict(
        "t9_claim", gap.iloc[0] > gap.iloc[-1] and gap.iloc[0] > 0, "holds", "does not hold"
    )
