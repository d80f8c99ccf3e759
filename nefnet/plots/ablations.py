"""Figures of the ablation chapter: synthesis against the share of a device's training data,
from Stage I and from scratch; the Nef-Net v1 ablation's differences against the seed spread."""

from __future__ import annotations

import matplotlib.pyplot as plt

from ..book import paper_numbers as paper
from . import legends


def efficiency_figure(efficiency):
    """Synthesis PSNR against the share of the device's records (log axis), with and without
    Stage I; SimPanobench in colour, the paper's Table 9 in grey."""
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    for pretrained, colour in ((True, "tab:blue"), (False, "tab:orange")):
        g = efficiency[efficiency["Stage I"] == pretrained].sort_values("share")
        label = "from Stage I" if pretrained else "from scratch"
        ax.plot(100 * g["share"], g["PSNR"], "-o", color=colour, label=f"SimPanobench, {label}")
        shares = [float(s.rstrip("%")) for s in paper.V2_TABLE9]
        psnr = [v[int(pretrained)][0] for v in paper.V2_TABLE9.values()]
        ax.plot(
            shares,
            psnr,
            "--o",
            color=colour,
            mfc="none",
            alpha=0.5,
            label=f"paper (CPSC2018), {label}",
        )
    ax.set_xscale("log")
    ax.set_xlabel("share of the device's training records (%)")
    ax.set_ylabel("synthesis PSNR of V2 (dB)")
    legends.beside(ax)
    fig.tight_layout()
    return fig


def v1_delta_figure(deltas, spread):
    """Each v1 ablation row's synthesis PSNR minus the benchmark row's: SimPanobench bars
    beside the paper's, with ±2 seed standard deviations of the benchmark shaded."""
    fig, ax = plt.subplots(figsize=(6.8, 3.8))
    y = range(len(deltas))
    ax.axvspan(-2 * spread, 2 * spread, color="0.85", label="±2 SD over seeds (ours)")
    ax.barh([i + 0.2 for i in y], deltas["synthesis Δ ours"], 0.4, label="SimPanobench")
    ax.barh(
        [i - 0.2 for i in y], deltas["synthesis Δ paper"], 0.4, color="0.5", label="paper (Tianchi)"
    )
    ax.set_yticks(list(y), deltas.index, fontsize=8)
    ax.invert_yaxis()
    ax.axvline(0, color="k", lw=0.8)
    ax.set_xlabel("synthesis PSNR minus the full model's (dB)")
    legends.beside(ax)
    fig.tight_layout()
    return fig
