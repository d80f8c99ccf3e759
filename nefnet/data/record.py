"""The one ``Record`` type every reader returns: signals (L, T) in mV with named leads."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..views import canonical_lead, canonical_leads


@dataclass
class Record:
    """One ECG recording.

    Attributes
    ----------
    signals : array (L, T), float64, mV
    sampling_rate : Hz
    leads : canonical lead names, one per row of ``signals``
    name : record identifier
    meta : free-form metadata (age, sex, labels, source file, ...)
    """

    signals: np.ndarray
    sampling_rate: float
    leads: tuple
    name: str = ""
    meta: dict = field(default_factory=dict)

    def __post_init__(self):
        self.signals = np.asarray(self.signals, dtype=np.float64)
        self.leads = canonical_leads(self.leads)
        if self.signals.ndim != 2 or self.signals.shape[0] != len(self.leads):
            raise ValueError(f"record {self.name!r}: signals shape {self.signals.shape} does not "
                             f"match {len(self.leads)} leads {list(self.leads)}")
        where = f"record {self.name!r}" + (
            f" ({self.meta['source']})" if self.meta.get("source") else ""
        )
        if not np.isfinite(float(self.sampling_rate)) or float(self.sampling_rate) <= 0:
            raise ValueError(f"{where}: sampling_rate must be a finite number > 0 Hz, "
                             f"got {self.sampling_rate}")
        if self.signals.shape[1] == 0:
            raise ValueError(f"{where}: no samples (a zero-length record)")

    @property
    def duration(self) -> float:
        """Length in seconds."""
        return self.signals.shape[1] / float(self.sampling_rate)

    @property
    def reference(self) -> np.ndarray:
        """The signals (L, T) a synthesis is scored against: the recording itself. A simulated
        record answers with its noise-free signals."""
        return self.signals

    def select_reference(self, leads) -> np.ndarray:
        """Rows of :attr:`reference` for the named leads, in the order asked."""
        self.select(leads)  # names checked, with a clear error
        return self.reference[[self.leads.index(n) for n in canonical_leads(leads)]]

    def has(self, leads) -> bool:
        """True when every named lead is present."""
        return all(canonical_lead(n) in self.leads for n in leads)

    def select(self, leads) -> np.ndarray:
        """Rows (len(leads), T) for the named leads, in the order asked."""
        wanted = canonical_leads(leads)
        missing = [n for n in wanted if n not in self.leads]
        if missing:
            raise ValueError(f"record {self.name!r} has no lead(s) {missing}; "
                             f"it has {list(self.leads)}")
        return self.signals[[self.leads.index(n) for n in wanted]]

    def segment(self, start: float = 0.0, stop: float | None = None) -> "Record":
        """A copy cut to [start, stop) seconds."""
        fs = float(self.sampling_rate)
        i0 = int(round(start * fs))
        i1 = self.signals.shape[1] if stop is None else int(round(stop * fs))
        if not 0 <= i0 < i1 <= self.signals.shape[1]:
            raise ValueError(f"segment [{start}, {stop}) s is outside record {self.name!r} "
                             f"of {self.duration:.2f} s")
        return Record(self.signals[:, i0:i1].copy(), fs, self.leads, self.name, dict(self.meta))

    def with_signals(self, signals, sampling_rate=None) -> "Record":
        """Same leads and metadata, new signals (e.g. after filtering or resampling)."""
        fs = self.sampling_rate if sampling_rate is None else sampling_rate
        return Record(signals, fs, self.leads, self.name, dict(self.meta))


def sampling_rates(records) -> list[float]:
    """The distinct sampling rates (Hz) of ``records``, sorted; a record store answers from its
    index without reading a record."""
    if hasattr(records, "sampling_rates"):
        return [float(r) for r in records.sampling_rates()]
    return sorted({float(r.sampling_rate) for r in records})


@dataclass
class SimRecord(Record):
    """A simulated record: ``signals`` as recorded (noisy) and ``clean`` beside it."""

    clean: np.ndarray = None
    label: str = ""
    device: str = ""
    subject: int = 0
    exam: int = 0
    nominal_angles: np.ndarray = None  # (V, 2) radians, NaN for limb leads
    true_angles: np.ndarray = None  # (V, 2) radians, NaN for limb leads
    displacement: np.ndarray = None  # (V, 2) radians applied by this exam
    waves: dict = None  # per-beat sample indices
    sources: np.ndarray = None  # (S, 3, T) source dipoles (not written to disk)
    anatomy: object = None

    @property
    def reference(self) -> np.ndarray:
        """The noise-free signals (what a synthesis is scored against), when present."""
        return self.signals if self.clean is None else self.clean
