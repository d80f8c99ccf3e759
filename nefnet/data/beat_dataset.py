"""Single-beat items for Nef-Net v1's beat mode: P-on to the next P-on, zero-padded (or cut) to
a fixed length, with the 8 deflection boundaries the ROIAlign needs.

Boundaries come from the record's wave annotations (``record.waves`` for SimPanobench,
``meta['waves']`` for Tianchi). Beats without a P wave (AF, ectopic beats) are skipped, as in
the v1 code's beat segmentation.
"""

from __future__ import annotations

import numpy as np
import torch
from torch.utils.data import Dataset

from ..geometry import view_angles
from ..metrics import minmax_normalize
from ..beats import even_bounds
from .delineate import WAVE_KEYS  # the wave annotations that bound the deflections, in order
from .protocols import Protocol, any_pairs


def waves_of(record) -> dict:
    """The record's per-beat wave boundaries (sample indices): the simulator's or the dataset's
    annotations, else NeuroKit2's delineation of lead II (:mod:`.delineate`, computed once and
    kept in ``meta["waves"]``)."""
    waves = getattr(record, "waves", None) or record.meta.get("waves")
    if not waves:
        from .delineate import delineate

        try:
            waves = delineate(record, "II")
        except ValueError as exc:
            raise ValueError(f"record {record.name}: no wave boundaries for beat mode ({exc})") from exc
        record.meta["waves"] = waves
    return waves


def beat_window(record, k, length=512) -> slice:
    """Samples of beat ``k``: its P-on to the next beat's P-on, at most ``length`` long."""
    w = waves_of(record)
    start = int(w["p_on"][k])
    return slice(start, start + min(int(w["p_on"][k + 1]) - start, length))


def beat_bounds(record, k, length=512) -> list[int]:
    """The 8 deflection boundaries of beat ``k`` in samples from its P-on (the ROIs of
    Nef-Net v1: pre-P, P, PR, QRS, ST, T, TP)."""
    w, win = waves_of(record), beat_window(record, k, length)
    n = win.stop - win.start
    return [0] + [min(int(w[key][k]) - win.start, n) for key in WAVE_KEYS] + [n]


def beat_index(records, length=512):
    """``[(record i, beat k)]`` of every complete beat with P waves that fits ``length``."""
    out = []
    for i, rec in enumerate(records):
        w = waves_of(rec)
        for k in range(len(w["p_on"]) - 1):
            ok = w["p_on"][k] >= 0 and w["p_on"][k + 1] > w["p_on"][k]
            if ok and all(w[key][k] >= w["p_on"][k] for key in WAVE_KEYS) and \
                    w["p_on"][k + 1] <= rec.signals.shape[1]:
                out.append((i, k))
    if not out:
        raise ValueError("no complete beat with a P wave in these records")
    return out


class BeatDataset(Dataset):
    """Beat items: inputs (R, L), targets (Q, L), angles, bounds (8,), length (valid samples)."""

    def __init__(self, records, protocol: Protocol | None = None, length=512, n_queries=1,
                 seed=0):
        self.records, self.protocol, self.length = list(records), protocol, length
        self.n_queries, self.seed, self.epoch = n_queries, seed, 0
        self.beats = beat_index(self.records, length)

    def __len__(self):
        return len(self.beats)

    def set_epoch(self, epoch):
        self.epoch = epoch

    def __getitem__(self, i):
        rec_i, k = self.beats[i]
        rec = self.records[rec_i]
        rng = np.random.default_rng([self.seed, self.epoch, i])
        if self.protocol is None:
            recorded, queries = any_pairs(rec.leads, rng, n_queries=self.n_queries)
        else:
            recorded, queries = self.protocol.recorded, self.protocol.targets
        win = beat_window(rec, k, self.length)
        x = np.vstack([rec.select(recorded), rec.select(queries)])[:, win]
        n = x.shape[1]
        norm, _, _ = minmax_normalize(x)
        out = np.zeros((len(x), self.length))
        out[:, :n] = norm
        bounds = beat_bounds(rec, k, self.length)
        f = lambda a: torch.as_tensor(np.asarray(a), dtype=torch.float32)  # noqa: E731
        r = len(recorded)
        return {"inputs": f(out[:r]), "targets": f(out[r:]), "input_angles": f(view_angles(recorded)),
                "target_angles": f(view_angles(queries)), "bounds": f(bounds),
                "length": torch.tensor(n)}


class WindowDataset(Dataset):
    """Continuous-window mode of Nef-Net v1: the items of a
    :class:`~nefnet.data.torch_dataset.ViewPairDataset` with seven even ROIs over each item's
    valid length (see :func:`nefnet.beats.even_bounds`)."""

    def __init__(self, windows):
        self.windows = windows

    def __len__(self):
        return len(self.windows)

    def set_epoch(self, epoch):
        if hasattr(self.windows, "set_epoch"):
            self.windows.set_epoch(epoch)

    def __getitem__(self, i):
        item = dict(self.windows[i])
        item["bounds"] = even_bounds(item["length"])[0]
        return item
