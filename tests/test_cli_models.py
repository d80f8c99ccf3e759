import json

import numpy as np
import pytest
import wfdb

from nefnet import cli
from nefnet.data.readers.wfdb_io import write_signals
from nefnet.simulate import SimConfig, simulate_record

TINY = "--data sim:4 --epochs 1 --batch-size 4 --crop-seconds 1 --quiet"


def run(command: str, *paths) -> int:
    """``nefnet`` with a command line whose ``{}`` are filled with ``paths`` (no spaces)."""
    return cli.main(command.format(*paths).split())


def test_train_evaluate_synthesize_calibrate(tmp_path, capsys):
    ck, ck2, exam = tmp_path / "v2.pt", tmp_path / "v2-device.pt", tmp_path / "exam"
    assert run(f"train --stage pretrain --preset smoke {TINY} --out {{}}", ck) == 0
    assert ck.is_file() and "trained pretrain" in capsys.readouterr().out
    assert run(f"train --stage device --init {{}} {TINY} --out {{}}", ck, ck2) == 0
    assert run("evaluate --checkpoint {} --data sim:2 --seconds 2", ck2) == 0
    out = capsys.readouterr().out
    assert "(3,8,1) on 2 records" in out and "unseen" in out and "without calibration" in out
    # Stage III on every record's first 5 s, scored on its last 5 s (the papers' Table 2)
    assert run("evaluate --checkpoint {} --data sim:2 --onthefly 2 --quiet", ck2) == 0
    out = capsys.readouterr().out
    assert "after On-the-fly Calibration (2 iterations" in out and "unseen" in out
    assert run("evaluate --checkpoint {} --data sim:1 --onthefly 2 --seconds 3", ck2) == 2
    assert "drop --seconds" in capsys.readouterr().err
    rec = simulate_record(SimConfig(duration=6.0), 9, 0)
    write_signals("exam", rec.signals, rec.sampling_rate, list(rec.leads), tmp_path)
    out_dir = tmp_path / "out"
    assert (
        run(
            "synthesize --record {} --views 90,45;30,-60 --checkpoint {} --out {}",
            exam,
            ck2,
            out_dir,
        )
        == 0
    )
    # synthesized views are named by their angles (not lead names): read with wfdb directly
    back = wfdb.rdrecord(str(out_dir / "exam_synth"))
    assert back.sig_name == ["t90p45", "t30p-60"] and back.p_signal.shape == (3000, 2)
    assert np.all(np.isfinite(back.p_signal))
    capsys.readouterr()
    onthefly = "train --stage onthefly --init {} --record {} --iterations 3 --recorded "
    assert run(onthefly + "I,II,V1,V3", ck2, exam) == 0
    result = json.loads(capsys.readouterr().out)
    assert set(result["offsets"]) == {"I", "II", "V1", "V3"}
    assert result["offsets"]["I"] == {"dtheta_deg": 0.0, "dphi_deg": 0.0}
    assert result["targets"] == "leave-one-out"
    assert run(onthefly + "I,II,V3 --calibrate-on V1,V4", ck2, exam) == 0
    assert json.loads(capsys.readouterr().out)["targets"] == ["V1", "V4"]


@pytest.mark.parametrize("variant", ["paper", "lead-prior"])
def test_cli_trains_exactly_the_chapters_variant(tmp_path, variant):
    """One home for model variants: `nefnet train --variant V` builds the configuration the
    chapters' shared Stage I model of V has (nefnet.book.pipeline)."""
    from nefnet.training import recipes
    from nefnet.training.checkpoints import load_model

    ck = tmp_path / f"{variant}.pt"
    assert (
        run(f"train --stage pretrain --preset smoke --variant {variant} {TINY} --out {{}}", ck) == 0
    )
    cfg = load_model(ck).cfg
    assert cfg == recipes.stage1("smoke", variant).model
    assert cfg.jitter_deg == 0.0 and cfg.output == "linear"
    if variant == "lead-prior":
        assert cfg.lead_path and cfg.lead_prior and cfg.normalize == "range"
        assert load_model(ck).lead_path is not None


def test_cli_model_errors(tmp_path, capsys):
    assert (
        run(
            "synthesize --record {} --views 200,0 --checkpoint x.pt --out {}",
            tmp_path / "none",
            tmp_path,
        )
        == 2
    )
    assert "θ out of range" in capsys.readouterr().err
    assert run("evaluate --checkpoint {}", tmp_path / "no.pt") == 2
    assert "not found" in capsys.readouterr().err
    assert run("train --stage onthefly") == 2
    assert "needs --init" in capsys.readouterr().err
