"""Figures of the recorded benchmarks: training throughput and peak memory per stage."""

from __future__ import annotations

import matplotlib.pyplot as plt

from . import legends


def training_figure(table):
    """Two panels over the training stages: samples per second (Stage III: calibration
    iterations per second) and the peak RSS, split into the data held and the training."""
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 3.4), sharey=True)
    names = list(table.index)
    rate = table["samples_per_s"].fillna(table.get("iterations_per_s"))
    colors = ["tab:orange" if n.startswith("stage3") else "tab:blue" for n in names]
    left.barh(names, rate, color=colors)
    left.set_xlabel("samples / s (Stage III: iterations / s)")
    left.invert_yaxis()
    data = table["peak_rss_mb_after_data"]
    right.barh(names, data, color="tab:gray", label="records and libraries")
    right.barh(names, table["peak_rss_mb"] - data, left=data, color="tab:red", label="training")
    right.set_xlabel("peak RSS (MB)")
    legends.below(fig)
    fig.tight_layout()
    return fig
