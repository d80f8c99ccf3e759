import numpy as np
import pytest

from nefnet.data import Record, load_split, make_split, preprocess, save_split


def test_patient_level_split_is_disjoint_and_saved(tmp_path):
    names = [f"r{i}" for i in range(50)]
    patients = [i // 3 for i in range(50)]
    split = make_split(names, patients, seed=1)
    test_patients = {patients[names.index(n)] for n in split["test"]}
    train_patients = {patients[names.index(n)] for n in split["train"]}
    assert not test_patients & train_patients
    assert sorted(split["train"] + split["test"]) == sorted(names)
    assert make_split(names, patients, seed=1) == split  # fixed by the seed
    path = save_split(split, tmp_path / "split.json")
    assert load_split(path) == split


def test_record_level_split_and_errors(tmp_path):
    split = make_split([f"r{i}" for i in range(100)], seed=0)
    assert len(split["test"]) == 20 and split["by"] == "record"
    with pytest.raises(ValueError, match="unique"):
        make_split(["a", "a"])
    with pytest.raises(ValueError, match="test_fraction"):
        make_split(["a", "b"], test_fraction=1.5)
    (tmp_path / "bad.json").write_text('{"train": []}')
    with pytest.raises(ValueError, match="'train' and 'test'"):
        load_split(tmp_path / "bad.json")
    with pytest.raises(FileNotFoundError):
        load_split(tmp_path / "none.json")


def test_preprocess_resamples_and_filters():
    fs = 1000
    t = np.arange(0, 10, 1 / fs)
    x = np.vstack(
        [
            np.sin(2 * np.pi * 8 * t)
            + 1.5 * np.sin(2 * np.pi * 0.1 * t)
            + 0.3 * np.sin(2 * np.pi * 50 * t)
        ]
    )
    rec = preprocess(Record(x, fs, ("I",)), sampling_rate=500, notch=50, lowpass=40)
    assert rec.sampling_rate == 500 and rec.signals.shape == (1, 5000)
    core = slice(1000, -1000)
    assert np.abs(rec.signals[0, core] - np.sin(2 * np.pi * 8 * t[::2])[core]).max() < 0.1
