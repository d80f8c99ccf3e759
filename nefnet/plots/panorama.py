"""The panorama explorer's static figure: a virtual lead at precomputed (θ, φ) views beside the
sphere of views, turned with a θ menu and a φ slider that work in the HTML book without a
kernel (plotly's own buttons switch which precomputed traces are visible)."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..geometry import lead_vectors, unit_vector
from ..views import PANOBENCH_42
from .views import sphere_surface

#: trace styles of the methods a frame may hold
STYLE = {
    "NEF-NET v2": {"color": "#d62728", "width": 2.0},
    "dipole-LSQ": {"color": "#1f77b4", "width": 1.2, "dash": "dot"},
    "truth": {"color": "#555555", "width": 1.2},
}


def _marker(direction, name, colour, size, symbol="circle", text=None, visible=True):
    d = np.atleast_2d(direction)
    return go.Scatter3d(
        x=d[:, 0],
        y=d[:, 1],
        z=d[:, 2],
        mode="markers+text" if text else "markers",
        text=text,
        name=name,
        visible=visible,
        marker={"size": size, "color": colour, "symbol": symbol},
        showlegend=False,
    )


def _y_range(signals) -> list[float]:
    """The y range that fits ``signals`` with a margin (never narrower than 0.2 mV)."""
    lo = min(float(np.min(s)) for s in signals)
    hi = max(float(np.max(s)) for s in signals)
    pad = max(0.05 * (hi - lo), 0.5 * max(0.0, 0.2 - (hi - lo)))
    return [round(lo - pad, 3), round(hi + pad, 3)]


def default_view(frames: dict, theta=90.0) -> tuple:
    """The view the explorer opens at: on the equator (or the θ nearest it), the φ whose
    synthesized lead swings most — an informative view, not the first of the slider."""
    thetas = sorted({t for t, _ in frames})
    t = min(thetas, key=lambda x: abs(x - theta))
    row = {p: f for (tt, p), f in frames.items() if tt == t}
    return t, max(row, key=lambda p: float(np.ptp(next(iter(row[p].values())))))


def explorer_figure(time, frames: dict, recorded, title="") -> go.Figure:
    """``frames``: ``{(θ°, φ°): {method: signal (T,)}}`` on a θ × φ grid; ``recorded``: the
    recorded leads' names. The θ menu picks a row of the grid, the φ slider a view in it; the
    y axis fits each view. ``layout.meta["nefnet_explorer"]`` describes the grid, so that the
    book's page script (pages/_js/explorer_controls.js) keeps φ when θ changes."""
    thetas = sorted({t for t, _ in frames})
    phis = sorted({p for _, p in frames})
    fig = make_subplots(
        rows=1,
        cols=2,
        column_widths=[0.38, 0.62],
        specs=[[{"type": "scene"}, {"type": "xy"}]],
    )
    fig.add_trace(sphere_surface(16, opacity=0.1), 1, 1)
    fig.add_trace(_marker(lead_vectors(PANOBENCH_42, False), "Panobench", "#aaaaaa", 3), 1, 1)
    rec = lead_vectors(recorded, False)
    fig.add_trace(_marker(rec, "recorded", "#1f77b4", 6, "diamond", list(recorded)), 1, 1)
    fixed = len(fig.data)
    groups = {}  # (θ, φ) → indices of its traces
    first = default_view(frames)
    grid = [(t, p) for t in thetas for p in phis]
    for key in grid:
        show = key == first
        start = len(fig.data)
        direction = unit_vector(np.radians(key[0]), np.radians(key[1]))
        fig.add_trace(_marker(direction, "query", "#d62728", 7, visible=show), 1, 1)
        for method, signal in frames[key].items():
            fig.add_trace(
                go.Scatter(
                    x0=float(time[0]),
                    dx=float(time[1] - time[0]),
                    y=np.asarray(signal, dtype=np.float32),
                    name=method,
                    line=dict(STYLE.get(method, {"width": 1.0})),
                    visible=show,
                    showlegend=True,
                    legendgroup=method,
                ),
                1,
                2,
            )
        groups[key] = list(range(start, len(fig.data)))
    n = len(fig.data)
    ranges = {key: _y_range(frames[key].values()) for key in grid}

    def visible(key):
        v = [True] * fixed + [False] * (n - fixed)
        for i in groups[key]:
            v[i] = True
        return v

    def heading(key):
        return f"{title} — virtual lead θ = {key[0]:g}°, φ = {key[1]:g}°"

    def view(key):
        return [{"visible": visible(key)}, {"title.text": heading(key), "yaxis.range": ranges[key]}]

    def slider(theta, active):
        steps = [{"label": f"{p:g}°", "method": "update", "args": view((theta, p))} for p in phis]
        return {
            "active": active,
            "currentvalue": {"prefix": "φ = "},
            "pad": {"t": 40},
            "steps": steps,
        }

    at = phis.index(first[1])
    menu = [
        {
            "label": f"θ = {t:g}°",
            "method": "update",
            "args": [view((t, first[1]))[0], view((t, first[1]))[1] | {"sliders": [slider(t, at)]}],
        }
        for t in thetas
    ]
    fig.update_layout(
        height=520,
        title=heading(first),
        sliders=[slider(first[0], at)],
        updatemenus=[
            {
                "buttons": menu,
                "active": thetas.index(first[0]),
                "x": 0.0,
                "y": 1.12,
                "xanchor": "left",
            }
        ],
        scene={
            "aspectmode": "cube",
            "xaxis_title": "x ant",
            "yaxis_title": "y left",
            "zaxis_title": "z sup",
        },
        legend={"orientation": "h", "x": 1.0, "xanchor": "right", "y": 1.02, "yanchor": "bottom"},
        margin={"l": 0, "r": 10, "t": 90, "b": 40},
        meta={
            "nefnet_explorer": {
                "fixed": fixed,
                "group": len(groups[first]),
                "thetas": thetas,
                "phis": phis,
                "title": title,
                "ranges": [ranges[key] for key in grid],
            }
        },
    )
    fig.update_yaxes(range=ranges[first], title_text="mV", row=1, col=2)
    fig.update_xaxes(title_text="time (s)", row=1, col=2)
    return fig
