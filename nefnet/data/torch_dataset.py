"""PyTorch datasets of view pairs: crops of records, joint min–max normalisation (scale kept so
µV metrics can be computed) and either a fixed protocol or Any-Pairs sampling.

Every item is a dict of tensors::

    inputs (R, T), input_angles (R, 2), targets (Q, T), target_angles (Q, 2),
    length (valid samples; the rest is zero padding), offset, scale (mV = x·scale + offset)

Angles are radians; by default the nominal (table) angles, which is what a clinic knows.
"""

from __future__ import annotations

import numpy as np
import torch
from torch.utils.data import Dataset

from ..geometry import view_angles
from ..normalization import TRAINING_MODES, scaling
from .protocols import Protocol, any_pairs


def _check_views(records, protocol, lazy):
    """A clear error when a record lacks one of the protocol's views (a store answers from
    its index, without reading a record)."""
    from .record import Record

    if lazy:
        records = [Record(np.zeros((len(s), 1)), 1.0, s, "stored") for s in records.lead_sets()]
    for r in records:  # (8,12) reconstructs its inputs: each group is checked on its own
        r.select(protocol.recorded)
        r.select(protocol.targets)


class ViewPairDataset(Dataset):
    """Records → (recorded views, query views) items.

    Parameters
    ----------
    records : list of Record (SimRecord too), or a :class:`~nefnet.data.store.RecordStore`
        (read record by record, never held in memory)
    protocol : a :class:`Protocol` (fixed views), or None for Any-Pairs sampling
    crop : (min, max) samples: a random crop length in [min, max], zero-padded to max;
        an int for a fixed length; None for the whole record
    n_queries : query views per item under Any-Pairs
    angles : "nominal" (table) or "true" (SimPanobench ground truth)
    normalize_by : "all" (the papers' joint min–max over recorded and query views), "recorded"
        (min–max over the recorded views) or "range" (divide by the recorded views' range, no
        shift); see :mod:`nefnet.normalization`
    """

    def __init__(
        self,
        records,
        protocol: Protocol | None = None,
        crop=None,
        n_queries=1,
        angles="nominal",
        seed=0,
        epoch_size=None,
        normalize_by="all",
    ):
        if not records:
            raise ValueError("ViewPairDataset needs at least one record")
        if normalize_by not in TRAINING_MODES:
            raise ValueError(f"normalize_by must be one of {TRAINING_MODES}, got {normalize_by!r}")
        self.normalize_by = normalize_by
        if angles not in ("nominal", "true"):
            raise ValueError(f"angles must be 'nominal' or 'true', got {angles!r}")
        # a lazy sequence (a record store) stays on disk; anything else becomes a list
        lazy = hasattr(records, "lengths")
        self.records = records if lazy else list(records)
        self.protocol, self.n_queries = protocol, n_queries
        self.crop, self.angles, self.seed = crop, angles, seed
        self.epoch_size = epoch_size or len(self.records)
        lengths = set(records.lengths().tolist()) if lazy else {
            r.signals.shape[1] for r in self.records
        }
        if crop is None and len(lengths) > 1:
            raise ValueError("records differ in length; give crop= to batch them")
        if protocol is not None:
            _check_views(self.records, protocol, lazy)
        self.epoch = 0

    def __len__(self):
        return self.epoch_size

    def set_epoch(self, epoch: int):
        """Change the random crops/views per epoch while staying reproducible."""
        self.epoch = epoch

    def _angles(self, record, views):
        if self.angles == "true":
            idx = [record.leads.index(v) for v in views]
            ang = record.true_angles[idx]
            if np.isnan(ang).any():
                raise ValueError(f"record {record.name} has no true angle for some of {views}")
            return ang
        return view_angles(views)

    def _window(self, n, rng):
        if self.crop is None:
            return 0, n, n
        lo, hi = (self.crop, self.crop) if np.isscalar(self.crop) else self.crop
        if hi > n:
            raise ValueError(f"crop of {hi} samples is longer than a record ({n})")
        length = int(rng.integers(lo, hi + 1))
        start = int(rng.integers(0, n - length + 1))
        return start, length, hi

    def __getitem__(self, i):
        rng = np.random.default_rng([self.seed, self.epoch, i])
        record = self.records[i % len(self.records)]
        if self.protocol is None:
            recorded, queries = any_pairs(record.leads, rng, n_queries=self.n_queries)
        else:
            recorded, queries = self.protocol.recorded, self.protocol.targets
        start, length, padded = self._window(record.signals.shape[1], rng)
        # (8,12) reconstructs its own inputs too: select recorded and queries separately
        x = np.vstack([record.select(recorded), record.select(queries)])[:, start : start + length]
        n_in = len(recorded)
        offset, scale = scaling(x[:n_in], self.normalize_by, x[n_in:])
        norm = (x - offset) / scale
        out = np.zeros((len(x), padded))
        out[:, :length] = norm
        f = lambda a: torch.as_tensor(np.asarray(a), dtype=torch.float32)  # noqa: E731
        return {
            "inputs": f(out[:n_in]),
            "targets": f(out[n_in:]),
            "input_angles": f(self._angles(record, recorded)),
            "target_angles": f(self._angles(record, queries)),
            "length": torch.tensor(length),
            "offset": f(offset),
            "scale": f(scale),
            "index": torch.tensor(i % len(self.records)),
        }
