"""Downloading dataset files: resumable, checksum-verified, atomic, with a progress bar.

``fetch_files`` copies from a local mirror when one is given, else downloads from
``base_url``; each file is first written to ``<name>.part`` and renamed only once complete
(and verified), so nothing is left half-written.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import urllib.error
import urllib.request
from pathlib import Path

from ..progress import tqdm

CHUNK = 1 << 16


def sha256(path) -> str:
    """Hex SHA-256 of a file."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(CHUNK), b""):
            h.update(block)
    return h.hexdigest()


def _open(url, offset=0, timeout=30):
    req = urllib.request.Request(url, headers={"User-Agent": "nefnet-fetch"})
    if offset:
        req.add_header("Range", f"bytes={offset}-")
    try:
        return urllib.request.urlopen(req, timeout=timeout)
    except urllib.error.HTTPError as exc:
        raise FileNotFoundError(f"{url}: HTTP {exc.code} {exc.reason}") from exc
    except (urllib.error.URLError, OSError) as exc:
        raise ConnectionError(f"cannot reach {url} ({exc}); are you offline? "
                              "Use --mirror DIR to copy from a local copy instead") from exc


def download(url: str, dest, expected_sha256=None, progress=True) -> Path:
    """Download ``url`` to ``dest``, resuming a previous ``.part`` file when the server allows."""
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    part = dest.with_name(dest.name + ".part")
    offset = part.stat().st_size if part.exists() else 0
    resp = _open(url, offset)
    if offset and resp.status != 206:  # server ignored the Range header: start again
        offset = 0
    total = resp.headers.get("Content-Length")
    total = int(total) + offset if total is not None else None
    with resp, open(part, "ab" if offset else "wb") as out, \
            tqdm(total=total, initial=offset, unit="B", unit_scale=True, desc=dest.name,
                 disable=not progress, leave=False) as bar:
        for block in iter(lambda: resp.read(CHUNK), b""):
            out.write(block)
            bar.update(len(block))
    _verify_and_commit(part, dest, expected_sha256, url)
    return dest


def _verify_and_commit(part: Path, dest: Path, expected_sha256, source):
    if expected_sha256:
        got = sha256(part)
        if got != expected_sha256.lower():
            part.unlink()
            raise ValueError(f"checksum mismatch for {source}: SHA-256 {got}, "
                             f"expected {expected_sha256}; the partial file was removed")
    os.replace(part, dest)


def copy_from_mirror(mirror, candidates, dest, expected_sha256=None) -> Path:
    """Copy the first existing ``mirror/<candidate>`` to ``dest`` (atomically, verified)."""
    mirror = Path(mirror)
    for rel in candidates:
        src = mirror / rel
        if src.is_file():
            dest.parent.mkdir(parents=True, exist_ok=True)
            part = dest.with_name(dest.name + ".part")
            shutil.copyfile(src, part)
            _verify_and_commit(part, dest, expected_sha256, src)
            return dest
    raise FileNotFoundError(f"none of {candidates} found under mirror {mirror}")


_CHECKSUM_CACHE: dict = {}


def read_checksums(base_url: str, name="SHA256SUMS.txt", levels=3) -> dict:
    """``{path relative to base_url: sha256}`` from a PhysioNet-style checksum file at
    ``base_url`` or up to ``levels`` folders above it (PhysioNet keeps one at the database
    root); {} when none is published."""
    base = base_url.rstrip("/")
    if base in _CHECKSUM_CACHE:
        return _CHECKSUM_CACHE[base]
    head, prefix, sums = base, "", {}
    for _ in range(levels + 1):
        try:
            with _open(f"{head}/{name}") as resp:
                text = resp.read().decode("utf-8", "replace")
        except FileNotFoundError:
            if "/" not in head.split("://", 1)[-1]:
                break
            head, last = head.rsplit("/", 1)
            prefix = f"{last}/{prefix}"
            continue
        for line in text.splitlines():
            parts = line.split()
            if len(parts) == 2 and parts[1].lstrip("*").startswith(prefix):
                sums[parts[1].lstrip("*")[len(prefix):]] = parts[0].lower()
        break
    _CHECKSUM_CACHE[base] = sums
    return sums


def _fetch_one(rel, out, base_url, mirror, sums, flat, progress, dataset="") -> Path:
    dest = out / (Path(rel).name if flat else rel)
    if dest.is_file() and (rel not in sums or sha256(dest) == sums[rel]):
        return dest
    if mirror:
        name = Path(rel).name
        cands = [rel] + ([f"{dataset}/{name}"] if dataset else []) + [name]
        return copy_from_mirror(mirror, cands, dest, sums.get(rel))
    return download(base_url.rstrip("/") + "/" + rel, dest, sums.get(rel), progress=progress)


def fetch_files(files, out, base_url=None, mirror=None, flat=True, progress=True,
                dataset="") -> list[Path]:
    """Fetch relative ``files`` (site layout) into ``out``; skip files already complete.

    With ``flat=True`` the site's sub-folders are dropped (``patient001/x.hea`` → ``out/x.hea``).
    A mirror may be laid out like the site or flat (``<mirror>/<dataset>/x.hea`` or
    ``<mirror>/x.hea``). SHA-256 sums are checked when the site publishes ``SHA256SUMS.txt``.
    """
    if not mirror and not base_url:
        raise ValueError("give a base_url to download from or a mirror folder to copy from")
    out = Path(out)
    sums = {} if mirror else read_checksums(base_url)
    return [_fetch_one(rel, out, base_url, mirror, sums, flat, progress, dataset)
            for rel in tqdm(files, desc="files", unit="file", disable=not progress)]


def fetch_wfdb_records(records, out, base_url=None, mirror=None, progress=True,
                       dataset="") -> list[Path]:
    """Fetch WFDB records (``patient001/s0010_re``): each header, then the signal files it names.

    ``dataset`` names the sub-folder of a flat mirror (``<mirror>/ptb/s0010_re.hea``)."""
    from .readers.wfdb_io import signal_files

    if not mirror and not base_url:
        raise ValueError("give a base_url to download from or a mirror folder to copy from")
    out = Path(out)
    sums = {} if mirror else read_checksums(base_url)
    done = []
    for rec in tqdm(records, desc="records", unit="record", disable=not progress):
        header = _fetch_one(rec + ".hea", out, base_url, mirror, sums, True, progress, dataset)
        done.append(header)
        folder = str(Path(rec).parent)
        for name in signal_files(header):
            rel = name if folder == "." else f"{folder}/{name}"
            done.append(_fetch_one(rel, out, base_url, mirror, sums, True, progress, dataset))
    return done
