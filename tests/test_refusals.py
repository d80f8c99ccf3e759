"""Bad input, refused: every case exits 2 (or raises) with a first line naming the culprit and
what was expected, and leaves nothing behind (no partial file, no empty output folder)."""

from __future__ import annotations

import shutil
import socket
from dataclasses import asdict
from pathlib import Path

import numpy as np
import pytest
import scipy.io
import torch

from nefnet import cli
from nefnet.data.readers.wfdb_io import write_signals
from nefnet.simulate import SimConfig, simulate_record

TINY = "--data sim:4 --epochs 1 --batch-size 4 --crop-seconds 1 --quiet"


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    """Inputs the cases refer to as {name}: a tiny v2 checkpoint, broken checkpoints, a record,
    a plain file and a non-empty folder."""
    from nefnet.models import NefNetV1, NefNetV1Config
    from nefnet.training import integrity
    from nefnet.training.train import TrainConfig

    root = tmp_path_factory.mktemp("inputs")
    ck = root / "v2.pt"
    assert cli.main(f"train --stage pretrain --preset smoke {TINY} --out {ck}".split()) == 0
    state = torch.load(ck, weights_only=True)
    v1 = NefNetV1(NefNetV1Config())
    v1_state = {**state, "model": v1.state_dict(), "model_config": asdict(v1.cfg)}
    torch.save(integrity.seal(v1_state), root / "v1.pt")
    wrong = dict(state["model_config"], channels=2 * state["model_config"]["channels"])
    torch.save({**state, "model_config": wrong}, root / "mismatch.pt")
    partial = {**state, "train_config": asdict(TrainConfig(epochs=5))}
    torch.save(partial, root / "partial.pt")
    (root / "garbage.pt").write_bytes(b"not a checkpoint" * 10)
    rec = simulate_record(SimConfig(duration=6.0), 9, 0)
    write_signals("exam", rec.signals, rec.sampling_rate, list(rec.leads), root)
    (root / "afile").write_text("x")
    (root / "full").mkdir()
    (root / "full" / "keep").write_text("x")
    named = {p.stem if p.suffix == ".pt" else p.name: p for p in root.iterdir()}
    return named | {"root": root, "exam": root / "exam"}


def _tree(folder: Path) -> set:
    return {p.relative_to(folder) for p in folder.rglob("*")}


# (command line, words its one-line error must contain)
CLI_CASES = [
    ("simulate --n 0 --out {out}", ["--n", "≥ 1"]),
    ("simulate --n abc --out {out}", ["--n", "'abc'"]),
    ("simulate --n 2 --duration -1 --out {out}", ["--duration", "> 0"]),
    ("simulate --n 2 --duration nan --out {out}", ["--duration", "'nan'"]),
    ("simulate --n 2 --angle-spread -3 --out {out}", ["--angle-spread", "≥ 0"]),
    ("simulate --n 2 --out {full}", ["--out", "not empty"]),
    ("simulate --n 2 --out {afile}/sub", ["--out", "is a file"]),
    ("simulate --n 2 --classes Martian --out {out}", ["Martian"]),
    ("simulate --n 2 --device sim-mars --out {out}", ["sim-mars"]),
    ("simulate --n 2 --noise hum --out {out}", ["hum"]),
    ("simulate --n 2 --seed -1 --out {out}", ["--seed", "≥ 0"]),
    ("train --stage pretrain --epochs 0 --out {out}.pt", ["--epochs", "≥ 1"]),
    ("train --stage pretrain --batch-size x --out {out}.pt", ["--batch-size", "'x'"]),
    ("train --stage pretrain --lr -1 --out {out}.pt", ["--lr", "> 0"]),
    ("train --stage pretrain --lr inf --out {out}.pt", ["--lr", "'inf'"]),
    ("train --stage pretrain --crop-seconds 0 --out {out}.pt", ["--crop-seconds", "> 0"]),
    ("train --stage pretrain --queries 0 --out {out}.pt", ["--queries", "≥ 1"]),
    ("train --stage pretrain --device tpu --out {out}.pt", ["--device", "tpu"]),
    ("train --stage pretrain --device cuda --out {out}.pt", ["--device", "CUDA"]),
    ("train --stage pretrain --stage nap --out {out}.pt", ["--stage", "nap"]),
    ("train --stage pretrain --preset huge --out {out}.pt", ["--preset", "huge"]),
    ("train --stage pretrain --variant nope --out {out}.pt", ["--variant", "nope"]),
    ("train --stage pretrain {TINY} --out {root}", ["--out", "is a folder"]),
    ("train --stage pretrain {TINY} --out {v2}", ["--out", "exists", "--overwrite"]),
    ("train --stage pretrain {TINY} --out {out}.pt --resume", ["--resume", "no checkpoint"]),
    ("train --stage pretrain {TINY} --out {afile}/x.pt", ["--out", "is a file"]),
    ("train --stage device {TINY} --init {v1} --out {out}.pt", ["--init", "nefnet_v1"]),
    ("train --stage device {TINY} --init {garbage} --out {out}.pt", ["--init", "unreadable"]),
    ("train --stage device {TINY} --init {mismatch} --out {out}.pt", ["--init", "do not match"]),
    ("train --stage device {TINY} --init {nothere}.pt --out {out}.pt", ["--init", "not found"]),
    ("train --stage device {TINY} --protocol (9,9,9) --out {out}.pt", ["(9,9,9)"]),
    ("train --stage pretrain --data sim:abc --out {out}.pt", ["sim:abc", "whole number"]),
    ("train --stage pretrain --data cinc:{nothere} --out {out}.pt", ["nothere"]),
    ("train --stage onthefly --init {v2} --record {exam} --iterations 0", ["--iterations"]),
    ("train --stage onthefly --init {v2} --record {exam} --recorded I,II,III", ["rank 2", "V1"]),
    (
        "train --stage onthefly --init {v2} --record {exam} --recorded I,II,V3 --calibrate-on V3",
        [
            "--calibrate-on",
            "V3",
        ],
    ),
    ("train --stage onthefly --init {v2} --record {nothere}", ["nothere", "not found"]),
    ("train --stage onthefly --record {exam}", ["needs --init"]),
    ("evaluate --checkpoint {nothere}.pt", ["--checkpoint", "not found"]),
    ("evaluate --checkpoint {v1} --data sim:2", ["--checkpoint", "nefnet_v1"]),
    ("evaluate --checkpoint {v2} --data sim:2 --protocol (1,2)", ["(1,2)"]),
    ("evaluate --checkpoint {v2} --data sim:2 --seconds 0", ["--seconds", "> 0"]),
    ("evaluate --checkpoint {v2} --data sim:2 --sim-device sim-panobench", ["250", "500 Hz"]),
    ("evaluate --checkpoint {v2} --data sim:2 --part some", ["--part", "some"]),
    ("evaluate --checkpoint {v2} --data sim:2 --normalize-by max", ["--normalize-by", "max"]),
    ("synthesize --record {exam} --views 90;45 --checkpoint {v2} --out {out}", ["--views", "'90'"]),
    (
        "synthesize --record {exam} --views 90,45,10,20 --checkpoint {v2} --out {out}",
        [
            "--views",
            "4 number",
        ],
    ),
    ("synthesize --record {exam} --views 200,0 --checkpoint {v2} --out {out}", ["θ out of range"]),
    ("synthesize --record {exam} --views 90,181 --checkpoint {v2} --out {out}", ["φ out of range"]),
    ("synthesize --record {exam} --views 90,nan --checkpoint {v2} --out {out}", ["--views", "nan"]),
    ("synthesize --record {exam} --views 90,45;90,45 --checkpoint {v2} --out {out}", ["twice"]),
    ("synthesize --record {exam} --views ; --checkpoint {v2} --out {out}", ["--views"]),
    (
        "synthesize --record {exam} --views 90,45 --recorded I,II,III "
        "--checkpoint {v2} --out {out}",
        [
            "--recorded",
            "rank 2",
        ],
    ),
    (
        "synthesize --record {exam} --views 90,45 --recorded I,I,V3 --checkpoint {v2} --out {out}",
        [
            "--recorded",
            "duplicate",
        ],
    ),
    (
        "synthesize --record {exam} --views 90,45 --recorded I,II,V9 --checkpoint {v2} --out {out}",
        [
            "--recorded",
            "V9",
        ],
    ),
    ("synthesize --record {nothere} --views 90,45 --checkpoint {v2} --out {out}", ["nothere"]),
    (
        "synthesize --record {exam} --views 90,45 --checkpoint {mismatch} --out {out}",
        [
            "--checkpoint",
            "do not match",
        ],
    ),
    ("synthesize --record {exam} --views 90,45 --checkpoint {v2} --out {afile}", ["is a file"]),
    ("reproduce 05 -p SEED=abc", ["SEED", "whole number"]),
    ("reproduce 05 -p SCALE=huge", ["SCALE", "huge"]),
    ("reproduce 05 -p DEVICE=tpu", ["DEVICE", "tpu"]),
    ("reproduce 05 -p NOPE=1", ["NOPE"]),
    ("reproduce 05 -p SEED", ["SEED", "NAME=VALUE"]),
    ("reproduce 99", ["99"]),
    ("views --panobench --bogus", ["--bogus"]),
    ("explore --model v9-nothing", ["--model", "v9-nothing", "v2-ours-stage1"]),
    ("explore --model {nothere}.pt", ["nothere.pt", "not found"]),
    ("explore --data {nothere}", ["--data", "not a folder"]),
    ("explore --port 70000", ["--port", "65535"]),
    ("explore --model v1-beat-(3,8,1)", ["--model", "not a NEF-NET v2"]),
]


@pytest.mark.parametrize("line, words", CLI_CASES, ids=[c[0][:60] for c in CLI_CASES])
def test_cli_refuses_in_one_line(line, words, files, tmp_path, capsys):
    paths = {k: str(v) for k, v in files.items()} | {
        "out": str(tmp_path / "out"),
        "nothere": str(tmp_path / "nothere"),
        "TINY": TINY,
    }
    before, before_inputs = _tree(tmp_path), _tree(files["root"])
    assert cli.main(line.format(**paths).split()) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err and err[0].startswith("nefnet"), err
    for word in words:
        assert word in err[0], (word, err[0])
    assert "Traceback" not in "\n".join(err)
    assert _tree(tmp_path) == before, "left something behind"
    assert _tree(files["root"]) == before_inputs, "changed an input"


def test_explore_refuses_a_busy_port(capsys):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert cli.main(["explore", "--port", str(port)]) == 2
    err = capsys.readouterr().err
    assert f"--port {port} is in use" in err


def test_debug_shows_the_traceback(files):
    with pytest.raises(ValueError, match="twice|rank"):
        cli.main(
            f"--debug train --stage onthefly --init {files['v2']} --record {files['exam']} "
            "--recorded I,II,III".split()
        )


def test_partially_trained_checkpoint_says_so(files):
    from nefnet.training.checkpoints import load_model

    with pytest.warns(UserWarning, match="partially trained .1 of 5 epochs"):
        load_model(files["partial"])


# --- readers: each error names the file --------------------------------------------------


@pytest.fixture
def cinc(samples, tmp_path):
    src = samples("cinc2021")
    for ext in (".hea", ".mat"):
        shutil.copy(src / f"E07500{ext}", tmp_path)
    return tmp_path / "E07500"


def _edit_header(base: Path, old: str, new: str):
    hea = base.with_suffix(".hea")
    text = hea.read_text()
    assert old in text
    hea.write_text(text.replace(old, new, 1))


def _val(base):
    return scipy.io.loadmat(base.with_suffix(".mat"))["val"]


def _mat_v5(base):
    scipy.io.savemat(base.with_suffix(".mat"), {"val": _val(base)})


def _mat_other_name(base):
    scipy.io.savemat(base.with_suffix(".mat"), {"signal": _val(base)}, format="4")


def _mat_long(base):
    val = np.hstack([_val(base), _val(base)[:, :1000]])
    scipy.io.savemat(base.with_suffix(".mat"), {"val": val}, format="4")


def _mat_float(base):
    scipy.io.savemat(base.with_suffix(".mat"), {"val": _val(base).astype(float)}, format="4")


def _gain_zero(base):
    _edit_header(base, " 1000.0(0)/mV", " 0(0)/mV")


def _fs_text(base):
    _edit_header(base, "12 500 5000", "12 fast 5000")


def _lead_count(base):
    _edit_header(base, "12 500 5000", "13 500 5000")


def _units(base):
    _edit_header(base, "(0)/mV", "(0)/mmHg")


def _no_mat(base):
    base.with_suffix(".mat").unlink()


def _no_dx(base):
    hea = base.with_suffix(".hea")
    hea.write_text("".join(ln for ln in hea.read_text().splitlines(True) if "Dx" not in ln))


def _truncated(base):
    mat = base.with_suffix(".mat")
    mat.write_bytes(mat.read_bytes()[:5000])


CINC_CASES = {
    "MAT v5": (_mat_v5, "MAT v5"),
    "variable not named val": (_mat_other_name, "data starts at byte"),
    "more samples than the header": (_mat_long, "values, the header needs"),
    "float matrix": (_mat_float, "precision"),
    "gain 0": (_gain_zero, "ADC gain 0"),
    "sampling rate text": (_fs_text, "sampling rate"),
    "lead count": (_lead_count, "signal lines"),
    "units": (_units, "units"),
    "signal file missing": (_no_mat, "missing"),
    "no Dx": (_no_dx, "Dx"),
    "truncated": (_truncated, "truncated"),
}


@pytest.mark.parametrize("case", sorted(CINC_CASES))
def test_cinc_reader_refuses(case, cinc):
    from nefnet.data.readers.cinc import read_cinc

    break_it, words = CINC_CASES[case]
    break_it(cinc)
    with pytest.raises((ValueError, FileNotFoundError)) as err:
        read_cinc(cinc)
    assert "E07500" in str(err.value) and words in str(err.value), str(err.value)


def test_cinc_reader_reads_a_v4_resave(cinc):
    from nefnet.data.readers.cinc import read_cinc

    before = read_cinc(cinc).signals
    scipy.io.savemat(cinc.with_suffix(".mat"), {"val": _val(cinc)}, format="4")
    assert np.array_equal(read_cinc(cinc).signals, before)


def _tianchi(tmp_path, rows, header="I II V1 V2 V3 V4 V5 V6", waves=None):
    path = tmp_path / "100.txt"
    path.write_text(header + "\n" + "\n".join(" ".join(map(str, r)) for r in rows) + "\n")
    if waves is not None:
        import json

        path.with_name("100.waves.json").write_text(json.dumps(waves))
    return path


GOOD_ROWS = [[10, 20, 30, 40, 50, 60, 70, 80]] * 5000  # a Tianchi record: 10 s at 500 Hz
WAVES = {k: [5] for k in ("P on", "P off", "R on", "R off", "T on", "T off")}

TIANCHI_CASES = {
    "NaN sample": (dict(rows=[[1, 2, 3, 4, 5, 6, 7, "nan"]] * 3), "NaN"),
    "no samples": (dict(rows=[]), "no samples"),
    "unknown lead": (dict(rows=GOOD_ROWS, header="I II V1 V2 V3 V4 V5 Q7"), "Q7"),
    "wrong leads": (dict(rows=GOOD_ROWS, header="I II III V2 V3 V4 V5 V6"), "expected the 8"),
    "column count": (dict(rows=[[1, 2, 3]] * 4), "columns"),
    "text sample": (dict(rows=[["a"] * 8]), "non-numeric"),
    "wave index out of range": (dict(rows=GOOD_ROWS, waves=WAVES | {"T off": [5099]}), "outside"),
    "wave keys missing": (dict(rows=GOOD_ROWS, waves={"P on": [1]}), "lacks"),
}


@pytest.mark.parametrize("case", sorted(TIANCHI_CASES))
def test_tianchi_reader_refuses(case, tmp_path):
    from nefnet.data.readers.tianchi import read_tianchi

    kwargs, words = TIANCHI_CASES[case]
    path = _tianchi(tmp_path, **kwargs)
    with pytest.raises(ValueError) as err:
        read_tianchi(path)
    assert "100" in str(err.value) and words in str(err.value), str(err.value)


def _cpsc(tmp_path, data):
    path = tmp_path / "A0001.mat"
    scipy.io.savemat(path, {"ECG": {"sex": "Male", "age": 50, "data": data}})
    return path


@pytest.mark.parametrize(
    "data, words",
    [
        (np.full((12, 100), np.nan), "NaN"),
        (np.zeros((8, 100)), "12 leads"),
        (np.zeros((12, 0)), "no samples"),
    ],
    ids=["NaN", "8 leads", "empty"],
)
def test_cpsc_reader_refuses(data, words, tmp_path):
    from nefnet.data.readers.cpsc import read_cpsc2018

    with pytest.raises(ValueError) as err:
        read_cpsc2018(_cpsc(tmp_path, data))
    assert "A0001" in str(err.value) and words in str(err.value), str(err.value)


@pytest.mark.parametrize(
    "content, words",
    [
        ("1,2,3\n4,5,6\n", "columns"),
        ("\n".join([",".join(["nan"] * 12)] * 3), "NaN"),
        (",".join(["1"] * 12) + "\n" + ",".join(["x"] * 12), "non-numeric"),
    ],
    ids=["columns", "NaN", "text"],
)
def test_chapman_reader_refuses(content, words, tmp_path):
    from nefnet.data.readers.chapman import read_chapman

    path = tmp_path / "MUSE_1.csv"
    path.write_text(content)
    with pytest.raises(ValueError) as err:
        read_chapman(path)
    assert "MUSE_1" in str(err.value) and words in str(err.value), str(err.value)


@pytest.mark.parametrize(
    "content, words",
    [
        ({"other": np.zeros((48, 10))}, "no 'Panobench'"),
        ({"Panobench": np.zeros((40, 10))}, "shape"),
        ({"Panobench": np.full((48, 10), np.nan)}, "NaN"),
        ({"Panobench": np.zeros((48, 10)), "angles": np.zeros((48, 3))}, "angles"),
    ],
    ids=["key", "shape", "NaN", "angles"],
)
def test_panobench_reader_refuses(content, words, tmp_path):
    from nefnet.data.readers.panobench import read_panobench

    path = tmp_path / "subject1.mat"
    scipy.io.savemat(path, content)
    with pytest.raises(ValueError) as err:
        read_panobench(path)
    assert "subject1" in str(err.value) and words in str(err.value), str(err.value)


@pytest.mark.parametrize(
    "kwargs, words",
    [
        (dict(signals=np.zeros((2, 0))), "no samples"),
        (dict(sampling_rate=float("nan")), "sampling_rate"),
        (dict(sampling_rate=0), "sampling_rate"),
        (dict(leads=("I", "Q")), "'Q'"),
        (dict(leads=("I", "I")), "duplicate"),
        (dict(signals=np.zeros((3, 10))), "shape"),
    ],
    ids=["empty", "nan rate", "zero rate", "unknown lead", "duplicate", "shape"],
)
def test_record_refuses(kwargs, words):
    from nefnet.data.record import Record

    args = dict(signals=np.zeros((2, 10)), sampling_rate=500.0, leads=("I", "II"), name="r1")
    with pytest.raises(ValueError, match=None) as err:
        Record(**(args | kwargs))
    assert words in str(err.value), str(err.value)


# --- round trip and resampling -------------------------------------------------------------


def test_synthesize_output_reads_back_with_its_angles(files, tmp_path):
    from nefnet.data import read_wfdb
    from nefnet.geometry import view_angles

    out = tmp_path / "out"
    line = f"synthesize --record {files['exam']} --views 90,45;62.5,-30 --checkpoint {files['v2']}"
    assert cli.main((line + f" --out {out}").split()) == 0
    back = read_wfdb(out / "exam_synth")
    assert back.leads == ("t90p45", "t62.5p-30") and back.sampling_rate == 500
    assert np.allclose(np.degrees(view_angles(back.leads)), [[90, 45], [62.5, -30]])
    assert any("theta=62.5 deg, phi=-30 deg" in c for c in back.meta["comments"])


def test_synthesize_resamples_a_record_at_another_rate(files, tmp_path, capsys):
    from nefnet.data import read_wfdb
    from nefnet.signal import resample

    rec = read_wfdb(files["exam"])
    write_signals("fast", resample(rec.signals, 500, 1000), 1000, list(rec.leads), tmp_path)
    line = f"synthesize --record {tmp_path / 'fast'} --views 90,45 --checkpoint {files['v2']}"
    assert cli.main((line + f" --out {tmp_path / 'out'}").split()) == 0
    assert "resampled to 500 Hz" in capsys.readouterr().err
    back = read_wfdb(tmp_path / "out" / "fast_synth")
    assert back.sampling_rate == 1000 and back.signals.shape[1] == 2 * rec.signals.shape[1]
