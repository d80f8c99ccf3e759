"""How the artefacts of ``nefnet reproduce`` (:mod:`nefnet.reproduce.registry`) read their rows
from a chapter's results, and the paper's rows beside them."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..book import paper_numbers as paper


def mean(values):
    return float(np.mean([v for v in values if v is not None]))


def rows(table, key):
    return {row: float(v[key]) for row, v in table.items()}


def psnr_columns(table: dict) -> dict:
    """``{row: {column: value}}`` → the PSNR columns as "row · column" rows."""
    return {
        f"{row} · {col}": float(v)
        for row, d in table.items()
        for col, v in d.items()
        if col.endswith("PSNR")
    }


def paper_psnr(table: dict, second: str) -> dict:
    """A paper ablation table (synthesis PSNR, SSIM, ``second`` PSNR, SSIM) as rows."""
    return {
        f"paper · {row} · {task} PSNR": v[k]
        for row, v in table.items()
        for k, task in ((0, "synthesis"), (2, second))
    }


def table2(m):
    mean = pd.DataFrame(m["table2"]).groupby(["protocol", "method"], sort=False)["psnr"].mean()
    return {f"{p} · {method}": float(v) for (p, method), v in mean.items()}


def table3(m, key="psnr"):
    return {
        f"({r['inputs']},{r['supervised']}) · {r['method']} · {r['task']}": float(r[key])
        for r in m["table3"]
    }


def gaps(m):
    t = table3(m)
    return {
        k.replace(" · reconstruction", " · gap"): v - t[k.replace("reconstruction", "synthesis")]
        for k, v in t.items()
        if k.endswith("reconstruction")
    }


def paper_table3():
    out = {}
    for (n, method, task), values in paper.V2_TABLE3.items():
        for sup, v in zip(paper.V2_TABLE3_SUPERVISION, values):
            name = "reconstruction" if task == "Rec" else "synthesis"
            out[f"paper · ({n},{sup}) · {method} · {name}"] = v
    return out


def paper_gaps():
    t = paper_table3()
    return {
        k.replace(" · reconstruction", " · gap"): v - t[k.replace("reconstruction", "synthesis")]
        for k, v in t.items()
        if k.endswith("reconstruction")
    }
