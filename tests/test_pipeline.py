"""The shared models are trained on what their data description says: the protocol's
training configuration, the number of records, Stage I or not."""

import pytest

from nefnet.book import pipeline, pipeline_v1
from nefnet.book.scales import preset
from nefnet.data.protocols import get_protocol
from nefnet.simulate import SimConfig, simulate_record
from nefnet.training import recipe as recipe_module
from nefnet.training.recipes import training_protocol


@pytest.fixture
def captured(monkeypatch):
    """Build the recipe's dataset over two records instead of training; keep what it built."""
    seen = {}

    def fake_cached(recipe, records=None, **kw):
        device = recipe.records.device or "sim-ptbxl"
        recs = [simulate_record(SimConfig(device=device), 0, k) for k in range(2)]
        seen.update(dataset=recipe.dataset(recs), data=recipe.data, init=recipe.init)
        seen.update(records=recipe.records)
        return None, None

    for module in (pipeline, pipeline_v1, recipe_module):
        monkeypatch.setattr(module, "cached", fake_cached)
    return seen


@pytest.mark.parametrize("protocol", ["(3,9)", "(8,12)", "(5,6,1)", "panobench(5,6)"])
def test_stage2_trains_on_its_protocol(captured, protocol):
    pipeline.stage2_model("sim-panobench", "smoke", protocol)
    task = training_protocol(get_protocol(protocol))
    assert captured["dataset"].protocol.recorded == task.recorded
    assert captured["dataset"].protocol.targets == task.targets
    assert captured["data"]["protocol"] == [list(task.recorded), list(task.targets)]
    assert captured["records"].device == "sim-panobench"


def test_v1_window_trains_on_its_protocol(captured):
    pipeline_v1.v1_window_model("(5,6,1)", "smoke")
    task = training_protocol(get_protocol("(5,6,1)"))
    assert captured["data"]["protocol"][0] == list(task.recorded)
    assert captured["dataset"].windows.protocol.recorded == task.recorded


def test_data_efficiency_keeps_the_crops_per_epoch(captured):
    pipeline.stage2_model("sim-cpsc", "smoke", records=2, pretrained=False)
    ds, full = captured["dataset"], preset("stage2", "smoke")["records"]
    assert len(ds.records) == 2 and ds.epoch_size == full
    assert captured["init"] is None and captured["data"]["stage1"] is None
    assert captured["data"]["records"] == 2 and captured["data"]["epoch_size"] == full
    assert captured["records"].n == 2
