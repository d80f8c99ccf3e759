"""Fixed, saved train/test splits: patient-level when patient ids exist, PTB-XL's folds for
PTB-XL, a seeded 80/20 split otherwise. Saved as JSON so every chapter uses the same split."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from .jsonio import write_json


def make_split(names, groups=None, test_fraction=0.2, seed=0) -> dict:
    """Split record ``names`` into train/test. With ``groups`` (e.g. patient ids, one per name)
    whole groups go to one side, so no patient is in both."""
    names = list(names)
    if len(set(names)) != len(names):
        raise ValueError("record names must be unique")
    if not 0 < test_fraction < 1:
        raise ValueError(f"test_fraction must be in (0, 1), got {test_fraction}")
    groups = names if groups is None else list(groups)
    if len(groups) != len(names):
        raise ValueError(f"{len(groups)} groups for {len(names)} records")
    unique = sorted(set(groups), key=str)
    rng = np.random.default_rng(seed)
    order = rng.permutation(len(unique))
    n_test = max(1, int(round(test_fraction * len(unique))))
    test_groups = {unique[i] for i in order[:n_test]}
    return {"train": [n for n, g in zip(names, groups) if g not in test_groups],
            "test": [n for n, g in zip(names, groups) if g in test_groups],
            "seed": seed, "test_fraction": test_fraction,
            "by": "group" if groups is not names else "record"}


def train_part(n: int, train_fraction=0.6, seed=0) -> set[int]:
    """Indices of the training part of ``n`` records: a seeded permutation's first
    ``train_fraction`` (at least one record on each side)."""
    if n < 2:
        raise ValueError(f"need at least two records to split, got {n}")
    order = np.random.default_rng(seed).permutation(n)
    n_train = min(max(1, int(round(train_fraction * n))), n - 1)
    return {int(i) for i in order[:n_train]}


def save_split(split: dict, path) -> Path:
    """Write a split as JSON (atomically)."""
    return write_json(path, split)


def load_split(path) -> dict:
    """Read a split written by :func:`save_split`."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"split file {path} not found")
    split = json.loads(path.read_text())
    if not {"train", "test"} <= set(split):
        raise ValueError(f"{path}: a split needs 'train' and 'test' lists")
    return split
