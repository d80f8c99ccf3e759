"""Figures of the scale chapter: each claim's gap against training items (log axis), one point
per run, the fitted trend with its band, and the target the claim is measured against."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from ..reproduce import scale_verdicts

#: the rungs' factors and where they sit on the items axis (NEF-NET v2 Stage I items)
RUNG_FACTORS = (1, 4, 16, 64)
TICKS = [8000 * k for k in RUNG_FACTORS]
XLIM = (5e3, 8e5)
COLOURS = {
    "faithful": "tab:blue",
    "lead-prior": "tab:orange",
    "paper": "tab:green",
    "v1": "tab:purple",
}


def gap_panels(scores: dict, labels: dict, extras=None):
    """One panel per claim (:func:`~nefnet.reproduce.scale_verdicts.claim_tables`)."""
    pairs = scale_verdicts.claim_tables(scores, extras)
    claims = [c for c, _ in pairs]
    ncols = 3
    nrows = -(-len(claims) // ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(12, 3.3 * nrows), squeeze=False)
    for ax, (claim, table) in zip(axes.ravel(), pairs):
        for model, part in table.groupby("model"):
            colour = COLOURS.get(model, "tab:grey")
            ax.plot(part["items"], part["gap_db"], "o", color=colour, label=labels[model])
            trend = scale_verdicts.fit_trend(part["items"], part["gap_db"])
            if np.isfinite(trend["slope"]):
                x = np.geomspace(part["items"].min(), part["items"].max(), 50)
                y, half = scale_verdicts.trend_line(trend, x)
                ax.plot(x, y, "-", color=colour, lw=1)
                if np.isfinite(half).all():
                    ax.fill_between(x, y - half, y + half, color=colour, alpha=0.15, lw=0)
        ax.axhline(0, color="k", lw=0.6)
        ax.axhline(
            claim.target,
            color="grey",
            ls="--" if claim.paper else ":",
            lw=1.0,
            label="the paper's value" if claim.paper else "the goal",
        )
        ax.set_xscale("log")
        ax.set_xlim(*XLIM)
        ax.set_xticks(TICKS, [f"×{k}" for k in RUNG_FACTORS])
        ax.minorticks_off()
        ax.set_title(_wrap(claim.text), fontsize=8.5)
        ax.set(xlabel="rung (× the book's training items)", ylabel=f"gap ({claim.unit})")
    for ax in axes.ravel()[len(claims) :]:
        ax.axis("off")
    handles, names = [], []
    for ax in axes.ravel():
        for h, n in zip(*ax.get_legend_handles_labels()):
            if n not in names:
                handles.append(h)
                names.append(n)
    fig.legend(handles, names, loc="lower center", ncol=len(names), frameon=False, fontsize=8)
    fig.tight_layout(rect=(0, 0.06, 1, 1))
    return fig


def _wrap(text, width=48):
    words, lines, line = text.split(), [], ""
    for w in words:
        if len(line) + len(w) + 1 > width:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}".strip()
    return "\n".join(lines + [line])
