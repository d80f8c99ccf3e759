"""PhysioNet/CinC Challenge 2020/2021 records: WFDB ``.hea`` + ``.mat`` with ``# Dx`` labels."""

from __future__ import annotations

from pathlib import Path

from .labels import parse_snomed
from ..record import Record
from .wfdb_io import read_wfdb


def _header_fields(comments) -> dict:
    out = {}
    for line in comments:
        key, sep, value = line.partition(":")
        if sep:
            out[key.strip().lower()] = value.strip()
    return out


def read_cinc(path, sampling_rate=None) -> Record:
    """One CinC record (12 leads, mV) with ``meta`` ``age``, ``sex``, ``dx`` (SNOMED codes) and
    ``classes`` (the CPSC2018 classes among them)."""
    rec = read_wfdb(path, sampling_rate=sampling_rate)
    fields = _header_fields(rec.meta.get("comments", []))
    if "dx" not in fields:
        raise ValueError(f"CinC record {rec.name}: header has no '# Dx:' line")
    codes, classes = parse_snomed(fields["dx"])
    age = fields.get("age", "")
    rec.meta.update({"dx": codes, "classes": classes, "sex": fields.get("sex"),
                     "age": float(age) if age.replace(".", "", 1).isdigit() else None,
                     "dataset": "cinc"})
    return rec


def list_cinc(folder) -> list[Path]:
    """Record paths (without extension) of a CinC folder, sorted."""
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"CinC folder {folder} does not exist")
    heads = sorted(folder.rglob("*.hea"))
    if not heads:
        raise FileNotFoundError(f"no .hea records in {folder}")
    return [h.with_suffix("") for h in heads]
