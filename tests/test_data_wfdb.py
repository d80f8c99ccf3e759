import numpy as np
import pytest
import wfdb

from nefnet.data import Record, load_ptb, read_wfdb, write_wfdb
from nefnet.data.readers.wfdb_io import record_complete, signal_files
from nefnet.geometry import derive_limb_leads
from nefnet.views import FRANK, LEADS_12


def _record(n=12, t=2000, fs=500.0, name="rt"):
    rng = np.random.default_rng(0)
    return Record(rng.normal(0, 0.5, size=(n, t)), fs, LEADS_12[:n], name)


def test_round_trip_through_wfdb_wrsamp(tmp_path):
    rec = _record()
    # written by wfdb itself with dataset-style lower-case names and µV units
    wfdb.wrsamp(
        "raw",
        fs=500,
        units=["uV"] * 12,
        sig_name=[n.lower() for n in rec.leads],
        p_signal=rec.signals.T * 1000.0,
        fmt=["16"] * 12,
        write_dir=str(tmp_path),
    )
    back = read_wfdb(tmp_path / "raw")
    assert back.leads == rec.leads and back.sampling_rate == 500.0
    assert np.abs(back.signals - rec.signals).max() < 1e-3  # mV after µV → mV conversion


def test_write_wfdb_round_trip_and_resample(tmp_path):
    rec = _record()
    write_wfdb(rec, tmp_path)
    assert record_complete(tmp_path / "rt") and signal_files(tmp_path / "rt.hea") == ["rt.dat"]
    back = read_wfdb(tmp_path / "rt.hea")
    assert np.abs(back.signals - rec.signals).max() < 1e-3
    half = read_wfdb(tmp_path / "rt", leads=["V1", "I"], sampling_rate=250)
    assert half.leads == ("V1", "I") and half.signals.shape == (2, 1000)
    assert not list(tmp_path.glob(".tmp-*"))


def test_real_ptb_records(ptb_dir):
    for name, seconds in (("s0010_re", 38.4), ("s0322lre", 115.2)):
        rec = load_ptb(name)
        assert rec.sampling_rate == 1000.0
        assert rec.leads[:6] == ("I", "II", "III", "aVR", "aVL", "aVF")
        assert set(LEADS_12) | set(FRANK) == set(rec.leads)
        assert rec.signals.shape == (15, int(seconds * 1000))
        assert 0.2 < np.ptp(rec.select(["II"])) < 10  # mV, not raw ADC units
        derived = derive_limb_leads(*rec.select(["I", "II"]))
        for lead, sig in derived.items():  # each record carries only 8 independent leads
            assert np.abs(sig - rec.select([lead])[0]).max() < 0.007


def test_missing_record_is_clear(tmp_path):
    with pytest.raises(FileNotFoundError, match="expected header file"):
        read_wfdb(tmp_path / "nope")
    with pytest.raises(FileNotFoundError, match="fetch_ptb.py"):
        load_ptb("s0010_re", data_dir=tmp_path)


def test_missing_signal_file_is_clear(tmp_path):
    write_wfdb(_record(), tmp_path)
    (tmp_path / "rt.dat").unlink()
    assert not record_complete(tmp_path / "rt")
    with pytest.raises(FileNotFoundError, match="signal file"):
        read_wfdb(tmp_path / "rt")


def test_corrupt_header_is_clear(tmp_path):
    (tmp_path / "bad.hea").write_text("bad 1 five_hundred 5000\nbad.dat 16 1000/mV 16 0 0 0 0 I\n")
    with pytest.raises(ValueError, match="corrupt sampling rate 'five_hundred'"):
        read_wfdb(tmp_path / "bad")
    (tmp_path / "bin.hea").write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(ValueError, match="bin.hea"):
        read_wfdb(tmp_path / "bin")


def test_header_lead_count_mismatch_is_clear(tmp_path):
    write_wfdb(_record(n=3), tmp_path)
    text = (tmp_path / "rt.hea").read_text().splitlines()
    (tmp_path / "rt.hea").write_text("\n".join(text[:-1]) + "\n")  # drop one signal line
    with pytest.raises(ValueError, match="declares 3 signals but has 2"):
        read_wfdb(tmp_path / "rt")


def test_unknown_lead_name_is_clear(tmp_path):
    wfdb.wrsamp(
        "odd",
        fs=500,
        units=["mV"] * 2,
        sig_name=["I", "chest-left"],
        p_signal=np.zeros((100, 2)) + [0.1, 0.2],
        fmt=["16"] * 2,
        write_dir=str(tmp_path),
    )
    with pytest.raises(ValueError, match="unknown lead 'chest-left'"):
        read_wfdb(tmp_path / "odd")


def test_nan_samples_are_clear(tmp_path):
    sig = np.random.default_rng(1).normal(size=(200, 2))
    sig[50:60, 1] = np.nan
    wfdb.wrsamp(
        "gap",
        fs=500,
        units=["mV"] * 2,
        sig_name=["I", "II"],
        p_signal=sig,
        fmt=["16"] * 2,
        write_dir=str(tmp_path),
    )
    with pytest.raises(ValueError, match=r"NaN/missing samples in leads \['II'\]"):
        read_wfdb(tmp_path / "gap")
    assert np.isnan(read_wfdb(tmp_path / "gap", allow_nan=True).signals).sum() == 10


def test_record_validation():
    with pytest.raises(ValueError, match="does not match"):
        Record(np.zeros((3, 10)), 500, ("I", "II"))
    with pytest.raises(ValueError, match="sampling_rate"):
        Record(np.zeros((1, 10)), 0, ("I",))
    rec = _record()
    with pytest.raises(ValueError, match="has no lead"):
        rec.select(["X"])
    with pytest.raises(ValueError, match="outside record"):
        rec.segment(0, 100)
