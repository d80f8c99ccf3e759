"""Optional preprocessing of a Record: resampling and the usual ECG filters."""

from __future__ import annotations

from .. import signal as sig
from .record import Record


def preprocess(record: Record, sampling_rate=None, highpass=0.5, notch=None, lowpass=None,
               ) -> Record:
    """Resample to ``sampling_rate`` (Hz), then 0.5 Hz high-pass (baseline wander), an optional
    powerline ``notch`` (50/60 Hz) and an optional ``lowpass`` — each skipped when None."""
    rec = record
    if sampling_rate is not None and float(sampling_rate) != rec.sampling_rate:
        rec = rec.with_signals(sig.resample(rec.signals, rec.sampling_rate, sampling_rate),
                               float(sampling_rate))
    x = rec.signals
    if highpass:
        x = sig.highpass(x, rec.sampling_rate, highpass)
    if notch:
        x = sig.notch(x, rec.sampling_rate, notch)
    if lowpass:
        x = sig.lowpass(x, rec.sampling_rate, lowpass)
    return rec.with_signals(x)
