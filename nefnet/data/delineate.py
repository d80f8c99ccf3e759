"""Wave boundaries of real records: P, QRS and T on- and offsets by NeuroKit2's delineator.

Nef-Net v1 needs each beat's P/QRS/T boundaries. The simulator knows them and the Tianchi files
carry manual ones; for every other record they come from :func:`delineate`, which runs
NeuroKit2's ``ecg_peaks`` and ``ecg_delineate`` on one lead. Of its methods, "prominence" agrees
best with the Tianchi manual boundaries (:func:`boundary_errors` measures that; chapter 02 shows
the table), so it is the default.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from .record import Record

#: the wave boundaries of a beat, in order (per-beat sample indices in a record's ``waves``)
WAVE_KEYS = ("p_on", "p_off", "qrs_on", "qrs_off", "t_on", "t_off")

#: NeuroKit2's column for each of our wave keys
NK_COLUMNS = {
    "p_on": "ECG_P_Onsets",
    "p_off": "ECG_P_Offsets",
    "qrs_on": "ECG_R_Onsets",
    "qrs_off": "ECG_R_Offsets",
    "t_on": "ECG_T_Onsets",
    "t_off": "ECG_T_Offsets",
}
METHODS = ("prominence", "dwt", "cwt", "peak")
#: an annotated boundary with no delineated one within this distance counts as missed
MATCH_MS = 150.0


def delineate(record: Record, lead: str = "II", method: str = "prominence") -> dict:
    """``{"r_peak", "p_on", …, "t_off"}`` sample-index arrays, one entry per beat NeuroKit2
    found in ``lead``; −1 where a boundary was not found (e.g. no P wave in AF, or a method that
    does not give it). Raises ValueError when the lead or the method is unknown, or when no beat
    is found."""
    import neurokit2 as nk

    if method not in METHODS:
        raise ValueError(f"unknown delineation method {method!r}; expected one of {METHODS}")
    if lead not in record.leads:
        raise ValueError(f"{record.name}: no lead {lead!r} to delineate; it has {record.leads}")
    fs = record.sampling_rate
    x = record.select([lead])[0]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            clean = nk.ecg_clean(x, sampling_rate=fs)
            _, info = nk.ecg_peaks(clean, sampling_rate=fs)
            _, waves = nk.ecg_delineate(clean, info, sampling_rate=fs, method=method)
    except Exception as exc:  # NeuroKit2 raises many kinds on flat or too-short signals
        raise ValueError(f"{record.name}: lead {lead} could not be delineated ({exc})") from exc
    peaks = np.asarray(info["ECG_R_Peaks"], dtype=int)
    if not peaks.size:
        raise ValueError(f"{record.name}: no beat found in lead {lead}")
    out = {"r_peak": peaks}
    for key in WAVE_KEYS:
        v = np.asarray(waves.get(NK_COLUMNS[key], [np.nan] * len(peaks)), dtype=float)
        out[key] = np.where(np.isfinite(v), v, -1).astype(int)
    return out


def delineate_single_beat(record: Record, lead: str = "II", copies: int = 3) -> dict:
    """The wave boundaries of a record that holds one beat (real single-beat sets such as
    roahd's), as :func:`delineate` gives them for one beat: NeuroKit2 needs several beats, so
    the beat is repeated ``copies`` times, delineated, and the boundaries of the beat found in
    the middle copy are mapped back onto the beat (−1 where one falls outside it). Raises
    ValueError when no beat is found in the middle copy."""
    if copies < 3 or copies % 2 == 0:
        raise ValueError(f"copies must be an odd number ≥ 3 (a middle copy); got {copies}")
    n = record.signals.shape[1]
    tiled = Record(
        np.tile(record.signals, (1, copies)), record.sampling_rate, record.leads, record.name
    )
    found = delineate(tiled, lead)
    first = (copies // 2) * n
    middle = [b for b, r in enumerate(found["r_peak"]) if first <= r < first + n]
    if not middle:
        raise ValueError(f"{record.name}: no beat found in lead {lead} of the single beat")
    b = middle[0]
    out = {}
    for key, v in found.items():
        at = int(v[b]) - first if v[b] >= 0 else -1
        out[key] = np.array([at if 0 <= at < n else -1])
    return out


def boundary_errors(found: dict, truth: dict, sampling_rate: float) -> pd.DataFrame:
    """Per boundary: how many annotated ones were matched (a delineated one within
    :data:`MATCH_MS`), and the median absolute and the median signed error (ms) of the matches."""
    rows = []
    for key in WAVE_KEYS:
        got = np.asarray(found.get(key, []), dtype=float)
        got = got[got >= 0]
        d = []
        for t in np.asarray(truth[key], dtype=float):
            if t >= 0 and got.size:
                j = np.argmin(np.abs(got - t))
                if abs(got[j] - t) <= MATCH_MS * sampling_rate / 1000:
                    d.append(1000 * (got[j] - t) / sampling_rate)
        n = int((np.asarray(truth[key]) >= 0).sum())
        rows.append(
            {
                "boundary": key,
                "annotated": n,
                "matched": len(d),
                "median |error| (ms)": float(np.median(np.abs(d))) if d else np.nan,
                "median error (ms)": float(np.median(d)) if d else np.nan,
            }
        )
    return pd.DataFrame(rows).set_index("boundary")


def delineation_table(records, lead="II", methods=METHODS) -> pd.DataFrame:
    """:func:`boundary_errors` pooled over ``records`` that carry manual ``meta["waves"]``, for
    each delineation method (rows: method × boundary)."""
    frames = {}
    for method in methods:
        found, truth, fs = {k: [] for k in WAVE_KEYS}, {k: [] for k in WAVE_KEYS}, None
        offset = 0
        for rec in records:
            fs = rec.sampling_rate
            got = delineate(rec, lead, method)
            for k in WAVE_KEYS:  # pool beats: shift each record's indices past the previous one
                found[k].extend(np.where(got[k] >= 0, got[k] + offset, -1))
                truth[k].extend(np.asarray(rec.meta["waves"][k]) + offset)
            offset += rec.signals.shape[1] + 10 * int(MATCH_MS * fs / 1000)
        frames[method] = boundary_errors(found, truth, fs)
    return pd.concat(frames, names=["method"])
