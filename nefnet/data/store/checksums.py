"""The record store's integrity: a CRC-32 of every record's array bytes (in its index line,
verified whenever the record is read) and, in ``store.json``, a table of the committed shards —
record count, CRC-32 of the index file and size of the array file — checked when a store is
opened. A flipped byte, a truncated shard or a deleted index line is refused in one line naming
the file; none is read as a different signal.

CRC-32 (``zlib``) rather than a cryptographic hash: it guards against damage, not tampering, and
runs at memory speed (``benchmarks/bench_store_integrity.py`` measures its cost).
"""

from __future__ import annotations

import os
import zlib
from pathlib import Path


def record_crc(arrays) -> int:
    """CRC-32 of a record's arrays, as stored, in order."""
    crc = 0
    for a in arrays:
        crc = zlib.crc32(memoryview(a).cast("B"), crc)
    return crc


def shard_entry(records: int, index: bytes, bin_bytes: int) -> dict:
    """The header's entry for a shard just written."""
    return {"records": records, "index_crc32": zlib.crc32(index), "bin_bytes": bin_bytes}


def check_shard(path: Path, blob: bytes, entry: dict):
    """Refuse a shard whose index or array file disagrees with its header entry."""
    if zlib.crc32(blob) != entry["index_crc32"]:
        lines = blob.count(b"\n")
        detail = (
            f"{lines} index lines where the header counts {entry['records']}"
            if lines != entry["records"]
            else "its checksum differs from the header's"
        )
        raise ValueError(f"{path}: corrupt store index ({detail}); rebuild the store")
    bin_path = path.with_suffix(".bin")
    size = os.path.getsize(bin_path) if bin_path.is_file() else None
    if size != entry["bin_bytes"]:
        got = "missing" if size is None else f"{size:,} bytes"
        raise ValueError(
            f"{bin_path}: corrupt store shard ({got}, expected {entry['bin_bytes']:,} bytes); "
            "rebuild the store"
        )


def check_record(path: Path, j: int, name: str, arrays, want: int):
    """Refuse a record whose bytes differ from the checksum written with them."""
    if record_crc(arrays) != want:
        raise ValueError(
            f"{path}: record {j} ({name!r}) is corrupt (its bytes differ from the checksum "
            "written with them); rebuild the store"
        )


def check_listed(folder: Path, files: list, shards: list, records: int):
    """Refuse a store whose shard files or record count disagree with its header."""
    if len(files) < len(shards):
        raise ValueError(
            f"{folder}: store.json lists {len(shards)} shards, the folder holds {len(files)}; "
            "rebuild the store"
        )
    counted = sum(s["records"] for s in shards)
    if counted != records:
        raise ValueError(
            f"{folder}: store.json counts {records} records, its shard table {counted}; "
            "rebuild the store"
        )


def drop_unlisted(files: list, shards: list):
    """Remove the shards an interrupted writer committed after its header's last update (they
    are rewritten when the build resumes)."""
    for path in files[len(shards) :]:
        path.unlink()
        path.with_suffix(".bin").unlink(missing_ok=True)
