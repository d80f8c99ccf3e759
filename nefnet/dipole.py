"""The single fixed-dipole model (NEF-NET v2 Eq. 5): V_i(t) ≈ p(t) · r̂_i.

:func:`fit_dipole` estimates p(t) by least squares from ≥ 3 recorded leads whose lead vectors
span 3-D space; :func:`project` gives the signal seen from any (θ, φ).
"""

from __future__ import annotations

import numpy as np

from .geometry import lead_vectors, unit_vector

#: a lead set whose smallest/largest singular value is below this is treated as rank-deficient
RANK_TOL = 1e-6


class RankDeficientLeadSet(ValueError):
    """The recorded leads' directions do not span 3-D space, so p(t) is not identifiable."""


def conditioning(vectors) -> dict:
    """Singular values, rank and condition number of a (L, 3) lead-vector matrix."""
    vectors = np.asarray(vectors, dtype=float)
    sv = np.linalg.svd(vectors, compute_uv=False)
    ratio = sv[-1] / sv[0] if sv[0] > 0 else 0.0
    rank = int(np.sum(sv > RANK_TOL * max(sv[0], 1e-300)))
    cond = float("inf") if rank < 3 else float(sv[0] / sv[-1])
    return {"singular_values": sv, "rank": rank, "condition_number": cond, "ratio": ratio}


def _null_direction(vectors):
    _, _, vt = np.linalg.svd(np.asarray(vectors, dtype=float))
    return vt[-1]


#: above this condition number a recorded lead set is ill-conditioned: noise along its weakest
#: direction is amplified that many times
ILL_CONDITIONED = 30.0


def _refuse_rank_deficient(vec, names=None):
    info = conditioning(vec)
    if info["rank"] >= 3:
        return info
    null = _null_direction(vec)
    label = names if names is not None else f"{vec.shape[0]} given vectors"
    hint = "a lead with a component along that direction"
    if names is not None:
        from .views import LEADS_12

        others = [n for n in LEADS_12 if n not in names]
        if others:
            best = max(others, key=lambda n: abs(lead_vectors([n])[0] @ null))
            hint = f"a lead along it, e.g. {best}"
    raise RankDeficientLeadSet(
        f"lead set {label} has rank {info['rank']} < 3: their directions are coplanar (or "
        f"fewer than 3), so the heart's dipole along {(np.round(null, 2) + 0.0).tolist()} (x ant, "
        f"y left, z sup) is unobserved; add {hint}"
    )


def check_lead_set(leads) -> dict:
    """Refuse a recorded lead set that cannot determine the heart's dipole (rank < 3: one
    direction unobserved, with a lead that would fix it); return its :func:`conditioning`,
    with ``ill_conditioned`` True above :data:`ILL_CONDITIONED`."""
    info = _refuse_rank_deficient(lead_vectors(leads), list(leads))
    return info | {"ill_conditioned": info["condition_number"] > ILL_CONDITIONED}


def fit_dipole(signals, leads=None, vectors=None):
    """Least-squares dipole p(t) from recorded leads.

    Parameters
    ----------
    signals : array (..., L, T)
        Recorded leads (mV).
    leads : sequence of L lead names, optional
        Named views; their Einthoven-consistent lead vectors are used.
    vectors : array (L, 3), optional
        Explicit lead vectors instead of names.

    Returns
    -------
    array (..., 3, T): the dipole in the papers' axes (x anterior, y left, z superior).
    Raises :class:`RankDeficientLeadSet` when the lead vectors do not span 3-D space.
    """
    if (leads is None) == (vectors is None):
        raise ValueError("give exactly one of `leads` or `vectors`")
    vec = lead_vectors(leads) if vectors is None else np.asarray(vectors, dtype=float)
    signals = np.asarray(signals, dtype=float)
    if vec.ndim != 2 or vec.shape[1] != 3:
        raise ValueError(f"lead vectors must have shape (L, 3), got {vec.shape}")
    if signals.shape[-2] != vec.shape[0]:
        raise ValueError(f"signals have {signals.shape[-2]} leads but {vec.shape[0]} lead vectors")
    if not np.all(np.isfinite(signals)):
        raise ValueError("signals contain NaN or inf; clean or drop those samples first")
    _refuse_rank_deficient(vec, list(leads) if leads is not None else None)
    pinv = np.linalg.pinv(vec)  # (3, L)
    return np.einsum("kl,...lt->...kt", pinv, signals)


def project(dipole, theta=None, phi=None, vectors=None):
    """Signals seen by views at (θ, φ) radians (or explicit lead vectors) from a dipole.

    ``dipole`` is (..., 3, T); returns (..., V, T).
    """
    if vectors is None:
        vectors = np.atleast_2d(unit_vector(np.atleast_1d(theta), np.atleast_1d(phi)))
    vectors = np.asarray(vectors, dtype=float)
    return np.einsum("vk,...kt->...vt", vectors, np.asarray(dipole, dtype=float))


def synthesize(signals, leads_in, leads_out):
    """Dipole-LSQ view transformation between named leads (the geometry-only baseline)."""
    dipole = fit_dipole(signals, leads=leads_in)
    return project(dipole, vectors=lead_vectors(leads_out))
