"""Readers of the real datasets, on the real sample files, and their bad-input errors."""

import shutil

import numpy as np
import pytest

from nefnet.data import (
    CPSC_CLASSES,
    list_cinc,
    parse_snomed,
    read_cinc,
    read_cpsc2018,
    read_tianchi,
    read_wfdb,
)
from nefnet.data.readers.labels import verhoeff_ok
from nefnet.geometry import derive_limb_leads
from nefnet.views import LEADS_12


def _assert_limb_consistent(rec, tol):
    derived = derive_limb_leads(*rec.select(["I", "II"]))
    for lead, sig in derived.items():
        assert np.abs(sig - rec.select([lead])[0]).max() <= tol, lead


def test_cinc_records(samples):
    paths = list_cinc(samples("cinc2021"))
    assert len(paths) == 50
    labels = {}
    for path in paths:
        rec = read_cinc(path)
        assert rec.sampling_rate == 500 and rec.signals.shape == (12, 5000)
        assert set(rec.leads) == set(LEADS_12)
        _assert_limb_consistent(rec, 0.007)
        labels[rec.name] = rec.meta["classes"]
    assert labels["E07509"] == ["RBBB"]
    assert "PAC" in {c for v in labels.values() for c in v}
    assert all(set(v) <= set(CPSC_CLASSES) for v in labels.values())


def test_snomed_codes():
    assert parse_snomed("59118001,426177001") == (["59118001", "426177001"], ["RBBB"])
    assert all(verhoeff_ok(c) for c in ("426783006", "164889003", "270492004"))
    with pytest.raises(ValueError, match="unknown SNOMED-CT code '59118002'"):
        parse_snomed("59118002")
    with pytest.raises(ValueError, match="unknown SNOMED-CT code 'RBBB'"):
        parse_snomed(["RBBB"])


def test_cinc_bad_inputs(samples, tmp_path):
    src = samples("cinc2021")
    for ext in (".hea", ".mat"):
        shutil.copyfile(src / f"E07509{ext}", tmp_path / f"E07509{ext}")
    head = (tmp_path / "E07509.hea").read_text()
    (tmp_path / "E07509.hea").write_text(head.replace("59118001", "12345678"))
    with pytest.raises(ValueError, match="unknown SNOMED-CT code '12345678'"):
        read_cinc(tmp_path / "E07509")
    (tmp_path / "E07509.hea").write_text(head)
    with pytest.raises(ValueError, match="sampled at 500 Hz, expected 250 Hz"):
        read_wfdb(tmp_path / "E07509", require_rate=250)
    assert read_cinc(tmp_path / "E07509", sampling_rate=250).signals.shape == (12, 2500)
    data = (tmp_path / "E07509.mat").read_bytes()
    (tmp_path / "E07509.mat").write_bytes(data[: len(data) // 2])
    with pytest.raises(ValueError, match="truncated"):
        read_cinc(tmp_path / "E07509")
    (tmp_path / "empty").mkdir()
    with pytest.raises(FileNotFoundError, match="no .hea records"):
        list_cinc(tmp_path / "empty")


def test_cpsc2018_files(samples, tmp_path):
    folder = samples("cpsc2018")
    recs = [read_cpsc2018(p) for p in sorted(folder.glob("*.mat"))]
    assert [r.name for r in recs] == ["A1980", "A1981", "A1982"]
    for rec in recs:
        assert rec.sampling_rate == 500 and rec.signals.shape[0] == 12
        assert 10 <= rec.duration <= 60 and rec.meta["sex"] in ("Male", "Female")
        _assert_limb_consistent(rec, 0.02)
    ref = tmp_path / "REFERENCE.csv"
    ref.write_text("Recording,First_label,Second_label,Third_label\nA1980,5,1,\n")
    assert read_cpsc2018(folder / "A1980.mat", reference=ref).meta["classes"] == ["RBBB", "Normal"]
    ref.write_text("Recording,First_label,Second_label,Third_label\nA1980,12,,\n")
    with pytest.raises(ValueError, match="not one of the CPSC classes"):
        read_cpsc2018(folder / "A1980.mat", reference=ref)
    (tmp_path / "x.mat").write_bytes(b"MATLAB garbage")
    with pytest.raises(ValueError, match="not a CPSC2018 .mat"):
        read_cpsc2018(tmp_path / "x.mat")
    with pytest.raises(FileNotFoundError):
        read_cpsc2018(tmp_path / "A0000.mat")


def test_tianchi_files(samples, tmp_path):
    folder = samples("tianchi")
    for path in sorted(folder.glob("*.txt")):
        rec = read_tianchi(path)
        assert rec.leads == LEADS_12 and rec.signals.shape == (12, 5000)
        assert 0.3 < np.ptp(rec.select(["II"])) < 8  # mV after the 4.88 µV unit
        waves = rec.meta["waves"]
        assert np.all(waves["p_on"] < waves["p_off"]) and np.all(waves["qrs_on"] < waves["qrs_off"])
        assert np.all(waves["qrs_off"] <= waves["t_on"]) and np.all(waves["t_on"] < waves["t_off"])
        _assert_limb_consistent(rec, 1e-12)
    bad = tmp_path / "1.txt"
    bad.write_text("I II V1 V2 V3 V4 V5 V7\n1 2 3 4 5 6 7 8\n")
    with pytest.raises(ValueError, match="unknown lead 'V7'"):
        read_tianchi(bad)
    bad.write_text("I II V1 V2 V3 V4 V5 V6\n1 2 3 x 5 6 7 8\n")
    with pytest.raises(ValueError, match="non-numeric"):
        read_tianchi(bad)
