"""WFDB records read and written a window at a time, for recordings too long to hold in memory
(a 24-hour Holter at 500 Hz is 43 million samples per lead).

:func:`read_window` reads samples [start, stop) of a validated record; :class:`WfdbStream`
appends blocks to a format-16 record whose files appear under their final names only when it is
closed, so an interrupted write never leaves a half-written record.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import wfdb

from ...views import canonical_lead
from .. import locks
from .wfdb_io import (
    UNIT_SCALE,
    check_checksums,
    check_mat_layout,
    check_signal_sizes,
    validate_header,
)


def record_info(path) -> dict:
    """Sampling rate, length and canonical lead names of a WFDB record (header checked)."""
    base = Path(path).with_suffix("") if str(path).endswith(".hea") else Path(path)
    header = base.with_name(base.name + ".hea")
    if not header.is_file():
        raise FileNotFoundError(f"WFDB record {base} not found: expected header file {header}")
    validate_header(header)
    check_signal_sizes(header)
    check_mat_layout(header)
    hdr = wfdb.rdheader(str(base))
    return {
        "base": base,
        "sampling_rate": float(hdr.fs),
        "samples": int(hdr.sig_len or 0),
        "leads": [canonical_lead(n) for n in hdr.sig_name],
        "units": [str(u or "").strip().lower() for u in hdr.units],
    }


def verify_checksums(info: dict, block: int = 1_000_000) -> None:
    """One pass over the record's samples, ``block`` at a time (memory stays flat), refusing
    a lead whose 16-bit sum differs from the header's checksum (a corrupt signal file)."""
    hdr = wfdb.rdheader(str(info["base"]))
    if not hdr.checksum or not info["samples"]:
        return
    sums = np.zeros(len(hdr.sig_name), dtype=np.int64)
    for start in range(0, info["samples"], block):
        stop = min(info["samples"], start + block)
        rec = wfdb.rdrecord(
            str(info["base"]), sampfrom=start, sampto=stop, physical=False, return_res=64
        )
        sums += rec.d_signal.astype(np.int64).sum(axis=0)
    check_checksums(info["base"], hdr.sig_name, sums, hdr.checksum)


def read_window(info: dict, leads, start: int, stop: int) -> np.ndarray:
    """Samples [start, stop) of the named leads in mV, (L, stop − start); NaN refused."""
    idx = [info["leads"].index(canonical_lead(v)) for v in leads]
    rec = wfdb.rdrecord(str(info["base"]), sampfrom=int(start), sampto=int(stop), channels=idx)
    scale = np.array([UNIT_SCALE.get(info["units"][i], 1.0) for i in idx])[:, None]
    out = rec.p_signal.T.astype(np.float64) * scale
    if not np.all(np.isfinite(out)):
        bad = [str(v) for v, row in zip(leads, out) if not np.all(np.isfinite(row))]
        raise ValueError(
            f"WFDB record {info['base']}: NaN/missing samples in lead(s) {', '.join(bad)} "
            f"between samples {start} and {stop}; expected finite mV values"
        )
    return out


def check_target(folder, name, overwrite=False):
    """Before any work: ``<folder>/<name>`` holds no earlier record (unless ``overwrite``), and
    what ``overwrite`` would replace are the files of a WFDB record."""
    folder = Path(folder)
    found = [p for p in (folder / f"{name}.hea", folder / f"{name}.dat") if p.exists()]
    if found and not overwrite:
        raise FileExistsError(
            f"{folder / name}: an earlier result is there ({', '.join(p.name for p in found)}); "
            "pass --overwrite to replace it, or choose another --out"
        )
    odd = [p.name for p in found if not p.is_file()]
    if odd:
        raise ValueError(f"{folder}: {odd} are not files; --overwrite replaces only a record's files")


class WfdbStream:
    """Append (L, k) blocks in mV to ``<folder>/<name>`` (format 16, ``gain`` adu per mV).

    The samples go to a hidden temporary file; :meth:`close` renames it and writes the header
    last. Used as a context manager, an exception (or Ctrl-C) removes the temporary file, and
    the folder when this stream created it. An earlier record of the same name is replaced
    only with ``overwrite``; a lock keeps two runs from writing it at once, and the temporary
    files of a run that was killed are removed."""

    def __init__(self, folder, name, sampling_rate, names, gain=1000.0, comments=(), overwrite=False):
        self.folder, self.name, self.names = Path(folder), name, list(names)
        self.rate, self.gain, self.comments = float(sampling_rate), float(gain), list(comments)
        check_target(self.folder, name, overwrite)
        self.created = not self.folder.exists()
        self.folder.mkdir(parents=True, exist_ok=True)
        self._lock = locks.exclusive(self.folder / name)
        self._lock.__enter__()
        self.tmp = self.folder / f".{name}.dat.tmp"
        for leftover in (self.tmp, self.folder / f".{name}.hea.tmp"):
            leftover.unlink(missing_ok=True)  # an interrupted earlier run's (the lock is ours)
        self.file = open(self.tmp, "wb")
        self.samples, self.clipped = 0, 0
        self.first = None
        self.checksum = np.zeros(len(self.names), dtype=np.int64)

    def append(self, block) -> None:
        block = np.asarray(block, dtype=np.float64)
        if block.shape[0] != len(self.names) or not np.all(np.isfinite(block)):
            raise ValueError(f"{self.name}: blocks must be finite ({len(self.names)}, k) arrays")
        adu = np.round(block * self.gain)
        self.clipped += int(np.sum(np.abs(adu) > 32767))
        adu = np.clip(adu, -32767, 32767).astype("<i2")
        if self.first is None and adu.shape[1]:
            self.first = adu[:, 0].astype(int)
        self.checksum += adu.sum(axis=1, dtype=np.int64)
        self.file.write(np.ascontiguousarray(adu.T).tobytes())
        self.samples += adu.shape[1]

    def close(self) -> Path:
        self.file.close()
        os.replace(self.tmp, self.folder / f"{self.name}.dat")
        first = self.first if self.first is not None else np.zeros(len(self.names), int)
        check = ((self.checksum + 32768) % 65536) - 32768
        lines = [f"{self.name} {len(self.names)} {self.rate:g} {self.samples}"]
        for n, f0, c in zip(self.names, first, check):
            lines.append(f"{self.name}.dat 16 {self.gain:g}/mV 16 0 {f0} {c} 0 {n}")
        lines += [f"# {c}" for c in self.comments]
        header = self.folder / f".{self.name}.hea.tmp"
        header.write_text("\n".join(lines) + "\n")
        os.replace(header, self.folder / f"{self.name}.hea")
        self._lock.__exit__(None, None, None)
        return self.folder / self.name

    def abort(self) -> None:
        self.file.close()
        self.tmp.unlink(missing_ok=True)
        self._lock.__exit__(None, None, None)
        if self.created and not any(self.folder.iterdir()):
            self.folder.rmdir()

    def __enter__(self):
        return self

    def __exit__(self, kind, *_):
        if kind is not None:
            self.abort()
        return False
