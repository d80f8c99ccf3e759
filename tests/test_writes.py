"""Writes that cannot half-happen: an earlier result is replaced only on request and only if it
is nefnet's, a failed run leaves nothing behind, a killed run's leftovers are cleaned, and two
runs never write one output at once."""

import os
import subprocess
import sys

import pytest

from nefnet import cli
from nefnet.data import locks
from nefnet.data.readers.wfdb_io import write_wfdb
from nefnet.data.samples import real_records

MODEL = "v2-ours-stage2-sim-ptbxl"


@pytest.fixture(scope="module")
def record(tmp_path_factory):
    records = real_records().get("CinC 2021")
    if not records:
        pytest.fail("the real sample records are missing (make data)")
    return write_wfdb(records[0], tmp_path_factory.mktemp("rec")).with_suffix("")


def _synthesize(record, out, *extra):
    argv = ["synthesize", "--record", str(record), "--checkpoint", MODEL, "--recorded", "I,II,V3"]
    return cli.main(argv + ["--views", "90,45", "--out", str(out), "--quiet", *extra])


def _tree(folder):
    return {p.name: p.read_bytes() for p in folder.iterdir()} if folder.exists() else None


def test_an_earlier_result_is_replaced_only_with_overwrite(record, tmp_path, capsys):
    out = tmp_path / "out"
    assert _synthesize(record, out) == 0
    before = _tree(out)
    assert _synthesize(record, out) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "an earlier result is there" in err[0] and "--overwrite" in err[0]
    assert _tree(out) == before
    assert _synthesize(record, out, "--overwrite") == 0
    assert sorted(_tree(out)) == sorted(before)


def test_a_failed_synthesis_leaves_no_folder_and_no_temporary_file(
    record, tmp_path, monkeypatch, capsys
):
    import nefnet.training.long as long

    def fail(*args, **kwargs):
        raise ValueError("the window could not be synthesized")

    monkeypatch.setattr(long, "synthesize_long", fail)
    out = tmp_path / "new" / "out"
    assert _synthesize(record, out) == 2
    assert "could not be synthesized" in capsys.readouterr().err
    assert not out.exists()


def test_a_killed_runs_leftovers_are_removed(record, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    name = f"{record.name}_synth"
    (out / f".{name}.dat.tmp").write_bytes(b"half a record")
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], text=True, capture_output=True
    ).stdout.strip()
    locks.lock_path(out / name).write_text(dead)  # the lock of a run that is gone
    assert _synthesize(record, out) == 0
    assert sorted(p.name for p in out.iterdir()) == [f"{name}.dat", f"{name}.hea"]


def test_a_live_run_keeps_its_output_to_itself(record, tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        locks.lock_path(out / f"{record.name}_synth").write_text(str(other.pid))
        assert _synthesize(record, out) == 2
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and f"another nefnet run (process {other.pid})" in err[0]
    finally:
        other.kill()
        other.wait()


def test_a_checkpoint_lock_refuses_a_second_writer(tmp_path):
    target = tmp_path / "model.pt"
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        locks.lock_path(target).write_text(str(other.pid))
        with pytest.raises(FileExistsError, match="another nefnet run"):
            with locks.exclusive(target):
                pass
    finally:
        other.kill()
        other.wait()
    with locks.exclusive(target):  # its process is gone: the lock is taken over
        assert locks.lock_path(target).read_text() == str(os.getpid())
    assert not locks.lock_path(target).exists()


@pytest.mark.parametrize("kind", ["fifo", "text"])
def test_train_overwrite_replaces_only_a_nefnet_checkpoint(tmp_path, capsys, kind):
    out = tmp_path / "model.pt"
    if kind == "fifo":
        os.mkfifo(out)
    else:
        out.write_text("notes, not a model\n")
    argv = ["train", "--stage", "pretrain", "--scale", "smoke", "--out", str(out), "--overwrite"]
    assert cli.main(argv + ["--quiet"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    want = "is not a regular file" if kind == "fifo" else "is not a file nefnet wrote"
    assert len(err) == 1 and want in err[0], err
    if kind == "text":
        assert out.read_text() == "notes, not a model\n"


def test_simulate_removes_a_killed_runs_partial_folder_and_follows_the_umask(tmp_path, capsys):
    import warnings

    out = tmp_path / "sim"
    left = tmp_path / ".sim.partial-abc123"
    left.mkdir()
    (left / "rec_0000.dat").write_bytes(b"\0" * 10)
    other = tmp_path / ".simx.partial-keep"  # another output's: not touched
    other.mkdir()
    old = os.umask(0o022)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            assert cli.main(["simulate", "--n", "1", "--out", str(out), "--quiet"]) == 0
    finally:
        os.umask(old)
    assert any("left by an interrupted write" in str(w.message) for w in caught)
    assert not left.exists() and other.exists()
    assert oct(out.stat().st_mode & 0o777) == oct(0o755)
    assert not locks.lock_path(out).exists()


def test_simulate_refuses_a_folder_a_live_run_is_writing(tmp_path, capsys):
    out = tmp_path / "sim"
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        locks.lock_path(out).write_text(str(other.pid))
        assert cli.main(["simulate", "--n", "1", "--out", str(out), "--quiet"]) == 2
    finally:
        other.kill()
        other.wait()
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and f"process {other.pid}" in err[0], err
    assert not out.exists()


def test_a_cache_build_that_fails_on_its_first_record_leaves_nothing(record, tmp_path, capsys):
    from nefnet.data import damage
    from nefnet.data.readers.wfdb_io import read_wfdb

    folder = tmp_path / "bad"
    write_wfdb(damage.damaged(read_wfdb(record), "µV labelled mV"), folder)
    out = tmp_path / "store"
    assert cli.main(["cache", "build", "--data", f"wfdb:{folder}", "--out", str(out)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert "look like µV" in err[-1], err
    assert not out.exists()


def test_a_full_disk_during_a_checkpoint_save_is_one_line_and_leaves_no_file(
    tmp_path, capsys, monkeypatch
):
    import torch

    def full(obj, f, *a, **k):
        with open(f, "wb") as fh:
            fh.write(b"\0" * 100)
        raise RuntimeError(
            "[enforce fail at inline_container.cc:626] . unexpected pos 96064 vs 96016"
        )

    monkeypatch.setattr(torch, "save", full)
    out = tmp_path / "model.pt"
    argv = ["train", "--stage", "pretrain", "--preset", "smoke", "--data", "sim:4", "--epochs", "1"]
    assert cli.main(argv + ["--batch-size", "4", "--out", str(out), "--quiet"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and f"{out}: the disk is full (nothing was written)" in err[0], err
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_a_failing_notebook_cell_is_named_with_its_own_message():
    from papermill.exceptions import PapermillExecutionError

    from nefnet.cli import _one_line

    exc = PapermillExecutionError(3, 5, "x = f()", "ValueError", "SEED must be ≥ 0\nmore", ["tb"])
    assert _one_line(exc) == "notebook cell [5] failed: ValueError: SEED must be ≥ 0"
