"""The adversarial command-line suite, by class of failure: corrupt files (integrity),
implausible records (the plausibility gate), overwrites and leftovers, and messages (size bounds,
encodings, columns). Each case runs one command line and asserts its exit status, the words of its
first stderr line, that it printed no traceback, and that it left nothing behind and changed no
input. (tests/test_refusals.py holds the option-level cases of the same contract.)"""

from __future__ import annotations

import json
import shutil
import warnings
from pathlib import Path

import pytest
import torch
import wfdb

from nefnet import cli
from nefnet.data import damage
from nefnet.data.readers.wfdb_io import write_signals, write_wfdb
from nefnet.data.samples import real_records
from nefnet.training import integrity

from .corrupt import flip_a_weight_byte

TINY = "--data sim:4 --epochs 1 --batch-size 4 --crop-seconds 1 --quiet"
SYN = "synthesize --checkpoint {v2} --recorded I,II,V3 --views 90,45 --out {out} --quiet"
CALIBRATE = "train --stage onthefly --init {v2} --iterations 1 --out {out}.pt --quiet"
EVALUATE = "evaluate --checkpoint {v2} --protocol (3,8,1)"


def _tree(folder: Path) -> dict:
    return {p.relative_to(folder): p.stat().st_size for p in folder.rglob("*") if p.is_file()}


def _checkpoints(root: Path, v2: Path) -> None:
    """Damaged copies of the sealed checkpoint ``v2``."""
    state = torch.load(v2, weights_only=True)
    flip_a_weight_byte(v2, root / "flipped.pt", offset=5, bit=0x08)
    blob = v2.read_bytes()
    (root / "truncated.pt").write_bytes(blob[: len(blob) // 2])
    (root / "empty.pt").write_bytes(b"")
    (root / "text.pt").write_text("model: weights\n")
    missing = {**state, "model": dict(list(state["model"].items())[2:])}
    torch.save(integrity.seal(missing), root / "missing.pt")
    extra = {**state, "model": {**state["model"], "ghost.weight": torch.zeros(3)}}
    torch.save(integrity.seal(extra), root / "extra.pt")
    first = next(iter(state["model"]))
    reshaped = {**state, "model": {**state["model"], first: torch.zeros(7, 7)}}
    torch.save(integrity.seal(reshaped), root / "reshaped.pt")
    torch.save([1, 2, 3], root / "alist.pt")
    torch.save({**state, "digest": "0" * 64}, root / "wrongdigest.pt")
    nofig = {k: v for k, v in state.items() if k != "model_config"}
    torch.save(nofig, root / "noconfig.pt")


def _stores(root: Path, store: Path) -> None:
    """Damaged copies of the record store ``store``."""

    def copy(name):
        dst = root / name
        shutil.copytree(store, dst)
        return dst

    shard = "shard-000000"
    bad = copy("store-flipped") / f"{shard}.bin"
    blob = bytearray(bad.read_bytes())
    blob[len(blob) // 2] ^= 0x40
    bad.write_bytes(bytes(blob))
    bad = copy("store-truncated") / f"{shard}.bin"
    bad.write_bytes(bad.read_bytes()[:-100])
    index = copy("store-lastline") / f"{shard}.jsonl"
    index.write_text("".join(index.read_text().splitlines(keepends=True)[:-1]))
    head = copy("store-count") / "store.json"
    meta = json.loads(head.read_text())
    head.write_text(json.dumps(meta | {"records": meta["records"] + 1}))
    (copy("store-garbage") / "store.json").write_text("{not json")
    head = copy("store-v1") / "store.json"
    head.write_text(json.dumps(meta | {"version": 1}))
    (copy("store-noshard") / f"{shard}.bin").unlink()
    index = copy("store-editedline") / f"{shard}.jsonl"
    index.write_text(index.read_text().replace('"name"', '"nam"', 1))


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    real = real_records()
    if "CinC 2021" not in real:
        pytest.fail("the real sample records are missing (make data)")
    root = tmp_path_factory.mktemp("adversarial")
    v2 = root / "v2.pt"
    assert cli.main(f"train --stage pretrain --preset smoke {TINY} --out {v2}".split()) == 0
    _checkpoints(root, v2)
    assert cli.main(f"cache build --data sim:3 --out {root / 'store'} --quiet".split()) == 0
    _stores(root, root / "store")
    paths = {"v2": v2, "root": root}
    record = real["CinC 2021"][0]
    write_signals(f"{record.name}_synth", record.signals[:1], 500.0, ["I"], root / "done")
    paths["done"] = root / "done"
    write_wfdb(record, root / "ok")
    paths["ok"] = root / "ok" / record.name
    for k, name in enumerate(damage.DAMAGES):
        folder = root / f"damaged-{k}"
        if name == "a NaN sample":  # WFDB's missing-sample code in lead V6, checksum kept
            write_wfdb(record, folder)
            rd = wfdb.rdrecord(str(folder / record.name), physical=False, return_res=64)
            rd.d_signal[100, 11] = -32768
            rd.checksum = [int(c) for c in rd.d_signal.sum(axis=0) % 65536]
            rd.wrsamp(write_dir=str(folder))
        else:
            write_wfdb(damage.damaged(record, name), folder)
        paths[f"d{k}"] = folder / record.name
        paths[f"f{k}"] = folder
    flipped = write_wfdb(record, root / "flipped-dat").with_suffix(".dat")
    blob = bytearray(flipped.read_bytes())
    blob[(200 * 12 + 7) * 2] ^= 0x04  # a bit of lead V2's sample 200
    flipped.write_bytes(bytes(blob))
    paths["dflip"], paths["fflip"] = flipped.with_suffix(""), flipped.parent
    return (
        {k: str(v) for k, v in paths.items()}
        | {p.stem: str(p) for p in root.glob("*.pt")}
        | {p.name: str(p) for p in root.glob("store*")}
    )


def _run(line, env, tmp_path, capsys, code, words):
    values = env | {"out": str(tmp_path / "out"), "TINY": TINY}
    values |= {"SYN": SYN.format(**values), "CAL": CALIBRATE.format(**values)}
    values["EVAL"] = EVALUATE.format(**values)
    argv = line.format(**values).split()
    before_out, before_in = _tree(tmp_path), _tree(Path(env["root"]))
    with warnings.catch_warnings(record=True) as caught:  # pytest would swallow them
        warnings.simplefilter("always")
        got = cli.main(argv)
    err = [f"nefnet: warning: {w.message}" for w in caught]
    err += [e for e in capsys.readouterr().err.strip().splitlines() if "it/s]" not in e]
    assert got == code, (got, err)
    assert "Traceback" not in "\n".join(err)
    if words:
        assert err and err[0].startswith("nefnet"), err
        for word in words:
            assert word in err[0], (word, err[0])
    assert _tree(Path(env["root"])) == before_in, "changed an input"
    if code != 0:
        assert _tree(tmp_path) == before_out, "left something behind"


# ---- integrity: a corrupt checkpoint or store is refused naming the file and what failed
CHECKPOINT_DAMAGE = {
    "flipped": ["flipped.pt", "corrupt", "do not match"],
    "truncated": ["truncated.pt", "unreadable"],
    "empty": ["empty.pt", "unreadable"],
    "text": ["text.pt", "unreadable"],
    "missing": ["missing.pt", "2 missing"],
    "extra": ["extra.pt", "1 unexpected: ghost.weight"],
    "reshaped": ["reshaped.pt", "1 of another shape"],
    "alist": ["alist.pt", "not a nefnet model checkpoint (it holds a list)"],
    "wrongdigest": ["wrongdigest.pt", "corrupt"],
    "noconfig": ["noconfig.pt", "not a nefnet model checkpoint (it holds no model_config)"],
}
CHECKPOINT_USES = {
    "synthesize": "synthesize --record {ok} --checkpoint {%s} --views 90,45 --out {out}",
    "evaluate": "evaluate --checkpoint {%s} --data sim:2",
    "init": "train --stage device {TINY} --init {%s} --out {out}.pt",
}
STORE_DAMAGE = {
    "store-flipped": ["store-flipped", "shard-000000", "checksum"],
    "store-truncated": ["store-truncated", "shard-000000"],
    "store-lastline": ["store-lastline", "shard-000000"],
    "store-count": ["store-count", "records"],
    "store-garbage": ["store-garbage", "store.json"],
    "store-v1": ["store-v1", "version 1"],
    "store-noshard": ["store-noshard", "shard-000000"],
    "store-editedline": ["store-editedline", "shard-000000"],
}
STORE_USES = {
    "train": "train --stage pretrain --preset smoke --data {%s} --epochs 1 --out {out}.pt --quiet",
    "evaluate": "evaluate --checkpoint {v2} --data {%s}",
}
WFDB_FLIP = ["lead(s) V2", "checksum"]
INTEGRITY = (
    [
        (f"{use} flipped WFDB byte", line.replace("%d", "flip"), 2, WFDB_FLIP)
        for use, line in {
            "synthesize": "{SYN} --record {d%d}",
            "calibrate": "{CAL} --record {d%d}",
            "evaluate": "{EVAL} --data wfdb:{f%d}",
        }.items()
    ]
    + [
        (f"{use} {name}", line % name, 2, words)
        for name, words in CHECKPOINT_DAMAGE.items()
        for use, line in CHECKPOINT_USES.items()
    ]
    + [
        (f"{use} {name}", line % name, 2, words)
        for name, words in STORE_DAMAGE.items()
        for use, line in STORE_USES.items()
    ]
)

# ---- plausibility: each damaged copy of a real record, through every command that reads one
REFUSED = {0: ["look like µV"], 1: ["look like volts"], 2: ["2.278e+27 mV"], 3: ["1e+11 mV"]}
REFUSED |= {4: ["NaN", "V6"]}
WARNED = {5: ["lead I looks inverted"], 6: ["leads II and III look swapped"]}
WARNED |= {7: ["leads aVL and aVF look swapped"]}
#: a record at half its stated rate: warned about, and too short for evaluate's 10-s windows
HALF = list(damage.DAMAGES).index("half the stated rate")
RATE = ["warning", "check the sampling rate"]
RECORD_USES = {
    "synthesize": "{SYN} --record {d%d}",
    "calibrate": "{CAL} --record {d%d}",
    "evaluate": "{EVAL} --data wfdb:{f%d}",
}
PLAUSIBILITY = (
    [
        (f"{use} {list(damage.DAMAGES)[k]}", line % k, 2, words)
        for k, words in REFUSED.items()
        for use, line in RECORD_USES.items()
    ]
    + [
        (f"{use} {list(damage.DAMAGES)[k]}", line % k, 0, ["warning", *words])
        for k, words in WARNED.items()
        for use, line in RECORD_USES.items()
    ]
    + [
        (f"{use} half the stated rate", line % HALF, 2 if use == "evaluate" else 0, RATE)
        for use, line in RECORD_USES.items()
    ]
)

# ---- messages: size options bounded with why, and what each would need
BOUNDS = [
    ("simulate --n 1 --duration 1e7 --out {out}", ["--duration", "at most 3600", "in memory"]),
    ("simulate --n 1 --duration 1e300 --out {out}", ["--duration", "at most 3600"]),
    ("simulate --n 20000000 --out {out}", ["--n", "at most 1e+07"]),
    ("simulate --n 9000000 --duration 3000 --out {out}", ["needs about", "TB", "free there"]),
    ("simulate --n 2 --workers 1000 --out {out}", ["--workers", "at most 256"]),
    ("simulate --n 2 --noise emg=-200 --out {out}", ["emg=-200", "-20 … 80"]),
    ("simulate --n 2 --noise emg=1e9 --out {out}", ["emg='1e9'", "-20 … 80"]),
    ("simulate --n 2 --noise emg=loud --out {out}", ["emg='loud'", "dB"]),
    ("simulate --n 2 --duration 0.5 --out {out}", ["0.5 s is too short", "≥ 2 s"]),
    ("cache build --data sim:99999999 --out {out}", ["at most 1e+07"]),
    ("cache build --data sim:2 --workers 999 --out {out}", ["--workers", "at most 256"]),
    ("train --stage pretrain --epochs 1000000 --out {out}.pt", ["--epochs", "at most"]),
    ("train --stage pretrain --until-epoch 1000000 --out {out}.pt", ["--until-epoch"]),
    ("train --stage pretrain --batch-size 100000 --out {out}.pt", ["--batch-size", "at most"]),
    ("train --stage pretrain --crop-seconds 1000 --out {out}.pt", ["--crop-seconds", "at most"]),
    ("train --stage pretrain --queries 100000 --out {out}.pt", ["--queries", "at most"]),
    ("{CAL} --record {ok} --iterations 10000000", ["--iterations", "at most"]),
    ("evaluate --checkpoint {v2} --data sim:2 --seconds 1e6", ["--seconds", "at most"]),
    ("evaluate --checkpoint {v2} --data sim:2 --onthefly 9999999", ["--onthefly", "at most"]),
    ("reproduce 05 --seeds 1000", ["--eval-seeds", "at most 100"]),
    ("reproduce 05 --train-seeds 1000", ["--train-seeds", "at most 100"]),
]

# ---- overwrites: an earlier result or a foreign path is never replaced without a word
OVERWRITES = [
    ("train --stage pretrain {TINY} --out /dev/null --overwrite", ["not a regular file"]),
    ("train --stage pretrain {TINY} --out {ok}.hea --overwrite", ["not a file nefnet wrote"]),
    ("{SYN} --record {ok} --out {done}", ["an earlier result", "--overwrite"]),
    ("simulate --n 2 --out {f0}", ["--out", "not empty"]),
    ("cache build --data sim:2 --out {f0}", ["not a record store"]),
    ("cache build --data sim:2 --out {store} --seed 5", ["cannot resume"]),
]

CASES = (
    [("integrity", *c) for c in INTEGRITY]
    + [("plausibility", *c) for c in PLAUSIBILITY]
    + [("bounds", line[:60], line, 2, words) for line, words in BOUNDS]
    + [("overwrites", line[:60], line, 2, words) for line, words in OVERWRITES]
)


@pytest.mark.parametrize(
    "line, code, words", [c[2:] for c in CASES], ids=[f"{c[0]}: {c[1]}" for c in CASES]
)
def test_adversarial(line, code, words, env, tmp_path, capsys):
    _run(line, env, tmp_path, capsys, code, words)


@pytest.mark.parametrize(
    "content, words",
    [
        ("\ufeffRecording,First_label,Second_label,Third_label\nA0001,1,,\n", None),
        ("Record,Label\nA0001,1\n", ["no Recording or First_label column", "['Record', 'Label']"]),
        ("Recording,Second_label\nA0001,1\n", ["no First_label column"]),
        ("Recording,First_label\nA0001,12\n", ["label '12' of A0001"]),
        (b"Recording,First_label\nA\xe9001,1\n", ["not UTF-8 text"]),
    ],
    ids=["byte-order mark", "other columns", "no first label", "label 12", "latin-1"],
)
def test_cpsc_reference_csv(content, words, tmp_path):
    from nefnet.data.readers.cpsc import read_reference

    path = tmp_path / "REFERENCE.csv"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    if words is None:
        assert read_reference(path) == {"A0001": ["Normal"]}
        return
    with pytest.raises(ValueError) as exc:
        read_reference(path)
    assert "\n" not in str(exc.value) and str(path) in str(exc.value)
    for word in words:
        assert word in str(exc.value), (word, str(exc.value))
