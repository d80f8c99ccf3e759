"""Option values of the command line, parsed and range-checked before any work starts.

Each parser takes the option's text and returns its value or raises ``argparse``'s
``ArgumentTypeError`` with what was expected, so a bad value fails in one line naming the option.
"""

from __future__ import annotations

import argparse
import math
import os
from pathlib import Path

import numpy as np


class Interrupted(KeyboardInterrupt):
    """Ctrl-C, with what was kept (e.g. where the checkpoint is)."""


def _number(text, kind, what, low=None, strict=False):
    """``text`` as a finite ``kind`` (≥ ``low``, or > it when ``strict``), else an error saying
    ``what`` was expected."""
    try:
        value = kind(text)
    except (TypeError, ValueError):
        raise argparse.ArgumentTypeError(f"expected {what}, got {text!r}") from None
    bad_low = low is not None and (value <= low if strict else value < low)
    if not math.isfinite(value) or bad_low:
        raise argparse.ArgumentTypeError(f"expected {what}, got {text!r}")
    return value


def positive_int(text) -> int:
    return _number(text, int, "a whole number ≥ 1", low=1)


def count(text) -> int:
    return _number(text, int, "a whole number ≥ 0", low=0)


def positive_float(text) -> float:
    return _number(text, float, "a finite number > 0", low=0, strict=True)


def non_negative_float(text) -> float:
    return _number(text, float, "a finite number ≥ 0", low=0)


def at_most(parse, high, why: str):
    """``parse`` with an upper bound: a value above ``high`` is refused with ``why`` (the
    memory, disk or time it would take)."""

    def check(text):
        value = parse(text)
        if value > high:
            raise argparse.ArgumentTypeError(f"expected at most {high:g}, got {text!r}: {why}")
        return value

    check.__name__ = parse.__name__
    return check


# the size options' upper bounds, each with why (a record is simulated whole in memory at
# ~1.5 MB per second, measured on a 120-s record; training memory grows with batch × queries)
DURATION = at_most(positive_float, 3600, "a record is simulated whole in memory, ~1.5 MB/s")
RECORDS = at_most(positive_int, 10_000_000, "ten times the largest dataset of the papers")
WORKERS = at_most(positive_int, 256, "one process per core, and no machine here has more")
EPOCHS = at_most(positive_int, 100_000, "the recipes train for 1 to 200 epochs")
BATCH = at_most(positive_int, 4096, "memory grows with the batch; the recipes use 8 to 64")
CROP = at_most(positive_float, 60, "memory grows with the crop; the recipes use 1.25 to 9.2 s")
QUERIES = at_most(positive_int, 4096, "memory grows with the query views per item")
ITERATIONS = at_most(positive_int, 1_000_000, "Stage III takes 100 steps by default")
WINDOW = at_most(positive_float, 3600, "a window is read whole into memory")
SEEDS = at_most(positive_int, 100, "each seed re-runs the chapter")


def assignments(items) -> dict:
    """``["NAME=VALUE", ...]`` → ``{NAME: value}`` (values read as YAML: numbers, lists, ...)."""
    import yaml

    out = {}
    for item in items or []:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise ValueError(f"parameter {item!r} must look like NAME=VALUE")
        out[key] = yaml.safe_load(value)
    return out


def lead_list(text) -> list[str]:
    """``"I,II,V3"`` → canonical, distinct lead names."""
    from ..views import canonical_leads

    items = [v.strip() for v in str(text).split(",")]
    if not all(items):
        raise argparse.ArgumentTypeError(f"expected comma-separated lead names, got {text!r}")
    try:
        return list(canonical_leads(items))
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def views(text) -> np.ndarray:
    """``"θ,φ;θ,φ"`` in degrees → (Q, 2) radians: each item exactly two finite numbers inside
    0° ≤ θ ≤ 180°, −180° ≤ φ ≤ 180°, no view twice."""
    from ..geometry import check_angles
    from ..views import virtual_name

    items = [item.strip() for item in str(text).split(";")]
    if not items or not all(items):
        raise argparse.ArgumentTypeError(f"expected 'θ,φ;θ,φ' in degrees, got {text!r}")
    pairs = []
    for item in items:
        parts = item.split(",")
        if len(parts) != 2:
            raise argparse.ArgumentTypeError(
                f"view {item!r} has {len(parts)} number(s); expected 'θ,φ' in degrees "
                "(views are separated by ';')"
            )
        pairs.append([_number(p.strip(), float, "finite degrees") for p in parts])
    deg = np.array(pairs, dtype=float)
    try:
        check_angles(np.radians(deg[:, 0]), np.radians(deg[:, 1]))
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    names = [virtual_name(t, p) for t, p in deg]
    dup = sorted({n for n in names if names.count(n) > 1})
    if dup:
        raise argparse.ArgumentTypeError(f"view(s) {dup} given twice (to 0.1°)")
    return np.radians(deg)


def protocol(text) -> str:
    """A known protocol name, e.g. ``(3,8,1)``."""
    from ..data.protocols import PROTOCOLS

    if text not in PROTOCOLS:
        raise argparse.ArgumentTypeError(
            f"unknown protocol {text!r}; expected one of {list(PROTOCOLS)}"
        )
    return text


def torch_device(text) -> str:
    """``cpu``, ``cuda``, ``cuda:N`` or ``auto``, refused when this machine has no such device
    (:func:`nefnet.training.train.check_device`)."""
    from ..training.train import check_device

    try:
        return check_device(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def check_output_file(path, option: str, exists_ok: bool, own=None) -> Path:
    """Before any work: ``path`` can be written (its folder is, or can be, a writable folder),
    is not a folder, and (unless ``exists_ok``) does not exist yet. An existing path is only
    ever a regular file, and one ``own(path)`` recognises as nefnet's when given."""
    path = Path(path)
    if path.is_dir():
        raise ValueError(f"{option} {path}: is a folder; expected a file path")
    if path.exists() and not exists_ok:
        raise FileExistsError(
            f"{option} {path} exists; pass --resume to continue it or --overwrite to replace it"
        )
    if path.exists() and not path.is_file():
        raise ValueError(
            f"{option} {path}: exists and is not a regular file; nefnet replaces only files"
        )
    if path.exists() and own is not None and not own(path):
        raise ValueError(
            f"{option} {path}: exists and is not a file nefnet wrote; nefnet replaces only its own"
        )
    _check_folder(path.parent, option, path)
    return path


def check_output_folder(path, option: str) -> Path:
    """Before any work: ``path`` is, or can be created as, a writable folder."""
    path = Path(path)
    if path.exists() and not path.is_dir():
        raise ValueError(f"{option} {path}: is a file; expected a folder")
    _check_folder(path if path.exists() else path.parent, option, path)
    return path


def check_disk(path, need: float, what: str):
    """Refuse before any work when ``need`` bytes would not fit where ``path`` is written."""
    import shutil

    parent = Path(path)
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    free = shutil.disk_usage(parent).free
    if need > free:
        raise OSError(
            f"{what} needs about {_size(need)} in {parent}; only {_size(free)} is free there"
        )


def _size(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB", "TB"):
        if n < 1000 or unit == "TB":
            return f"{n:.3g} {unit}"
        n /= 1000


def _check_folder(folder: Path, option, path):
    parent = folder
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    if not parent.is_dir():
        raise ValueError(f"{option} {path}: {parent} is a file, not a folder")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise PermissionError(f"{option} {path}: folder {parent} is not writable")
