"""The live panorama explorer (ipywidgets + a plotly FigureWidget): θ/φ sliders, a record picker,
the recorded-lead set and an On-the-fly Calibration toggle; every move re-synthesizes the lead
from views encoded once per record and updates the traces in place."""

from __future__ import annotations

import time

import ipywidgets as widgets
import numpy as np
import plotly.graph_objects as go

from .panorama import STYLE

#: On-the-fly Calibration fits the first seconds of the record
CALIBRATION_S = 5.0
#: the orientation map beside the traces: φ across, θ down (superior at the top)
ORIENTATION_AXES = {
    "xaxis2": {"domain": [0.8, 1.0], "range": [-180, 180], "title": "φ (°)", "dtick": 90},
    "yaxis2": {"anchor": "x2", "range": [180, 0], "title": "θ (°)", "dtick": 45},
}


def _lead_points(leads) -> dict:
    from ..views import ANGLES_12

    known = [v for v in leads if v in ANGLES_12]
    return {
        "x": [ANGLES_12[v][1] for v in known],
        "y": [ANGLES_12[v][0] for v in known],
        "text": known,
    }


def orientation_traces(recorded, theta, phi) -> list:
    """The orientation cue: the 12 leads' directions (grey), the recorded ones (blue) and the
    direction looked from (red) on a (φ, θ) map."""
    from ..views import ANGLES_12

    common = {"xaxis": "x2", "yaxis": "y2", "showlegend": False, "hoverinfo": "text"}
    return [
        go.Scatter(
            name="12 leads",
            mode="markers+text",
            textposition="top center",
            textfont={"size": 8, "color": "#888"},
            marker={"color": "#bbbbbb", "size": 5},
            **_lead_points(list(ANGLES_12)),
            **common,
        ),
        go.Scatter(
            name="recorded",
            mode="markers",
            marker={"color": "#1f77b4", "size": 8, "symbol": "diamond"},
            **_lead_points(recorded),
            **common,
        ),
        go.Scatter(
            name="you look from",
            mode="markers",
            marker={"color": "#d62728", "size": 11},
            x=[phi],
            y=[theta],
            text=["the virtual lead"],
            **common,
        ),
    ]


class LiveExplorer:
    """``make_views(record, leads, calibrate_s)`` returns a
    :class:`~nefnet.chapters.explorer.Views`; ``records`` maps names to records."""

    def __init__(self, make_views, records: dict, lead_sets, seconds=2.5, theta=90.0, phi=30.0):
        self.make_views, self.records, self.seconds = make_views, records, seconds
        slider = dict(continuous_update=True, readout_format=".0f")
        self.theta = widgets.FloatSlider(
            value=theta, min=0, max=180, step=1, description="θ (°)", **slider
        )
        self.phi = widgets.FloatSlider(
            value=phi, min=-180, max=180, step=1, description="φ (°)", **slider
        )
        self.record = widgets.Dropdown(options=list(records), description="record")
        self.leads = widgets.Dropdown(options=list(lead_sets), description="recorded")
        self.calibrate = widgets.Checkbox(
            value=False,
            description=f"On-the-fly Calibration (first {CALIBRATION_S:g} s)",
            style={"description_width": "initial"},
            layout=widgets.Layout(width="auto"),
        )
        self.status = widgets.Label()
        self.update_ms = []
        self._encode_views()
        # the first traces go into the constructor: a FigureWidget drops updates made before
        # a front end shows it, so a figure filled later would first appear empty
        self.figure = go.FigureWidget(
            [go.Scatter(name=m, line=STYLE[m], **self._trace(m)) for m in STYLE]
            + orientation_traces(self.leads.value.split(","), self.theta.value, self.phi.value),
            layout={
                "height": 360,
                "title": self._title(),
                "xaxis": {"title": "time (s)", "domain": [0.0, 0.72]},
                "yaxis": {"title": "mV"},
                **ORIENTATION_AXES,
                "legend": {"orientation": "h", "x": 0.0, "y": -0.2},
                "margin": {"l": 50, "r": 10, "t": 40, "b": 40},
            },
        )
        for w in (self.record, self.leads, self.calibrate):
            w.observe(self._encode, names="value")
        for w in (self.theta, self.phi):
            w.observe(self._redraw, names="value")
        self._report(0.0)

    def _encode_views(self):
        rec = self.records[self.record.value]
        calibrate_s = CALIBRATION_S * self.calibrate.value
        self.views = self.make_views(rec, self.leads.value.split(","), calibrate_s)
        self.time = np.arange(int(self.seconds * rec.sampling_rate)) / rec.sampling_rate
        self.signals = self.views.at(self.theta.value, self.phi.value)

    def _trace(self, method) -> dict:
        s = self.signals.get(method)
        if s is None:
            return {"visible": False}
        return {"visible": True, "x": self.time, "y": s[0, : len(self.time)]}

    def _title(self) -> str:
        return (
            f"{self.record.value}: virtual lead θ = {self.theta.value:.0f}°, "
            f"φ = {self.phi.value:.0f}° from {self.leads.value}"
        )

    def _encode(self, *_):
        self._encode_views()
        self._redraw()

    def _redraw(self, *_):
        start = time.perf_counter()
        self.signals = self.views.at(self.theta.value, self.phi.value)
        with self.figure.batch_update():
            for trace in self.figure.data:
                if trace.name == "you look from":
                    trace.update(x=[self.phi.value], y=[self.theta.value])
                elif trace.name == "recorded":
                    recorded = self.leads.value.split(",")
                    trace.update(**_lead_points(recorded))
                elif trace.name in STYLE:
                    trace.update(self._trace(trace.name))
            self.figure.layout.title = self._title()
            self.figure.layout.yaxis.autorange = True
        self._report(1000 * (time.perf_counter() - start))

    def _report(self, ms):
        if ms:
            self.update_ms.append(ms)
        text = (
            f"update {ms:.1f} ms (views encoded once: {self.views.encode_ms:.0f} ms)"
            if ms
            else f"views encoded once: {self.views.encode_ms:.0f} ms"
        )
        self.status.value = text + calibration_text(getattr(self.views, "calibration", None))

    def widget(self):
        controls = widgets.VBox(
            [
                widgets.HBox([self.theta, self.phi]),
                widgets.HBox([self.record, self.leads]),
                widgets.HBox([self.calibrate, self.status]),
            ]
        )
        return widgets.VBox([controls, self.figure])

    def show(self):
        """The live widget in a running kernel; in a batch execution (the static book, whose
        page cannot run it) a note saying where the live controls work."""
        from ..progress import batch_kernel

        if not batch_kernel():
            return self.widget()
        from IPython.display import HTML

        return HTML(STATIC_NOTE)


#: what the static book shows instead of the live explorer
STATIC_NOTE = (
    '<p class="nefnet-static-note"><strong>Live controls need a running kernel.</strong> Open this '
    "chapter in JupyterLab (<code>make lab</code>) or serve the explorer as an app "
    "(<code>nefnet explore</code>); the static figure above turns the lead without one.</p>"
)


def calibration_text(calibration) -> str:
    """What On-the-fly Calibration did, for the status line: the largest angle offset it
    learned and the time it took ("" when it is off)."""
    if not calibration:
        return ""
    biggest = float(np.abs(calibration["offsets_deg"]).max())
    return f"; calibrated in {calibration['ms'] / 1000:.1f} s, angles moved by up to {biggest:.1f}°"


def live_explorer(model, records: dict) -> LiveExplorer:
    """The live explorer over ``records`` with ``model``."""
    from ..training.panorama import LEAD_SETS, Views

    def make_views(record, leads, calibrate_s):
        return Views(model, record, leads, calibrate_s)

    return LiveExplorer(make_views, records, LEAD_SETS)
