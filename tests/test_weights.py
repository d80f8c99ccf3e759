"""Shipped weights: named by the configuration the code would train today (stale weights fail
here), verified by SHA-256, preferred by the chapters' model cache, re-creatable by the same
recipe (checked at smoke scale)."""

from __future__ import annotations

import shutil

import pytest
import torch

import nefnet
from nefnet.book import pipeline, weights
from nefnet.data.fetch import sha256
from nefnet.training import checkpoints


def test_shipped_weights_match_what_the_code_would_train():
    shipped = weights.manifest()
    assert shipped, "no shipped weights: run `make weights`"
    assert sorted(shipped) == sorted(weights.registry())
    for name, entry in shipped.items():
        assert weights.plan(name).name == entry["file"], f"{name} is stale: run `make weights`"
        path = checkpoints.shipped_dir() / entry["file"]
        assert sha256(path) == entry["sha256"] and entry["scale"] == "book"
        assert "optimizer" not in torch.load(path, weights_only=True)
    total = sum((checkpoints.shipped_dir() / e["file"]).stat().st_size for e in shipped.values())
    assert total <= 60e6  # the project's budget for shipped weights


def test_pretrained_loads_and_refuses_altered_weights(tmp_path, monkeypatch):
    model = nefnet.pretrained("v2-ours-stage1")
    assert not model.training and model.cfg.lead_prior
    with pytest.raises(ValueError, match="no shipped model 'v3'"):
        nefnet.pretrained("v3")
    copy = tmp_path / "weights"
    shutil.copytree(checkpoints.shipped_dir(), copy)
    entry = weights.manifest()["v2-ours-stage1"]
    (copy / entry["file"]).write_bytes((copy / entry["file"]).read_bytes()[:-8] + b"x" * 8)
    monkeypatch.setattr(checkpoints, "shipped_dir", lambda: copy)
    with pytest.raises(ValueError, match="altered"):
        nefnet.pretrained("v2-ours-stage1")


def test_the_model_cache_uses_shipped_weights_unless_retraining(tmp_path, monkeypatch):
    monkeypatch.setenv("NEFNET_MODELS", str(tmp_path))
    monkeypatch.delenv("NEFNET_RETRAIN", raising=False)
    model, path = pipeline.stage1_model("book", "paper", progress=False)
    assert path.parent == checkpoints.shipped_dir() and not any(tmp_path.iterdir())
    monkeypatch.setenv("NEFNET_RETRAIN", "1")
    assert weights.plan("v2-paper-stage1").parent == tmp_path


@pytest.mark.slow
def test_the_recipe_recreates_a_model_at_smoke_scale(tmp_path, repo):
    import os
    import subprocess
    import sys

    out = tmp_path / "weights"
    argv = ["--scale", "smoke", "--out", str(out), "--only", "v2-paper-stage1", "--quiet"]
    env = dict(os.environ, NEFNET_MODELS=str(tmp_path / "cache"))
    script = str(repo / "scripts/make_weights.py")
    res = subprocess.run([sys.executable, script, *argv], env=env, capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    entry = weights.manifest(out)["v2-paper-stage1"]
    with checkpoints.planning():
        _, planned = pipeline.stage1_model("smoke", "paper", progress=False)
    assert entry["file"] == planned.name and sha256(out / entry["file"]) == entry["sha256"]
    assert "unseen_psnr_db" in entry["scores"] and entry["command"].endswith("v2-paper-stage1")
    assert "## v2-paper-stage1" in (out / weights.CARDS).read_text()
    model = checkpoints.load_model(out / entry["file"])
    assert model.epochs_done == entry["epochs"]


def test_half_precision_weights_stay_within_1e_3_of_float32(tmp_path, monkeypatch):
    """The v1 ablation rows ship in float16: loading casts them back, and the beats they
    synthesise stay within 1e-3 of the float32 model's (signals are in [0, 1])."""
    from nefnet.book import pipeline_v1

    monkeypatch.setenv("NEFNET_MODELS", str(tmp_path / "cache"))
    monkeypatch.setenv("NEFNET_RETRAIN", "1")
    assert weights.half_precision("v1-ablation-a-full")
    assert not weights.half_precision("v2-paper-stage1")
    model, ckpt = pipeline_v1.v1_ablation_model("(a) full", "smoke", progress=False)
    half = checkpoints.load_model(weights.export(ckpt, tmp_path / "half", half=True))
    stored = torch.load(tmp_path / "half" / ckpt.name, weights_only=True)["model"]
    assert all(v.dtype == torch.float16 for v in stored.values() if v.is_floating_point())
    assert all(p.dtype == torch.float32 for p in half.parameters())
    torch.manual_seed(0)
    x, ang, q = torch.rand(2, 4, 512), torch.rand(2, 4, 2), torch.rand(2, 4, 2)
    bounds = torch.tensor([[0, 0, 50, 100, 150, 250, 350, 500]]).expand(2, -1)
    with torch.no_grad():
        gap = (model.eval()(x, ang, q, bounds) - half.eval()(x, ang, q, bounds)).abs().max()
    assert 0 < gap <= 1e-3
