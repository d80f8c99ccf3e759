"""A record store of real recordings seen as the book's preprocessed 10-s windows
(:func:`nefnet.data.preprocess.windows`: 500 Hz, band-passed, 12 leads), window by window:
the store keeps the readers' records as they are, and the preprocessing runs when a window
is read — so training on PTB-XL never holds more than a batch of it in memory."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ...views import INDEPENDENT_8, LEADS_12
from ..preprocess import SAMPLING_RATE, SECONDS, windows


class StoreWindows(Sequence):
    """Every 10-s window of the records of ``store`` (a :class:`~nefnet.data.store.RecordStore`
    view) that has the 8 independent leads, in record order."""

    def __init__(self, store):
        self.store = store
        usable = {s: set(INDEPENDENT_8) <= set(s) for s in store.lead_sets()}
        leads, seconds = store.record_leads(), store.lengths() / store.record_rates()
        count = np.array(
            [int(t // SECONDS) if usable[s] else 0 for t, s in zip(seconds, leads)], int
        )
        self._record = np.repeat(np.arange(len(store)), count)
        self._window = np.concatenate([np.arange(c) for c in count]) if len(count) else count

    def __len__(self):
        return len(self._record)

    def __getitem__(self, i):
        if isinstance(i, slice):
            raise TypeError("StoreWindows does not slice; use the store's subset")
        k = int(self._window[i])
        return windows(self.store[int(self._record[i])], max_windows=k + 1)[k]

    def lengths(self) -> np.ndarray:
        return np.full(len(self), int(SECONDS * SAMPLING_RATE))

    def lead_sets(self) -> list[tuple]:
        return [tuple(LEADS_12)] if len(self) else []

    def sampling_rates(self) -> list[float]:
        return [SAMPLING_RATE]
