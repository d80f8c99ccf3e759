"""The chapters 06 and 07 claims of the scale ladder (Tables 3, 9 and 11, v1 Table 3), each a
gap computed from a rung's chapter 06/07 scores (``scripts/scale_extras.py``), measured against
the paper's value."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..book.paper_numbers import V1_TABLE3, V2_TABLE3, V2_TABLE9, V2_TABLE11
from ..models.variants import VARIANT_LABELS
from .scale_claims import Claim


def _t11(row_a, row_b):
    def gap(extra):
        t = extra.get("table11")
        if t is None:
            return None
        return t[row_a]["synthesis PSNR"] - t[row_b]["synthesis PSNR"]

    return gap


def _t9(extra):
    """Stage II from Stage I minus from scratch, on the fewest device records."""
    rows = extra.get("table9")
    if rows is None:
        return None
    fewest = min(r["records"] for r in rows)
    psnr = {r["Stage I"]: r["PSNR"] for r in rows if r["records"] == fewest}
    return psnr[True] - psnr[False]


def _v1_drop(extra):
    """The mean synthesis PSNR lost by removing a component (every ablated row)."""
    if "v1_table3" not in extra:
        return None
    t = extra["v1_table3"]["rows"]
    full = t[V1_FULL]["synthesis PSNR"]
    return float(np.mean([full - r["synthesis PSNR"] for k, r in t.items() if k != V1_FULL]))


def _t3(extra):
    """NEF-NET v2's synthesis PSNR with the most supervised views minus with the fewest, three
    recorded views (chapter 06's Table 3 cells)."""
    rows = [r for r in extra.get("table3", []) if r["method"] == V2_LABEL and r["inputs"] == 3]
    psnr = {r["supervised"]: r["psnr"] for r in rows if r["task"] == "synthesis"}
    return psnr[max(psnr)] - psnr[min(psnr)] if len(psnr) > 1 else None


V1_FULL = "(a) full"
V2_LABEL = VARIANT_LABELS["paper"]  # chapter 06's row of the paper variant
_T11 = {k: v[0] for k, v in V2_TABLE11.items()}
_T9_FEWEST = next(iter(V2_TABLE9.values()))
#: the chapters 06 and 07 claims, scored at ×1 and higher rungs by ``scripts/scale_extras.py``
#: on the paper variant (Table 11 row D) as those chapters train it
EXTRA_CLAIMS = (
    Claim(
        "t11_geovt",
        "Table 11: GeoVT helps (B over A)",
        ("paper",),
        _t11("B", "A"),
        _T11["B"] - _T11["A"],
        True,
    ),
    Claim(
        "t11_gaa",
        "Table 11: Geometric Angular Attention helps (C over B)",
        ("paper",),
        _t11("C", "B"),
        _T11["C"] - _T11["B"],
        True,
    ),
    Claim(
        "t11_eps",
        "Table 11: the angle noise ε helps (C over D)",
        ("paper",),
        _t11("C", "D"),
        _T11["C"] - _T11["D"],
        True,
    ),
    Claim(
        "t3_supervision",
        "Table 3: more supervised views (3 → 12) raise synthesis, 3 recorded views",
        ("paper",),
        _t3,
        V2_TABLE3[(3, "NEF-NET v2", "Syn")][-1] - V2_TABLE3[(3, "NEF-NET v2", "Syn")][0],
        True,
    ),
    Claim(
        "t9_pretraining",
        "Table 9: Stage I helps with scarce device data (1 % of it)",
        ("paper",),
        _t9,
        _T9_FEWEST[1][0] - _T9_FEWEST[0][0],
        True,
    ),
    Claim(
        "v1_components",
        "v1 Table 3: each component of Nef-Net v1 helps (mean drop)",
        ("v1",),
        _v1_drop,
        float(
            np.mean([V1_TABLE3[V1_FULL][0] - v[0] for k, v in V1_TABLE3.items() if k != V1_FULL])
        ),
        True,
    ),
)


def extra_gaps(extras: dict, claim: Claim) -> pd.DataFrame:
    """One row per rung scored by ``scripts/scale_extras.py``: its items and the claim's gap."""
    from .ladder import RUNGS, items_seen, recipes

    base = items_seen(recipes("book-x1", "faithful")[0])  # the ×1 rung's Stage I items
    rows = [
        {
            "rung": rung,
            "items": base * RUNGS[rung],
            "model": claim.models[0],
            "seed": 0,
            "gap_db": float(gap),
        }
        for rung, extra in extras.get("rungs", {}).items()
        if (gap := claim.gap(extra)) is not None
    ]
    return pd.DataFrame(rows, columns=["rung", "items", "model", "seed", "gap_db"])
