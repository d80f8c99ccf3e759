"""Recordings of any length: windows cover the record, cross-faded joins have no step, the
stream writer leaves nothing half-written, and `nefnet synthesize` goes through them."""

from __future__ import annotations

import numpy as np
import pytest

import nefnet
from nefnet import cli
from nefnet.data import read_wfdb
from nefnet.data.readers.wfdb_io import write_signals
from nefnet.data.readers.wfdb_stream import WfdbStream
from nefnet.geometry import view_angles
from nefnet.models import DipoleLSQModel
from nefnet.scoring.synthesis import synthesize
from nefnet.simulate import SimConfig, simulate_record
from nefnet.training.long import model_runner, synthesize_long, windows

LEADS, QUERIES = ["I", "II", "V3"], np.radians([[90.0, 10.0], [60.0, -30.0]])


@pytest.fixture(scope="module")
def record():
    return simulate_record(SimConfig(duration=32.0), 3, 0)


@pytest.mark.parametrize("n", [1, 4999, 5000, 5001, 9500, 12345, 30000])
def test_windows_cover_the_record(n):
    spans = windows(n, 5000, 500)
    assert spans[0][0] == 0 and spans[-1][1] == n
    for (a0, b0), (a1, b1) in zip(spans, spans[1:]):
        assert b1 - a1 == 5000 and a0 < a1 and b0 - a1 >= 500


def _stitched(model, x):
    out = []
    run = model_runner(model, view_angles(LEADS), QUERIES)
    n = synthesize_long(run, lambda a, b: x[:, a:b], out.append, x.shape[1], 500.0, progress=False)
    assert n == x.shape[1]
    return np.concatenate(out, axis=1)


def test_a_time_local_linear_model_is_unchanged_by_chunking(record):
    x = record.select(LEADS)
    whole = synthesize(DipoleLSQModel(), x, view_angles(LEADS), QUERIES)
    assert np.allclose(_stitched(DipoleLSQModel(), x), whole, atol=1e-9)


def test_no_step_at_the_joins(record):
    """Against the network run on the whole 32 s at once, the stitched output's error moves by
    less than 20 µV from one sample to the next everywhere; cutting windows hard instead gives
    steps of a tenth of a millivolt at the joins (the negative control)."""
    model = nefnet.pretrained("v2-ours-stage2-sim-ptbxl")
    x = record.select(LEADS)
    whole = synthesize(model, x, view_angles(LEADS), QUERIES)
    step = np.abs(np.diff(_stitched(model, x) - whole, axis=1)).max()
    hard = np.zeros_like(whole)
    spans = windows(x.shape[1], 5000, 500)
    for a, b in spans:
        hard[:, a:b] = synthesize(model, x[:, a:b], view_angles(LEADS), QUERIES)
    hard_step = max(
        np.abs(hard[:, a] - hard[:, a - 1] - whole[:, a] + whole[:, a - 1]).max()
        for a, _ in spans[1:]
    )
    assert step < 0.02 < hard_step, (step, hard_step)


def test_stream_writer_round_trip_and_abort(tmp_path, record):
    x = record.select(LEADS)
    with WfdbStream(tmp_path, "long", 500.0, LEADS, comments=["hello"]) as stream:
        for a in range(0, x.shape[1], 777):
            stream.append(x[:, a : a + 777])
        stream.close()
    back = read_wfdb(tmp_path / "long")
    assert back.leads == tuple(LEADS) and np.abs(back.signals - x).max() <= 0.0005 + 1e-9
    assert back.meta["comments"] == ["hello"]
    with pytest.raises(KeyboardInterrupt):
        with WfdbStream(tmp_path, "cut", 500.0, LEADS) as stream:
            stream.append(x[:, :100])
            raise KeyboardInterrupt
    assert sorted(p.name for p in tmp_path.iterdir()) == ["long.dat", "long.hea"]


def test_cli_synthesizes_a_long_record_by_windows(tmp_path, record, capsys):
    write_signals("holter", record.signals, 500.0, list(record.leads), tmp_path)
    ck = nefnet.book.weights.manifest()["v2-ours-stage2-sim-ptbxl"]["file"]
    path = nefnet.training.checkpoints.shipped_dir() / ck
    line = f"synthesize --record {tmp_path / 'holter'} --views 90,10 --checkpoint {path} --quiet"
    assert cli.main((line + f" --out {tmp_path / 'out'}").split()) == 0
    back = read_wfdb(tmp_path / "out" / "holter_synth")
    assert back.signals.shape == (1, record.signals.shape[1])
    whole = synthesize(
        nefnet.pretrained("v2-ours-stage2-sim-ptbxl"),
        record.select(LEADS),
        view_angles(LEADS),
        QUERIES[:1],
    )
    assert np.abs(back.signals - whole).max() < 0.05
