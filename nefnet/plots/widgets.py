"""Interactive explorers (ipywidgets). Each follows a static figure of the same content in the
book, because the static HTML has no kernel to run the callbacks.
"""

from __future__ import annotations

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np

from ..dipole import project


def panorama_explorer(time, dipole, theta_deg=90.0, phi_deg=45.0):
    """θ and φ sliders that redraw the lead synthesized from ``dipole`` (3, T) at (θ, φ)."""
    theta = widgets.FloatSlider(
        value=theta_deg, min=0, max=180, step=1, description="θ (°)", continuous_update=False
    )
    phi = widgets.FloatSlider(
        value=phi_deg, min=-180, max=180, step=1, description="φ (°)", continuous_update=False
    )
    out = widgets.Output()
    lim = float(np.abs(dipole).max() * 1.05)

    def redraw(*_):
        view = project(dipole, np.radians([theta.value]), np.radians([phi.value]))[0]
        with out:
            out.clear_output(wait=True)
            fig, ax = plt.subplots(figsize=(6, 2.4))
            ax.plot(time, view, lw=1.5)
            ax.set(
                ylim=(-lim, lim),
                xlabel="time (s)",
                ylabel="mV",
                title=f"virtual lead θ={theta.value:.0f}°, φ={phi.value:.0f}°",
            )
            plt.show(fig)

    theta.observe(redraw, names="value")
    phi.observe(redraw, names="value")
    redraw()
    return widgets.VBox([widgets.HBox([theta, phi]), out])
