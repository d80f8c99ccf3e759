"""Viewing geometry: (θ, φ) ↔ unit vectors, lead vectors, axes and limb-lead identities.

Axes are the papers' (NEF-NET v2 Appendix B, code angle table): **x anterior, y patient's
left, z superior** (right-handed). θ is the polar angle from +z (superior), φ the azimuth
from +x (anterior) towards +y (left)::

    u(θ, φ) = (sin θ cos φ, sin θ sin φ, cos θ)

The Frank/AHA vectorcardiogram frame is X left, Y inferior, Z posterior, so
``x = -Z, y = X, z = -Y``.
"""

from __future__ import annotations

import numpy as np

from .views import ANGLES, ANGLES_12, canonical_lead, virtual_angles

#: rows map Frank (X, Y, Z) to the papers' (x, y, z): v_nef = FRANK_TO_NEF @ v_frank
FRANK_TO_NEF = np.array([[0.0, 0.0, -1.0], [1.0, 0.0, 0.0], [0.0, -1.0, 0.0]])
NEF_TO_FRANK = FRANK_TO_NEF.T

#: Einthoven/Goldberger gains of the derived limb leads relative to a unit view vector
AUGMENTED_GAIN = np.sqrt(3.0) / 2.0


def check_angles(theta, phi):
    """Validate angles in radians: θ ∈ [0, π], φ ∈ [−π, π]. Returns float arrays."""
    theta = np.asarray(theta, dtype=float)
    phi = np.asarray(phi, dtype=float)
    if not (np.all(np.isfinite(theta)) and np.all(np.isfinite(phi))):
        raise ValueError("angles must be finite numbers (got NaN or inf)")
    tol = 1e-9
    if np.any(theta < -tol) or np.any(theta > np.pi + tol):
        raise ValueError(
            f"θ out of range: got {np.degrees(theta).round(2).tolist()}°, "
            "expected 0° ≤ θ ≤ 180° (0° = superior)"
        )
    if np.any(phi < -np.pi - tol) or np.any(phi > np.pi + tol):
        raise ValueError(
            f"φ out of range: got {np.degrees(phi).round(2).tolist()}°, "
            "expected −180° ≤ φ ≤ 180° (0° = anterior, +90° = patient's left)"
        )
    return theta, phi


def unit_vector(theta, phi):
    """Unit vector(s) of the view(s) at (θ, φ) in radians → array (..., 3)."""
    theta, phi = check_angles(theta, phi)
    st = np.sin(theta)
    return np.stack([st * np.cos(phi), st * np.sin(phi), np.cos(theta)], axis=-1)


def angles_from_vector(vec):
    """Inverse of :func:`unit_vector`: (..., 3) → (θ, φ) in radians (any length > 0)."""
    vec = np.asarray(vec, dtype=float)
    norm = np.linalg.norm(vec, axis=-1)
    if np.any(norm == 0):
        raise ValueError("cannot take the direction of a zero vector")
    theta = np.arccos(np.clip(vec[..., 2] / norm, -1.0, 1.0))
    phi = np.arctan2(vec[..., 1], vec[..., 0])
    return theta, phi


def angle_between(a, b):
    """Great-circle angle (degrees) between view directions a, b (…, 2) radians."""
    ua, ub = (
        unit_vector(*np.moveaxis(np.asarray(a), -1, 0)),
        unit_vector(*np.moveaxis(np.asarray(b), -1, 0)),
    )  # (…, 3)
    cos = np.clip(np.sum(ua * ub, axis=-1), -1.0, 1.0)
    return np.degrees(np.arccos(cos))


def view_angles(leads) -> np.ndarray:
    """(θ, φ) in radians for named views (standard leads or ``view-N``) → (L, 2)."""
    names = [canonical_lead(n) for n in leads]
    angles = {n: ANGLES.get(n) or virtual_angles(n) for n in names}
    missing = [n for n, a in angles.items() if a is None]
    if missing:
        raise ValueError(
            f"no angle is defined for {missing}; views with angles: "
            "the 12 standard leads, view-1..view-42 and virtual views tθpφ"
        )
    return np.radians(np.array([angles[n] for n in names], dtype=float))


def lead_vectors(leads, einthoven: bool = True) -> np.ndarray:
    """Lead vectors (L, 3) for named views.

    With ``einthoven=True`` the augmented leads aVR, aVL, aVF get length √3/2, so that the
    vectors obey Goldberger's relations with the unit vectors of I and II exactly (the way
    recorded augmented leads are computed). Otherwise every view is a unit vector.
    """
    names = [canonical_lead(n) for n in leads]
    ang = view_angles(names)
    vec = unit_vector(ang[:, 0], ang[:, 1])
    if einthoven:
        gain = np.array([AUGMENTED_GAIN if n in ("aVR", "aVL", "aVF") else 1.0 for n in names])
        vec = vec * gain[:, None]
    return vec


def derive_limb_leads(lead_i, lead_ii) -> dict:
    """Einthoven and Goldberger: III, aVR, aVL, aVF from I and II (any array shapes)."""
    lead_i = np.asarray(lead_i)
    lead_ii = np.asarray(lead_ii)
    return {
        "III": lead_ii - lead_i,
        "aVR": -(lead_i + lead_ii) / 2.0,
        "aVL": lead_i - lead_ii / 2.0,
        "aVF": lead_ii - lead_i / 2.0,
    }


def limb_leads_from_electrodes(ra, la, ll) -> dict:
    """The six limb leads from electrode potentials RA, LA, LL (same shape each)."""
    ra, la, ll = (np.asarray(v) for v in (ra, la, ll))
    return {
        "I": la - ra,
        "II": ll - ra,
        "III": ll - la,
        "aVR": ra - (la + ll) / 2.0,
        "aVL": la - (ra + ll) / 2.0,
        "aVF": ll - (ra + la) / 2.0,
    }


def wilson_central_terminal(ra, la, ll):
    """Wilson central terminal V_WCT = (RA + LA + LL) / 3 (NEF-NET v2 Eq. 3)."""
    return (np.asarray(ra) + np.asarray(la) + np.asarray(ll)) / 3.0


def frontal_angle(vec) -> np.ndarray:
    """Hexaxial frontal-plane angle in degrees (0° = patient's left, +90° = inferior)."""
    vec = np.asarray(vec, dtype=float)
    return np.degrees(np.arctan2(-vec[..., 2], vec[..., 1]))


def hexaxial_table():
    """Frontal angle of each limb lead from the angle table next to the textbook value."""
    expected = {"I": 0.0, "II": 60.0, "III": 120.0, "aVR": -150.0, "aVL": -30.0, "aVF": 90.0}
    rows = []
    for name, want in expected.items():
        vec = lead_vectors([name])[0]
        rows.append(
            {
                "lead": name,
                "theta_deg": ANGLES_12[name][0],
                "phi_deg": ANGLES_12[name][1],
                "frontal_deg": round(float(frontal_angle(vec)), 6),
                "hexaxial_deg": want,
                "anterior_component": round(float(vec[0]), 12),
            }
        )
    return rows


def identity_residuals() -> dict:
    """Largest |residual| of Einthoven/Goldberger relations between the table's lead vectors
    (augmented leads at √3/2 length); all should be ~1e-16."""
    names = ("I", "II", "III", "aVR", "aVL", "aVF")
    vec = dict(zip(names, lead_vectors(names)))
    derived = derive_limb_leads(vec["I"], vec["II"])
    out = {f"{k} = f(I, II)": float(np.abs(vec[k] - v).max()) for k, v in derived.items()}
    out["aVR + aVL + aVF = 0"] = float(np.abs(vec["aVR"] + vec["aVL"] + vec["aVF"]).max())
    out["I + III = II"] = float(np.abs(vec["I"] + vec["III"] - vec["II"]).max())
    return out
