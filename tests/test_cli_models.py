import json

import numpy as np
import pytest
import wfdb

from nefnet import cli
from nefnet.data.wfdb_io import write_signals
from nefnet.simulate import SimConfig, simulate_record


def test_train_evaluate_synthesize_calibrate(tmp_path, capsys):
    ck = tmp_path / "v2.pt"
    assert (
        cli.main(
            [
                "train",
                "--stage",
                "pretrain",
                "--data",
                "sim:4",
                "--preset",
                "smoke",
                "--epochs",
                "1",
                "--batch-size",
                "4",
                "--crop-seconds",
                "1",
                "--out",
                str(ck),
                "--quiet",
            ]
        )
        == 0
    )
    assert ck.is_file() and "trained pretrain" in capsys.readouterr().out
    ck2 = tmp_path / "v2-device.pt"
    assert (
        cli.main(
            [
                "train",
                "--stage",
                "device",
                "--data",
                "sim:4",
                "--init",
                str(ck),
                "--epochs",
                "1",
                "--batch-size",
                "4",
                "--crop-seconds",
                "1",
                "--out",
                str(ck2),
                "--quiet",
            ]
        )
        == 0
    )
    assert (
        cli.main(["evaluate", "--checkpoint", str(ck2), "--data", "sim:2", "--seconds", "2"]) == 0
    )
    out = capsys.readouterr().out
    assert "(3,8,1) on 2 records" in out and "unseen" in out
    rec = simulate_record(SimConfig(duration=6.0), 9, 0)
    write_signals("exam", rec.signals, rec.sampling_rate, list(rec.leads), tmp_path)
    assert (
        cli.main(
            [
                "synthesize",
                "--record",
                str(tmp_path / "exam"),
                "--views",
                "90,45;30,-60",
                "--checkpoint",
                str(ck2),
                "--out",
                str(tmp_path / "out"),
            ]
        )
        == 0
    )
    # synthesized views are named by their angles (not lead names): read with wfdb directly
    back = wfdb.rdrecord(str(tmp_path / "out" / "exam_synth"))
    assert back.sig_name == ["t90p45", "t30p-60"] and back.p_signal.shape == (3000, 2)
    assert np.all(np.isfinite(back.p_signal))
    capsys.readouterr()
    assert (
        cli.main(
            [
                "train",
                "--stage",
                "onthefly",
                "--init",
                str(ck2),
                "--record",
                str(tmp_path / "exam"),
                "--recorded",
                "I,II,V1,V3",
                "--iterations",
                "3",
            ]
        )
        == 0
    )
    result = json.loads(capsys.readouterr().out)
    assert set(result["offsets"]) == {"I", "II", "V1", "V3"}
    assert result["offsets"]["I"] == {"dtheta_deg": 0.0, "dphi_deg": 0.0}
    assert result["targets"] == "leave-one-out"
    assert (
        cli.main(
            [
                "train",
                "--stage",
                "onthefly",
                "--init",
                str(ck2),
                "--record",
                str(tmp_path / "exam"),
                "--recorded",
                "I,II,V3",
                "--calibrate-on",
                "V1,V4",
                "--iterations",
                "3",
            ]
        )
        == 0
    )
    assert json.loads(capsys.readouterr().out)["targets"] == ["V1", "V4"]


@pytest.mark.parametrize("variant", ["paper", "lead-prior"])
def test_cli_trains_exactly_the_chapters_variant(tmp_path, variant):
    """One home for model variants: `nefnet train --variant V` builds the configuration the
    chapters' shared Stage I model of V has (nefnet.book.pipeline)."""
    from nefnet.book import pipeline
    from nefnet.training.checkpoints import load_model

    ck = tmp_path / f"{variant}.pt"
    assert (
        cli.main(
            [
                "train",
                "--stage",
                "pretrain",
                "--data",
                "sim:4",
                "--preset",
                "smoke",
                "--variant",
                variant,
                "--epochs",
                "1",
                "--batch-size",
                "4",
                "--crop-seconds",
                "1",
                "--out",
                str(ck),
                "--quiet",
            ]
        )
        == 0
    )
    cfg = load_model(ck).cfg
    assert cfg == pipeline.stage1_settings("smoke", variant)[0]
    assert cfg.jitter_deg == 0.0 and cfg.output == "linear"
    if variant == "lead-prior":
        assert cfg.lead_path and cfg.lead_prior and cfg.normalize == "range"
        assert load_model(ck).lead_path is not None


def test_cli_model_errors(tmp_path, capsys):
    assert (
        cli.main(
            [
                "synthesize",
                "--record",
                str(tmp_path / "none"),
                "--views",
                "200,0",
                "--checkpoint",
                "x.pt",
                "--out",
                str(tmp_path),
            ]
        )
        == 2
    )
    assert "θ out of range" in capsys.readouterr().err
    assert cli.main(["evaluate", "--checkpoint", str(tmp_path / "no.pt")]) == 2
    assert "not found" in capsys.readouterr().err
    assert cli.main(["train", "--stage", "onthefly"]) == 2
    assert "needs --init" in capsys.readouterr().err
