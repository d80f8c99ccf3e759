"""Fuzzed inputs (hypothesis): real sample files, mutated — a flipped bit, a cut, an edited or
re-encoded header line — read through every reader and the record store. Each outcome must be
a read or a one-line refusal naming the file, never a traceback of another kind; and a read of
mutated samples is the original signal, except where a format has no checksum (CPSC ``.mat``
v5, Tianchi text), where it may differ at the one instant whose bytes changed and nowhere else.
"""

from __future__ import annotations

import shutil
import warnings
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from nefnet.data.kinds import FolderSource
from nefnet.data.readers.roahd import read_roahd
from nefnet.data.samples import dataset_dir
from nefnet.data.store import RecordStore, StoreWriter

FUZZ = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,  # same examples every run: a failure reproduces
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# (folder under data/, record stem, the file to mutate, how it is read, checksummed)
READERS = {
    "cinc": ("cinc2021", "E07500", ".mat", lambda d: FolderSource("cinc", d)[0], True),
    "ptb": ("ptb", "s0010_re", ".dat", lambda d: FolderSource("wfdb", d)[0], True),
    "cpsc": ("cpsc2018", "A1980", ".mat", lambda d: FolderSource("cpsc", d)[0], False),
    "tianchi": ("tianchi", "11315", ".txt", lambda d: FolderSource("tianchi", d)[0], False),
    "roahd": ("roahd", "mfD_LBBB", ".rda", lambda d: read_roahd(d / "mfD_LBBB.rda")[0], True),
}


def _signals(rec) -> np.ndarray:
    return np.asarray(rec.signals, dtype=float)


@pytest.fixture(scope="module")
def originals(tmp_path_factory):
    """Per reader: a folder holding only that record, and the record it reads to."""
    out = {}
    for name, (folder, stem, *_rest) in READERS.items():
        src = dataset_dir(folder)
        files = sorted(src.glob(f"{stem}.*"))
        if not files:
            pytest.fail(f"the real sample record {folder}/{stem} is missing (make data)")
        dst = tmp_path_factory.mktemp(name)
        for f in files:
            shutil.copy(f, dst / f.name)
        if name == "cpsc" and (src / "REFERENCE.csv").is_file():
            shutil.copy(src / "REFERENCE.csv", dst / "REFERENCE.csv")
        out[name] = (dst, _signals(READERS[name][3](dst)))
    return out


def _outcome(read, folder: Path, names: tuple):
    """``("read", signals)`` or ``("refused", message)``; anything else fails the test."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a warning is a word; the read is judged below
        try:
            return "read", _signals(read(folder))
        except (ValueError, FileNotFoundError, OSError) as exc:
            text = str(exc).strip()
            assert text and "\n" not in text, f"not one line: {text!r}"
            assert any(n in text for n in names), f"names no file: {text!r}"
            return "refused", text


def _mutated(originals, tmp_path, reader, edit):
    folder, signals = originals[reader]
    work = tmp_path / f"{reader}-{len(list(tmp_path.iterdir()))}"
    shutil.copytree(folder, work)
    _folder, stem, suffix, read, checksummed = READERS[reader]
    edit(work / f"{stem}{suffix}", work)
    return _outcome(read, work, (stem, str(work))), signals, checksummed


def _judge(result, signals, checksummed):
    kind, value = result
    if kind == "refused":
        return
    if value.shape == signals.shape and np.array_equal(value, signals, equal_nan=True):
        return
    assert not checksummed, "a changed signal was read without a word"
    assert value.shape == signals.shape, f"read with another shape {value.shape}"
    changed = np.argwhere(~np.isclose(value, signals, equal_nan=True))
    assert len(set(changed[:, 1])) <= 1, f"{len(changed)} samples changed by one mutation"


@pytest.mark.parametrize("reader", sorted(READERS))
@FUZZ
@given(where=st.floats(0, 1, exclude_max=True), bit=st.integers(0, 7))
def test_a_flipped_bit(originals, tmp_path, reader, where, bit):
    def edit(path, _work):
        blob = bytearray(path.read_bytes())
        blob[int(where * len(blob))] ^= 1 << bit
        path.write_bytes(bytes(blob))

    _judge(*_mutated(originals, tmp_path, reader, edit))


@pytest.mark.parametrize("reader", sorted(READERS))
@FUZZ
@given(keep=st.floats(0, 1, exclude_max=True))
def test_a_cut_file(originals, tmp_path, reader, keep):
    def edit(path, _work):
        blob = path.read_bytes()
        path.write_bytes(blob[: int(keep * len(blob))])

    result, signals, _ = _mutated(originals, tmp_path, reader, edit)
    _judge(result, signals, True)  # a shorter file never reads as a record


HEADER_READERS = ["cinc", "ptb"]


@pytest.mark.parametrize("reader", HEADER_READERS)
@FUZZ
@given(
    line=st.integers(0, 20),
    text=st.one_of(
        st.just(""),
        st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40),
        st.from_regex(r"[-+]?[0-9]{0,6}(\.[0-9]{0,3})?(e[-+]?[0-9]{1,3})?", fullmatch=True),
    ),
)
def test_an_edited_header_line(originals, tmp_path, reader, line, text):
    """Any header line replaced by any text: read or refused, never another failure."""

    def edit(_path, work):
        hea = work / f"{READERS[reader][1]}.hea"
        lines = hea.read_text().splitlines()
        lines[line % len(lines)] = text
        hea.write_text("\n".join(lines) + "\n", encoding="utf-8")

    _mutated(originals, tmp_path, reader, edit)


@pytest.mark.parametrize("reader", HEADER_READERS)
@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "latin-1"])
def test_a_re_encoded_header(originals, tmp_path, reader, encoding):
    def edit(_path, work):
        hea = work / f"{READERS[reader][1]}.hea"
        hea.write_bytes(hea.read_text().replace("#", "# é", 1).encode(encoding))

    result, signals, _ = _mutated(originals, tmp_path, reader, edit)
    _judge(result, signals, True)


@pytest.fixture(scope="module")
def store(originals, tmp_path_factory):
    folder = tmp_path_factory.mktemp("store") / "s"
    records = [FolderSource("cinc", dataset_dir("cinc2021"))[k] for k in range(3)]
    with StoreWriter(folder) as writer:
        for rec in records:
            writer.append(rec)
    return folder, [_signals(r) for r in records]


def _store_outcome(folder: Path):
    try:
        return "read", [_signals(r) for r in RecordStore(folder)]
    except (ValueError, FileNotFoundError, OSError) as exc:
        text = str(exc).strip()
        assert text and "\n" not in text and str(folder) in text, text
        return "refused", text


@FUZZ
@given(
    file=st.sampled_from(["shard-000000.bin", "shard-000000.jsonl", "store.json"]),
    where=st.floats(0, 1, exclude_max=True),
    bit=st.integers(0, 7),
    cut=st.booleans(),
)
def test_a_mutated_store(store, tmp_path, file, where, bit, cut):
    folder, signals = store
    work = tmp_path / f"s{len(list(tmp_path.iterdir()))}"
    shutil.copytree(folder, work)
    path = work / file
    blob = bytearray(path.read_bytes())
    if cut:
        blob = blob[: int(where * len(blob))]
    else:
        blob[int(where * len(blob))] ^= 1 << bit
    path.write_bytes(bytes(blob))
    kind, value = _store_outcome(work)
    if kind == "read":
        assert len(value) == len(signals), "a record went missing without a word"
        for got, want in zip(value, signals):
            assert np.array_equal(got, want.astype(got.dtype)), "a changed record was read"
