"""Beats: R-peak detection and a median beat template for real records, and the seven
deflection regions a beat is cut into (Nef-Net v1's ROIs)."""

from __future__ import annotations

import numpy as np
import torch
from scipy.signal import find_peaks

from . import signal as sig

#: the deflection regions of a beat, between its eight boundaries
DEFLECTIONS = ("pre-P", "P", "PR", "QRS", "ST", "T", "TP")


def detect_r_peaks(signals, sampling_rate, min_rr=0.33):
    """R-peak sample indices from multi-lead signals (L, T).

    Uses the spatial magnitude of the 5–25 Hz band (QRS energy), so no single lead's polarity
    matters; peaks are at least ``min_rr`` seconds apart.
    """
    x = np.atleast_2d(np.asarray(signals, dtype=float))
    band = sig.bandpass(x, sampling_rate, 5.0, min(25.0, 0.45 * sampling_rate))
    energy = np.sqrt((band**2).sum(axis=0))
    height = 0.35 * np.percentile(energy, 99.5)
    peaks, _ = find_peaks(energy, height=height, distance=int(min_rr * sampling_rate))
    if len(peaks) < 2:
        raise ValueError(f"found {len(peaks)} beats; need ≥ 2 (record too short or flat?)")
    # refine each peak to the largest absolute deflection of the strongest lead within ±40 ms
    lead = np.argmax(np.abs(band).max(axis=1))
    half = int(0.04 * sampling_rate)
    starts = np.maximum(peaks - half, 0)
    return np.array([s + np.argmax(np.abs(x[lead, s : p + half])) for s, p in zip(starts, peaks)])


def median_beat(signals, sampling_rate, peaks, before=0.3, after=0.5):
    """Median beat (L, n) over all complete windows [peak − before, peak + after) seconds."""
    x = np.asarray(signals, dtype=float)
    b, a = int(before * sampling_rate), int(after * sampling_rate)
    good = [p for p in peaks if p - b >= 0 and p + a <= x.shape[-1]]
    if not good:
        raise ValueError("no complete beat window in the record")
    stack = np.stack([x[..., p - b : p + a] for p in good])  # (beats, L, n)
    return np.median(stack, axis=0), np.arange(-b, a) / float(sampling_rate)


def even_bounds(length, batch=1, dtype=torch.float32):
    """Boundaries that split ``length`` samples into seven equal regions: (batch, 8) — the
    continuous-window mode of Nef-Net v1 (no wave annotations across a multi-beat window).
    ``length`` may be a tensor of per-item valid lengths (batch,)."""
    length = torch.as_tensor(length, dtype=dtype).reshape(-1, 1)
    frac = torch.linspace(0, 1, len(DEFLECTIONS) + 1, dtype=dtype)[None]
    return (length * frac).expand(max(batch, length.shape[0]), -1).contiguous()
