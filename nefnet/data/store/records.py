"""The out-of-core record store: any reader's records written once to disk in shards, read
back one record at a time — so a dataset far larger than memory can be trained on.

Layout of a store folder::

    store.json            format, version, dtype, source, whether the build finished, and
                          the committed shards (records, index CRC-32, array bytes)
    shard-000000.bin      the shard's arrays, raw little-endian (float32 by default)
    shard-000000.jsonl    one line per record: metadata, where its arrays lie in the .bin, and
                          the CRC-32 of their bytes (:mod:`.checksums`)

Why raw NumPy shards with a JSON-lines index, not Zarr or HDF5: records differ in length and
lead count, and a record is always read whole, so a chunked N-d array buys nothing; plain file
reads are safe in forked DataLoader workers (an HDF5 handle is not); a shard is committed by
renaming its ``.jsonl`` into place after its ``.bin``, so an interrupted build leaves only whole
shards and resumes after the last one; and it needs nothing beyond NumPy. Reading keeps only
a few integers per record in memory (the metadata line is parsed when the record is read).
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from .. import atomic
from . import checksums
from .codec import ARRAYS, decode, encode

STORE_FILE = "store.json"
#: version 2: checksums of every record and shard (version 1 had none and is not read)
FORMAT, VERSION = "nefnet-record-store", 2
DTYPES = ("float32", "float16", "float64")


def is_store(folder) -> bool:
    return (Path(folder) / STORE_FILE).is_file()


def outdated(folder) -> bool:
    """Whether ``folder`` holds a store of an older version (one nefnet no longer reads)."""
    path = Path(folder) / STORE_FILE
    try:
        head = json.loads(path.read_text())
    except (OSError, json.JSONDecodeError):
        return False
    return head.get("format") == FORMAT and head.get("version", VERSION) < VERSION


def _shards(folder: Path) -> list[Path]:
    """The committed shards' index files, in order."""
    return sorted(folder.glob("shard-*.jsonl"))


def _read_header(folder: Path) -> dict:
    path = folder / STORE_FILE
    if not path.is_file():
        raise FileNotFoundError(f"{folder} is not a record store: {STORE_FILE} missing")
    try:
        head = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ValueError(f"{path}: corrupt store header ({exc})") from exc
    if not isinstance(head, dict):
        raise ValueError(f"{path}: corrupt store header (a {type(head).__name__}, not a table)")
    if head.get("format") == FORMAT and head.get("version", VERSION) < VERSION:
        raise ValueError(
            f"{path}: a version {head['version']} store, written by an older nefnet without "
            f"checksums; rebuild it (version {VERSION})"
        )
    if head.get("format") != FORMAT or head.get("version") != VERSION:
        raise ValueError(
            f"{path}: not a {FORMAT} version {VERSION} store (got {head.get('format')!r} "
            f"version {head.get('version')!r})"
        )
    missing = [k for k in HEADER_KEYS if k not in head]
    if missing:
        raise ValueError(f"{path}: corrupt store header (no {', '.join(missing)})")
    return head


HEADER_KEYS = ("dtype", "source", "records", "complete", "shards")


class StoreWriter:
    """Append records to a store, a shard at a time. Opening an existing store resumes it:
    :attr:`done` records are already committed (a half-written shard is discarded)."""

    def __init__(self, folder, dtype="float32", source="", shard_mb=64.0):
        if dtype not in DTYPES:
            raise ValueError(f"unknown store dtype {dtype!r}; expected one of {DTYPES}")
        self.folder, self.dtype = Path(folder), np.dtype(dtype).newbyteorder("<")
        self.shard_bytes = int(shard_mb * 2**20)
        self._table, self._new = [], not self.folder.exists()
        self._fresh = not is_store(self.folder)  # nothing of a store here before this build
        if is_store(self.folder):
            head = _read_header(self.folder)
            if (head["dtype"], head["source"]) != (dtype, source):
                raise ValueError(
                    f"{self.folder} holds a store of {head['source']!r} in {head['dtype']}; "
                    f"cannot resume it as {source!r} in {dtype} — choose another folder"
                )
            self._table = list(head.get("shards", []))
            checksums.drop_unlisted(_shards(self.folder), self._table)
        elif self.folder.exists() and any(self.folder.iterdir()):
            raise FileExistsError(f"{self.folder} exists, is not empty and is not a record store")
        self.folder.mkdir(parents=True, exist_ok=True)
        for tmp in self.folder.glob("*.tmp"):  # a shard interrupted mid-write
            tmp.unlink()
        self.source = source
        self.done = sum(s["records"] for s in self._table)
        self._header(complete=False)
        self._arrays, self._lines, self._size = [], [], 0

    def _header(self, complete: bool):
        head = {"format": FORMAT, "version": VERSION, "dtype": self.dtype.name}
        head |= {"source": self.source, "records": self.done, "complete": complete}
        head["shards"] = self._table
        _atomic_write(self.folder / STORE_FILE, json.dumps(head, indent=1).encode())

    def append(self, record):
        arrays, meta = encode(record)
        meta["arrays"], stored = {}, []
        for name in ARRAYS:
            if name in arrays:
                a = np.ascontiguousarray(arrays[name], dtype=self.dtype)
                # only float16 can overflow an ECG (|x| > 65504); one pass, float16 only
                if (
                    self.dtype == np.float16
                    and np.isinf(a).any()
                    and np.isfinite(arrays[name]).all()
                ):
                    raise ValueError(
                        f"record {record.name!r}: {name} overflows {self.dtype.name}; "
                        "store it as float32"
                    )
                meta["arrays"][name] = [self._size, list(a.shape)]
                stored.append(a)
                self._size += a.nbytes
        meta["crc32"] = checksums.record_crc(stored)
        self._arrays += stored
        self._lines.append(json.dumps(meta))
        if self._size >= self.shard_bytes:
            self.flush()

    def flush(self):
        """Commit the buffered records as one shard."""
        if not self._lines:
            return
        stem = self.folder / f"shard-{len(self._table):06d}"
        data = b"".join(a.tobytes() for a in self._arrays)
        index = ("\n".join(self._lines) + "\n").encode()
        _atomic_write(stem.with_suffix(".bin"), data)
        _atomic_write(stem.with_suffix(".jsonl"), index)
        self._table.append(checksums.shard_entry(len(self._lines), index, len(data)))
        self.done += len(self._lines)
        self._arrays, self._lines, self._size = [], [], 0
        self._header(complete=False)

    def close(self, complete=True):
        """Commit what is buffered; mark the store finished (``complete``) or resumable."""
        self.flush()
        self._header(complete)

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        self.close(complete=exc_type is None)  # an interrupt keeps every whole record
        if exc_type is not None and self._fresh and not self.done:
            self._discard()  # a build that failed before its first shard leaves nothing
        return False

    def _discard(self):
        (self.folder / STORE_FILE).unlink(missing_ok=True)
        if self._new and not any(self.folder.iterdir()):
            self.folder.rmdir()


class RecordStore(Sequence):
    """The records of a store, read lazily: ``store[i]`` reads record i from disk. Lengths,
    leads and sampling rates are known without reading the arrays. Opening checks every shard
    against the header; reading a record checks its bytes (``verify=False``: not, which only
    the integrity benchmark uses)."""

    def __init__(self, folder, indices=None, verify=True):
        self.folder, self.verify = Path(folder), verify
        head = _read_header(self.folder)
        self.dtype, self.source = np.dtype(head["dtype"]), head["source"]
        self.complete = bool(head["complete"])
        table = head.get("shards", [])
        files = _shards(self.folder)
        checksums.check_listed(self.folder, files, table, head.get("records"))
        self._files = files[: len(table)]  # a shard committed after the header: not yet read
        shard, offset, leads, lengths, rates, lead_sets = [], [], [], [], [], {}
        for k, path in enumerate(self._files):
            blob = path.read_bytes()
            checksums.check_shard(path, blob, table[k])
            pos = 0
            for n, line in enumerate(blob.splitlines(keepends=True), 1):
                try:
                    meta = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise ValueError(f"{path}: corrupt index line {n} ({exc})") from exc
                key = tuple(meta["leads"])
                shard.append(k)
                offset.append(pos)
                leads.append(lead_sets.setdefault(key, len(lead_sets)))
                lengths.append(meta["arrays"]["signals"][1][1])
                rates.append(meta["sampling_rate"])
                pos += len(line)
        self._shard, self._offset = np.array(shard, int), np.array(offset, np.int64)
        self._leads, self._lengths = np.array(leads, int), np.array(lengths, np.int64)
        self._rates, self._lead_sets = np.array(rates, float), list(lead_sets)
        self._idx = np.arange(len(shard)) if indices is None else np.asarray(indices, int)

    def subset(self, indices) -> RecordStore:
        """The records at ``indices`` (of this view), still lazy."""
        out = object.__new__(RecordStore)
        out.__dict__ = dict(self.__dict__, _idx=self._idx[np.asarray(indices, int)])
        return out

    def __len__(self):
        return len(self._idx)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return self.subset(range(len(self))[i])
        j = int(self._idx[i])
        path = self._files[self._shard[j]]
        with open(path, "rb") as fh:
            fh.seek(self._offset[j])
            meta = json.loads(fh.readline())
        arrays = {}
        with open(path.with_suffix(".bin"), "rb") as fh:
            for name, (start, shape) in meta["arrays"].items():
                count = int(np.prod(shape))
                fh.seek(start)
                data = np.fromfile(fh, self.dtype.newbyteorder("<"), count)
                if data.size != count:
                    raise ValueError(f"{path.with_suffix('.bin')}: truncated shard")
                arrays[name] = data.reshape(shape)
        if self.verify:
            name = meta.get("name", "")
            checksums.check_record(path.with_suffix(".bin"), j, name, arrays.values(), meta["crc32"])
        return decode(arrays, meta)

    def lengths(self) -> np.ndarray:
        """Samples per record."""
        return self._lengths[self._idx]

    def lead_sets(self) -> list[tuple]:
        """The distinct lead tuples of the records."""
        return [self._lead_sets[k] for k in np.unique(self._leads[self._idx])]

    def sampling_rates(self) -> list[float]:
        """The distinct sampling rates (Hz) of the records."""
        return sorted(set(self._rates[self._idx].tolist()))

    def record_rates(self) -> np.ndarray:
        """Sampling rate (Hz) per record."""
        return self._rates[self._idx]

    def record_leads(self) -> list[tuple]:
        """Lead names per record."""
        return [self._lead_sets[k] for k in self._leads[self._idx]]


def _atomic_write(path: Path, data: bytes):
    atomic.write_bytes(path, data)
