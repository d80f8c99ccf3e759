"""NEF-NET v2's Table 1, computed as the paper computes it from its Table 2: the range of the
synthesis PSNR over every synthesis protocol and dataset (for us: SimPanobench device), per
method, and NEF-NET v2's gain over Nef-Net at each end of the range."""

from __future__ import annotations

import pandas as pd

from ..book import paper_numbers as paper

COLUMNS = ("synthesis PSNR, lowest", "synthesis PSNR, highest")


def _rows(cells: dict, first: str) -> pd.DataFrame:
    """``{method: PSNR values}`` → the range per method and the gains over the ends of
    ``first`` (Nef-Net, ours or the paper's)."""
    t = pd.DataFrame({m: (min(v), max(v)) for m, v in cells.items()}, index=COLUMNS).T
    for column in COLUMNS:
        t[f"gain over Nef-Net, {column.split(', ')[1]}"] = t[column] - t.loc[first, column]
    return t.rename_axis("method")


def table1(long: pd.DataFrame, methods) -> pd.DataFrame:
    """From the book's Table 2 (``long``: one row per protocol, device and method): ``methods``
    (Nef-Net v1 first) over the synthesis cells."""
    syn = long[long["task"] == "synthesis"]
    return _rows({m: syn.loc[syn["method"] == m, "psnr"].tolist() for m in methods}, methods[0])


def paper_table1() -> pd.DataFrame:
    """The paper's Table 1 from its Table 2's synthesis protocols (every dataset)."""
    cells = {m: [] for m in ("Nef-Net", "NEF-NET v2")}
    for (method, _), values in paper.V2_UNSEEN_PSNR.items():
        cells[method] += list(values)
    return _rows(cells, "Nef-Net")
