"""Whether a record's beats agree with the sampling rate its header states.

A record whose samples were taken at 250 Hz but labelled 500 Hz plays twice as fast: its heart
rate and the frequencies of its beats both double. Either alone varies too much between people
(a heart rate of 150 bpm, or a sharp QRS, is plausible), but their product grows with the
square of the mislabel: :func:`tempo` measures the heart rate and the averaged beat's spectral
edge (the frequency below which 90 % of its power lies), and their product leaves
:data:`TEMPO_BOUNDS` only when the rate is off by a factor of about 1.5 or more.

Measured on the real sample records (57 records of CinC 2021, CPSC2018, Tianchi and PTB): the
product spans 849–3,207 Hz·bpm (median 1,743); on copies resampled to half the rate and labelled
with the original one, 3,109–11,739; at double the rate, 145–7,494 (chapter 10 shows the share
caught). The upper bound leaves a margin of 40 % above the real range. The lower bound is wider,
because slow rhythms with a wide QRS lower the product without any mislabel: the real LBBB beats
(``roahd``) have a spectral edge about 0.6× the healthy beats', and the simulator's LBBB records
at 51–67 bpm reach 327–592. So a rate stated too low is caught far less often than one stated
too high.
"""

from __future__ import annotations

import numpy as np
from scipy import signal as ss

#: the product heart rate × spectral edge (bpm·Hz) outside which the rate is doubted
TEMPO_BOUNDS = (300.0, 4500.0)
#: the product's median on the real sample records, for the estimate of the true rate
TEMPO_TYPICAL = 1743.0
#: the seconds of a record the check reads (the gate's cost stays per record, not per hour)
SECONDS = 10.0
MIN_BEATS = 3


def check_band(x: np.ndarray, fs: float) -> np.ndarray:
    """The 0.7–40 Hz band (below 0.45 ``fs`` at low rates) both statistical checks read: a
    second-order Butterworth, zero phase (the band their bounds were measured in)."""
    b, a = ss.butter(2, [0.7 / (fs / 2), min(40.0, 0.45 * fs) / (fs / 2)], "band")
    return ss.filtfilt(b, a, x, axis=1)


def _velocity_peaks(x: np.ndarray, fs: float) -> np.ndarray:
    """Sample indices of the beats: peaks of the spatial velocity of :func:`check_band`."""
    y = check_band(x, fs)
    v = np.sqrt((np.diff(y, axis=1) ** 2).sum(0))
    peaks, _ = ss.find_peaks(v, distance=max(1, int(0.25 * fs)), height=0.4 * np.percentile(v, 99))
    return peaks


def tempo(signals: np.ndarray, fs: float) -> tuple[float, float] | None:
    """(heart rate in bpm, spectral edge of the median beat in Hz) at the stated rate ``fs``,
    or None when the record holds fewer than :data:`MIN_BEATS` whole beats."""
    x = np.asarray(signals, dtype=float)[:, : int(SECONDS * fs)]
    if x.shape[1] < max(64, int(2 * fs)) or not np.isfinite(x).all():
        return None
    x = x - np.median(x, axis=1, keepdims=True)
    peaks = _velocity_peaks(x, fs)
    before, after = int(0.25 * fs), int(0.45 * fs)
    whole = [k for k in peaks if k >= before and k + after < x.shape[1]]
    if len(whole) < MIN_BEATS or len(peaks) < 2:
        return None
    beat = np.median(np.stack([x[:, k - before : k + after] for k in whole]), axis=0)
    beat = beat - beat.mean(axis=1, keepdims=True)
    freq = np.fft.rfftfreq(4096, 1 / fs)
    power = (np.abs(np.fft.rfft(beat * np.hanning(beat.shape[1]), 4096, axis=1)) ** 2).sum(0)
    keep = (freq >= 0.7) & (freq <= 150.0)
    freq, power = freq[keep], power[keep]
    if not power.sum() > 0:
        return None
    edge = float(freq[np.searchsorted(np.cumsum(power) / power.sum(), 0.9)])
    return float(60 * fs / np.median(np.diff(peaks))), edge


def rate_doubt(signals: np.ndarray, fs: float) -> str | None:
    """Words on a sampling rate the beats disagree with, or None when they agree."""
    found = tempo(signals, fs)
    if found is None:
        return None
    hr, edge = found
    product = hr * edge
    if TEMPO_BOUNDS[0] <= product <= TEMPO_BOUNDS[1]:
        return None
    guess = fs / np.sqrt(product / TEMPO_TYPICAL)
    return (
        f"its beats look sampled at about {guess:.0f} Hz, not the {fs:g} Hz stated (heart rate "
        f"{hr:.0f} bpm × spectral edge {edge:.0f} Hz = {product:.0f}, expected "
        f"{TEMPO_BOUNDS[0]:g}–{TEMPO_BOUNDS[1]:g}); check the sampling rate"
    )
