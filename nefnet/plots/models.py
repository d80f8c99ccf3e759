"""Figures of trained models: attention maps, beats synthesized from scratch, a view across the
training stages, learned angle offsets and score bars."""

from __future__ import annotations

import matplotlib.pyplot as plt

from . import legends


def attention_heatmap(gaa, ax=None):
    """GAA weights (queries × recorded views) as a heat map; ``gaa`` is a DataFrame."""
    ax = ax or plt.subplots(figsize=(5, 3))[1]
    im = ax.imshow(gaa.values, cmap="viridis", vmin=0)
    ax.set(
        xticks=range(gaa.shape[1]),
        xticklabels=list(gaa.columns),
        yticks=range(len(gaa)),
        yticklabels=list(gaa.index),
        xlabel="recorded view",
        ylabel="query",
    )
    ax.grid(False)
    ax.figure.colorbar(im, ax=ax, label="weight")
    return ax


def beat_rows(examples, leads, show, end=None):
    """One row per synthesized beat: ``examples`` are ``(label, beats (V, L))`` with ``beats`` in
    the order of ``leads``; the columns are the leads in ``show``, cut at sample ``end``."""
    fig, axes = plt.subplots(
        len(examples), len(show), figsize=(10, 1.5 * len(examples)), squeeze=False
    )
    for row, (label, beats) in enumerate(examples):
        for col, lead in enumerate(show):
            ax = axes[row, col]
            ax.plot(beats[list(leads).index(lead)][:end], lw=0.9)
            ax.set(xticks=[], yticks=[])
            ax.set_title(lead if row == 0 else "", fontsize=8)
        axes[row, 0].set_ylabel(label, fontsize=7)
    fig.tight_layout()
    return fig


def stage_traces(time, truth, synth: dict, view="V2"):
    """The true ``view`` (grey) under each method's synthesis ``{name: signal}``, one row each."""
    fig, axes = plt.subplots(
        len(synth), 1, figsize=(8, 1.3 * len(synth)), sharex=True, squeeze=False
    )
    for ax, (name, y) in zip(axes[:, 0], synth.items()):
        ax.plot(time, truth, color="0.6", lw=2, label=f"true {view}")
        ax.plot(time, y, color="C3", lw=0.9, label=name)
        legends.beside(ax)
    axes[-1, 0].set_xlabel("s (scored window)")
    fig.supylabel("mV")
    fig.tight_layout()
    return fig


def offset_scatter(offsets: dict, view="V3"):
    """Learned against true (dθ, dφ) of ``view`` for each ``{label: offsets DataFrame}`` (the
    rows of :func:`nefnet.chapters.three_stage.offset_rows`)."""
    fig, axes = plt.subplots(1, 2, figsize=(7, 3))
    for ax, a in zip(axes, ("dtheta", "dphi")):
        for label, o in offsets.items():
            ax.scatter(o[f"target_{a}_deg"], o[f"{a}_deg"], s=12, label=label)
        ax.axline((0, 0), slope=1, color="0.5", ls="--", lw=0.8)
        ax.set(xlabel=f"true {a} of {view} (deg)", ylabel=f"learned {a} (deg)")
    legends.below(fig)
    fig.tight_layout()
    return fig


def score_barh(values, xlabel, title=None, left=None, ax=None):
    """Horizontal bars of a Series of scores, sorted; ``left`` sets the axis start."""
    ax = ax or plt.subplots(figsize=(7, 0.35 * len(values) + 1))[1]
    values.sort_values().plot.barh(ax=ax, color="C0")
    ax.set(xlabel=xlabel, title=title)
    if left is not None:
        ax.set_xlim(left=left)
    return ax
