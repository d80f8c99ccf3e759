"""Figures of viewing directions: the sphere of views, the hexaxial reference, the Panobench map."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import plotly.graph_objects as go

from ..geometry import frontal_angle, lead_vectors, unit_vector
from ..views import ANGLES_12, LIMB_LEADS, PANOBENCH_42, PANOBENCH_GROUPS, PRECORDIAL
from . import legends

_GROUP_COLOURS = {
    "RA": "#d62728",
    "right chest": "#ff7f0e",
    "left chest": "#2ca02c",
    "LA": "#9467bd",
}


def sphere_mesh(n=24):
    u, v = np.meshgrid(np.linspace(0, np.pi, n), np.linspace(-np.pi, np.pi, 2 * n))
    return unit_vector(u, v)


def scatter_views(names, colour, label, symbol="circle", size=5):
    vec = lead_vectors(names, einthoven=False)
    return go.Scatter3d(
        x=vec[:, 0],
        y=vec[:, 1],
        z=vec[:, 2],
        mode="markers+text",
        text=list(names),
        textfont={"size": 9},
        name=label,
        marker={"size": size, "color": colour, "symbol": symbol},
    )


def sphere_surface(n=24, colour="#9ecae1", opacity=0.12) -> go.Surface:
    """A translucent unit sphere to draw view directions on."""
    mesh = sphere_mesh(n)
    return go.Surface(
        x=mesh[..., 0],
        y=mesh[..., 1],
        z=mesh[..., 2],
        opacity=opacity,
        showscale=False,
        colorscale=[[0, colour], [1, colour]],
        hoverinfo="skip",
        name="unit sphere",
    )


def view_sphere() -> go.Figure:
    """3-D sphere of viewing directions: 12 standard leads and the 42 Panobench electrodes."""
    fig = go.Figure(sphere_surface())
    fig.add_trace(scatter_views(LIMB_LEADS, "#1f77b4", "limb leads", "diamond", 6))
    fig.add_trace(scatter_views(PRECORDIAL, "#17becf", "V1–V6", "diamond", 6))
    for group, names in PANOBENCH_GROUPS.items():
        fig.add_trace(scatter_views(names, _GROUP_COLOURS[group], f"Panobench {group}"))
    fig.update_layout(
        height=560,
        margin={"l": 0, "r": 0, "t": 30, "b": 0},
        title="Viewing directions (x anterior, y patient's left, z superior)",
        scene={
            "xaxis_title": "x (anterior)",
            "yaxis_title": "y (left)",
            "zaxis_title": "z (superior)",
            "aspectmode": "cube",
        },
    )
    return fig


def hexaxial(ax=None):
    """Frontal-plane (hexaxial) directions of the six limb leads from the angle table."""
    ax = ax or plt.subplots(figsize=(4, 4))[1]
    for name in LIMB_LEADS:
        ang = np.radians(frontal_angle(lead_vectors([name], einthoven=False)[0]))
        dx, dy = np.cos(ang), -np.sin(ang)  # screen: right = patient's left, down = inferior
        ax.annotate("", (dx, dy), (0, 0), arrowprops={"arrowstyle": "->", "lw": 1.5})
        ax.text(
            1.15 * dx,
            1.15 * dy,
            f"{name}\n{np.degrees(ang):+.0f}°",
            ha="center",
            va="center",
            fontsize=8,
        )
    ax.set(
        xlim=(-1.4, 1.4),
        ylim=(-1.4, 1.4),
        aspect="equal",
        xticks=[],
        yticks=[],
        title="Hexaxial reference (frontal plane)",
    )
    return ax


def panobench_map(ax=None):
    """The 48 Panobench views on a (φ, θ) map."""
    ax = ax or plt.subplots(figsize=(7, 3.6))[1]
    for group, names in PANOBENCH_GROUPS.items():
        th, ph = np.array([PANOBENCH_42[n] for n in names]).T
        ax.scatter(ph, th, s=22, color=_GROUP_COLOURS[group], label=group)
    th, ph = np.array([ANGLES_12[n] for n in ANGLES_12]).T
    ax.scatter(ph, th, marker="D", s=26, color="k", label="12-lead")
    for name, (t, p) in ANGLES_12.items():
        ax.annotate(name, (p, t), fontsize=7, xytext=(3, 2), textcoords="offset points")
    ax.set(
        xlabel="φ (°, 0 = anterior, +90 = left)",
        ylabel="θ (°, 0 = superior)",
        xlim=(-120, 120),
        ylim=(185, -5),
        title="Panobench views and the 12 leads",
    )
    legends.beside(ax)
    return ax
