"""The out-of-core record store: round trips against the readers, resuming an interrupted
build, refusals, lazy training data, and deterministic loading with DataLoader workers."""

import json

import numpy as np
import pytest
import torch

from nefnet.data import read_ptbxl, read_ptbxl_index
from nefnet.data.jsonio import jsonable
from nefnet.data.kinds import FolderSource
from nefnet.data.parts import real_windows
from nefnet.data.store import RecordStore, StoreWriter
from nefnet.data.store.build import build_store
from nefnet.data.torch_dataset import ViewPairDataset
from nefnet.simulate import SimConfig
from nefnet.simulate.dataset import SimulatedSource, simulate_dataset
from nefnet.training.data_spec import load_records
from nefnet.training.loader import make_loader
from nefnet.training.train import TrainConfig

SIM = SimConfig(duration=4.0)


@pytest.fixture(scope="module")
def sim_store(tmp_path_factory):
    out = tmp_path_factory.mktemp("store") / "sim"
    build_store(SimulatedSource(6, SIM, seed=3), out, "sim test", progress=False)
    return out


def _close(a, b, dtype):
    """Equal within the stored precision (relative to the record's scale)."""
    eps = np.finfo(dtype).eps
    return np.abs(a - b).max() <= 2 * eps * max(np.abs(a).max(), 1e-12)


@pytest.mark.parametrize("dtype", ["float32", "float16"])
def test_ptbxl_records_read_back_as_the_reader_gives_them(ptbxl_root, tmp_path, dtype):
    source = FolderSource("ptbxl", ptbxl_root)
    n = build_store(source, tmp_path / "s", "ptbxl", dtype=dtype, progress=False)
    store = RecordStore(tmp_path / "s")
    index = read_ptbxl_index(ptbxl_root)
    assert n == len(store) == len(index) > 0 and store.complete
    for back, ecg_id in zip(store, index.index):
        truth = read_ptbxl(ptbxl_root, ecg_id, 500, index)
        assert back.leads == truth.leads and back.sampling_rate == truth.sampling_rate
        assert back.name == truth.name and back.meta == jsonable(truth.meta)
        assert back.signals.dtype == np.float64 and _close(truth.signals, back.signals, dtype)
    if dtype == "float32":  # and not better than that: the precision is the stored one
        assert not np.array_equal(truth.signals, back.signals)


def test_simulated_records_keep_clean_signals_angles_and_waves(sim_store):
    truth = simulate_dataset(6, SIM, seed=3, progress=False)
    store = RecordStore(sim_store)
    assert list(store.lengths()) == [r.signals.shape[1] for r in truth]
    for a, b in zip(truth, store):
        assert type(b).__name__ == "SimRecord" and (a.label, a.device) == (b.label, b.device)
        assert _close(a.signals, b.signals, np.float32) and _close(a.clean, b.clean, np.float32)
        np.testing.assert_allclose(a.true_angles, b.true_angles, equal_nan=True)
        assert a.waves.keys() == b.waves.keys()
        assert all(np.array_equal(a.waves[k], b.waves[k]) for k in a.waves)


class _Stops:
    """A source that is interrupted (Ctrl-C) after ``stop`` records."""

    def __init__(self, source, stop):
        self.source, self.stop = source, stop

    def __len__(self):
        return len(self.source)

    def __getitem__(self, k):
        if k == self.stop:
            raise KeyboardInterrupt
        return self.source[k]


def test_an_interrupted_build_keeps_whole_records_and_resumes(tmp_path, sim_store):
    source = SimulatedSource(6, SIM, seed=3)
    out = tmp_path / "s"
    with pytest.raises(KeyboardInterrupt):
        build_store(_Stops(source, 4), out, "sim test", progress=False)
    part = RecordStore(out)
    assert len(part) == 4 and not part.complete
    assert not list(out.glob("*.tmp"))
    with pytest.raises(ValueError, match="unfinished"):
        load_records(str(out))
    assert build_store(source, out, "sim test", progress=False) == 6
    whole, reference = RecordStore(out), RecordStore(sim_store)
    assert whole.complete and len(whole) == 6
    for a, b in zip(whole, reference):
        assert a.name == b.name and np.array_equal(a.signals, b.signals)


def test_store_refusals(tmp_path, sim_store):
    with pytest.raises(ValueError, match="cannot resume"):
        StoreWriter(sim_store, source="another dataset")
    with pytest.raises(ValueError, match="unknown store dtype"):
        StoreWriter(tmp_path / "x", dtype="int8")
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "notes.txt").write_text("mine")
    with pytest.raises(FileExistsError, match="not a record store"):
        StoreWriter(tmp_path / "busy")
    with pytest.raises(FileNotFoundError, match="store.json missing"):
        RecordStore(tmp_path / "busy")
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "store.json").write_text(json.dumps({"format": "other", "version": 1}))
    with pytest.raises(ValueError, match="not a nefnet-record-store"):
        RecordStore(bad)


def _copy(sim_store, tmp_path):
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(sim_store, copy)
    return copy


def test_a_truncated_shard_is_refused_when_the_store_opens(tmp_path, sim_store):
    copy = _copy(sim_store, tmp_path)
    shard = sorted(copy.glob("shard-*.bin"))[-1]
    shard.write_bytes(shard.read_bytes()[:1000])
    with pytest.raises(ValueError, match=r"shard-000000.bin: corrupt store shard \(1,000 bytes"):
        RecordStore(copy)


def test_a_flipped_byte_in_a_shard_is_refused_when_its_record_is_read(tmp_path, sim_store):
    copy = _copy(sim_store, tmp_path)
    shard = sorted(copy.glob("shard-*.bin"))[0]
    blob = bytearray(shard.read_bytes())
    blob[len(blob) // 2] ^= 0x01
    shard.write_bytes(bytes(blob))
    store = RecordStore(copy)  # sizes agree: opens
    bad = []
    for i in range(len(store)):
        try:
            store[i]
        except ValueError as exc:
            bad.append(str(exc))
    assert len(bad) == 1 and "is corrupt (its bytes differ from the checksum" in bad[0]
    assert len(bad[0].splitlines()) == 1


def test_a_deleted_or_altered_index_line_is_refused(tmp_path, sim_store):
    copy = _copy(sim_store, tmp_path)
    index = sorted(copy.glob("shard-*.jsonl"))[0]
    lines = index.read_text().splitlines(keepends=True)
    index.write_text("".join(lines[:-1]))
    with pytest.raises(ValueError, match="5 index lines where the header counts 6"):
        RecordStore(copy)
    index.write_text("".join(lines).replace('"sampling_rate": 500', '"sampling_rate": 250', 1))
    with pytest.raises(ValueError, match="its checksum differs from the header's"):
        RecordStore(copy)
    index.write_text("".join(lines)[:-20] + "\n")
    with pytest.raises(ValueError, match="corrupt store index"):
        RecordStore(copy)


def test_the_header_count_and_version_are_checked(tmp_path, sim_store):
    import json

    copy = _copy(sim_store, tmp_path)
    path = copy / "store.json"
    head = json.loads(path.read_text())
    path.write_text(json.dumps(head | {"records": head["records"] + 1}))
    with pytest.raises(ValueError, match="store.json counts 7 records, its shard table 6"):
        RecordStore(copy)
    path.write_text(json.dumps(head | {"version": 1}))
    with pytest.raises(ValueError, match="a version 1 store, written by an older nefnet"):
        RecordStore(copy)
    from nefnet.data.store.records import outdated

    assert outdated(copy) and not outdated(sim_store)


def test_real_store_trains_on_the_same_windows(ptbxl_root, tmp_path):
    build_store(FolderSource("ptbxl", ptbxl_root), tmp_path / "s", "ptbxl", progress=False)
    lazy = load_records(str(tmp_path / "s"), part="train")
    eager = real_windows(list(FolderSource("ptbxl", ptbxl_root)), "train")
    assert len(lazy) == len(eager) > 0
    for a, b in zip(lazy, eager):
        assert a.name == b.name and a.signals.shape == b.signals.shape
        assert np.abs(a.signals - b.signals).max() <= 1e-5 * np.abs(b.signals).max()


def _batches(dataset, workers, epoch):
    cfg = TrainConfig(batch_size=3, seed=5)
    dataset.set_epoch(epoch)
    return list(make_loader(dataset, cfg, epoch, "cpu", workers))


def test_loading_with_workers_gives_the_same_batches(sim_store):
    store = RecordStore(sim_store)
    ds = ViewPairDataset(store, crop=(200, 400), n_queries=2, seed=7)
    assert ds.records is store  # nothing was loaded
    for epoch in (0, 1):
        plain, first, again = (_batches(ds, w, epoch) for w in (0, 2, 2))
        assert len(plain) == len(first) == 2
        for a, b, c in zip(plain, first, again):
            assert a.keys() == b.keys()
            assert all(torch.equal(a[k], b[k]) and torch.equal(b[k], c[k]) for k in a)
    assert not torch.equal(_batches(ds, 0, 0)[0]["inputs"], _batches(ds, 0, 1)[0]["inputs"])


def test_nefnet_train_reads_a_store(sim_store, tmp_path):
    from nefnet.cli import main

    ck = tmp_path / "ck.pt"
    argv = "train --stage pretrain --preset smoke --epochs 1 --batch-size 3 --crop-seconds 1"
    code = main([*argv.split(), "--data", str(sim_store), "--workers", "1", "--out", str(ck)])
    assert code == 0 and ck.is_file()
    state = torch.load(ck, weights_only=True)
    assert state["data"]["records"] == 6 and state["data"]["sampling_rate"] == 500.0


def test_nefnet_simulate_streams_the_same_records_with_workers(tmp_path):
    from nefnet.cli import main

    base = "simulate --n 4 --duration 4 --seed 2 --quiet".split()
    assert main([*base, "--format", "store", "--workers", "2", "--out", str(tmp_path / "s")]) == 0
    truth = simulate_dataset(4, SimConfig(duration=4.0), seed=2, progress=False)
    stored = RecordStore(tmp_path / "s")
    assert stored.complete and [r.name for r in stored] == [r.name for r in truth]
    assert all(_close(a.clean, b.clean, np.float32) for a, b in zip(truth, stored))
    for workers in ("1", "2"):
        assert main([*base, "--workers", workers, "--out", str(tmp_path / workers)]) == 0
    files = sorted(p.name for p in (tmp_path / "1").iterdir())
    assert len(files) == 4 * 4 + 1  # noisy and clean .hea/.dat per record, and the index
    for name in files:
        assert (tmp_path / "1" / name).read_bytes() == (tmp_path / "2" / name).read_bytes()


def test_nefnet_cache_build(ptbxl_root, tmp_path, capsys):
    from nefnet.cli import main

    out = tmp_path / "s"
    assert main(["cache", "build", "--data", f"ptbxl:{ptbxl_root}", "--out", str(out)]) == 0
    n = len(read_ptbxl_index(ptbxl_root))
    assert f"{n} records" in capsys.readouterr().out
    # a finished store: building again adds nothing; another dataset is refused
    assert main(["cache", "build", "--data", f"ptbxl:{ptbxl_root}", "--out", str(out)]) == 0
    assert len(RecordStore(out)) == n
    assert main(["cache", "build", "--data", "sim:2", "--out", str(out)]) == 2
    assert "cannot resume" in capsys.readouterr().err
    assert main(["cache", "build", "--data", "sim:x", "--out", str(tmp_path / "t")]) == 2
    assert main(["cache", "build", "--data", str(out), "--out", str(tmp_path / "u")]) == 2
    assert "already a record store" in capsys.readouterr().err
