"""Synthesis of recordings of any length (a 24-hour Holter): overlapping windows, each scaled
and synthesized as the model was trained, cross-faded over their overlap so the joins are
seamless, and written as they are produced, so memory stays bounded by the window.
"""

from __future__ import annotations

import numpy as np

from ..progress import tqdm
from ..scoring.synthesis import synthesize

#: window and overlap (seconds): the length the models were trained and scored on
WINDOW_S, OVERLAP_S = 10.0, 1.0


def model_runner(model, angles, query_angles, rate=None, model_rate=None):
    """``run(x)`` for :func:`synthesize_long`: ``model`` on one window, resampled to the rate
    it was trained at and back when ``rate`` differs from ``model_rate``."""
    from ..signal import resample

    def run(x):
        if model_rate is None or rate is None or float(model_rate) == float(rate):
            return synthesize(model, x, angles, query_angles)
        y = synthesize(model, resample(x, rate, model_rate), angles, query_angles)
        y = resample(y, model_rate, rate)[:, : x.shape[1]]
        return np.pad(y, ((0, 0), (0, x.shape[1] - y.shape[1])), mode="edge")

    return run


def windows(n: int, window: int, overlap: int) -> list[tuple[int, int]]:
    """[start, stop) of overlapping windows covering ``n`` samples; the last one ends at ``n``
    (it may overlap its neighbour by more than ``overlap``)."""
    if not 0 <= overlap < window:
        raise ValueError(f"overlap must be in [0, window); got {overlap} and {window} samples")
    if n <= window:
        return [(0, n)]
    step = window - overlap
    starts = list(range(0, n - window, step)) + [n - window]
    return [(a, a + window) for a in starts]


def synthesize_long(
    run,
    read,
    write,
    n_samples: int,
    sampling_rate: float,
    window_s=WINDOW_S,
    overlap_s=OVERLAP_S,
    progress=True,
) -> int:
    """Synthesize ``n_samples`` by windows: ``read(start, stop)`` gives the recorded views
    (R, stop − start) in mV, ``run(x)`` synthesizes the query views of one window (Q, T),
    ``write(block)`` receives them (Q, k) in order. Consecutive windows are blended with a
    linear cross-fade over their overlap. Returns the number of samples written."""
    window = int(round(window_s * sampling_rate))
    overlap = int(round(overlap_s * sampling_rate))
    spans = windows(n_samples, window, overlap)
    pending, done, written = None, 0, 0  # pending: output over [done, previous stop)
    for k, (a, b) in enumerate(tqdm(spans, desc="synthesis", unit="window", disable=not progress)):
        out = run(read(a, b))
        last = k == len(spans) - 1
        if pending is not None:
            length = pending.shape[1]
            ramp = (np.arange(length) + 0.5) / length
            head = out[:, done - a : done - a + length]
            write(pending * (1 - ramp) + head * ramp)
            written += length
            start = done - a + length
        else:
            start = 0
        keep = b - a if last else max(b - a - overlap, start)
        write(out[:, start:keep])
        written += keep - start
        pending, done = (None, b) if last else (out[:, keep:], a + keep)
    return written
