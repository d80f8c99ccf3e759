"""ECG noise at a requested SNR, with the MIT-BIH Noise Stress Test definition:

    SNR = 10·log10(S / N),  S = (peak-to-peak QRS amplitude)² / 8,  N = mean per-second noise
    power (RMS² about each 1-s chunk's mean).

Noise types: powerline (50/60 Hz), baseline wander (respiration 0.15–0.3 Hz + drift), EMG
(broadband muscle bursts), electrode motion (slow transients and steps).

:func:`add_noise` adds noise to each lead on its own. A simulated recording uses
:func:`electrode_noise` instead: the noise acts on the electrode potentials, so every lead formed
from them (limb leads, Wilson's terminal, unipolar views) stays consistent, as in a real device.
"""

from __future__ import annotations

import numpy as np
from scipy.ndimage import gaussian_filter1d

NOISE_TYPES = ("powerline", "baseline", "emg", "motion")


def signal_power(clean, sampling_rate, r_peaks):
    """NST signal power per lead: (mean peak-to-peak within ±50 ms of each R)² / 8 → (L,)."""
    half = int(0.05 * sampling_rate)
    r = [p for p in np.asarray(r_peaks) if half <= p < clean.shape[-1] - half]
    if not r:
        raise ValueError("no complete QRS window to measure the signal amplitude")
    win = np.stack([clean[..., p - half : p + half] for p in r])  # (B, L, W)
    ptp = np.ptp(win, axis=-1)
    lo, hi = np.percentile(ptp, [5, 95], axis=0)  # middle 90 % as in nst
    ptp = np.where((ptp >= lo) & (ptp <= hi), ptp, np.nan)
    return np.nanmean(ptp, axis=0) ** 2 / 8.0


def noise_power(noise, sampling_rate):
    """NST noise power per lead: mean over 1-s chunks of the RMS² about the chunk mean."""
    n = int(sampling_rate)
    chunks = noise.shape[-1] // n
    if chunks == 0:
        return noise.var(axis=-1)
    x = noise[..., : chunks * n].reshape(noise.shape[:-1] + (chunks, n))
    return x.var(axis=-1).mean(axis=-1)


def make_noise(kind, shape, sampling_rate, rng, powerline_hz=50.0):
    """Unit-scale noise of one type, shape (L, T)."""
    n_leads, n = shape
    t = np.arange(n) / sampling_rate
    if kind == "powerline":
        f = powerline_hz + rng.normal(0, 0.1)
        return np.sin(2 * np.pi * f * t + rng.uniform(0, 2 * np.pi, (n_leads, 1)))
    if kind == "baseline":
        f = rng.uniform(0.15, 0.3, (n_leads, 1))
        drift = gaussian_filter1d(rng.normal(size=shape).cumsum(-1), 2 * sampling_rate, axis=-1)
        drift = drift / (np.abs(drift).max(-1, keepdims=True) + 1e-12)
        return np.sin(2 * np.pi * f * t + rng.uniform(0, 6.3, (n_leads, 1))) + 0.5 * drift
    if kind == "emg":
        bursts = gaussian_filter1d(
            (rng.uniform(size=shape) < 2.0 / sampling_rate).astype(float),
            0.15 * sampling_rate,
            axis=-1,
        )
        envelope = 0.3 + bursts / (bursts.max() + 1e-12)
        return envelope * rng.normal(size=shape)
    if kind == "motion":
        steps = (rng.uniform(size=shape) < 0.4 / sampling_rate) * rng.normal(size=shape)
        return (
            gaussian_filter1d(steps.cumsum(-1), 0.08 * sampling_rate, axis=-1)
            + gaussian_filter1d(rng.normal(size=shape), 0.05 * sampling_rate, axis=-1) * 5
        )
    raise ValueError(f"unknown noise type {kind!r}; expected one of {NOISE_TYPES}")


def add_noise(clean, sampling_rate, r_peaks, snr_db: dict, rng, powerline_hz=50.0):
    """``clean`` (L, T) plus each requested noise type at its SNR (dB) → (noisy, added noise)."""
    unknown = sorted(set(snr_db) - set(NOISE_TYPES))
    if unknown:
        raise ValueError(f"unknown noise type(s) {unknown}; expected some of {NOISE_TYPES}")
    s_power = signal_power(clean, sampling_rate, r_peaks)[:, None]
    total = np.zeros_like(clean)
    for kind, snr in snr_db.items():
        noise = make_noise(kind, clean.shape, sampling_rate, rng, powerline_hz)
        gain = np.sqrt(
            s_power / (noise_power(noise, sampling_rate)[:, None] * 10.0 ** (snr / 10.0))
        )
        total += gain * noise
    return clean + total, total


def electrode_noise(
    leads_of,
    potentials,
    clean,
    sampling_rate,
    r_peaks,
    snr_db: dict,
    rng,
    powerline_hz=50.0,
    scored=slice(0, 12),
):
    """Noise on the electrode ``potentials`` (E, T), scaled so that the leads the map
    ``leads_of`` forms from them (linear: potentials → (L, T)) have the requested SNR (dB) in the
    median of the ``scored`` leads of ``clean`` (L, T). Returns the noise (E, T)."""
    unknown = sorted(set(snr_db) - set(NOISE_TYPES))
    if unknown:
        raise ValueError(f"unknown noise type(s) {unknown}; expected some of {NOISE_TYPES}")
    s_power = signal_power(clean[scored], sampling_rate, r_peaks)
    total = np.zeros_like(potentials)
    for kind, snr in snr_db.items():
        unit = make_noise(kind, potentials.shape, sampling_rate, rng, powerline_hz)
        n_power = noise_power(leads_of(unit)[scored], sampling_rate)
        total += np.median(np.sqrt(s_power / (n_power * 10.0 ** (snr / 10.0)))) * unit
    return total
