"""Diagnostic-fidelity figures: Bland–Altman panels of one measure, one panel per method."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from ..views import DERIVED_LIMB
from . import legends


def bland_altman(frames: dict, measure: str, role="unseen", title=""):
    """Difference (synthesized − true) against the mean of the two, per beat, for each
    ``{method: measure_rows(...)}``; bias and 95 % limits of agreement as lines."""
    fig, axes = plt.subplots(
        1, len(frames), figsize=(3.2 * len(frames), 3.0), sharey=True, squeeze=False
    )
    for ax, (name, rows) in zip(axes[0], frames.items()):
        sub = rows[(rows["role"] == role) & ~rows["view"].isin(DERIVED_LIMB)]
        t, s = sub[f"{measure} true"].to_numpy(), sub[f"{measure} synth"].to_numpy()
        d = s - t
        ax.scatter((s + t) / 2, d, s=8, alpha=0.6)
        if len(d) > 1:
            bias, sd = d.mean(), d.std(ddof=1)
            for y, style in ((bias, "-"), (bias - 1.96 * sd, "--"), (bias + 1.96 * sd, "--")):
                ax.axhline(y, color="k", lw=0.8, ls=style)
        ax.axhline(0, color="grey", lw=0.5)
        ax.set_title(name, fontsize=9)
        ax.set_xlabel(f"mean of the two, {measure}", fontsize=8)
    axes[0][0].set_ylabel("synthesized − true")
    fig.suptitle(title or f"{measure}, {role} leads: Bland–Altman", fontsize=10)
    fig.tight_layout()
    return fig


def slopes(table, role="unseen", title=""):
    """Slope of synthesized against true value per measure and method (1: kept; < 1: regressed
    towards the mean), from :func:`nefnet.scoring.fidelity.agreement_table`."""
    t = table.xs(role, level="role")["slope synth/true"].unstack("measure")
    fig, ax = plt.subplots(figsize=(8, 0.5 + 0.45 * len(t) * 1.2))
    t.plot.barh(ax=ax, width=0.8)
    ax.axvline(1.0, color="k", lw=0.8)
    ax.set_xlabel("slope of synthesized against true (1 = amplitudes kept)")
    ax.set_ylabel("")
    legends.beside(ax)
    ax.set_title(title or f"{role} leads", fontsize=10)
    ax.set_xlim(min(0, np.nanmin(t.to_numpy()) - 0.1), max(1.5, np.nanmax(t.to_numpy()) + 0.1))
    fig.tight_layout()
    return fig
