"""Signal helpers: resampling and zero-phase filtering (scipy.signal), arrays (..., L, T)."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
from scipy import signal as sps


def _check_rate(sampling_rate) -> float:
    fs = float(sampling_rate)
    if not np.isfinite(fs) or fs <= 0:
        raise ValueError(f"sampling_rate must be a positive number of Hz, got {sampling_rate!r}")
    return fs


def resample(signals, sampling_rate, target_rate):
    """Polyphase resampling along time from ``sampling_rate`` to ``target_rate`` (Hz)."""
    fs, target = _check_rate(sampling_rate), _check_rate(target_rate)
    x = np.asarray(signals, dtype=float)
    if fs == target:
        return x.copy()
    ratio = Fraction(target / fs).limit_denominator(1000)
    return sps.resample_poly(x, ratio.numerator, ratio.denominator, axis=-1)


def _apply_sos(sos, x, what, settle=0):
    """Zero-phase filtering; ``settle`` samples of odd-extension padding tame the edge
    transient of low cut-offs (capped by the record length)."""
    x = np.asarray(x, dtype=float)
    minimum = 3 * (2 * len(sos) + 1)
    if x.shape[-1] <= minimum:
        raise ValueError(
            f"record too short for the {what} filter: {x.shape[-1]} samples, "
            f"need more than {minimum}"
        )
    if not np.all(np.isfinite(x)):
        raise ValueError("signals contain NaN or inf; cannot filter")
    padlen = min(x.shape[-1] - 1, max(minimum, int(settle)))
    return sps.sosfiltfilt(sos, x, axis=-1, padlen=padlen)


def _check_cutoff(freq, fs, name):
    nyq = fs / 2.0
    if not 0 < freq < nyq:
        raise ValueError(
            f"{name} cutoff {freq} Hz must be between 0 and the Nyquist "
            f"frequency {nyq} Hz (sampling_rate {fs} Hz)"
        )


def highpass(signals, sampling_rate, cutoff=0.5, order=2):
    """Zero-phase Butterworth high-pass (baseline wander removal)."""
    fs = _check_rate(sampling_rate)
    _check_cutoff(cutoff, fs, "high-pass")
    return _apply_sos(
        sps.butter(order, cutoff, "highpass", fs=fs, output="sos"),
        signals,
        "high-pass",
        settle=3 * fs / cutoff,
    )


def lowpass(signals, sampling_rate, cutoff=40.0, order=4):
    """Zero-phase Butterworth low-pass."""
    fs = _check_rate(sampling_rate)
    _check_cutoff(cutoff, fs, "low-pass")
    return _apply_sos(
        sps.butter(order, cutoff, "lowpass", fs=fs, output="sos"), signals, "low-pass"
    )


def bandpass(signals, sampling_rate, low=0.5, high=40.0, order=2):
    """Zero-phase Butterworth band-pass ``low``–``high`` Hz."""
    fs = _check_rate(sampling_rate)
    _check_cutoff(low, fs, "band-pass low")
    _check_cutoff(high, fs, "band-pass high")
    if low >= high:
        raise ValueError(f"band-pass needs low < high, got {low} ≥ {high} Hz")
    sos = sps.butter(order, [low, high], "bandpass", fs=fs, output="sos")
    return _apply_sos(sos, signals, "band-pass", settle=3 * fs / low)


def notch(signals, sampling_rate, freq=50.0, quality=30.0):
    """Zero-phase IIR notch at the powerline frequency (50 or 60 Hz)."""
    fs = _check_rate(sampling_rate)
    _check_cutoff(freq, fs, "notch")
    b, a = sps.iirnotch(freq, quality, fs=fs)
    return _apply_sos(sps.tf2sos(b, a), signals, "notch")
