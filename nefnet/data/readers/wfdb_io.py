"""Reading and writing WFDB records (PhysioNet ``.hea`` + ``.dat``/``.xyz``/``.mat``).
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import numpy as np
import wfdb

from ... import signal as sig
from ...views import canonical_lead
from ..record import Record

UNIT_SCALE = {"mv": 1.0, "uv": 1e-3, "µv": 1e-3, "v": 1e3, "": 1.0, "nu": 1.0}


def _record_base(path) -> Path:
    path = Path(path)
    return path.with_suffix("") if path.suffix == ".hea" else path


_GAIN = re.compile(r"^([-+]?\d*\.?\d+(?:[eE][-+]?\d+)?)")
_FS = re.compile(r"^\d+(\.\d*)?(/\d+(\.\d*)?)?(\(\d+(\.\d*)?\))?$")


def validate_header(header_path) -> None:
    """Check a WFDB header's record line and signal-line count (wfdb itself is lenient:
    it reads a non-numeric sampling rate as 250 Hz and ignores missing signal lines)."""
    header_path = Path(header_path)
    try:
        lines = [ln.strip() for ln in header_path.read_text(errors="strict").splitlines()]
    except (UnicodeDecodeError, OSError) as exc:
        raise ValueError(f"WFDB header {header_path}: unreadable ({exc})") from exc
    lines = [ln for ln in lines if ln and not ln.startswith("#")]
    fields = lines[0].split() if lines else []
    if len(fields) < 2 or not fields[1].isdigit():
        raise ValueError(f"WFDB header {header_path}: corrupt record line {fields}; expected "
                         "'<name> <number of signals> <sampling rate> <samples>'")
    if len(fields) >= 3 and not _FS.match(fields[2]):
        raise ValueError(f"WFDB header {header_path}: corrupt sampling rate {fields[2]!r}; "
                         "expected a number of Hz (e.g. 500)")
    n_sig = int(fields[1])
    if "/" not in fields[0] and len(lines) - 1 != n_sig:
        raise ValueError(f"WFDB header {header_path}: declares {n_sig} signals but has "
                         f"{len(lines) - 1} signal lines (header/lead-count mismatch)")
    if "/" not in fields[0]:
        for line in lines[1:]:
            parts = line.split()
            gain = _GAIN.match(parts[2]) if len(parts) > 2 else None
            name = parts[8] if len(parts) > 8 else line
            if gain and float(gain.group(1)) == 0:
                raise ValueError(f"WFDB header {header_path}: signal {name!r} has ADC gain 0 "
                                 "(uncalibrated); expected a gain in adu per physical unit")
            if gain and float(gain.group(1)) < 0:
                raise ValueError(f"WFDB header {header_path}: signal {name!r} has a negative "
                                 f"ADC gain ({gain.group(1)}), which inverts the lead; expected "
                                 "a gain > 0 adu per physical unit")


def signal_files(header_path) -> list[str]:
    """Signal file names a WFDB header refers to (e.g. ``["s0010_re.dat", "s0010_re.xyz"]``)."""
    header_path = Path(header_path)
    validate_header(header_path)
    try:
        hdr = wfdb.rdheader(str(header_path.with_suffix("")))
    except Exception as exc:
        raise ValueError(f"WFDB header {header_path}: corrupt or unreadable "
                         f"({type(exc).__name__}: {exc})") from exc
    return list(dict.fromkeys(hdr.file_name or []))


_BYTES_PER_SAMPLE = {"8": 1, "16": 2, "24": 3, "32": 4, "61": 2, "80": 1, "160": 2,
                     "212": 1.5}


def check_signal_sizes(header_path) -> None:
    """Refuse truncated signal files: each must hold ``sig_len`` samples of its signals."""
    header_path = Path(header_path)
    hdr = wfdb.rdheader(str(header_path.with_suffix("")))
    if not hdr.sig_len or not hdr.file_name:
        return
    for fname in dict.fromkeys(hdr.file_name):
        idx = [i for i, f in enumerate(hdr.file_name) if f == fname]
        fmts = {str(hdr.fmt[i]) for i in idx}
        if len(fmts) != 1 or next(iter(fmts)) not in _BYTES_PER_SAMPLE:
            continue
        offset = int((hdr.byte_offset or [0] * len(hdr.file_name))[idx[0]] or 0)
        need = offset + int(np.ceil(hdr.sig_len * len(idx) * _BYTES_PER_SAMPLE[fmts.pop()]))
        have = (header_path.parent / fname).stat().st_size
        if have < need:
            raise ValueError(f"WFDB record {header_path.with_suffix('')}: signal file {fname} "
                             f"is truncated ({have} bytes, expected {need} for "
                             f"{hdr.sig_len} samples × {len(idx)} signals)")


#: MAT v4 precision digit (``type`` = 1000·M + 100·O + 10·P + T) of each WFDB storage format
_MAT_PRECISION = {"16": 3, "32": 2, "80": 5}


def check_mat_layout(header_path) -> None:
    """Refuse a ``.mat`` signal file that is not the MAT v4 matrix the header describes
    (CinC/WFDB layout: one int16 matrix, signals × samples, data at the header's byte offset).
    A MAT v5 file (``scipy.io.savemat``'s default) or another variable name would otherwise be
    read at the wrong offset as plausible-looking garbage."""
    header_path = Path(header_path)
    hdr = wfdb.rdheader(str(header_path.with_suffix("")))
    names = list(hdr.file_name or [])
    for fname in dict.fromkeys(f for f in names if str(f).lower().endswith(".mat")):
        idx = [i for i, f in enumerate(names) if f == fname]
        path = header_path.parent / fname
        head = path.read_bytes()[:128]
        if head[:6] == b"MATLAB":
            raise ValueError(
                f"{path}: a MAT v5 file, but WFDB/CinC records need MAT v4 (the header reads "
                "it at a fixed byte offset); re-save it with scipy.io.savemat(path, "
                "{'val': signals_int16}, format='4')"
            )
        if len(head) < 20:
            raise ValueError(f"{path}: {len(head)} bytes, too short for a MAT v4 header")
        fields = np.frombuffer(head[:20], "<i4")
        if fields[0] // 1000 == 1:  # big-endian MAT v4
            fields = np.frombuffer(head[:20], ">i4")
        mtype, rows, cols, imag, namlen = (int(v) for v in fields)
        expected = (hdr.sig_len or 0) * len(idx)
        offset = int((hdr.byte_offset or [0] * len(names))[idx[0]] or 0)
        fmt = str(hdr.fmt[idx[0]])
        problems = []
        if not 0 <= mtype < 2000 or mtype % 10 != 0 or imag not in (0, 1):
            problems.append(f"type {mtype} is not a real numeric MAT v4 matrix")
        elif fmt in _MAT_PRECISION and (mtype // 10) % 10 != _MAT_PRECISION[fmt]:
            problems.append(f"precision code {(mtype // 10) % 10} does not match format {fmt}")
        if rows * cols != expected:
            problems.append(f"{rows}×{cols} values, the header needs {len(idx)}×{hdr.sig_len}")
        if 20 + namlen != offset:
            problems.append(f"data starts at byte {20 + namlen}, the header says {offset}")
        if problems:
            raise ValueError(f"{path}: not the MAT v4 layout its header describes ("
                             + "; ".join(problems) + ")")


def check_checksums(base, names, sums, stated) -> None:
    """Refuse leads whose 16-bit sample sum (``sums``) differs from the header's checksum
    (``stated``; None: not given) — a flipped or shifted byte in the signal file."""
    bad = [
        n
        for n, a, c in zip(names, np.asarray(sums) % 65536, stated or [])
        if c is not None and a != int(c) % 65536
    ]
    if bad:
        raise ValueError(f"WFDB record {base}: the samples of lead(s) {', '.join(bad)} do not "
                         "match the header's checksum (a corrupt signal file)")


def record_complete(base) -> bool:
    """True when a record's header and every signal file it names exist."""
    header = Path(str(base) + ".hea")
    if not header.is_file():
        return False
    try:
        return all((header.parent / f).is_file() for f in signal_files(header))
    except ValueError:
        return False


def read_wfdb(path, leads=None, sampling_rate=None, allow_nan=False,
              require_rate=None) -> Record:
    """Read a WFDB record into a :class:`Record` (mV, canonical lead names).

    Parameters
    ----------
    path : record path without extension (``.../s0010_re``) or its ``.hea``
    leads : optional lead names to keep, in that order
    sampling_rate : optional target rate (Hz); the record is resampled to it
    allow_nan : keep NaN samples (missing values) instead of raising
    require_rate : refuse a record not sampled at this rate (Hz), instead of resampling it
    """
    base = _record_base(path)
    header = base.with_name(base.name + ".hea")
    if not header.is_file():
        raise FileNotFoundError(f"WFDB record {base} not found: expected header file {header}")
    missing = [f for f in signal_files(header) if not (header.parent / f).is_file()]
    if missing:
        raise FileNotFoundError(f"WFDB record {base}: signal file(s) {missing} missing "
                                f"next to {header.name}")
    check_signal_sizes(header)
    check_mat_layout(header)
    try:
        rec = wfdb.rdrecord(str(base), physical=False, return_res=64)
        rec.p_signal = rec.dac(return_res=64)
    except FileNotFoundError as exc:
        raise FileNotFoundError(f"WFDB record {base}: signal file missing ({exc})") from exc
    except Exception as exc:  # wfdb raises many types for bad headers/data
        raise ValueError(f"WFDB record {base}: corrupt or unreadable header/data "
                         f"({type(exc).__name__}: {exc})") from exc
    if rec.p_signal is None or rec.sig_name is None:
        raise ValueError(f"WFDB record {base}: header declares no signals")
    check_checksums(base, rec.sig_name, rec.d_signal.astype(np.int64).sum(axis=0), rec.checksum)
    if require_rate is not None and float(rec.fs) != float(require_rate):
        raise ValueError(f"WFDB record {base} is sampled at {rec.fs:g} Hz, expected "
                         f"{float(require_rate):g} Hz (pass sampling_rate= to resample it)")
    names = [canonical_lead(n) for n in rec.sig_name]
    units = [str(u or "").strip().lower() for u in (rec.units or [""] * len(names))]
    bad = [u for u in units if u not in UNIT_SCALE]
    if bad:
        raise ValueError(f"WFDB record {base}: unsupported units {bad}; expected mV, uV or V")
    scale = np.array([UNIT_SCALE[u] for u in units])[:, None]
    signals = rec.p_signal.T.astype(np.float64) * scale
    if not allow_nan and not np.all(np.isfinite(signals)):
        nan_leads = [n for n, row in zip(names, signals) if not np.all(np.isfinite(row))]
        raise ValueError(f"WFDB record {base}: NaN/missing samples in leads {nan_leads} "
                         "(pass allow_nan=True to keep them)")
    meta = {"comments": list(rec.comments or []), "source": str(header), "units": "mV"}
    record = Record(signals, float(rec.fs), tuple(names), base.name, meta)
    if leads is not None:
        record = Record(record.select(leads), record.sampling_rate, leads, record.name, meta)
    if sampling_rate is not None and float(sampling_rate) != record.sampling_rate:
        record = record.with_signals(sig.resample(record.signals, record.sampling_rate,
                                                  sampling_rate), float(sampling_rate))
    return record


def write_wfdb(record: Record, folder, fmt: str = "16") -> Path:
    """Write a :class:`Record` as WFDB (``<folder>/<name>.hea`` + ``.dat``), atomically."""
    if not record.name:
        raise ValueError("record needs a name to be written")
    return write_signals(record.name, record.signals, record.sampling_rate, list(record.leads),
                         folder, fmt)


def write_signals(name, signals, sampling_rate, names, folder, fmt: str = "16",
                  comments=None) -> Path:
    """Write (L, T) signals in mV with any signal names as a WFDB record.

    Files are written to a temporary folder next to the target and renamed into place, so an
    interrupted write never leaves a half-written record."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    signals = np.asarray(signals, dtype=float)
    if not np.all(np.isfinite(signals)):
        raise ValueError(f"record {name}: cannot write NaN or inf samples")
    with tempfile.TemporaryDirectory(dir=folder, prefix=".tmp-") as tmp:
        wfdb.wrsamp(name, fs=sampling_rate, units=["mV"] * len(names), sig_name=list(names),
                    p_signal=signals.T, fmt=[fmt] * len(names), write_dir=tmp,
                    comments=list(comments or []))
        for ext in (".dat", ".hea"):  # header last: a record is complete once its header exists
            os.replace(Path(tmp) / (name + ext), folder / (name + ext))
    return folder / name
