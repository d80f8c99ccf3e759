"""papermill re-executes the chapters with smoke parameters; their results JSON is checked."""

import json

import pytest

from nefnet.reproduce import reproduce
from nefnet.views import INDEPENDENT_8


@pytest.fixture(scope="module")
def chapter01(tmp_path_factory, ptb_dir):
    out = tmp_path_factory.mktemp("ch01")
    reproduce("01_dipole_theory", {"SCALE": "smoke", "RESULTS_DIR": str(out)},
              output=out / "01.ipynb", progress=False)
    return json.loads((out / "01_dipole_theory" / "metrics.json").read_text())


def test_chapter01_smoke_results(chapter01):
    m = chapter01
    assert m["scale"] == "smoke" and sorted(m["records"]) == ["s0010_re", "s0322lre"]
    assert max(m["identity_residuals"].values()) < 1e-12
    assert m["conditioning"]["I, II, V6"] is None  # rank-deficient: infinite condition number
    assert 1 < m["conditioning"]["I, II, V2"] < 3
    for rec in m["records"]:
        assert max(m["einthoven_max_uV"][rec].values()) < 7.0
        r2 = m["vcg_to_leads"]["r2"][rec]
        assert all(0.7 < r2[lead] <= 1.0 for lead in INDEPENDENT_8), r2
        assert m["frank_r"][rec]["8-lead regression (fit on half 1)"]["r X"] > 0.95
        assert m["frank_r"][rec]["Kors"]["r X"] > 0.9
        lsq = m["dipole_lsq"]["scores"][rec]
        assert set(lsq) == set(INDEPENDENT_8) - {"I", "II", "V2"}
        # record-specific lead vectors beat the nominal angle table on every target lead
        assert all(v["record-specific r2"] > v["nominal r2"] for v in lsq.values())


def test_chapter01_runs_without_data(tmp_path):
    empty = tmp_path / "no-data"
    empty.mkdir()
    reproduce("01", {"SCALE": "smoke", "DATA_DIR": str(empty), "RESULTS_DIR": str(tmp_path)},
              output=tmp_path / "01.ipynb", progress=False)
    m = json.loads((tmp_path / "01_dipole_theory" / "metrics.json").read_text())
    assert m["records"] == [] and m["vcg_to_leads"]["r2"] == {}
    text = (tmp_path / "01.ipynb").read_text()
    assert "fetch_ptb.py" in text  # the chapter tells the reader how to get the data


def test_chapter02_smoke_results(tmp_path, samples):
    samples("cinc2021")
    reproduce("02_data", {"SCALE": "smoke", "RESULTS_DIR": str(tmp_path)},
              output=tmp_path / "02.ipynb", progress=False)
    m = json.loads((tmp_path / "02_data" / "metrics.json").read_text())
    assert m["scale"] == "smoke" and set(m["classes"]) == {
        "Normal", "AF", "I-AVB", "LBBB", "RBBB", "PAC", "PVC", "STD", "STE"}
    assert m["classes"]["LBBB"]["qrs_ms_min"] >= 120 and m["classes"]["RBBB"]["qrs_ms_min"] >= 120
    assert m["classes"]["Normal"]["qrs_ms"] < 110 and m["classes"]["I-AVB"]["pr_ms"] > 200
    assert 5 < m["angle_deviation_deg"]["rms"] < 15
    assert all(0.5 < v["median R²"] < 1.0 for v in m["single_dipole_r2"].values())
    assert set(m["real_records"]) >= {"CinC 2021", "CPSC2018", "Tianchi", "PTB"}


def test_chapter04_smoke_results(tmp_path, monkeypatch):
    monkeypatch.setenv("NEFNET_MODELS", str(tmp_path / "models"))
    reproduce("04_nefnet_v2", {"SCALE": "smoke", "RESULTS_DIR": str(tmp_path)},
              output=tmp_path / "04.ipynb", progress=False)
    m = json.loads((tmp_path / "04_nefnet_v2" / "metrics.json").read_text())
    paper = m["parameters"]["paper"]
    assert paper["NEF-NET v2"] < paper["Nef-Net v1"]
    for row in m["gaa"].values():  # attention rows are distributions over recorded views
        assert abs(sum(row.values()) - 1) < 1e-5
    assert all(r["input_samples"] == r["output_samples"] for r in m["lengths"].values())
    assert list((tmp_path / "models").glob("nefnet_v2-pretrain-*.pt"))
