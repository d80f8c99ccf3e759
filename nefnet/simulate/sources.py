"""Source waveforms: the beat clock drives Gaussian kernels, each emitted by one cardiac source.

P → atria; QRS before −20 ms → septum; QRS after +25 ms → right ventricle (late activation);
other QRS and the ST current → left ventricle; T → the repolarisation source. T and ST timing
and width scale with √RR (Bazett), P and QRS do not.
"""

from __future__ import annotations

import numpy as np

from .gaussians import as_arrays
from .torso import SOURCES

#: 5 % of a wave's peak magnitude marks its onset and offset
BOUNDARY_FRACTION = 0.05


def source_of(wave: str, centre: float, source: str | None = None) -> int:
    """Index into :data:`SOURCES` of the source emitting a kernel (``source`` if given)."""
    if source is not None:
        name = source
    elif wave == "P":
        name = "atria"
    elif wave == "T":
        name = "repolarisation"
    elif wave == "QRS" and centre < -0.020:
        name = "septum"
    elif wave == "QRS" and centre > 0.025:
        name = "right ventricle"
    else:
        name = "left ventricle"
    return SOURCES.index(name)


def _template_weights(kernels):
    """(K, S, 3) amplitude of each kernel routed to its source, centres, widths, Bazett flags."""
    amp, centre, width, wave = as_arrays(kernels)
    weights = np.zeros((len(kernels), len(SOURCES), 3))
    for k, (w, c) in enumerate(zip(wave, centre)):
        weights[k, source_of(w, c, kernels[k].source)] = amp[k]
    return weights, centre, width, np.isin(wave, ("T", "ST"))


def source_waveforms(templates, r_times, kinds, n_samples, sampling_rate):
    """Dipole moment of every source over time: (S, 3, T), from beat times and kinds.

    Each sample receives the kernels of its previous two beats and its next beat.
    """
    t = np.arange(n_samples) / sampling_rate
    nxt = np.clip(np.searchsorted(r_times, t, side="right"), 2, len(r_times) - 1)
    rr = np.diff(r_times, append=r_times[-1] + (r_times[-1] - r_times[-2]))
    out = np.zeros((n_samples, len(SOURCES), 3))
    for kind, kernels in templates.items():
        weights, centre, width, bazett = _template_weights(kernels)
        for beat in (nxt - 2, nxt - 1, nxt):
            mask = kinds[beat] == kind
            if not mask.any():
                continue
            stretch = np.where(bazett[None], np.sqrt(rr[beat])[:, None], 1.0)  # (T, K)
            delta = t[mask, None] - (r_times[beat][mask, None] + centre[None] * stretch[mask])
            g = np.exp(-0.5 * (delta / (width[None] * stretch[mask])) ** 2)  # (T', K)
            out[mask] += np.einsum("tk,ksd->tsd", g, weights)
    return out.transpose(1, 2, 0)


def wave_boundaries(templates, r_times, kinds, rr, sampling_rate, n_samples):
    """Per-beat P on/off, QRS on/off, T on/off sample indices (−1 where a wave is absent).

    A wave's on/offset is where the magnitude of its own kernels' dipole crosses 5 % of its peak
    (on a 1 kHz template of each beat kind, T stretched by √RR). Only beats whose whole cycle
    lies inside the record are listed.
    """
    grid = np.arange(-0.6, 0.9, 0.001)
    spans = {}
    for kind, kernels in templates.items():
        amp, centre, width, wave = as_arrays(kernels)
        spans[kind] = {}
        for name in ("P", "QRS", "T"):
            sel = wave == name
            if not sel.any():
                continue
            g = np.exp(-0.5 * ((grid[:, None] - centre[sel]) / width[sel]) ** 2)
            mag = np.linalg.norm(g @ amp[sel], axis=1)
            idx = np.nonzero(mag >= BOUNDARY_FRACTION * mag.max())[0]
            spans[kind][name] = (grid[idx[0]], grid[idx[-1]])
        if "T" in spans[kind]:  # broad T kernels start under the QRS: T begins after it ends
            t_on, t_off = spans[kind]["T"]
            spans[kind]["T"] = (max(t_on, spans[kind]["QRS"][1] + 0.01), t_off)
    rows = {k: [] for k in ("r_peak", "p_on", "p_off", "qrs_on", "qrs_off", "t_on", "t_off")}
    for r, kind, interval in zip(r_times, kinds, rr):
        span = spans[kind]
        first = r + min(v[0] for v in span.values())
        last = r + span["T"][1] * np.sqrt(interval)
        if first < 0 or last * sampling_rate >= n_samples:
            continue
        rows["r_peak"].append(round(r * sampling_rate))
        for name, key in (("P", "p"), ("QRS", "qrs"), ("T", "t")):
            on, off = span.get(name, (np.nan, np.nan))
            scale = np.sqrt(interval) if name == "T" else 1.0
            for suffix, v in (("_on", on), ("_off", off)):
                rows[key + suffix].append(
                    -1 if np.isnan(v) else round((r + v * scale) * sampling_rate)
                )
    out = {k: np.array(v, dtype=int) for k, v in rows.items()}
    out["t_on"] = np.maximum(out["t_on"], out["qrs_off"] + 1)  # ST segment never negative
    return out
