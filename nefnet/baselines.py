"""Classical lead transforms and linear view-synthesis baselines.

Matrices (Frank frame: X left, Y inferior, Z posterior; mV in, mV out):

* forward Dower (Dower, Machado & Osborne 1980): VCG → 12 leads;
* inverse Dower (Edenbrandt & Pahlm 1988): 8 leads → VCG;
* Kors regression (Kors et al. 1990): 8 leads → VCG;
* Kors quasi-orthogonal (KQO): X = V6, Y = II, Z = −½·V2.

Linear baselines: dipole-LSQ lives in :mod:`nefnet.dipole`; population and per-record linear
regression are here.
"""

from __future__ import annotations

import numpy as np

from .views import INDEPENDENT_8, canonical_leads

#: forward Dower: lead = a·X + b·Y + c·Z
DOWER_FORWARD = {
    "I": (0.632, -0.235, 0.059),
    "II": (0.235, 1.066, -0.132),
    "III": (-0.397, 1.301, -0.191),
    "aVR": (-0.434, -0.415, 0.037),
    "aVL": (0.515, -0.768, 0.125),
    "aVF": (-0.081, 1.184, -0.162),
    "V1": (-0.515, 0.157, -0.917),
    "V2": (0.044, 0.164, -1.387),
    "V3": (0.882, 0.098, -1.277),
    "V4": (1.213, 0.127, -0.601),
    "V5": (1.125, 0.127, -0.086),
    "V6": (0.831, 0.076, 0.230),
}
#: column order of the 8-lead → VCG matrices
EIGHT_LEAD_ORDER = ("V1", "V2", "V3", "V4", "V5", "V6", "I", "II")
INVERSE_DOWER = np.array(
    [
        [-0.172, -0.074, 0.122, 0.231, 0.239, 0.194, 0.156, -0.010],
        [0.057, -0.019, -0.106, -0.022, 0.041, 0.048, -0.227, 0.887],
        [-0.229, -0.310, -0.246, -0.063, 0.055, 0.108, 0.022, 0.102],
    ]
)
KORS = np.array(
    [
        [-0.13, 0.05, -0.01, 0.14, 0.06, 0.54, 0.38, -0.07],
        [0.06, -0.02, -0.05, 0.06, -0.17, 0.13, -0.07, 0.93],
        [-0.43, -0.06, -0.14, -0.20, -0.11, 0.31, 0.11, -0.23],
    ]
)


def _take(signals, leads, wanted):
    """Rows of ``signals`` (..., L, T) for ``wanted`` leads, by name."""
    leads = canonical_leads(leads)
    missing = [w for w in wanted if w not in leads]
    if missing:
        raise ValueError(
            f"this transform needs leads {list(wanted)}; missing {missing} (have {list(leads)})"
        )
    idx = [leads.index(w) for w in wanted]
    return np.asarray(signals, dtype=float)[..., idx, :]


def dower_matrix(leads) -> np.ndarray:
    """Forward-Dower rows (L, 3) for the named leads."""
    return np.array([DOWER_FORWARD[n] for n in canonical_leads(leads)])


def dower_forward(vcg, leads_out=INDEPENDENT_8):
    """VCG (..., 3, T) in the Frank frame → leads (..., L, T)."""
    return np.einsum("lk,...kt->...lt", dower_matrix(leads_out), np.asarray(vcg, dtype=float))


def inverse_dower(signals, leads):
    """Inverse Dower: the 8 independent leads (any order, by name) → VCG (..., 3, T)."""
    return np.einsum("kl,...lt->...kt", INVERSE_DOWER, _take(signals, leads, EIGHT_LEAD_ORDER))


def kors(signals, leads):
    """Kors regression: the 8 independent leads → VCG (..., 3, T)."""
    return np.einsum("kl,...lt->...kt", KORS, _take(signals, leads, EIGHT_LEAD_ORDER))


def kqo(signals, leads):
    """Kors quasi-orthogonal VCG: X = V6, Y = II, Z = −½·V2."""
    v6, ii, v2 = np.moveaxis(_take(signals, leads, ("V6", "II", "V2")), -2, 0)
    return np.stack([v6, ii, -0.5 * v2], axis=-2)


def dower_route(signals, leads_in, leads_out):
    """Leads → VCG → leads through Dower's forward model.

    With exactly the 8 independent leads the published inverse Dower is used; with any other
    set, the least-squares inverse of the forward rows (they agree to 5e-4 for the 8 leads).
    """
    leads_in = canonical_leads(leads_in)
    if set(leads_in) == set(EIGHT_LEAD_ORDER):
        vcg = inverse_dower(signals, leads_in)
    else:
        vcg = np.einsum(
            "kl,...lt->...kt",
            np.linalg.pinv(dower_matrix(leads_in)),
            np.asarray(signals, dtype=float),
        )
    return dower_forward(vcg, leads_out)


def kors_route(signals, leads_in, leads_out):
    """8 leads → Kors VCG → forward Dower."""
    return dower_forward(kors(signals, leads_in), leads_out)


def kqo_route(signals, leads_in, leads_out):
    """V6, II, V2 → KQO VCG → forward Dower."""
    return dower_forward(kqo(signals, leads_in), leads_out)


def fit_linear(inputs, targets, ridge: float = 1e-6) -> np.ndarray:
    """Least squares Y ≈ W·[X; 1]. ``inputs`` (I, T), ``targets`` (O, T) → W (O, I + 1).

    A tiny ridge keeps collinear inputs (e.g. derived limb leads) well posed.
    """
    x = np.asarray(inputs, dtype=float)
    y = np.asarray(targets, dtype=float)
    if x.shape[-1] != y.shape[-1]:
        raise ValueError(f"inputs have {x.shape[-1]} samples, targets {y.shape[-1]}")
    if x.shape[-1] <= x.shape[0] + 1:
        raise ValueError(f"need more than {x.shape[0] + 1} samples to fit, got {x.shape[-1]}")
    xa = np.vstack([x, np.ones((1, x.shape[-1]))])
    gram = xa @ xa.T
    gram[np.diag_indices(x.shape[0])] += ridge * np.trace(gram) / max(x.shape[0], 1)
    return np.linalg.solve(gram, xa @ y.T).T


def apply_linear(weights, inputs):
    """Apply :func:`fit_linear` weights to inputs (..., I, T) → (..., O, T)."""
    w = np.asarray(weights, dtype=float)
    return np.einsum("oi,...it->...ot", w[:, :-1], np.asarray(inputs, dtype=float)) + w[:, -1:]


class PopulationRegression:
    """Population linear regression: one map inputs → each target lead, fit on training records."""

    def __init__(self, leads_in, leads_out, ridge: float = 1e-6):
        self.leads_in = canonical_leads(leads_in)
        self.leads_out = canonical_leads(leads_out)
        self.ridge = ridge
        self.weights = None

    def fit(self, records, leads):
        """``records``: iterable of (L, T) arrays whose rows follow ``leads``."""
        xs, ys = [], []
        for sig in records:
            xs.append(_take(sig, leads, self.leads_in))
            ys.append(_take(sig, leads, self.leads_out))
        if not xs:
            raise ValueError("PopulationRegression.fit needs at least one training record")
        self.weights = fit_linear(np.hstack(xs), np.hstack(ys), self.ridge)
        return self

    def predict(self, signals, leads=None):
        """Signals (..., L, T); with ``leads`` the inputs are picked by name."""
        if self.weights is None:
            raise RuntimeError("call fit() before predict()")
        x = signals if leads is None else _take(signals, leads, self.leads_in)
        return apply_linear(self.weights, x)


def per_record_regression(signals, leads, leads_in, leads_out, calibration: int):
    """Patient-specific regression: fit on the first ``calibration`` samples of this record,
    predict ``leads_out`` from ``leads_in`` on the whole record (score it after the window)."""
    x = _take(signals, leads, canonical_leads(leads_in))
    y = _take(signals, leads, canonical_leads(leads_out))
    if not 0 < calibration < x.shape[-1]:
        raise ValueError(
            f"calibration window {calibration} must be within the record "
            f"(1..{x.shape[-1] - 1} samples)"
        )
    weights = fit_linear(x[..., :calibration], y[..., :calibration])
    return apply_linear(weights, x)
