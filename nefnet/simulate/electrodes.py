"""Where the chest electrodes sit.

V1–V6 are placed as a technician places them, at anatomical landmarks on the torso surface: V1
and V2 in the 4th intercostal space at the right and left sternal borders, V4 in the 5th at the
midclavicular line, V3 midway between V2 and V4, V5 and V6 level with V4 on the anterior and
mid-axillary lines — each with a per-exam placement error. The nominal (θ, φ) table of the
papers is then what it is for real patients: an approximation of where these electrodes look
from, whose error On-the-fly Calibration is meant to absorb.

The 42 Panobench electrodes keep the directions Panobench measured on CT: they are placed along
their nominal (θ, φ) from the heart. Lengths in cm, papers' axes (x anterior, y left,
z superior), origin at the torso centre, on the nominal torso (a subject's torso scales them).
"""

from __future__ import annotations

import numpy as np

#: the sternal borders, cm either side of the midline
STERNAL_BORDER = 2.5
#: the left midclavicular line, cm left of the midline
MIDCLAVICULAR = 8.0
#: heights (z, cm) of the 4th and 5th intercostal spaces
ICS4, ICS5 = 5.0, 2.5
#: azimuths (elliptic parameter, degrees from anterior towards the left) of V5 and V6 on the
#: cross-section: the anterior and mid-axillary lines as placed (calibrated against the real
#: samples' V4–V6 correlations; V6 lies ~74° round from anterior, geometrically)
AXILLARY = {"V5": 46.0, "V6": 66.0}
PRECORDIAL = ("V1", "V2", "V3", "V4", "V5", "V6")


def _cross_section(z, axes):
    """Semi-axes (x, y) of the torso's horizontal cross-section at height ``z``."""
    k = np.sqrt(max(1.0 - (z / axes[2]) ** 2, 1e-6))
    return axes[0] * k, axes[1] * k


def at_width(y, z, axes) -> np.ndarray:
    """The anterior surface point ``y`` cm left of the midline at height ``z``."""
    a, b = _cross_section(z, axes)
    y = float(np.clip(y, -0.99 * b, 0.99 * b))
    return np.array([a * np.sqrt(1.0 - (y / b) ** 2), y, z])


def at_azimuth(azimuth_deg, z, axes) -> np.ndarray:
    """The surface point at ``azimuth_deg`` around the torso (0 anterior, 90 left) at ``z``."""
    a, b = _cross_section(z, axes)
    t = np.radians(azimuth_deg)
    return np.array([a * np.cos(t), b * np.sin(t), z])


def precordial(axes, error=None) -> np.ndarray:
    """V1–V6 positions (6, 3) on a torso with semi-axes ``axes``; ``error`` (6, 2) cm moves each
    electrode along the surface (sideways, up) — a technician's placement error."""
    e = np.zeros((6, 2)) if error is None else np.asarray(error, dtype=float)
    pos = {
        "V1": at_width(-STERNAL_BORDER + e[0, 0], ICS4 + e[0, 1], axes),
        "V2": at_width(STERNAL_BORDER + e[1, 0], ICS4 + e[1, 1], axes),
        "V4": at_width(MIDCLAVICULAR + e[3, 0], ICS5 + e[3, 1], axes),
    }
    mid = (pos["V2"] + pos["V4"]) / 2  # V3 halfway between V2 and V4, then its own error
    pos["V3"] = at_width(mid[1] + e[2, 0], mid[2] + e[2, 1], axes)
    for k, name in ((4, "V5"), (5, "V6")):  # level with V4, on the axillary lines
        _, b = _cross_section(ICS5, axes)
        azimuth = AXILLARY[name] + np.degrees(e[k, 0] / b)
        pos[name] = at_azimuth(azimuth, ICS5 + e[k, 1], axes)
    return np.array([pos[v] for v in PRECORDIAL])
