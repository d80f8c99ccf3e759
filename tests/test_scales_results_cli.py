import json

import numpy as np
import pytest

from nefnet import cli
from nefnet.book import results, scales


def test_resolve_scale(monkeypatch):
    monkeypatch.delenv("NEFNET_SCALE", raising=False)
    assert scales.resolve(None) == "book"
    monkeypatch.setenv("NEFNET_SCALE", "smoke")
    assert scales.resolve(None) == "smoke"
    assert scales.resolve("paper") == "paper"  # an explicit value wins over the environment
    with pytest.raises(ValueError, match="unknown scale 'huge'"):
        scales.resolve("huge")


def test_presets_share_keys_and_refuse_unknown_parameters():
    for chapter, per_scale in scales.PRESETS.items():
        keys = {frozenset(v) for v in per_scale.values()}
        assert len(keys) == 1 and set(per_scale) == set(scales.SCALES), chapter
    cfg = scales.preset("01_dipole_theory", "smoke", grid_step_deg=45)
    assert cfg["grid_step_deg"] == 45
    with pytest.raises(TypeError):
        cfg["grid_step_deg"] = 1  # read-only
    with pytest.raises(ValueError, match="unknown parameter"):
        scales.preset("01_dipole_theory", "smoke", epochs=3)
    with pytest.raises(ValueError, match="no presets"):
        scales.preset("99_nothing")


def test_save_results_is_json_safe_and_atomic(tmp_path):
    data = {"a": np.float32(1.5), "b": np.arange(3), "c": float("inf"), "d": {"e": np.int64(2)}}
    path = results.save_results("00_test", data, results_dir=tmp_path)
    assert json.loads(path.read_text()) == {"a": 1.5, "b": [0, 1, 2], "c": None, "d": {"e": 2}}
    assert results.load_results("00_test", results_dir=tmp_path)["b"] == [0, 1, 2]
    assert not list(path.parent.glob(".tmp-*"))

    class Boom:
        pass

    with pytest.raises(TypeError):
        results.save_results("00_test", {"a": 2, "x": Boom()}, results_dir=tmp_path)
    assert json.loads(path.read_text())["a"] == 1.5  # the old file survived the failed write
    with pytest.raises(FileNotFoundError, match="run notebooks/00_missing"):
        results.load_results("00_missing", results_dir=tmp_path)


def test_cli_views_and_errors(capsys):
    assert cli.main(["views", "--panobench"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 49 and out[3].split() == ["view-1", "106.0", "-102.0"]
    assert cli.main(["reproduce", "99"]) == 2
    assert "unknown artefact or chapter" in capsys.readouterr().err
    assert cli.main(["reproduce", "01", "-p", "NOPE=1"]) == 2
    assert "unknown parameter(s) ['NOPE']" in capsys.readouterr().err
    assert cli.main(["reproduce", "01", "-p", "novalue"]) == 2


def test_recorded_simulated_results_match_the_current_simulator():
    """A recorded result measured on SimPanobench names the simulator version it ran on; results
    from an older simulator cannot reach the book unnoticed (re-run the script that wrote it)."""
    from nefnet.reproduce import recorded
    from nefnet.simulate.generate import SIMULATOR_VERSION

    record = recorded.load("investigate_v2")
    assert record["settings"].get("simulator_version") == SIMULATOR_VERSION, (
        "recorded/investigate_v2.json is stale: run scripts/investigate_v2.py"
    )
