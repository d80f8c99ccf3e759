"""Figures of the ablation chapter: synthesis against the share of a device's training data,
from Stage I and from scratch."""

from __future__ import annotations

import matplotlib.pyplot as plt

from ..book import paper_numbers as paper


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
    ax.legend(fontsize=7)
    fig.tight_layout()
    return fig
