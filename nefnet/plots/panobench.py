"""Figures of the Panobench analysis: reconstruction vs synthesis by supervision and inputs
(Fig. 5 analogue), a 48-view panorama beside the truth (Fig. 12 analogue), and synthesis error
against the angular distance to the views a model saw, on the sphere."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import plotly.graph_objects as go

from ..geometry import lead_vectors
from . import legends
from .views import scatter_views, sphere_surface

ROLE_COLOURS = {"recorded": "#1f77b4", "supervised": "#2ca02c", "synthesized": "#d62728"}
METHOD_STYLE = {"reconstruction": "-", "synthesis": "--"}


def supervision_figure(long, paper, methods):
    """PSNR against the number of supervised views (3 inputs, left) and of inputs (12
    supervised, right); ours solid markers, the paper's hollow."""
    fig, axes = plt.subplots(1, 2, figsize=(11, 3.8), sharey=True)
    colours = dict(zip(methods, ("tab:blue", "tab:orange", "tab:green")))
    for ax, fixed, across in (
        (axes[0], ("inputs", 3), "supervised"),
        (axes[1], ("supervised", 12), "inputs"),
    ):
        part = long[long[fixed[0]] == fixed[1]]
        p = paper[paper[fixed[0]] == fixed[1]] if paper is not None else part.iloc[:0]
        for source, data in (("", part), ("paper ", p)):
            for (method, task), g in data.groupby(["method", "task"]):
                g = g.sort_values(across)
                style = (
                    {"color": colours[method]}
                    if not source
                    else {"mfc": "none", "color": "grey", "alpha": 0.6}
                )
                ax.plot(
                    g[across],
                    g["psnr"],
                    METHOD_STYLE[task],
                    marker="o",
                    label=f"{source}{method}, {task}",
                    **style,
                )
        ax.set_xlabel(f"{across} views ({fixed[0]} = {fixed[1]})")
        ax.set_xticks(sorted(set(part[across]) | set(p[across])))
    axes[0].set_ylabel("PSNR (dB)")
    legends.below(fig)
    fig.tight_layout()
    return fig


def panorama_grid(pan, ncols=4):
    """Small multiples of every panorama view: the truth (grey) and the synthesis coloured by
    the view's role; four columns, so that each panel keeps a readable width on the page."""
    views = pan["views"]
    nrows = int(np.ceil(len(views) / ncols))
    fig, axes = plt.subplots(
        nrows, ncols, figsize=(2.6 * ncols, 1.3 * nrows), sharex=True, sharey=True, squeeze=False
    )
    for ax, k in zip(axes.flat, range(len(views))):
        role = pan["roles"][views[k]]
        ax.plot(pan["time"], pan["truth"][k], color="0.6", lw=1.6)
        ax.plot(pan["time"], pan["synth"][k], color=ROLE_COLOURS[role], lw=0.9)
        ax.set_title(views[k], fontsize=8, color=ROLE_COLOURS[role], pad=2)
        ax.tick_params(labelsize=7)
    for ax in axes.flat[len(views) :]:
        ax.set_visible(False)
    handles = [plt.Line2D([], [], color="0.6", lw=1.6, label="truth")] + [
        plt.Line2D([], [], color=c, label=r) for r, c in ROLE_COLOURS.items()
    ]
    fig.legend(handles=handles, loc="upper center", ncols=4, fontsize=9, frameon=False)
    fig.tight_layout(rect=(0, 0, 1, 1 - 0.4 / fig.get_figheight()))
    return fig


def distance_scatter(table):
    """Unseen-view PSNR against the angle to the nearest recorded view and to the nearest
    view seen in training."""
    fig, axes = plt.subplots(1, 2, figsize=(10, 3.4), sharey=True)
    for ax, col, label in (
        (axes[0], "to_recorded_deg", "nearest recorded view"),
        (axes[1], "to_seen_deg", "nearest recorded or supervised view"),
    ):
        ax.scatter(table[col], table["psnr"], s=18, color="tab:red")
        for view, row in table.iterrows():
            ax.annotate(
                view.replace("view-", ""),
                (row[col], row["psnr"]),
                fontsize=6,
                xytext=(2, 2),
                textcoords="offset points",
            )
        ax.set_xlabel(f"angle to the {label} (°)")
    axes[0].set_ylabel("synthesis PSNR (dB)")
    fig.tight_layout()
    return fig


def error_sphere(table, recorded, supervised) -> go.Figure:
    """The sphere of views: unseen views coloured by synthesis PSNR; recorded and supervised
    views marked."""
    fig = go.Figure(sphere_surface(colour="#bbbbbb", opacity=0.1))
    vec = lead_vectors(list(table.index), einthoven=False)
    fig.add_trace(
        go.Scatter3d(
            x=vec[:, 0],
            y=vec[:, 1],
            z=vec[:, 2],
            mode="markers",
            name="synthesized",
            text=[f"{v}: {p:.1f} dB" for v, p in zip(table.index, table["psnr"])],
            hoverinfo="text",
            marker={
                "size": 6,
                "color": table["psnr"],
                "colorscale": "RdYlGn",
                "showscale": True,
                "colorbar": {"title": "PSNR (dB)"},
            },
        )
    )
    for names, role in ((recorded, "recorded"), (supervised, "supervised")):
        fig.add_trace(scatter_views(names, ROLE_COLOURS[role], role, "diamond", 4))
    fig.update_layout(
        height=520,
        margin={"l": 0, "r": 0, "t": 30, "b": 0},
        scene={
            "aspectmode": "data",
            "xaxis_title": "x (anterior)",
            "yaxis_title": "y (left)",
            "zaxis_title": "z (superior)",
        },
    )
    return fig
