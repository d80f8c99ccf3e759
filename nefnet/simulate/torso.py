"""Volume conductor: an ellipsoidal torso around an offset heart, electrodes on its surface,
and the lead field of several dipole sources by the full dipole formula (NEF-NET v2 Eq. 4):

    V(r) = k · Σ_s p_s · (r − r_s) / |r − r_s|³

Lengths in cm, papers' axes (x anterior, y left, z superior), origin at the torso centre.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..geometry import angles_from_vector, unit_vector
from ..views import ANGLES, PANOBENCH_42, PRECORDIAL

#: nominal torso semi-axes (AP depth, LR width, SI height), cm
TORSO_AXES = np.array([10.0, 16.0, 25.0])
#: nominal heart centre: anterior, left and above the torso centre, cm
HEART_CENTRE = np.array([3.0, 1.5, 3.0])
#: limb electrodes (RA, LA, LL): 13 cm from the heart along the aVR, aVL, aVF directions
LIMB_DISTANCE = 13.0
#: conductivity/scale constant: makes the normal subject's V5 R wave ≈ 1.5 mV
FIELD_GAIN = 95.0
#: chest electrodes simulated: V1–V6 and the 42 Panobench views
CHEST = tuple(PRECORDIAL) + tuple(PANOBENCH_42)
#: source positions relative to the heart centre (heart frame), cm
SOURCE_OFFSETS = {
    "atria": (-2.0, -0.5, 2.5),
    "septum": (0.5, 0.0, 0.0),
    "left ventricle": (-0.5, 2.0, -1.0),
    "right ventricle": (1.5, -1.5, -0.5),
    "repolarisation": (-1.5, 2.0, -1.0),
}
SOURCES = tuple(SOURCE_OFFSETS)


def ray_to_surface(origin, direction, axes):
    """Distance along unit ``direction`` (N, 3) from interior ``origin`` to the ellipsoid."""
    u = np.atleast_2d(direction) / axes
    h = np.asarray(origin, dtype=float) / axes
    a = (u**2).sum(-1)
    b = 2 * (u * h).sum(-1)
    c = (h**2).sum() - 1.0
    if c >= 0:
        raise ValueError("the heart centre lies outside the torso")
    return (-b + np.sqrt(b * b - 4 * a * c)) / (2 * a)


def rotation(angles_rad) -> np.ndarray:
    """Rotation matrix from small angles about x, y, z (applied in that order)."""
    ax, ay, az = angles_rad
    rx = np.array([[1, 0, 0], [0, np.cos(ax), -np.sin(ax)], [0, np.sin(ax), np.cos(ax)]])
    ry = np.array([[np.cos(ay), 0, np.sin(ay)], [0, 1, 0], [-np.sin(ay), 0, np.cos(ay)]])
    rz = np.array([[np.cos(az), -np.sin(az), 0], [np.sin(az), np.cos(az), 0], [0, 0, 1]])
    return rz @ ry @ rx


@dataclass
class Anatomy:
    """One subject: torso scale, heart position and orientation."""

    torso_scale: np.ndarray = field(default_factory=lambda: np.ones(3))
    heart_offset: np.ndarray = field(default_factory=lambda: np.zeros(3))
    heart_rotation: np.ndarray = field(default_factory=lambda: np.eye(3))

    @property
    def axes(self):
        return TORSO_AXES * self.torso_scale

    @property
    def heart(self):
        return HEART_CENTRE * self.torso_scale + self.heart_offset

    def source_positions(self) -> np.ndarray:
        offsets = np.array([SOURCE_OFFSETS[s] for s in SOURCES])
        return self.heart + offsets @ self.heart_rotation.T

    def limb_electrodes(self) -> np.ndarray:
        """RA, LA, LL positions: fixed anatomical sites that scale with the torso."""
        dirs = unit_vector(np.radians([60.0, 60.0, 180.0]), np.radians([-90.0, 90.0, 90.0]))
        return (HEART_CENTRE + LIMB_DISTANCE * dirs) * self.torso_scale

    def chest_electrodes(self, names=CHEST, displacement_deg=None) -> np.ndarray:
        """Electrode positions: placed at the nominal (θ, φ) (+ an exam's displacement) on the
        nominal torso, then carried with the subject's torso scaling (same landmarks)."""
        ang = np.radians(np.array([ANGLES[n] for n in names], dtype=float))
        if displacement_deg is not None:
            ang = ang + np.radians(displacement_deg)
            ang[:, 0] = np.clip(ang[:, 0], 0.0, np.pi)
        dirs = unit_vector(ang[:, 0], (ang[:, 1] + np.pi) % (2 * np.pi) - np.pi)
        dist = ray_to_surface(HEART_CENTRE, dirs, TORSO_AXES)
        return (HEART_CENTRE + dist[:, None] * dirs) * self.torso_scale

    def electrode_at(self, theta, phi) -> np.ndarray:
        """Virtual electrodes on this subject's torso in directions (θ, φ) from its heart."""
        dirs = np.atleast_2d(unit_vector(np.atleast_1d(theta), np.atleast_1d(phi)))
        return self.heart + ray_to_surface(self.heart, dirs, self.axes)[:, None] * dirs

    def true_angles(self, electrodes) -> np.ndarray:
        """(θ, φ) radians of electrodes as seen from this subject's heart centre."""
        theta, phi = angles_from_vector(np.asarray(electrodes) - self.heart)
        return np.stack([theta, phi], axis=-1)

    def lead_field(self, electrodes) -> np.ndarray:
        """(E, S, 3): potential at each electrode per unit dipole of each source (heart frame)."""
        diff = np.asarray(electrodes)[:, None, :] - self.source_positions()[None]  # (E, S, 3)
        field_ = FIELD_GAIN * diff / (np.linalg.norm(diff, axis=-1, keepdims=True) ** 3)
        return field_ @ self.heart_rotation  # heart-frame dipoles are rotated into the body


def random_anatomy(
    rng: np.random.Generator,
    angle_spread_deg: float = 10.0,
    rotation_deg: float = 8.0,
    scale_sd: float = 0.06,
) -> Anatomy:
    """A random subject. The heart offset's SD (cm) is chosen so that chest electrodes'
    true angles deviate from the nominal table by about ``angle_spread_deg`` (RMS)."""
    offset_sd = np.radians(angle_spread_deg) * 8.2  # calibrated: RMS deviation ≈ spread
    return Anatomy(
        torso_scale=1.0 + rng.normal(0, scale_sd, 3),
        heart_offset=rng.normal(0, offset_sd, 3),
        heart_rotation=rotation(np.radians(rng.normal(0, rotation_deg, 3))),
    )
