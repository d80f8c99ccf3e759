"""Every figure of the book. Functions return figures/axes; nothing is shown or saved here.

Used in: notebooks/01_dipole_theory
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import plotly.graph_objects as go

from .dipole import project
from .geometry import frontal_angle, lead_vectors, unit_vector
from .views import ANGLES_12, LIMB_LEADS, PANOBENCH_42, PANOBENCH_GROUPS, PRECORDIAL

_GROUP_COLOURS = {"RA": "#d62728", "right chest": "#ff7f0e", "left chest": "#2ca02c",
                  "LA": "#9467bd"}


def _sphere_mesh(n=24):
    u, v = np.meshgrid(np.linspace(0, np.pi, n), np.linspace(-np.pi, np.pi, 2 * n))
    return unit_vector(u, v)


def _scatter_views(names, colour, label, symbol="circle", size=5):
    vec = lead_vectors(names, einthoven=False)
    return go.Scatter3d(x=vec[:, 0], y=vec[:, 1], z=vec[:, 2], mode="markers+text",
                        text=list(names), textfont={"size": 9}, name=label,
                        marker={"size": size, "color": colour, "symbol": symbol})


def view_sphere() -> go.Figure:
    """3-D sphere of viewing directions: 12 standard leads and the 42 Panobench electrodes."""
    mesh = _sphere_mesh()
    fig = go.Figure(go.Surface(x=mesh[..., 0], y=mesh[..., 1], z=mesh[..., 2], opacity=0.12,
                               showscale=False, colorscale=[[0, "#9ecae1"], [1, "#9ecae1"]],
                               hoverinfo="skip", name="unit sphere"))
    fig.add_trace(_scatter_views(LIMB_LEADS, "#1f77b4", "limb leads", "diamond", 6))
    fig.add_trace(_scatter_views(PRECORDIAL, "#17becf", "V1–V6", "diamond", 6))
    for group, names in PANOBENCH_GROUPS.items():
        fig.add_trace(_scatter_views(names, _GROUP_COLOURS[group], f"Panobench {group}"))
    fig.update_layout(height=560, margin={"l": 0, "r": 0, "t": 30, "b": 0},
                      title="Viewing directions (x anterior, y patient's left, z superior)",
                      scene={"xaxis_title": "x (anterior)", "yaxis_title": "y (left)",
                             "zaxis_title": "z (superior)", "aspectmode": "cube"})
    return fig


def hexaxial(ax=None):
    """Frontal-plane (hexaxial) directions of the six limb leads from the angle table."""
    ax = ax or plt.subplots(figsize=(4, 4))[1]
    for name in LIMB_LEADS:
        ang = np.radians(frontal_angle(lead_vectors([name], einthoven=False)[0]))
        dx, dy = np.cos(ang), -np.sin(ang)  # screen: right = patient's left, down = inferior
        ax.annotate("", (dx, dy), (0, 0), arrowprops={"arrowstyle": "->", "lw": 1.5})
        ax.text(1.15 * dx, 1.15 * dy, f"{name}\n{np.degrees(ang):+.0f}°", ha="center",
                va="center", fontsize=8)
    ax.set(xlim=(-1.4, 1.4), ylim=(-1.4, 1.4), aspect="equal", xticks=[], yticks=[],
           title="Hexaxial reference (frontal plane)")
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
    ax.set(xlabel="φ (°, 0 = anterior, +90 = left)", ylabel="θ (°, 0 = superior)",
           xlim=(-120, 120), ylim=(185, -5), title="Panobench views and the 12 leads")
    ax.legend(fontsize=7, ncol=5, loc="lower center")
    return ax


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
    np.ravel(axes)[0].legend(fontsize=7)
    fig.supxlabel("time from R peak (s)")
    fig.supylabel("mV")
    fig.tight_layout()
    return fig


def panorama_grid(time, dipole, thetas_deg, phis_deg):
    """Electrocardio-panorama: the beat seen from a grid of (θ, φ) views (v1 paper Fig. 3)."""
    thetas, phis = np.radians(thetas_deg), np.radians(phis_deg)
    fig, axes = plt.subplots(len(thetas), len(phis), figsize=(1.15 * len(phis),
                             1.0 * len(thetas)), sharex=True, sharey=True)
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
    fig = go.Figure([go.Scatter(x=time, y=views[k], visible=(k == len(phis) // 2),
                                line={"width": 2}, name=f"φ={p:.0f}°")
                     for k, p in enumerate(phis)])
    steps = [{"method": "update", "label": f"{p:.0f}°",
              "args": [{"visible": [j == k for j in range(len(phis))]},
                       {"title": f"virtual lead at θ={theta_deg:.0f}°, φ={p:.0f}°"}]}
             for k, p in enumerate(phis)]
    fig.update_layout(sliders=[{"active": len(phis) // 2, "steps": steps,
                                "currentvalue": {"prefix": "φ = "}}],
                      yaxis={"range": [-lim, lim], "title": "mV"},
                      xaxis={"title": "time from R peak (s)"}, height=380,
                      title=f"virtual lead at θ={theta_deg:.0f}°, φ={phis[len(phis) // 2]:.0f}°",
                      margin={"t": 50, "b": 40})
    return fig


def score_bars(table, column, ax=None, title=None):
    """Bar chart of one score column of a per-lead table (index = leads, columns = records)."""
    ax = ax or plt.subplots(figsize=(7, 2.6))[1]
    table.plot.bar(ax=ax, rot=0, width=0.8)
    ax.set(ylabel=column, title=title or column)
    ax.legend(fontsize=7)
    return ax


def deflection_regions(time, signal, bounds, ax=None, names=None):
    """A beat with its seven deflection ROIs shaded (Nef-Net v1's ROIAlign regions)."""
    from .models.roi import DEFLECTIONS

    names = names or DEFLECTIONS
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 2.4))
    ax.plot(time, signal, color="k", lw=1)
    lo, hi = np.min(signal), np.max(signal)
    for k, name in enumerate(names):
        a, b = time[min(int(bounds[k]), len(time) - 1)], time[min(int(bounds[k + 1]), len(time) - 1)]
        ax.axvspan(a, b, color=f"C{k}", alpha=0.18, lw=0)
        ax.text((a + b) / 2, hi + 0.08 * (hi - lo), name, ha="center", fontsize=7)
    ax.set(xlabel="s", ylabel="mV", ylim=(lo - 0.05 * (hi - lo), hi + 0.2 * (hi - lo)))
    return ax
