"""PTB-XL (layout rebuilt from the PTB-XL records among the CinC samples), Chapman CSV and
Panobench .mat (small synthetic fixtures in the real layouts)."""

import numpy as np
import pytest
import scipy.io as sio

from nefnet.data import (
    ptbxl_split,
    read_chapman,
    read_panobench,
    read_ptbxl,
    read_ptbxl_index,
)
from nefnet.views import PANOBENCH_48


def test_ptbxl_reader_and_folds(ptbxl_root):
    index = read_ptbxl_index(ptbxl_root)
    assert len(index) == 10 and index["scp_codes"].iloc[0] == {"NORM": 100.0}
    train, val, test = (ptbxl_split(index, s) for s in ("train", "val", "test"))
    assert len(train) == 8 and len(val) == 1 and len(test) == 1
    assert not set(index.loc[train, "patient_id"]) & set(index.loc[test, "patient_id"])
    hi = read_ptbxl(ptbxl_root, val[0], 500, index)
    lo = read_ptbxl(ptbxl_root, val[0], 100, index)
    assert hi.signals.shape == (12, 5000) and lo.signals.shape == (12, 1000)
    assert hi.meta["strat_fold"] == 9
    with pytest.raises(ValueError, match="100 or 500"):
        read_ptbxl(ptbxl_root, val[0], 250, index)
    with pytest.raises(ValueError, match="not in the PTB-XL index"):
        read_ptbxl(ptbxl_root, 1, 500, index)
    with pytest.raises(ValueError, match="unknown split"):
        ptbxl_split(index, "dev")


def test_ptbxl_bad_index(tmp_path):
    with pytest.raises(FileNotFoundError, match="ptbxl_database.csv"):
        read_ptbxl_index(tmp_path)
    (tmp_path / "ptbxl_database.csv").write_text("ecg_id,age\n1,50\n")
    with pytest.raises(ValueError, match="missing columns"):
        read_ptbxl_index(tmp_path)


def test_chapman_csv(tmp_path):
    rng = np.random.default_rng(0)
    data = rng.normal(0, 300, (5000, 12))
    names = "I,II,III,aVR,aVL,aVF,V1,V2,V3,V4,V5,V6"
    np.savetxt(tmp_path / "MUSE_1.csv", data, delimiter=",", header=names, comments="")
    np.savetxt(tmp_path / "MUSE_2.csv", data, delimiter=",")
    for name in ("MUSE_1", "MUSE_2"):
        rec = read_chapman(tmp_path / f"{name}.csv")
        assert rec.signals.shape == (12, 5000) and rec.sampling_rate == 500
        assert np.allclose(rec.select(["V1"])[0], data[:, 6] / 1000)
    np.savetxt(tmp_path / "bad.csv", data[:, :11], delimiter=",")
    with pytest.raises(ValueError, match="11 columns"):
        read_chapman(tmp_path / "bad.csv")
    with pytest.raises(ValueError, match="units"):
        read_chapman(tmp_path / "MUSE_1.csv", units="counts")


def test_panobench_mat(tmp_path):
    rng = np.random.default_rng(1)
    window = rng.normal(size=(48, 2500))
    sio.savemat(tmp_path / "w1.mat", {"Panobench": window})
    rec = read_panobench(tmp_path / "w1.mat")
    assert rec.leads == PANOBENCH_48 and rec.sampling_rate == 250
    assert rec.meta["angles_deg"][2].tolist() == [106.0, -102.0]  # view-1 from Table 8
    sio.savemat(tmp_path / "w2.mat", {"Panobench": window.T, "angles": np.ones((48, 2))})
    assert np.allclose(read_panobench(tmp_path / "w2.mat").signals, window)
    sio.savemat(tmp_path / "w3.mat", {"ECG": window})
    with pytest.raises(ValueError, match="no 'Panobench' array"):
        read_panobench(tmp_path / "w3.mat")
    sio.savemat(tmp_path / "w4.mat", {"Panobench": window[:40]})
    with pytest.raises(ValueError, match="expected \\(48, T\\)"):
        read_panobench(tmp_path / "w4.mat")
