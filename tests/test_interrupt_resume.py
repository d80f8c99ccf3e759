"""Training never loses work: an interrupt mid-epoch keeps the state at that epoch's start, so
resuming equals an uninterrupted run bit for bit; the CLI exits 130 in one line and leaves no
temporary file; a resume on other data is refused with the differences listed."""

from __future__ import annotations

import subprocess
import sys

import pytest
import torch

from nefnet import cli
from nefnet.data.torch_dataset import ViewPairDataset
from nefnet.models import NefNetV2, NefNetV2Config
from nefnet.simulate import SimConfig, simulate_record
from nefnet.training import train as train_module
from nefnet.training.train import TrainConfig, train


class InterruptAt(torch.utils.data.Dataset):
    """A dataset that raises KeyboardInterrupt (Ctrl-C) at its ``at``-th item of ``epoch``."""

    def __init__(self, inner, epoch, at):
        self.inner, self.epoch_to_stop, self.at, self.seen, self.epoch = inner, epoch, at, 0, 0
        self.records = inner.records

    def __len__(self):
        return len(self.inner)

    def set_epoch(self, epoch):
        self.epoch = epoch
        self.inner.set_epoch(epoch)

    def __getitem__(self, i):
        if self.epoch == self.epoch_to_stop:
            self.seen += 1
            if self.seen == self.at:
                raise KeyboardInterrupt
        return self.inner[i]


def _model():
    torch.manual_seed(0)
    return NefNetV2(NefNetV2Config.preset("smoke"))


def _weights(model):
    return {k: v.clone() for k, v in model.state_dict().items()}


def test_interrupt_mid_epoch_then_resume_is_bit_identical(tmp_path):
    recs = [simulate_record(SimConfig(duration=3.0), 5, i) for i in range(6)]
    data = ViewPairDataset(recs, None, crop=(256, 384), seed=0)
    cfg = TrainConfig(epochs=3, batch_size=2)
    full_model = _model()
    full = train(full_model, data, cfg, progress=False)
    ckpt = tmp_path / "ck.pt"
    with pytest.raises(KeyboardInterrupt):
        train(_model(), InterruptAt(data, epoch=1, at=4), cfg, checkpoint=ckpt, progress=False)
    state = torch.load(ckpt, weights_only=True)
    assert state["epoch"] == 1 and len(state["history"]) == 1  # the partial epoch is dropped
    assert not list(tmp_path.glob("*.tmp"))
    resumed_model = _model()
    resumed = train(resumed_model, data, cfg, checkpoint=ckpt, resume=True, progress=False)
    assert resumed == full
    a, b = _weights(full_model), _weights(resumed_model)
    assert all(torch.equal(a[k], b[k]) for k in a)


def test_cli_interrupt_exits_130_in_one_line(tmp_path, capsys, monkeypatch):
    calls = {"n": 0}
    real_epoch = train_module.train_epoch

    def epoch_then_ctrl_c(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt
        return real_epoch(*args, **kwargs)

    monkeypatch.setattr(train_module, "train_epoch", epoch_then_ctrl_c)
    out = tmp_path / "run.pt"
    line = "train --stage pretrain --preset smoke --data sim:4 --epochs 3 --batch-size 4 "
    rc = cli.main((line + f"--crop-seconds 1 --quiet --out {out}").split())
    err = capsys.readouterr().err.strip().splitlines()
    assert rc == 130 and len(err) == 1, err
    assert str(out) in err[0] and "1 of 3 epochs" in err[0] and "--resume" in err[0]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["run.pt"]


def test_resume_on_other_data_lists_the_differences(tmp_path, capsys):
    out = tmp_path / "run.pt"
    line = "train --stage pretrain --preset smoke --epochs 2 --batch-size 4 --crop-seconds 1 "
    assert cli.main((line + f"--data sim:4 --quiet --out {out}").split()) == 0
    before = out.read_bytes()
    rc = cli.main((line + f"--data sim:5 --quiet --resume --out {out}").split())
    err = capsys.readouterr().err.strip().splitlines()
    assert rc == 2 and len(err) == 1
    assert "another data configuration" in err[0] and "data='sim:4'" in err[0], err
    assert "records=4" in err[0] and out.read_bytes() == before
    assert cli.main((line + f"--data sim:4 --quiet --overwrite --out {out}").split()) == 0


def test_interrupted_simulate_leaves_no_folder(tmp_path, capsys, monkeypatch):
    from nefnet.simulate import dataset

    calls = {"n": 0}
    real_write = dataset.write_wfdb

    def write_then_ctrl_c(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt
        return real_write(*args, **kwargs)

    monkeypatch.setattr(dataset, "write_wfdb", write_then_ctrl_c)
    rc = cli.main(f"simulate --n 3 --duration 2 --quiet --out {tmp_path / 'sim'}".split())
    assert rc == 130 and "interrupted" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []  # neither the folder nor its temporary twin


def test_partially_trained_warning_is_one_line(tmp_path, capsys):
    out = tmp_path / "run.pt"
    line = "train --stage pretrain --preset smoke --epochs 1 --batch-size 4 --crop-seconds 1 "
    assert cli.main((line + f"--data sim:4 --quiet --out {out}").split()) == 0
    state = torch.load(out, weights_only=True)
    state["train_config"] = dict(state["train_config"], epochs=3)
    torch.save(state, out)
    res = subprocess.run(
        [
            sys.executable,
            "-m",
            "nefnet.cli",
            "evaluate",
            "--checkpoint",
            str(out),
            "--data",
            "sim:2",
            "--seconds",
            "2",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert res.returncode == 0, res.stderr
    assert res.stderr.strip().splitlines() == [
        f"nefnet: warning: checkpoint {out} is partially trained (1 of 3 epochs); "
        "resume it with --resume to finish"
    ]
