"""Figures of the scale chapter: each claim's gap against training items (log axis), one point
per run, the fitted trend with its band, and the target the claim is measured against."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from ..reproduce import scale_verdicts

COLOURS = {"faithful": "tab:blue", "lead-prior": "tab:orange"}
#: the items axis spans every rung of the ladder (×1 … ×64 of 8,000 Stage I items)
XLIM = (4e3, 1e6)


def gap_panels(scores: dict, labels: dict):
    """One panel per claim of :data:`~nefnet.reproduce.scale_verdicts.CLAIMS`."""
    claims = scale_verdicts.CLAIMS
    ncols = 3
    nrows = -(-len(claims) // ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(12, 3.4 * nrows), squeeze=False)
    for ax, claim in zip(axes.ravel(), claims):
        table = scale_verdicts.gaps(scores, claim)
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
            claim.target, color="grey", ls="--", lw=0.9, label="paper" if claim.paper else "goal"
        )
        ax.set_xscale("log")
        ax.set_xlim(*XLIM)
        ax.set_title(_wrap(claim.text), fontsize=8.5)
        ax.set(xlabel="Stage I training items", ylabel=f"gap ({claim.unit})")
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
