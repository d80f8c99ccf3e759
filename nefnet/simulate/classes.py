"""The nine CPSC2018 rhythm/morphology classes as dipole-kernel recipes.

Each recipe returns beat templates — ``{0: kernels of ordinary beats, 1: kernels of ectopic
beats}`` — plus a rhythm name for :mod:`.rhythm`. Bundle-branch-block recipes follow
reference/baselines_metrics_simulator.md §3.3 (Frank frame, phase units at 60 bpm).
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from .gaussians import Kernel, frank_kernel, normal_kernels

CLASSES = ("Normal", "AF", "I-AVB", "LBBB", "RBBB", "PAC", "PVC", "STD", "STE")

_LBBB_QRS = [
    ("X", -0.25, 0.25, 0.06),
    ("X", -0.05, 1.0, 0.08),
    ("X", 0.20, 1.0, 0.08),
    ("Z", -0.20, 0.25, 0.06),
    ("Z", 0.05, 0.9, 0.10),
    ("Z", 0.30, 0.5, 0.08),
    ("Y", -0.05, 0.10, 0.08),
    ("Y", 0.20, -0.30, 0.08),  # late forces superior: LBBB shifts the QRS axis leftward
]
_LBBB_T = [
    ("X", 1.3, -0.25, 0.5),
    ("X", 1.6, -0.30, 0.25),
    ("Y", 1.4, -0.10, 0.4),
    ("Z", 1.3, -0.25, 0.5),
    ("Z", 1.55, -0.35, 0.2),
]
#: LBBB's slow, unopposed left-ventricular activation gives high QRS voltage (deep QS in V1,
#: tall broad R in V6): its reference kernels are scaled by this
LBBB_QRS_GAIN = 2.2
#: phase (rad at 60 bpm) before which a QRS kernel is septal activation (−20 ms)
_SEPTAL_PHASE = -0.125
#: RBBB's late right-ventricular forces, rightward and anterior; the rightward part is 1.2 rather
#: than the reference's 0.7 so the terminal S in I and V6 survives the spread of heart rotation
_RBBB_TERMINAL = [("X", 0.36, -1.2, 0.10), ("Z", 0.36, -1.1, 0.10)]
_PVC = [
    ("X", -0.02, 1.1, 0.11),
    ("Z", 0.10, 0.9, 0.12),
    ("Y", 0.05, -0.45, 0.12),
    ("X", 1.25, -0.35, 0.35),
    ("Z", 1.25, -0.30, 0.35),
    ("Y", 1.3, 0.1, 0.35),
]
#: ST-segment injury currents, papers' frame (x ant, y left, z sup), mV
_ST_VECTOR = {"STD": (-0.09, -0.06, 0.06), "STE": (0.16, 0.05, -0.10)}


def _waves(kernels, keep):
    return [k for k in kernels if k.wave in keep]


def _frank(rows, source=None):
    return [frank_kernel(*row, source=source) for row in rows]


def _shift(kernels, seconds):
    return [replace(k, centre=k.centre + seconds) for k in kernels]


def recipe(label: str, rng: np.random.Generator):
    """``(templates, rhythm)`` for a class label; ``rng`` draws the class's own variability."""
    base = normal_kernels()
    if label == "Normal":
        return {0: base}, "sinus"
    if label == "AF":
        return {0: _waves(base, ("QRS", "T"))}, "af"
    if label == "I-AVB":  # PR prolonged by 100-160 ms: PR > 200 ms
        return {
            0: _shift(_waves(base, ("P",)), -rng.uniform(0.10, 0.16)) + _waves(base, ("QRS", "T"))
        }, "sinus"
    if label == "LBBB":
        # the septum still activates first (right to left); then the whole left ventricle
        # activates slowly through its muscle: its late forces come from the LV, not the RV
        septal = [row for row in _LBBB_QRS if row[1] < _SEPTAL_PHASE]
        late = [row for row in _LBBB_QRS if row[1] >= _SEPTAL_PHASE]
        qrs = [k.scaled(LBBB_QRS_GAIN) for k in _frank(septal) + _frank(late, "left ventricle")]
        return {0: _waves(base, ("P",)) + qrs + _frank(_LBBB_T)}, "sinus"
    if label == "RBBB":
        t_disc = [
            k.scaled(-1.0) if k.wave == "T" and abs(k.amplitude[0]) > 0 else k for k in base
        ]  # anterior T component flipped: T discordant to R′
        return {0: t_disc + _frank(_RBBB_TERMINAL)}, "sinus"
    if label == "PAC":  # ectopic atrial focus: inverted, earlier P
        ectopic = [k.scaled(-0.8) for k in _waves(base, ("P",))]
        return {0: base, 1: _shift(ectopic, 0.03) + _waves(base, ("QRS", "T"))}, "pac"
    if label == "PVC":
        return {0: base, 1: _frank(_PVC)}, "pvc"
    if label in _ST_VECTOR:
        scale = rng.uniform(0.8, 1.6)
        st = Kernel(tuple(scale * np.array(_ST_VECTOR[label])), 0.17, 0.06, "ST")
        return {0: base + [st]}, "sinus"
    raise ValueError(f"unknown class {label!r}; expected one of {CLASSES}")
