"""Recording-device profiles standing in for the papers' four datasets (and Panobench).

Each device samples at its own rate, band-limits with its own high/low-pass filters, has a gain
error, an ADC resolution and a noise floor — the shift Device Calibration has to correct.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .. import signal as sig


@dataclass(frozen=True)
class Device:
    name: str
    sampling_rate: float  # Hz
    highpass: float  # Hz (0 = none)
    lowpass: float  # Hz
    gain: float  # multiplicative gain error
    adc_uv: float  # ADC resolution, µV per count
    noise_uv: float  # white noise floor, µV RMS
    powerline: float  # mains frequency of the site, Hz
    stands_for: str


DEVICES = {
    d.name: d
    for d in (
        Device("sim-ptbxl", 500, 0.05, 150, 1.00, 1.0, 8.0, 50, "PTB-XL (Schiller, Germany)"),
        Device("sim-cpsc", 500, 0.5, 100, 1.04, 4.88, 12.0, 50, "CPSC2018 (China)"),
        Device("sim-tianchi", 500, 0.5, 40, 0.95, 4.88, 15.0, 50, "Tianchi (China)"),
        Device("sim-chinadb", 500, 0.05, 100, 1.08, 2.5, 10.0, 50, "ChinaDB / Chapman"),
        Device("sim-panobench", 250, 0.5, 100, 1.00, 1.0, 10.0, 50, "Panobench (48 views)"),
    )
}
DEFAULT_DEVICE = "sim-ptbxl"


def get_device(name: str) -> Device:
    if name not in DEVICES:
        raise ValueError(f"unknown device {name!r}; expected one of {sorted(DEVICES)}")
    return DEVICES[name]


def response(signals, device: Device):
    """The device's deterministic part: gain error and its band-pass filters (…, T)."""
    x = device.gain * np.asarray(signals, dtype=float)
    if device.highpass > 0:
        x = sig.highpass(x, device.sampling_rate, device.highpass, order=1)
    return sig.lowpass(x, device.sampling_rate, device.lowpass, order=2)


def digitise(signals, device: Device, rng: np.random.Generator):
    """The device's random part: its white noise floor (amplifier/ADC) and quantisation."""
    floor = rng.normal(0.0, device.noise_uv / 1000.0, size=np.shape(signals))
    step = device.adc_uv / 1000.0
    return np.round((np.asarray(signals) + floor) / step) * step
