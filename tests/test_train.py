import numpy as np
import pytest
import torch

from nefnet.data.protocols import get_protocol
from nefnet.data.torch_dataset import ViewPairDataset
from nefnet.models import NefNetV2, NefNetV2Config
from nefnet.simulate import SimConfig, simulate_record
from nefnet.training.train import TrainConfig, collate_by_views, load_checkpoint, train


@pytest.fixture(scope="module")
def dataset():
    recs = [simulate_record(SimConfig(duration=3.0, classes=("Normal",)), 21, i) for i in range(8)]
    return ViewPairDataset(recs, None, crop=(400, 512), seed=0)


def _model():
    torch.manual_seed(0)
    return NefNetV2(NefNetV2Config.preset("smoke"))


@pytest.mark.slow
def test_loss_decreases(dataset):
    ds = ViewPairDataset(dataset.records, get_protocol("(3,9)"), crop=512, epoch_size=64)
    hist = train(_model(), ds, TrainConfig(epochs=16, batch_size=4), progress=False)
    assert np.mean(hist[-3:]) < 0.9 * np.mean(hist[:3]), hist


@pytest.mark.slow
def test_each_stage_reduces_its_loss(dataset):
    """Stage I (Any-Pairs) → Stage II (fixed (3,8,1)) → Stage III (one record, fitted to its
    other recorded leads), each on a tiny dataset, each lowering its own loss."""
    from nefnet.geometry import view_angles
    from nefnet.training.calibrate import CalibrationConfig, calibrate

    model = _model()
    any_pairs = ViewPairDataset(dataset.records, None, crop=512, epoch_size=64, n_queries=2)
    h1 = train(model, any_pairs, TrainConfig(epochs=8, batch_size=4), progress=False)
    assert np.mean(h1[-3:]) < 0.92 * np.mean(h1[:3]), h1
    fixed = ViewPairDataset(dataset.records, get_protocol("(3,8,1)"), crop=512, epoch_size=64)
    h2 = train(model, fixed, TrainConfig(stage="device", epochs=6, batch_size=4), progress=False)
    assert np.mean(h2[-2:]) < np.mean(h2[:2]), h2
    rec, leads, goal = dataset.records[0], ["I", "II", "V3"], ["V1", "V4", "V5", "V6"]
    _, _, h3 = calibrate(
        model,
        rec.select(leads),
        leads,
        view_angles(leads),
        rec.sampling_rate,
        CalibrationConfig(iterations=60, lr=1e-3, crop_seconds=1.0, calib_seconds=3.0),
        targets=rec.select(goal),
        target_angles=view_angles(goal),
    )
    assert np.mean(h3[-10:]) < np.mean(h3[:10]), h3


def test_padding_mask_gives_absent_views_no_attention(dataset):
    batch = collate_by_views([dataset[i] for i in range(6)])
    assert batch["inputs"].shape[0] == 6 and batch["input_mask"].any(1).all()
    model = _model().eval()
    _, gaa = model(
        batch["inputs"],
        batch["input_angles"],
        batch["target_angles"],
        return_attention=True,
        input_mask=batch["input_mask"],
    )
    assert torch.all(gaa[~batch["input_mask"][:, None, :].expand_as(gaa)] == 0)


def test_resume_after_interrupt_is_identical(dataset, tmp_path):
    cfg = TrainConfig(epochs=4, batch_size=4)
    full = train(_model(), dataset, cfg, progress=False)
    ckpt = tmp_path / "ck.pt"
    first = train(
        _model(), dataset, TrainConfig(epochs=2, batch_size=4), checkpoint=ckpt, progress=False
    )
    state = torch.load(ckpt, weights_only=True)
    state["train_config"]["epochs"] = 4  # continue the same run to 4 epochs
    torch.save(state, ckpt)
    resumed = train(_model(), dataset, cfg, checkpoint=ckpt, resume=True, progress=False)
    assert first == full[:2] and resumed == full


def test_checkpoint_mismatch_is_refused(dataset, tmp_path):
    ckpt = tmp_path / "ck.pt"
    train(_model(), dataset, TrainConfig(epochs=1, batch_size=4), checkpoint=ckpt, progress=False)
    other = NefNetV2(NefNetV2Config(channels=8, angle_dim=8, res_blocks=1, geovt_layers=1))
    with pytest.raises(ValueError, match="another model configuration: angle_dim=16"):
        train(
            other,
            dataset,
            TrainConfig(epochs=2, batch_size=4),
            checkpoint=ckpt,
            resume=True,
            progress=False,
        )
    with pytest.raises(ValueError, match="another train configuration"):
        load_checkpoint(ckpt, other_cfg := dict(_model().cfg.__dict__), {"epochs": 9})
    (tmp_path / "bad.pt").write_bytes(b"not a checkpoint")
    with pytest.raises(ValueError, match="unreadable"):
        load_checkpoint(tmp_path / "bad.pt", other_cfg, {})
    with pytest.raises(ValueError, match="unknown stage"):
        TrainConfig(stage="finetune")


@pytest.mark.slow
def test_fixed_protocol_training_lowers_the_loss(dataset):
    fixed = ViewPairDataset(dataset.records, get_protocol("(3,8,1)"), crop=256, epoch_size=64)
    cfg = TrainConfig(stage="device", epochs=12, batch_size=4, lr=1e-3)
    hist = train(_model(), fixed, cfg, progress=False)
    assert len(hist) == 12 and np.mean(hist[-2:]) < 0.88 * np.mean(hist[:2]), hist


@pytest.mark.slow
def test_ddp_two_processes_with_gloo(tmp_path, repo):
    """torchrun with 2 CPU processes (gloo): both ranks end with the same weights (gradients
    all-reduced), which differ from the initial ones, share one loss history, and rank 0 writes
    those weights to one loadable checkpoint."""
    import os
    import re
    import subprocess
    import sys
    from pathlib import Path

    from nefnet.cli.models import weights_digest
    from nefnet.models import NefNetV2Config
    from nefnet.training.checkpoints import load_model

    torchrun = Path(sys.executable).with_name("torchrun")
    ck = tmp_path / "ddp.pt"
    argv = (
        f"{torchrun} --standalone --nproc_per_node 2 -m nefnet.cli train --stage pretrain "
        f"--data sim:8 --preset smoke --epochs 2 --batch-size 2 --crop-seconds 1 "
        f"--device cpu --out {ck} --quiet"
    ).split()
    res = subprocess.run(
        argv,
        capture_output=True,
        text=True,
        timeout=600,
        cwd=repo,
        env={**os.environ, "OMP_NUM_THREADS": "1"},
    )
    assert res.returncode == 0, res.stderr[-3000:]
    line = r"trained pretrain: loss (\S+) → (\S+); first-step loss (\S+); weights (\w+)"
    digests = re.findall(line, res.stdout)
    assert len(digests) == 2 and digests[0] == digests[1], res.stdout  # the ranks agree
    torch.manual_seed(0)
    initial = weights_digest(NefNetV2(NefNetV2Config.variant("paper", "smoke")))
    assert digests[0][3] != initial
    state = torch.load(ck, weights_only=True)
    assert state["epoch"] == 2 and len(state["history"]) == 2
    assert weights_digest(load_model(ck)) == digests[0][3]


@pytest.mark.slow
def test_ddp_two_processes_from_a_record_store(tmp_path, repo):
    """torchrun with 2 CPU processes (gloo) training from an on-disk record store with a
    DataLoader worker per rank: each rank reads its own shard, and both end on the same
    weights."""
    import os
    import re
    import subprocess
    import sys
    from pathlib import Path

    from nefnet.data.store.build import build_store
    from nefnet.simulate import SimConfig
    from nefnet.simulate.dataset import SimulatedSource

    store = tmp_path / "store"
    build_store(SimulatedSource(8, SimConfig(duration=4.0)), store, "ddp", progress=False)
    torchrun = Path(sys.executable).with_name("torchrun")
    argv = (
        f"{torchrun} --standalone --nproc_per_node 2 -m nefnet.cli train --stage pretrain "
        f"--data {store} --workers 1 --preset smoke --epochs 2 --batch-size 2 "
        f"--crop-seconds 1 --device cpu --out {tmp_path / 'ddp.pt'} --quiet"
    ).split()
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    res = subprocess.run(argv, capture_output=True, text=True, timeout=600, cwd=repo, env=env)
    assert res.returncode == 0, res.stderr[-3000:]
    line = r"trained pretrain: loss (\S+) → (\S+); first-step loss (\S+); weights (\w+)"
    digests = re.findall(line, res.stdout)
    assert len(digests) == 2 and digests[0] == digests[1], res.stdout
    state = torch.load(tmp_path / "ddp.pt", weights_only=True)
    assert state["epoch"] == 2 and state["data"]["records"] == 8
