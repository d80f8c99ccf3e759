"""Figures of the clinical chapter: true against synthesized leads of bundle-branch blocks."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from . import legends

METHOD_COLOURS = ("tab:red", "tab:blue", "tab:green")


#: more views than this and the figure turns: one column per panel, one row per view, so that
#: each trace keeps a readable width on the page
WIDE_VIEWS = 3


def traces_figure(panels: dict, ncols=None):
    """``panels``: {title: traces} where traces holds time, truth (V, T), synth ((V, T) or
    {method: (V, T)}) and view names; one row per panel and one column per view — or, with
    more than :data:`WIDE_VIEWS` views, one column per panel and one row per view."""
    first = next(iter(panels.values()))
    nviews = ncols or len(first["views"])
    turned = nviews > WIDE_VIEWS
    nrows, ncols = (nviews, len(panels)) if turned else (len(panels), nviews)
    fig, axes = plt.subplots(
        nrows, ncols, figsize=(4.6 * ncols, 2.0 * nrows), squeeze=False, sharex=True
    )
    for p, (title, tr) in enumerate(panels.items()):
        synth = tr["synth"] if isinstance(tr["synth"], dict) else {"synthesized": tr["synth"]}
        for k in range(nviews):
            ax = axes[k, p] if turned else axes[p, k]
            ax.plot(tr["time"], tr["truth"][k], color="k", lw=1.2, label="truth")
            for (name, y), colour in zip(synth.items(), METHOD_COLOURS):
                ax.plot(tr["time"], y[k], color=colour, lw=0.9, label=name)
            ax.set_title(f"{title}: {tr['views'][k]}", fontsize=9, loc="left")
            ax.tick_params(labelsize=8)
    for ax in axes[:, 0]:
        ax.set_ylabel("mV")
    legends.below(fig)
    for ax in axes[-1]:
        ax.set_xlabel("time (s)")
    fig.tight_layout()
    return fig


def agreement_figure(tables: dict):
    """Agreement (true vs synthesized leads) per criterion and group, one panel per source
    (sources without records are left out)."""
    tables = {k: t for k, t in tables.items() if not t.empty}
    fig, axes = plt.subplots(
        1, len(tables), figsize=(5.2 * len(tables), 3.2), sharey=True, squeeze=False
    )
    for ax, (title, t) in zip(axes[0], tables.items()):
        wide = t["agreement"].unstack("group")
        y = np.arange(len(wide))
        h = 0.8 / wide.shape[1]
        for j, group in enumerate(wide.columns):
            ax.barh(y + j * h, wide[group], height=h, label=group)
        ax.set_yticks(y + 0.4 - h / 2, wide.index, fontsize=8)
        ax.set_xlim(0, 1)
        ax.set_xlabel("agreement with the true leads")
        ax.set_title(title, fontsize=9)
    axes[0, 0].invert_yaxis()
    fig.tight_layout()
    return fig
