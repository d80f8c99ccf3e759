"""Figures of SimPanobench: the volume conductor, one subject from many views, the classes'
beats and the spread of electrode angles."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import plotly.graph_objects as go

from ..simulate.torso import CHEST, SOURCES, TORSO_AXES, Anatomy
from ..views import PANOBENCH_48


def torso_3d(anatomy: Anatomy = None) -> go.Figure:
    """The volume conductor (the paper's Fig. 8 analogue, plotly 3-D): torso ellipsoid, cardiac
    sources (red), the Panobench view electrodes (blue), the 12-lead precordial ones (green)
    and the limb electrodes."""
    anatomy = anatomy or Anatomy()
    u, v = np.meshgrid(np.linspace(0, np.pi, 20), np.linspace(-np.pi, np.pi, 40))
    ax = TORSO_AXES * anatomy.torso_scale
    fig = go.Figure(
        go.Surface(
            x=ax[0] * np.sin(u) * np.cos(v),
            y=ax[1] * np.sin(u) * np.sin(v),
            z=ax[2] * np.cos(u),
            opacity=0.1,
            showscale=False,
            hoverinfo="skip",
            name="torso",
        )
    )
    el = anatomy.chest_electrodes()
    for names, colour, label in (
        ([v for v in CHEST if not v.startswith("V")], "#1f77b4", "Panobench views"),
        ([v for v in CHEST if v.startswith("V")], "#2ca02c", "12-lead precordial V1–V6"),
    ):
        rows = el[[CHEST.index(v) for v in names]]
        fig.add_trace(
            go.Scatter3d(
                x=rows[:, 0],
                y=rows[:, 1],
                z=rows[:, 2],
                mode="markers",
                text=names,
                marker={"size": 3 if colour == "#1f77b4" else 5, "color": colour},
                name=label,
            )
        )
    limb = anatomy.limb_electrodes()
    fig.add_trace(
        go.Scatter3d(
            x=limb[:, 0],
            y=limb[:, 1],
            z=limb[:, 2],
            mode="markers+text",
            text=["RA", "LA", "LL"],
            marker={"size": 5, "color": "#7f7f7f"},
            name="limb electrodes",
        )
    )
    src = anatomy.source_positions()
    fig.add_trace(
        go.Scatter3d(
            x=src[:, 0],
            y=src[:, 1],
            z=src[:, 2],
            mode="markers",
            text=list(SOURCES),
            marker={"size": 6, "color": "#d62728"},
            name="cardiac sources",
        )
    )
    fig.update_layout(
        height=520,
        margin={"l": 0, "r": 0, "t": 30, "b": 0},
        title="SimPanobench volume conductor (cm; x anterior, y left, z up)",
        scene={"aspectmode": "data"},
    )
    return fig


def view_gallery(record, views=PANOBENCH_48, seconds=2.5, ncols=6):
    """One record seen from many views (NEF-NET v2 Fig. 1c/4 analogue): one shared mV scale,
    marked on the first column; panels large enough to read the waves."""
    n = int(seconds * record.sampling_rate)
    t = np.arange(n) / record.sampling_rate
    rows = int(np.ceil(len(views) / ncols))
    fig, axes = plt.subplots(
        rows, ncols, figsize=(1.9 * ncols, 1.3 * rows), sharex=True, sharey=True, squeeze=False
    )
    for ax, name in zip(np.ravel(axes), views):
        ax.plot(t, record.select([name])[0, :n], lw=0.8)
        ax.set_title(name, fontsize=8, pad=1)
        ax.set_xticks([])
        ax.tick_params(labelsize=6)
        ax.grid(False)
    for ax in axes[:, 1:].ravel():
        ax.tick_params(labelleft=False)
    for ax in np.ravel(axes)[len(views) :]:
        ax.axis("off")
    fig.supylabel("mV", fontsize=8)
    fig.supxlabel(f"{seconds:g} s of the record", fontsize=8)
    fig.tight_layout(pad=0.3)
    return fig


def class_gallery(records_by_class, leads=("V1", "V6")):
    """Median beat (−0.3 … +0.5 s around R) of each class at the given leads."""
    fig, axes = plt.subplots(
        len(leads),
        len(records_by_class),
        figsize=(1.55 * len(records_by_class), 1.5 * len(leads)),
        sharey="row",
        squeeze=False,
    )
    for j, (label, rec) in enumerate(records_by_class.items()):
        fs = rec.sampling_rate
        peaks = [
            p
            for p in rec.waves["r_peak"]
            if p - 0.3 * fs >= 0 and p + 0.5 * fs <= rec.reference.shape[1]
        ]
        for i, lead in enumerate(leads):
            x = rec.select_reference([lead])[0]
            beat = np.median([x[p - int(0.3 * fs) : p + int(0.5 * fs)] for p in peaks], axis=0)
            axes[i, j].plot(np.arange(len(beat)) / fs - 0.3, beat, lw=1)
            axes[i, j].set_title(f"{label} · {lead}", fontsize=7)
            axes[i, j].tick_params(labelsize=6)
    fig.tight_layout(pad=0.3)
    return fig


def angle_histogram(deviation_deg, ax=None):
    """Histogram of true − nominal electrode angles (degrees) over simulated subjects."""
    ax = ax or plt.subplots(figsize=(6, 2.4))[1]
    ax.hist(deviation_deg, bins=40, color="C0")
    ax.set(xlabel="degrees", ylabel="electrodes", title="true − nominal electrode angle")
    return ax


def realism_boxes(frame, stats, real_sources, ncols=4):
    """One box plot per scorecard statistic: its distribution in every source (real sources
    grey, simulated ones blue); ``frame`` is a :func:`nefnet.simulate.realism.scorecard` table."""
    sources = list(dict.fromkeys(frame["source"]))
    nrows = int(np.ceil(len(stats) / ncols))
    fig, axes = plt.subplots(nrows, ncols, figsize=(3.1 * ncols, 2.3 * nrows), squeeze=False)
    for ax, stat in zip(axes.ravel(), stats):
        data = [frame.loc[frame["source"] == s, stat].dropna() for s in sources]
        box = ax.boxplot(data, vert=False, widths=0.6, patch_artist=True, showfliers=False)
        for patch, s in zip(box["boxes"], sources):
            patch.set_facecolor("0.8" if s in real_sources else "#9ecae1")
        ax.set_yticks(range(1, len(sources) + 1), sources if ax in axes[:, 0] else [], fontsize=7)
        ax.set_title(stat, fontsize=8)
        ax.tick_params(axis="x", labelsize=7)
    for ax in axes.ravel()[len(stats) :]:
        ax.axis("off")
    fig.tight_layout()
    return fig
