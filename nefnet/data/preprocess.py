"""Preprocessing of a Record: resampling and the usual ECG filters, and the 10-s band-passed
12-lead windows every comparison of real and simulated records uses."""

from __future__ import annotations

import numpy as np

from .. import signal as sig
from ..geometry import derive_limb_leads
from ..views import INDEPENDENT_8, LEADS_12
from .record import Record

#: the common form of every compared record: 500 Hz, 10-s windows, 0.5–40 Hz band-pass
SAMPLING_RATE, SECONDS, BAND = 500.0, 10.0, (0.5, 40.0)


def windows(record: Record, seconds=SECONDS, max_windows=None) -> list[Record]:
    """The record's consecutive ``seconds``-long windows, resampled to 500 Hz and band-passed
    0.5–40 Hz; none when it lacks one of the 12 leads or is shorter than one window. Each
    window keeps the record's ``meta`` (its name gets ``#k``). III, aVR, aVL and aVF are derived
    from I and II when the record lacks them."""
    if not record.has(INDEPENDENT_8):
        return []
    leads = dict(zip(record.leads, record.signals))
    for name, x in derive_limb_leads(leads["I"], leads["II"]).items():
        leads.setdefault(name, x)
    x = np.stack([leads[v] for v in LEADS_12])
    if record.sampling_rate != SAMPLING_RATE:
        x = sig.resample(x, record.sampling_rate, SAMPLING_RATE)
    n = int(seconds * SAMPLING_RATE)
    count = x.shape[1] // n if max_windows is None else min(x.shape[1] // n, max_windows)
    meta = {k: v for k, v in record.meta.items() if k != "waves"}  # boundaries are per record
    return [
        Record(
            sig.bandpass(x[:, k * n : (k + 1) * n], SAMPLING_RATE, *BAND),
            SAMPLING_RATE,
            LEADS_12,
            f"{record.name}#{k}",
            dict(meta, window=k),
        )
        for k in range(count)
    ]


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


def unique(records) -> list[Record]:
    """``records`` without byte-identical duplicates (a copy in both splits would leak)."""
    seen, out = set(), []
    for r in records:
        key = hash(np.ascontiguousarray(r.signals).tobytes())
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out
