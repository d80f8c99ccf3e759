from dataclasses import replace

import pytest
import torch

from nefnet.data.protocols import get_protocol
from nefnet.data.torch_dataset import ViewPairDataset
from nefnet.models import NefNetV2Config
from nefnet.simulate import SimConfig, simulate_record
from nefnet.training import checkpoints
from nefnet.training.recipe import Recipe, cached
from nefnet.training.train import TrainConfig


def test_cache_trains_once_then_loads(tmp_path, monkeypatch):
    monkeypatch.setenv("NEFNET_MODELS", str(tmp_path))
    calls = []

    def make():
        calls.append(1)
        return [simulate_record(SimConfig(duration=2.0), 3, i) for i in range(4)]

    mcfg, tcfg = NefNetV2Config.preset("smoke"), TrainConfig(epochs=1, batch_size=4)
    data = {"sim": "n=4 seed=3"}
    recipe = Recipe(mcfg, tcfg, Recipe.describe(data), protocol=get_protocol("(3,9)"))
    recipe = replace(recipe, crop_seconds=256 / 500, crop_low=1.0)
    m1, path = cached(recipe, make(), progress=False)
    m2, path2 = cached(recipe, make, progress=False)  # loaded: the records are never used
    assert calls == [1] and path == path2 and path.is_file()
    assert all(
        torch.equal(a, b) for a, b in zip(m1.state_dict().values(), m2.state_dict().values())
    )
    other = checkpoints.cache_key(mcfg, TrainConfig(epochs=2, batch_size=4), data)
    assert other != checkpoints.cache_key(mcfg, tcfg, data)


def test_load_model_errors(tmp_path):
    with pytest.raises(FileNotFoundError):
        checkpoints.load_model(tmp_path / "none.pt")
    torch.save({"weights": 1}, tmp_path / "x.pt")
    with pytest.raises(ValueError, match="not a nefnet model checkpoint"):
        checkpoints.load_model(tmp_path / "x.pt")


def test_cache_and_reload_a_nefnet_v1_window_model(tmp_path, monkeypatch):
    from nefnet.data.beat_dataset import WindowDataset
    from nefnet.models import NefNetV1, NefNetV1Config

    monkeypatch.setenv("NEFNET_MODELS", str(tmp_path))
    recs = [simulate_record(SimConfig(duration=2.0), 3, i) for i in range(4)]
    ds = WindowDataset(
        ViewPairDataset(recs, get_protocol("(3,9)"), crop=(200, 256), normalize_by="recorded")
    )
    item = ds[0]
    assert item["bounds"][0] == 0 and item["bounds"][-1] == item["length"]
    mcfg = replace(NefNetV1Config.preset("smoke"), output="linear")
    recipe = Recipe(
        mcfg,
        TrainConfig(epochs=1, batch_size=4),
        Recipe.describe({"v1": 1}),
        items="window",
        protocol=get_protocol("(3,9)"),
        crop_seconds=256 / 500,
        crop_low=200 / 256,
        normalize_by="recorded",
    )
    model, path = cached(recipe, recs, progress=False)
    assert path.name.startswith("nefnet_v1-pretrain-")
    again = checkpoints.load_model(path)
    assert isinstance(again, NefNetV1) and again.cfg == mcfg
