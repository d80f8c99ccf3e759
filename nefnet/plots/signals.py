"""Figures of signals: lead grids, virtual-view panoramas (static and with a slider), score bars,
deflection regions, stacked leads of several records."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import plotly.graph_objects as go

from ..dipole import project
from ..models.roi import DEFLECTIONS
from . import legends


def lead_grid(time, signals, leads, others=None, labels=("measured",), ncols=4, height=1.6):
    """Small multiples of one beat per lead; ``others`` are overlaid predictions."""
    others = [] if others is None else others
    nrows = int(np.ceil(len(leads) / ncols))
    fig, axes = plt.subplots(nrows, ncols, figsize=(2.6 * ncols, height * nrows), sharex=True)
    for k, ax in enumerate(np.ravel(axes)):
        if k >= len(leads):
            ax.axis("off")
            continue
        ax.plot(time, signals[k], "k", lw=1.2, label=labels[0])
        for j, other in enumerate(others):
            ax.plot(time, other[k], lw=1.0, ls="--" if j else "-", label=labels[j + 1])
        ax.set_title(leads[k], fontsize=9)
    legends.below(fig)
    fig.supxlabel("time from R peak (s)")
    fig.supylabel("mV")
    fig.tight_layout()
    return fig


def panorama_grid(time, dipole, thetas_deg, phis_deg):
    """Electrocardio-panorama: the beat seen from a grid of (θ, φ) views (v1 paper Fig. 3)."""
    thetas, phis = np.radians(thetas_deg), np.radians(phis_deg)
    fig, axes = plt.subplots(
        len(thetas),
        len(phis),
        figsize=(1.15 * len(phis), 1.0 * len(thetas)),
        sharex=True,
        sharey=True,
    )
    axes = np.atleast_2d(axes)
    lim = np.abs(dipole).max() * 1.05
    for i, th in enumerate(thetas):
        views = project(dipole, np.full_like(phis, th), phis)
        for j in range(len(phis)):
            ax = axes[i, j]
            ax.plot(time, views[j], lw=0.9, color="C0")
            ax.set(ylim=(-lim, lim), xticks=[], yticks=[])
            ax.grid(False)
            if i == 0:
                ax.set_title(f"φ={phis_deg[j]:.0f}°", fontsize=8)
            if j == 0:
                ax.set_ylabel(f"θ={thetas_deg[i]:.0f}°", fontsize=8)
    fig.suptitle("Virtual views of the fitted dipole (rows θ, columns φ)")
    fig.tight_layout()
    return fig


def panorama_slider(time, dipole, step_deg=15, theta_deg=90.0) -> go.Figure:
    """Plotly figure with a slider that turns a virtual lead around the horizontal plane at
    ``theta_deg`` (works in the static HTML: every view is precomputed)."""
    phis = np.arange(-180, 180 + 1e-9, step_deg)
    views = project(dipole, np.full(len(phis), np.radians(theta_deg)), np.radians(phis))
    lim = float(np.abs(views).max() * 1.1)
    fig = go.Figure(
        [
            go.Scatter(
                x=time,
                y=views[k],
                visible=(k == len(phis) // 2),
                line={"width": 2},
                name=f"φ={p:.0f}°",
            )
            for k, p in enumerate(phis)
        ]
    )
    steps = [
        {
            "method": "update",
            "label": f"{p:.0f}°",
            "args": [
                {"visible": [j == k for j in range(len(phis))]},
                {"title": f"virtual lead at θ={theta_deg:.0f}°, φ={p:.0f}°"},
            ],
        }
        for k, p in enumerate(phis)
    ]
    fig.update_layout(
        sliders=[{"active": len(phis) // 2, "steps": steps, "currentvalue": {"prefix": "φ = "}}],
        yaxis={"range": [-lim, lim], "title": "mV"},
        xaxis={"title": "time from R peak (s)"},
        height=380,
        title=f"virtual lead at θ={theta_deg:.0f}°, φ={phis[len(phis) // 2]:.0f}°",
        margin={"t": 50, "b": 40},
    )
    return fig


def score_bars(table, column, ax=None, title=None):
    """Bar chart of one score column of a per-lead table (index = leads, columns = records)."""
    ax = ax or plt.subplots(figsize=(7, 2.6))[1]
    table.plot.bar(ax=ax, rot=0, width=0.8)
    ax.set(ylabel=column, title=title or column)
    legends.beside(ax)
    return ax


def deflection_regions(time, signal, bounds, ax=None, names=None, title=None):
    """A beat with its seven deflection ROIs shaded (Nef-Net v1's ROIAlign regions)."""
    names = names or DEFLECTIONS
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 2.4))
    ax.plot(time, signal, color="k", lw=1)
    lo, hi = np.min(signal), np.max(signal)
    for k, name in enumerate(names):
        a, b = (
            time[min(int(bounds[k]), len(time) - 1)],
            time[min(int(bounds[k + 1]), len(time) - 1)],
        )
        ax.axvspan(a, b, color=f"C{k}", alpha=0.18, lw=0)
        ax.text((a + b) / 2, hi + 0.08 * (hi - lo), name, ha="center", fontsize=7)
    ax.set(xlabel="s", ylabel="mV", ylim=(lo - 0.05 * (hi - lo), hi + 0.2 * (hi - lo)), title=title)
    return ax


def overlay_leads(records: dict, lead="II", seconds=4.0, ax=None):
    """The same lead of several records stacked (e.g. device profiles or real datasets)."""
    ax = ax or plt.subplots(figsize=(8, 0.9 * len(records) + 0.6))[1]
    for k, (label, rec) in enumerate(records.items()):
        n = int(seconds * rec.sampling_rate)
        x = rec.select([lead])[0, :n]
        ax.plot(
            np.arange(len(x)) / rec.sampling_rate,
            x - np.median(x) - 2.0 * k,
            lw=0.8,
            label=f"{label} ({rec.sampling_rate:g} Hz)",
        )
    ax.set(xlabel="s", ylabel=f"{lead} (mV, offset per row)", yticks=[])
    legends.beside(ax)
    return ax


def missing_data(message: str):
    """A placeholder figure saying what is missing (a chapter's figure numbers stay valid)."""
    fig, ax = plt.subplots(figsize=(7, 1.2))
    ax.text(0.5, 0.5, message, ha="center", va="center", fontsize=10)
    ax.axis("off")
    return fig
