"""Whether a record's precordial leads look swapped or inverted, from the dipole fit.

One heart vector per sample, fitted from I, II and V1–V6 with the nominal lead directions,
explains a record only in part (the real sample records keep 36–76 % of their power in the
residual: torsos and electrodes differ). But a swapped or inverted precordial lead breaks the
fit further, and undoing it repairs it: :func:`precordial_doubt` tries each single inversion
and each swap of two precordial leads, and speaks when one lowers the residual by more than
:data:`IMPROVEMENT_MIN` times.

Measured on the real samples (chapter 10 shows the table): no undo improves one of the 57
sample records by more than 1.25×, nor one of the 250 real single beats (healthy, LBBB, RBBB) by
more than 1.60×, so :data:`IMPROVEMENT_MIN` is 1.7. On damaged copies of the records it catches
about a third of the inverted precordial leads, a fifth of the swaps of leads three positions
apart, and almost none of the swaps of neighbours (V1↔V2, V2↔V3), whose lead directions are
too close for a nominal geometry to tell apart: a doubt worth a warning, not a test to rely on.
"""

from __future__ import annotations

import itertools

import numpy as np

from ..geometry import lead_vectors
from ..views import PRECORDIAL
from .rate_check import check_band

#: the leads the fit uses (the eight independent ones)
FIT_LEADS = ("I", "II", *PRECORDIAL)
#: how many times lower the residual must fall when one lead is undone
IMPROVEMENT_MIN = 1.7
SECONDS = 10.0


def _residual(leave: np.ndarray, gram: np.ndarray, undo: np.ndarray) -> float:
    """The fit's relative residual once ``undo`` (a signed permutation of the leads) is applied:
    trace((I − P) U G Uᵀ) / trace(G), with G the leads' Gram matrix and P the projector onto
    the nominal lead vectors — 8 × 8 products, whatever the record's length."""
    total = np.trace(gram)
    if total <= 0:
        return 0.0
    return float(np.sqrt(max(np.trace(leave @ undo @ gram @ undo.T), 0.0) / total))


def _undos():
    """(words, signed permutation matrix) for each inverted and each swapped precordial lead."""
    n, first = len(FIT_LEADS), len(FIT_LEADS) - len(PRECORDIAL)
    for k in range(first, n):
        u = np.eye(n)
        u[k, k] = -1
        yield f"lead {FIT_LEADS[k]} looks inverted", u
    for i, j in itertools.combinations(range(first, n), 2):
        yield (
            f"leads {FIT_LEADS[i]} and {FIT_LEADS[j]} look swapped",
            np.eye(n)[[j if k == i else i if k == j else k for k in range(n)]],
        )


def best_undo(signals: np.ndarray, leads, fs: float) -> tuple[str, float, float] | None:
    """(words, residual as recorded, residual undone) for the undo that fits best, or None
    when the record lacks one of :data:`FIT_LEADS` or is shorter than a second."""
    leads = list(leads)
    if any(n not in leads for n in FIT_LEADS) or signals.shape[1] < fs:
        return None
    x = np.stack([signals[leads.index(n), : int(SECONDS * fs)] for n in FIT_LEADS])
    if not np.isfinite(x).all():
        return None
    x = check_band(x, fs)
    vectors = lead_vectors(FIT_LEADS)
    leave = np.eye(len(FIT_LEADS)) - vectors @ np.linalg.pinv(vectors)
    gram = x @ x.T
    before = _residual(leave, gram, np.eye(len(FIT_LEADS)))
    after, words = min((_residual(leave, gram, u), w) for w, u in _undos())
    return words, before, after


def precordial_doubt(signals: np.ndarray, leads, fs: float) -> tuple[str, str] | None:
    """(the lead it names, words) when undoing one precordial lead repairs the fit."""
    found = best_undo(signals, leads, fs)
    if found is None:
        return None
    words, before, after = found
    if after <= 0 or before / after <= IMPROVEMENT_MIN:
        return None
    lead = words.split()[1]
    return lead, (
        f"the dipole fit's residual falls from {before:.0%} to {after:.0%} if undone "
        f"(expected < {IMPROVEMENT_MIN:g}× lower); {words}"
    )
