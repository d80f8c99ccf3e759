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
from nefnet.plots.panorama import explorer_figure
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


def test_live_explorer_redraws_on_every_move(model, records):
    live = live_explorer(model, records)
    before = np.array(live.figure.data[0].y)
    live.phi.value = -150.0
    assert not np.allclose(before, live.figure.data[0].y)
    live.theta.value = 20.0
    assert len(live.update_ms) == 2  # one per move; how fast: benchmarks/bench_explorer.py
    live.record.value = "SimPanobench LBBB"
    assert "LBBB" in live.figure.layout.title.text
    live.calibrate.value = True
    assert live.figure.data[0].visible and "encoded once" in live.status.value
