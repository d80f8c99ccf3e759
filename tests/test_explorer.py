"""Chapter 11's explorer: encoded views give the model's own output, the static figure's
controls switch between precomputed views, the live explorer redraws on every move."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

import nefnet
from nefnet.geometry import view_angles
from nefnet.models import NefNetV2, NefNetV2Config
from nefnet.models.encoded import EncodedRecord
from nefnet.plots.live_explorer import live_explorer
from nefnet.plots.panorama import default_view, explorer_figure
from nefnet.scoring.synthesis import synthesize
from nefnet.simulate import SimConfig, simulate_record
from nefnet.training import panorama as explorer

LEADS = ["I", "II", "V3"]


@pytest.fixture(scope="module")
def model():
    return nefnet.pretrained(explorer.MODEL)


@pytest.fixture(scope="module")
def records():
    return explorer.examples(classes=("Normal", "LBBB"))


def test_encoded_views_equal_the_forward_pass(model):
    rec = simulate_record(SimConfig(duration=4.0), 1, 0)
    x, a = rec.select(LEADS), view_angles(LEADS)
    q = np.radians([[90.0, 10.0], [30.0, -120.0], [150.0, 170.0]])
    assert np.array_equal(EncodedRecord(model, x, a).synthesize(q), synthesize(model, x, a, q))
    with pytest.raises(ValueError, match="joint normalisation"):
        EncodedRecord(NefNetV2(replace(NefNetV2Config.preset("smoke"), normalize="all")), x, a)


def test_static_figure_switches_between_precomputed_views(model, records):
    views = explorer.Views(model, records["SimPanobench Normal"], LEADS)
    thetas, phis = [60, 90], [-90, 0, 90]
    frames = explorer.frames(views, thetas, phis)
    assert set(frames) == {(t, p) for t in thetas for p in phis}
    assert set(frames[(90, 0)]) == {"NEF-NET v2", "dipole-LSQ", "truth"}
    assert not np.allclose(frames[(90, 0)]["NEF-NET v2"], frames[(90, 90)]["NEF-NET v2"])
    fig = explorer_figure(np.arange(500) / 250, frames, LEADS, "test")
    menu = fig.layout.updatemenus[0].buttons
    assert [b.label for b in menu] == ["θ = 60°", "θ = 90°"]
    steps = fig.layout.sliders[0].steps
    assert [s.label for s in steps] == ["-90°", "0°", "90°"]
    shown = [np.flatnonzero(s.args[0]["visible"]) for s in steps]
    assert all(len(v) == len(shown[0]) for v in shown) and len({tuple(v) for v in shown}) == 3
    ys = [[fig.data[i].y for i in v if fig.data[i].type == "scatter"] for v in shown]
    assert not np.allclose(ys[0][0], ys[2][0])  # the lead changes with φ
    # the y axis fits each view; the figure opens at the equator's most informative view
    for step, lines in zip(steps, ys):
        lo, hi = step.args[1]["yaxis.range"]
        assert lo <= min(map(np.min, lines)) and hi >= max(map(np.max, lines))
        assert hi - lo < 1.5 * max(np.ptp(np.concatenate(lines)), 0.2) + 1e-6
    t0, p0 = default_view(frames)
    swing = {p: np.ptp(frames[(90, p)]["NEF-NET v2"]) for p in phis}
    assert t0 == 90 and p0 == max(swing, key=swing.get)
    assert fig.layout.sliders[0].active == phis.index(p0)
    meta = fig.layout.meta["nefnet_explorer"]
    assert meta["phis"] == phis and len(meta["ranges"]) == len(thetas) * len(phis)


def test_live_explorer_redraws_on_every_move(model, records):
    live = live_explorer(model, records)
    before = np.array(live.figure.data[0].y)
    live.phi.value = -150.0
    assert not np.allclose(before, live.figure.data[0].y)
    live.theta.value = 20.0
    assert len(live.update_ms) == 2  # one per move; how fast: benchmarks/bench_explorer.py
    cue = {t.name: t for t in live.figure.data}["you look from"]  # the orientation cue follows
    assert (cue.x[0], cue.y[0]) == (-150.0, 20.0)
    live.record.value = "SimPanobench LBBB"
    assert "LBBB" in live.figure.layout.title.text
    assert "calibrated" not in live.status.value
    live.calibrate.value = True
    assert live.figure.data[0].visible and "encoded once" in live.status.value
    assert "calibrated in" in live.status.value and "angles moved by up to" in live.status.value
    assert live.views.calibration["offsets_deg"].shape == (len(live.leads.value.split(",")), 2)


def test_the_static_book_gets_a_note_instead_of_the_live_widget(model, records, monkeypatch):
    from nefnet import progress
    from nefnet.plots import live_explorer as lx

    live = live_explorer(model, records)
    monkeypatch.setattr(progress, "batch_kernel", lambda: True)
    assert "Live controls need a running kernel" in live.show().data
    monkeypatch.setattr(progress, "batch_kernel", lambda: False)
    assert live.show() is not None and not hasattr(live.show(), "data")
    assert lx.calibration_text(None) == ""
