"""The scale ladder: its rungs' budgets, store-backed training records, resumable runs with a
manifest, the verdict classes, bf16 autocast and the GPU check script at a tiny size."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
import torch

from nefnet.reproduce import ladder, scale_claims, scale_extra_claims, scale_verdicts
from nefnet.training import presets, recipes, sim_records
from nefnet.training.recipe import fit


def test_rungs_multiply_the_training_items_of_book():
    book = recipes.stage1("book", "faithful")
    for rung, k in ladder.RUNGS.items():
        first = recipes.stage1(rung, "faithful")
        assert ladder.items_seen(first) == k * ladder.items_seen(book), rung
        assert first.records.n <= presets.RECORD_CAP["stage1"]
        second = recipes.stage2("sim-cpsc", rung, "faithful")
        assert ladder.items_seen(second) == k * ladder.items_seen(
            recipes.stage2("sim-cpsc", "book")
        )
    # the learning-rate step stays at the same share of the schedule
    top = presets.training_preset("stage1", "book-x64")
    assert top["lr_step"] / top["epochs"] == pytest.approx(14 / 20)
    assert recipes.stage1("book-x16-c64", "faithful").model.channels == 64


def test_rung_budget_refuses_a_budget_it_cannot_split():
    assert presets.rung_budget(400, 20, 14, 64, 6400) == (6400, 80, 56)
    with pytest.raises(ValueError, match="does not divide"):
        presets.rung_budget(300, 3, 2, 5, 1000)


def test_the_faithful_variant_is_the_papers_configuration():
    cfg = recipes.stage1("book", "faithful").model
    assert (cfg.output, cfg.normalize, cfg.jitter_deg) == ("sigmoid", "all", 2.5)
    assert recipes.stage1("book", "paper").model.normalize == "recorded"


def test_a_large_training_set_is_read_from_a_store_with_the_same_records(tmp_path, monkeypatch):
    monkeypatch.setenv("NEFNET_RECORDS", str(tmp_path))
    monkeypatch.setattr(sim_records, "IN_MEMORY", 3)
    spec = sim_records.SimRecords(8)
    memory = sim_records.pooled_records(8, spec.seed)
    store = spec.load()
    assert len(store) == len(memory) == 8 and hasattr(store, "lengths")
    for a, b in zip(memory, store):
        assert a.name == b.name and a.leads == b.leads
        assert np.allclose(a.signals, b.signals, atol=1e-5)  # float32 on disk
        assert b.clean is None  # training never reads the noise-free signals
    again = spec.load()  # built once: a second load reads the same folder
    assert again.folder == store.folder


@pytest.mark.slow
def test_a_run_records_its_epochs_and_resumes_to_the_same_model(tmp_path, monkeypatch):
    monkeypatch.setenv("NEFNET_RECORDED", str(tmp_path))
    recipe = recipes.stage1("smoke", "faithful").with_training(epochs=2)
    path = ladder.checkpoint_path(recipe)
    path.parent.mkdir(parents=True)
    fit(recipe, checkpoint=path, until_epoch=1, progress=False)  # "interrupted" after epoch 1
    resumed = ladder.train_recipe(recipe, "book-x1", "faithful", 0, "test", progress=False)
    entry = ladder.read_manifest()["runs"][recipe.file_name()]
    assert entry["done"] and entry["epochs_done"] == 2 and entry["items"] == 2 * 24
    assert entry["wall_s"] > 0 and entry["machine"]["torch"] == torch.__version__
    assert "optimizer" not in torch.load(path, weights_only=True)  # stripped when finished
    straight, _ = fit(recipe, progress=False)
    for a, b in zip(resumed.state_dict().values(), straight.state_dict().values()):
        assert torch.equal(a, b)


def _table(gaps_by_rung: dict) -> pd.DataFrame:
    rows = [
        {"rung": str(items), "items": items, "model": "m", "seed": s, "gap_db": g}
        for items, gs in gaps_by_rung.items()
        for s, g in enumerate(gs)
    ]
    return pd.DataFrame(rows)


def test_verdict_classes():
    holds = scale_verdicts.classify(_table({8e3: [0.5, 0.7], 3.2e4: [0.4, 0.6]}), 1.0)
    assert holds["verdict"] == scale_verdicts.HOLDS
    flat = scale_verdicts.classify(
        _table({8e3: [-2.0, -2.3], 3.2e4: [-2.2, -1.9], 1.28e5: [-2.1, -2.2]}), 1.0
    )
    assert flat["verdict"] == scale_verdicts.FAILS and flat["reach_items"] is None
    rising = scale_verdicts.classify(
        _table({8e3: [-3.0, -3.1], 3.2e4: [-2.0, -2.1], 1.28e5: [-1.0, -1.1]}), 1.0
    )
    assert rising["verdict"] == scale_verdicts.MOVING
    # one decade of items gains ~1.66 dB: +1 dB is reached about two decades above 1.28e5
    assert 1e6 < rising["reach_items"] < 1e8
    assert rising["missed_by_db"] == pytest.approx(2.05)
    mixed = scale_verdicts.classify(_table({8e3: [0.5, -0.2], 3.2e4: [-0.4, 0.1]}), 1.0)
    assert mixed["verdict"] == scale_verdicts.MIXED
    one_seed = scale_verdicts.classify(_table({8e3: [-3.0], 3.2e4: [-2.0]}), 1.0)
    assert one_seed["se"] == float("inf")
    assert one_seed["verdict"] == scale_verdicts.UNTESTED[scale_verdicts.FAILS]


def test_claim_gaps_are_computed_from_run_scores():
    def scored(psnr):
        return {"unseen": {"psnr": psnr, "ssim": 0.9}}

    base = {
        "sim": {
            "d": {
                "dipole-LSQ": scored(28.0),
                "population regression": scored(27.0),
                "per-patient linear": scored(28.5),
            }
        },
        "real": {},
    }
    run = {
        "rung": "book-x1",
        "model": "faithful",
        "seed": 0,
        "items": {"stage1": 8000},
        "sim": {
            "d": {"Stage I": scored(25.0), "Stage II": scored(26.0), "Stage III": scored(27.5)}
        },
        "real": {},
    }
    v1 = {
        "rung": "book-x1",
        "model": "v1-window",
        "seed": 0,
        "items": {"stage1": 3000},
        "sim": {"d": {"Stage II": scored(22.0)}},
        "real": {},
    }
    scores = {"baselines": base, "runs": {"a": run, "b": v1}}
    got = {c.key: scale_claims.gaps(scores, c)["gap_db"].tolist() for c in scale_claims.CLAIMS}
    assert got["over_lsq"] == [-0.5] and got["over_regression"] == [0.5]
    assert got["stage2_gain"] == [1.0] and got["stage3_gain"] == [1.5]
    assert got["over_v1"] == [5.5] and got["real_over_lsq"] == [] and got["ofcal_psnr"] == []
    assert got["over_per_patient"] == [-1.0] and got["real_over_per_patient"] == []
    run["table10"] = {
        "20": {
            "psnr_calibrated": 26.0,
            "psnr_displaced": 23.0,
            "angle_error_before_deg": 20.0,
            "angle_error_after_deg": 15.0,
        }
    }
    assert scale_claims.gaps(scores, scale_claims.CLAIMS[5])["gap_db"].tolist() == [3.0]
    assert scale_claims.gaps(scores, scale_claims.CLAIMS[6])["gap_db"].tolist() == [5.0]


@pytest.mark.slow
def test_bf16_autocast_training_follows_fp32():
    recipe = recipes.stage1("smoke", "faithful").with_training(epochs=2)
    _, fp32 = fit(recipe, progress=False)
    _, bf16 = fit(recipe, progress=False, precision="bf16")
    assert fp32 != bf16  # autocast really ran in bfloat16
    assert np.allclose(bf16, fp32, rtol=0.02), (fp32, bf16)
    with pytest.raises(ValueError, match="unknown precision"):
        fit(recipe, progress=False, precision="fp8")


@pytest.mark.slow
def test_gpu_check_script_runs_tiny_on_the_cpu(repo, tmp_path):
    env = {"NEFNET_RECORDED": str(tmp_path), "PATH": "/usr/bin:/bin"}
    out = subprocess.run(
        [sys.executable, str(repo / "benchmarks" / "gpu_check.py"), "--tiny"],
        capture_output=True,
        text=True,
        env=env,
        cwd=repo,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    results = json.loads((tmp_path / "gpu_check_tiny.json").read_text())["results"]
    assert results["fp32"]["samples_per_s"] > 0 and results["bf16"]["samples_per_s"] > 0
    assert results["bf16_loss_relative_difference"] < 0.02
    assert set(results["loader_crops_per_s"]) == {"0", "2"}


def test_chapter07_claims_are_read_from_each_rungs_extras():
    def t11(a, b, c, d):
        return {k: {"synthesis PSNR": v} for k, v in zip("ABCD", (a, b, c, d))}

    def t9(scratch, pretrained):
        rows = [
            {"records": 2, "Stage I": False, "PSNR": scratch},
            {"records": 2, "Stage I": True, "PSNR": pretrained},
            {"records": 200, "Stage I": True, "PSNR": 99.0},
        ]
        return rows

    v1 = {
        "(a) full": {"synthesis PSNR": 20.0},
        "(b) no ε": {"synthesis PSNR": 19.0},
        "(c) no Z_d": {"synthesis PSNR": 18.0},
    }
    extras = {
        "rungs": {
            "book-x1": {
                "table11": t11(20, 21, 22, 21.5),
                "table9": t9(18, 17),
                "v1_table3": {"rows": v1},
            },
            "book-x4": {
                "table11": t11(20, 22, 25, 24),
                "table9": t9(18, 20),
                "v1_table3": {"rows": v1},
            },
        }
    }
    got = {c.key: scale_extra_claims.extra_gaps(extras, c) for c in scale_extra_claims.EXTRA_CLAIMS}
    assert got["t11_geovt"]["gap_db"].tolist() == [1.0, 2.0]
    assert got["t11_gaa"]["gap_db"].tolist() == [1.0, 3.0]
    assert got["t11_eps"]["gap_db"].tolist() == [0.5, 1.0]
    assert got["t9_pretraining"]["gap_db"].tolist() == [-1.0, 2.0]  # on the fewest records
    assert got["v1_components"]["gap_db"].tolist() == [1.5, 1.5]
    assert got["t11_geovt"]["items"].tolist() == [8000, 32000]
    table = scale_verdicts.verdicts({"runs": {}, "baselines": {}}, extras).set_index("claim")
    assert table.loc["t9_pretraining", "verdict"] == scale_verdicts.UNTESTED[scale_verdicts.MIXED]
    assert table.loc["t11_gaa", "verdict"] == scale_verdicts.HOLDS


@pytest.mark.parametrize("rung", ["book-x4", "book-x64", "book-x16-c64"])
def test_nefnet_train_names_the_ladders_own_recipe(rung, capsys):
    from nefnet import cli

    argv = ["train", "--stage", "pretrain", "--scale", rung, "--variant", "faithful"]
    assert cli.main([*argv, "--show-recipe"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["file"] == ladder.recipes(rung, "faithful")[0].file_name()


def test_the_campaign_commits_models_and_records_never_record_stores(repo):
    """Checkpoints and the manifest are committed as the campaign goes; the gigabytes of its
    simulated training sets never are (they rebuild from their seeds)."""
    files = subprocess.run(
        ["git", "ls-files", "recorded", "nefnet/weights"],
        capture_output=True,
        text=True,
        cwd=repo,
        check=True,
    ).stdout.split()
    assert files and not [f for f in files if "/records/" in f or f.endswith(".bin")]
    big = [f for f in files if (repo / f).is_file() and (repo / f).stat().st_size > 4 * 2**20]
    assert not big, big


def test_a_model_from_another_stage1_seed_is_another_model():
    """Stage II (simulated or real) started from Stage I of seed 1 is not the cached model
    started from seed 0, even with the same Stage II seed; seed 0 keeps the shipped names."""
    a = recipes.stage2("sim-cpsc", "book", "paper", seed=0, stage1_seed=0)
    b = recipes.stage2("sim-cpsc", "book", "paper", seed=0, stage1_seed=1)
    assert a.file_name() != b.file_name() and "train_seed" not in a.data["stage1"]
    real = [
        recipes.real_stage2(9, "cinc2021", "x", "book", first=recipes.stage1("book", "paper", s))
        for s in (0, 1)
    ]
    assert real[0].file_name() != real[1].file_name()


def _fill_manifest(args):
    folder, tag, start_at = args
    import os
    import time

    os.environ["NEFNET_RECORDED"] = folder
    from nefnet.reproduce import ladder as lad

    time.sleep(max(0.0, start_at - time.time()))  # both start together
    for k in range(200):
        lad.record_run(f"{tag}-{k}", {"k": k})


@pytest.mark.slow
def test_two_campaign_processes_keep_each_others_manifest_entries(tmp_path):
    """Two processes update the manifest at once (two runs side by side): none is lost."""
    import multiprocessing as mp
    import time

    start_at = time.time() + 5
    with mp.get_context("spawn").Pool(2) as pool:
        pool.map(_fill_manifest, [(str(tmp_path), t, start_at) for t in "ab"], chunksize=1)
    runs = json.loads((tmp_path / "scale" / "manifest.json").read_text())["runs"]
    assert len(runs) == 400 and runs["a-199"] == {"k": 199} and runs["b-0"] == {"k": 0}
