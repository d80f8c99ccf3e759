"""Dipole waveform building blocks: 3-D Gaussian kernels in time (Sameni et al. 2007 style).

The heart's dipole is a sum of Gaussian bumps, each with a 3-D amplitude vector (mV-scale, in
the papers' axes), a centre time relative to the beat's R peak and a width. Parameters are the
normal-adult set of Sameni et al. (2007; reference/baselines_metrics_simulator.md §2.2), given
there per Frank axis in phase units at 60 bpm (1 rad = 1/2π s) and converted here.

Each kernel is tagged with the wave it belongs to (``P``, ``QRS``, ``ST``, ``T``), which picks
the cardiac source that emits it and drives the wave boundaries.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from ..geometry import FRANK_TO_NEF

TWO_PI = 2.0 * np.pi

#: Sameni normal-adult set, Frank frame (X left, Y inferior, Z posterior): (θ rad, α, b rad)
SAMENI_NORMAL = {
    "X": [
        (-1.09, 0.03, 0.0906),
        (-0.83, 0.08, 0.1057),
        (-0.19, -0.13, 0.0453),
        (-0.07, 0.85, 0.0378),
        (0.0, 1.11, 0.0332),
        (0.06, 0.75, 0.0302),
        (0.22, 0.06, 0.0378),
        (1.2, 0.1, 0.6040),
        (1.42, 0.17, 0.3020),
        (1.68, 0.39, 0.1812),
    ],
    "Y": [
        (-1.1, 0.035, 0.07),
        (-0.9, 0.015, 0.07),
        (-0.76, -0.019, 0.04),
        (-0.11, 0.32, 0.055),
        (-0.01, 0.51, 0.037),
        (0.065, -0.32, 0.0604),
        (0.8, 0.04, 0.450),
        (1.58, 0.08, 0.3),
    ],
    "Z": [
        (-1.1, -0.03, 0.03),
        (-0.93, -0.14, 0.12),
        (-0.7, -0.035, 0.04),
        (-0.4, 0.045, 0.4),
        (-0.15, -0.4, 0.045),
        (0.095, 0.46, 0.05),
        (1.05, -0.12, 0.8),
        (1.25, -0.2, 0.4),
        (1.55, -0.35, 0.2),
    ],
}
_FRANK_AXIS = {"X": 0, "Y": 1, "Z": 2}


def wave_of(theta: float) -> str:
    """Which deflection a kernel at phase ``theta`` (rad, 60 bpm) belongs to."""
    if theta < -0.5:
        return "P"
    if theta < 0.5:
        return "QRS"
    return "T"


@dataclass(frozen=True)
class Kernel:
    """One Gaussian dipole kernel: amplitude vector (x ant, y left, z sup), centre and width in
    seconds relative to the R peak (at 60 bpm), its wave tag, and the cardiac source that emits
    it (``None``: chosen from the wave and the timing, see :func:`.sources.source_of`)."""

    amplitude: tuple
    centre: float
    width: float
    wave: str
    source: str | None = None

    def scaled(self, factor) -> Kernel:
        return replace(self, amplitude=tuple(factor * np.asarray(self.amplitude)))


def frank_kernel(axis: str, theta: float, alpha: float, b: float, wave=None, source=None):
    """A kernel given on one Frank axis in phase units, converted to the papers' frame."""
    vec = np.zeros(3)
    vec[_FRANK_AXIS[axis]] = alpha
    return Kernel(
        tuple(FRANK_TO_NEF @ vec), theta / TWO_PI, abs(b) / TWO_PI, wave or wave_of(theta), source
    )


#: P-wave gain: the atrial source sits farther from the limb electrodes than the ventricles, so
#: the Sameni P amplitudes are raised to give P ≈ 0.1–0.25 mV in lead II (measured in tests)
P_GAIN = 2.5


def normal_kernels() -> list:
    """The normal-adult kernels (27 Gaussians)."""
    kernels = [
        frank_kernel(axis, *params) for axis, rows in SAMENI_NORMAL.items() for params in rows
    ]
    return [k.scaled(P_GAIN) if k.wave == "P" else k for k in kernels]


def as_arrays(kernels):
    """Kernels → (amplitude (K, 3), centre (K,), width (K,), wave (K,) str)."""
    amp = np.array([k.amplitude for k in kernels], dtype=float)
    centre = np.array([k.centre for k in kernels], dtype=float)
    width = np.array([k.width for k in kernels], dtype=float)
    wave = np.array([k.wave for k in kernels])
    return amp, centre, width, wave
