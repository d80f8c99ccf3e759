"""Reconstruction metrics exactly as the papers' code computes them, plus honest extras.

* :func:`minmax_normalize` — one min and max over **all leads and valid samples** of a record
  (or crop), mapping it to [0, 1];
* :func:`psnr` — 20·log10(1/RMSE) per (record, lead) on the valid prefix, averaged in dB;
  RMSE = 0 gives 100 dB;
* :func:`ssim` — scikit-image's 1-D defaults (7-sample uniform window, K1 0.01, K2 0.03, sample
  covariance, data_range 1, 3-sample edge crop), vectorised;
* :func:`rmse_uv`, :func:`pearson_r`, :func:`r2_score` — on de-normalised signals, because PSNR
  on jointly normalised signals hides per-lead error.

Arrays are (..., L, T): any leading batch dims, leads, time. ``lengths`` (one per record, shape
= the leading dims) marks the valid, unpadded prefix.
"""

from __future__ import annotations

import numpy as np
from scipy.ndimage import uniform_filter1d

SSIM_WIN = 7
SSIM_K1, SSIM_K2 = 0.01, 0.03


def _pair(pred, target):
    pred = np.asarray(pred, dtype=np.float64)
    target = np.asarray(target, dtype=np.float64)
    if pred.shape != target.shape:
        raise ValueError(f"prediction shape {pred.shape} != target shape {target.shape}")
    if pred.ndim < 2:
        raise ValueError(f"expected arrays (..., leads, time), got shape {pred.shape}")
    if not (np.all(np.isfinite(pred)) and np.all(np.isfinite(target))):
        raise ValueError("prediction or target contains NaN or inf")
    return pred, target


def valid_mask(shape, lengths=None) -> np.ndarray:
    """Boolean mask (..., 1, T): True on the valid prefix of each record."""
    t = shape[-1]
    if lengths is None:
        return np.ones(shape[:-2] + (1, t), dtype=bool)
    lengths = np.asarray(lengths)
    if lengths.shape != tuple(shape[:-2]):
        raise ValueError(f"lengths shape {lengths.shape} must equal the batch shape {shape[:-2]}")
    if np.any(lengths < 1) or np.any(lengths > t):
        raise ValueError(f"lengths must be within 1..{t}, got {lengths.min()}..{lengths.max()}")
    return np.arange(t) < lengths[..., None, None]


def joint_range(*signals) -> tuple[float, float]:
    """``(offset, scale)`` of the joint min–max of the given (L, T) arrays stacked: the papers'
    scale for scoring (and for models trained on it), as ``joint=`` takes it."""
    _, lo, scale = minmax_normalize(np.vstack(signals))
    return float(lo.ravel()[0]), float(scale.ravel()[0])


def minmax_normalize(signals, lengths=None):
    """Joint min–max normalisation to [0, 1] per record over all leads and valid samples.

    Returns ``(normalised, offset, scale)`` with ``signals = normalised * scale + offset``
    (offset/scale shaped (..., 1, 1)), so µV metrics can be computed after de-normalising.
    Padded samples are set to 0, as in the papers' loaders.
    """
    x = np.asarray(signals, dtype=np.float64)
    mask = np.broadcast_to(valid_mask(x.shape, lengths), x.shape)
    lo = np.where(mask, x, np.inf).min(axis=(-2, -1), keepdims=True)
    hi = np.where(mask, x, -np.inf).max(axis=(-2, -1), keepdims=True)
    if not np.all(np.isfinite(lo)) or not np.all(np.isfinite(hi)):
        raise ValueError("signals contain NaN or inf; cannot normalise")
    scale = hi - lo
    if np.any(scale == 0):
        raise ValueError("a record is a flat line (max == min): nothing to normalise")
    return np.where(mask, (x - lo) / scale, 0.0), lo, scale


def _reduce(values, reduction):
    if reduction == "mean":
        return float(np.mean(values))
    if reduction == "none":
        return values
    raise ValueError(f"unknown reduction {reduction!r}; expected 'mean' or 'none'")


def rmse(pred, target, lengths=None, reduction="none"):
    """Root-mean-square error per (record, lead) over the valid prefix → (..., L)."""
    pred, target = _pair(pred, target)
    mask = valid_mask(pred.shape, lengths)
    n = mask.sum(axis=-1)
    err = np.sqrt(np.where(mask, (pred - target) ** 2, 0.0).sum(axis=-1) / n)
    return _reduce(err, reduction)


def psnr(pred, target, lengths=None, reduction="mean"):
    """PSNR in dB with MAX = 1 (signals already jointly min–max normalised)."""
    err = rmse(pred, target, lengths)
    with np.errstate(divide="ignore"):
        db = np.where(err == 0, 100.0, 20.0 * np.log10(1.0 / np.where(err == 0, 1.0, err)))
    return _reduce(db, reduction)


def _ssim_rows(x, y):
    """SSIM of each row of x, y (N, T) with scikit-image's 1-D defaults."""
    filt = lambda a: uniform_filter1d(a, size=SSIM_WIN, axis=-1, mode="reflect")  # noqa: E731
    cov_norm = SSIM_WIN / (SSIM_WIN - 1)
    ux, uy = filt(x), filt(y)
    vx = cov_norm * (filt(x * x) - ux * ux)
    vy = cov_norm * (filt(y * y) - uy * uy)
    vxy = cov_norm * (filt(x * y) - ux * uy)
    c1, c2 = SSIM_K1**2, SSIM_K2**2
    smap = ((2 * ux * uy + c1) * (2 * vxy + c2)) / ((ux**2 + uy**2 + c1) * (vx + vy + c2))
    pad = (SSIM_WIN - 1) // 2
    return smap[:, pad:-pad].mean(axis=-1)


def ssim(pred, target, lengths=None, reduction="mean"):
    """Mean 1-D SSIM per (record, lead) on the valid prefix (data_range = 1)."""
    pred, target = _pair(pred, target)
    batch = pred.shape[:-2]
    n_leads, t = pred.shape[-2:]
    lens = np.full(batch, t) if lengths is None else np.asarray(lengths)
    valid_mask(pred.shape, lens)  # validates
    if np.any(lens < SSIM_WIN):
        raise ValueError(f"SSIM needs at least {SSIM_WIN} valid samples, got {lens.min()}")
    x = pred.reshape(-1, n_leads, t)
    y = target.reshape(-1, n_leads, t)
    flat_len = lens.reshape(-1)
    out = np.empty((x.shape[0], n_leads))
    for length in np.unique(flat_len):
        rows = np.nonzero(flat_len == length)[0]
        xs = x[rows, :, :length].reshape(-1, length)
        ys = y[rows, :, :length].reshape(-1, length)
        out[rows] = _ssim_rows(xs, ys).reshape(len(rows), n_leads)
    return _reduce(out.reshape(batch + (n_leads,)), reduction)


def rmse_uv(pred_mv, target_mv, lengths=None, reduction="none"):
    """RMSE in µV per (record, lead) from signals in mV."""
    return _reduce(1000.0 * rmse(pred_mv, target_mv, lengths), reduction)


def pearson_r(pred, target, reduction="none"):
    """Pearson correlation per (record, lead) over time → (..., L)."""
    pred, target = _pair(pred, target)
    p = pred - pred.mean(axis=-1, keepdims=True)
    q = target - target.mean(axis=-1, keepdims=True)
    denom = np.sqrt((p**2).sum(-1) * (q**2).sum(-1))
    with np.errstate(invalid="ignore", divide="ignore"):
        r = np.where(denom > 0, (p * q).sum(-1) / np.where(denom > 0, denom, 1.0), np.nan)
    return _reduce(r, reduction)


def r2_score(pred, target, reduction="none"):
    """Coefficient of determination per (record, lead): 1 − SS_res / SS_tot."""
    pred, target = _pair(pred, target)
    ss_res = ((target - pred) ** 2).sum(-1)
    ss_tot = ((target - target.mean(-1, keepdims=True)) ** 2).sum(-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        r2 = np.where(ss_tot > 0, 1.0 - ss_res / np.where(ss_tot > 0, ss_tot, 1.0), np.nan)
    return _reduce(r2, reduction)
