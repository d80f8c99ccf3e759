"""The PTB Diagnostic ECG Database samples: simultaneous 12-lead + Frank vectorcardiogram.
"""

from __future__ import annotations

from ...paths import dataset_dir
from ..record import Record
from .wfdb_io import read_wfdb, record_complete

#: the two sample records used by the book: record → PhysioNet patient folder
PTB_RECORDS = {"s0010_re": "patient001", "s0322lre": "patient165"}
PTB_URL = "https://physionet.org/files/ptbdb/1.0.0/"


def ptb_records(records=tuple(PTB_RECORDS)) -> list[str]:
    """Record paths in PhysioNet's layout (``patient001/s0010_re``); the signal files
    (``.dat``, and ``.xyz`` for the Frank leads) are named by each header."""
    unknown = [n for n in records if n not in PTB_RECORDS]
    if unknown:
        raise ValueError(f"unknown PTB sample record(s) {unknown}; known: {list(PTB_RECORDS)}")
    return [f"{PTB_RECORDS[name]}/{name}" for name in records]


def ptb_available(data_dir=None) -> list[str]:
    """Names of the PTB sample records present (header and its signal files) under the data root."""
    root = dataset_dir("ptb", data_dir)
    return [n for n in PTB_RECORDS if record_complete(root / n)]


def load_ptb(name: str, data_dir=None, sampling_rate=None) -> Record:
    """Load a PTB sample record (15 leads: 12 standard + Frank X, Y, Z) in mV."""
    root = dataset_dir("ptb", data_dir)
    if not (root / f"{name}.hea").is_file():
        raise FileNotFoundError(
            f"PTB record {name!r} not found in {root}. Fetch it with "
            f"`python data_scripts/fetch_ptb.py` (or set NEFNET_DATA to a folder holding ptb/).")
    return read_wfdb(root / name, sampling_rate=sampling_rate)
