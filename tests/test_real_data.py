"""The real-data track: data specs, preprocessing, the CLI on a real WFDB folder, delineation."""

import numpy as np
import pytest

from nefnet import cli
from nefnet.data import Record, write_wfdb
from nefnet.data.delineate import boundary_errors, delineate, delineation_table
from nefnet.data.parts import check_leads, part_of
from nefnet.data.readers.tianchi import read_tianchi
from nefnet.simulate import SimConfig, simulate_record
from nefnet.training.data_spec import detect_kind, load_records
from nefnet.views import LEADS_12


def test_cinc_folder_is_recognised_split_and_preprocessed(samples):
    folder = samples("cinc2021")
    assert detect_kind(folder) == "cinc"
    train = load_records(str(folder), part="train")
    test = load_records(f"cinc:{folder}", part="test")
    names = lambda rs: {r.name.split("#")[0] for r in rs}  # noqa: E731
    assert not names(train) & names(test) and len(train) > len(test) > 5
    assert all(r.sampling_rate == 500 and r.signals.shape == (12, 5000) for r in test)
    assert all(np.isfinite(r.signals).all() for r in train)


def test_part_split_is_seeded_and_complete():
    recs = [Record(np.zeros((1, 10)), 500.0, ("I",), f"r{k}") for k in range(10)]
    a, b = part_of(recs, "train", seed=3), part_of(recs, "test", seed=3)
    assert len(a) == 6 and len(b) == 4 and {r.name for r in a + b} == {r.name for r in recs}
    assert [r.name for r in part_of(recs, "train", seed=3)] == [r.name for r in a]
    with pytest.raises(ValueError, match="unknown part"):
        part_of(recs, "val")


def test_missing_leads_are_named(tmp_path):
    rec = simulate_record(SimConfig(duration=10.0), 0, 0)
    keep = [v for v in LEADS_12 if v != "V3"]
    write_wfdb(Record(rec.select(keep), rec.sampling_rate, tuple(keep), "r0"), tmp_path)
    with pytest.raises(ValueError, match=r"r0.*V3"):
        load_records(f"wfdb:{tmp_path}")
    full = Record(rec.select(LEADS_12), rec.sampling_rate, LEADS_12, "x")
    short = Record(rec.select(keep), rec.sampling_rate, tuple(keep), "y")
    check_leads([full], ["I", "II", "V3", "V2"])
    with pytest.raises(ValueError, match=r"record y lacks \['V3'\]"):
        check_leads([full, short], ["I", "II", "V3", "V2"], "my data")


def test_unknown_folder_and_spec_errors(tmp_path):
    with pytest.raises(ValueError, match="no dataset recognised"):
        detect_kind(tmp_path)
    with pytest.raises(FileNotFoundError, match="does not exist"):
        load_records(str(tmp_path / "absent"))
    with pytest.raises(ValueError, match="sim:N"):
        load_records("sim:many")


@pytest.mark.slow
def test_cli_trains_and_evaluates_on_a_real_wfdb_folder(samples, tmp_path, capsys):
    data = f"cinc:{samples('cinc2021')}"
    common = ["--epochs", "1", "--batch-size", "8", "--crop-seconds", "1", "--quiet"]
    stage1 = tmp_path / "s1.pt"
    assert (
        cli.main(
            [
                "train",
                "--stage",
                "pretrain",
                "--data",
                data,
                "--part",
                "train",
                "--preset",
                "smoke",
                "--out",
                str(stage1),
                *common,
            ]
        )
        == 0
    )
    stage2 = tmp_path / "s2.pt"
    args = ["train", "--stage", "device", "--init", str(stage1), "--data", data]
    assert cli.main([*args, "--part", "train", "--out", str(stage2), *common]) == 0
    assert stage2.is_file()
    capsys.readouterr()
    code = cli.main(
        [
            "evaluate",
            "--checkpoint",
            str(stage2),
            "--data",
            data,
            "--part",
            "test",
            "--seconds",
            "5",
        ]
    )
    out = capsys.readouterr().out
    assert code == 0 and "unseen" in out and "(3,8,1) on" in out
    n = int(out.split(" on ")[1].split()[0])
    assert n == len(load_records(data, part="test"))


def test_delineation_finds_simulated_boundaries():
    rec = simulate_record(SimConfig(duration=10.0, classes=("Normal",)), 4, 0)
    found = delineate(rec, "II")
    errors = boundary_errors(found, rec.waves, rec.sampling_rate)
    assert (errors["matched"] >= 0.8 * errors["annotated"]).all()
    assert errors.loc["qrs_on", "median |error| (ms)"] < 30
    with pytest.raises(ValueError, match="no lead 'V9'"):
        delineate(rec, "V9")
    with pytest.raises(ValueError, match="unknown delineation method"):
        delineate(rec, "II", "guess")


def test_delineation_against_tianchi_manual_boundaries(samples):
    recs = [read_tianchi(p) for p in sorted(samples("tianchi").glob("*.txt"))]
    table = delineation_table(recs, methods=("prominence",)).loc["prominence"]
    assert (table["matched"] == table["annotated"]).all()
    assert (table["median |error| (ms)"] < 25).all(), table


def test_beat_mode_delineates_real_records(samples):
    from nefnet.data.beat_dataset import beat_index, waves_of

    wins = load_records(str(samples("cinc2021")), part="test")[:3]
    beats = beat_index(wins)
    assert len(beats) >= 10 and {i for i, _ in beats} == {0, 1, 2}
    assert "waves" in wins[0].meta and waves_of(wins[0]) is wins[0].meta["waves"]


def test_every_reader_is_reachable_through_data(tmp_path, samples, repo):
    """The kinds' registry: Chapman CSV and Panobench .mat folders load through ``--data``
    (named or recognised), beside CPSC2018 .mat files that are not mistaken for Panobench."""
    import scipy.io as sio

    from nefnet.data.kinds import FOLDER_KINDS, kind
    from nefnet.views import PANOBENCH_48

    rec = simulate_record(SimConfig(duration=12.0), 0, 0)
    chapman = tmp_path / "chapman"
    chapman.mkdir()
    values = (1000 * rec.select(LEADS_12)).T  # µV, one column per lead
    np.savetxt(
        chapman / "MUSE_1.csv", values, delimiter=",", header=",".join(LEADS_12), comments=""
    )
    assert detect_kind(chapman) == "chapman"
    windows = load_records(f"chapman:{chapman}")
    assert len(windows) == 1 and windows[0].signals.shape == (12, 5000)
    pano = tmp_path / "pano"
    pano.mkdir()
    sio.savemat(pano / "w1.mat", {"Panobench": np.zeros((48, 2500)) + 0.1})
    assert detect_kind(pano) == "panobench"
    (got,) = load_records(str(pano))  # windows already: used as they are
    assert got.leads == tuple(PANOBENCH_48) and got.sampling_rate == 250
    assert detect_kind(samples("cpsc2018")) == "cpsc"
    for name in FOLDER_KINDS:
        script = kind(name).fetch
        assert script is None or (repo / script).is_file(), (name, script)
