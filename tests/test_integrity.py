"""Checkpoints carry a digest of their tensors that loading verifies; shipped weights are
checked against their manifest; training stops at the first non-finite loss or weight."""

import json
import shutil

import pytest
import torch

from nefnet.data.torch_dataset import ViewPairDataset
from nefnet.models import NefNetV2, NefNetV2Config
from nefnet.simulate import SimConfig, simulate_record
from nefnet.training import checkpoints, integrity, train as train_module
from nefnet.training.train import TrainConfig, load_checkpoint, train

from .corrupt import flip_a_weight_byte


@pytest.fixture(scope="module")
def dataset():
    recs = [simulate_record(SimConfig(duration=3.0, classes=("Normal",)), 21, i) for i in range(4)]
    return ViewPairDataset(recs, None, crop=(400, 512), seed=0)


def _model():
    torch.manual_seed(0)
    return NefNetV2(NefNetV2Config.preset("smoke"))


@pytest.fixture(scope="module")
def checkpoint(dataset, tmp_path_factory):
    path = tmp_path_factory.mktemp("ck") / "ck.pt"
    train(_model(), dataset, TrainConfig(epochs=1, batch_size=4), checkpoint=path, progress=False)
    return path


def test_a_checkpoint_carries_the_digest_of_its_weights(checkpoint):
    state = torch.load(checkpoint, weights_only=True)
    assert state["digest"] == integrity.tensor_digest(state["model"])
    checkpoints.load_model(checkpoint)  # verifies


def test_a_flipped_weight_byte_is_refused_in_one_line(checkpoint, tmp_path):
    bad = tmp_path / "flipped.pt"
    flip_a_weight_byte(checkpoint, bad)
    for load in (
        lambda: checkpoints.load_model(bad),
        lambda: load_checkpoint(bad, torch.load(bad)["model_config"], {}),
    ):
        with pytest.raises(ValueError, match=r"flipped\.pt is corrupt: its weights do not match"):
            load()


def test_an_altered_shipped_file_is_refused(monkeypatch, tmp_path):
    entries = json.loads((checkpoints.shipped_dir() / "MANIFEST.json").read_text())
    entry = entries["v1-window-(3,8,1)"]
    folder = tmp_path / "weights"
    folder.mkdir()
    shutil.copy(checkpoints.shipped_dir() / "MANIFEST.json", folder)
    shutil.copy(checkpoints.shipped_dir() / entry["file"], folder)
    monkeypatch.setattr(checkpoints, "shipped_dir", lambda: folder.resolve())
    checkpoints.load_model(folder / entry["file"])  # intact: loads
    flip_a_weight_byte(checkpoints.shipped_dir() / entry["file"], folder / entry["file"])
    with pytest.raises(ValueError, match="altered or damaged .SHA-256 differs from MANIFEST"):
        checkpoints.load_model(folder / entry["file"])


def test_training_stops_at_a_non_finite_loss_and_keeps_the_last_good_checkpoint(
    dataset, tmp_path, monkeypatch
):
    path = tmp_path / "ck.pt"
    cfg = TrainConfig(epochs=1, batch_size=2)
    train(_model(), dataset, cfg, checkpoint=path, progress=False)
    real, calls = train_module.batch_loss, []

    def nan_on_the_second_step(model, batch):
        calls.append(1)
        loss = real(model, batch)
        return loss * float("nan") if len(calls) == 2 else loss

    monkeypatch.setattr(train_module, "batch_loss", nan_on_the_second_step)
    state = torch.load(path, weights_only=True)
    state["train_config"]["epochs"] = 2
    torch.save(state, path)
    good = path.read_bytes()
    with pytest.raises(integrity.TrainingDiverged, match="loss is nan at epoch 2, step 2"):
        train(
            _model(),
            dataset,
            TrainConfig(epochs=2, batch_size=2),
            path,
            resume=True,
            progress=False,
        )
    assert path.read_bytes() == good
    assert not list(tmp_path.glob("*.tmp"))


def test_training_stops_when_a_weight_becomes_infinite(dataset):
    with pytest.raises(integrity.TrainingDiverged, match="diverged"):
        train(
            _model(),
            dataset,
            TrainConfig(epochs=2, batch_size=4, lr=1e308),
            progress=False,
        )


def test_the_cli_reports_a_diverged_run_in_one_line_and_writes_nothing(tmp_path, capsys):
    from nefnet.cli import main

    out = tmp_path / "model.pt"
    argv = ["train", "--stage", "pretrain", "--scale", "smoke", "--lr", "1e308", "--quiet"]
    assert main(argv + ["--out", str(out)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("nefnet train: pretrain training diverged")
    assert "no checkpoint was written" in err[0]
    assert list(tmp_path.iterdir()) == []
