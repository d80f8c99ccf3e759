"""Diagnostic fidelity: does a synthesized lead keep what a cardiologist reads?

Every beat of the scored seconds is measured at the *same* fiducial points on the true and on the
synthesized lead — the record's own wave boundaries (the simulator's truth, or the delineator on
the recorded lead II of a real record), so a measurement differs only because the waveform does:

* R and S amplitude: the largest and the most negative deflection inside the QRS, against the
  baseline (the mean of the 20 ms before QRS onset), mV;
* ST level at J + 60 ms (QRS offset + 60 ms) against the same baseline, mV;
* T amplitude: the largest absolute deflection between T on- and offset, signed, mV;
* QRS width in this lead: the span of the samples, within the QRS window widened by 40 ms each
  side, whose deflection from the baseline exceeds 15 % of the lead's largest one there, ms.

Agreement (:func:`agreement`): Bland–Altman bias and 95 % limits of agreement, the slope of the
synthesized against the true values (1: amplitudes kept; below 1: regression to the mean) and
the R² of the error against the true value (how much of the error the true value explains).
The frontal QRS axis (from the net QRS areas of I and aVF) is compared where a protocol gives
both leads as recorded or targets.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import metrics
from ..data.delineate import delineate, delineate_single_beat
from ..views import DERIVED_LIMB
from .evaluate import call, record_angles
from .methods import for_record, per_examination  # noqa: F401 (the chapters' name)

AMPLITUDES = ("R amplitude (mV)", "S amplitude (mV)", "ST at J+60 (mV)", "T amplitude (mV)")
MEASURES = AMPLITUDES + ("QRS width (ms)",)
BASELINE_MS, J_MS, WIDEN_MS, WIDTH_SHARE = 20.0, 60.0, 40.0, 0.15
#: the ST deviation a clinician reads as elevation or depression in most leads (0.1 mV)
ST_CLINICAL_MV = 0.1


def fiducials(record) -> dict:
    """Per-beat wave boundaries of ``record``: the simulator's own, else the delineator's on
    lead II (of the beat repeated, for a record that is one beat: ``meta["single_beat"]``)."""
    waves = getattr(record, "waves", None)
    if waves:
        return dict(waves)
    if record.meta.get("single_beat"):
        return delineate_single_beat(record, "II")
    return delineate(record, "II")


def _complete(w: dict, start: int, stop: int, fs: float) -> list[int]:
    """Beats whose QRS, J + 60 ms and T lie inside [start, stop) with every boundary found."""
    keys = ("qrs_on", "qrs_off", "t_on", "t_off")
    return [
        b
        for b in range(len(w["qrs_on"]))
        if all(w[k][b] >= 0 for k in keys)
        and w["qrs_on"][b] - BASELINE_MS * fs / 1000 >= start
        and max(w["t_off"][b], w["qrs_off"][b] + J_MS * fs / 1000) < stop
    ]


def beat_measures(x, w: dict, beat: int, fs: float, offset: int = 0) -> dict:
    """The :data:`MEASURES` of one lead ``x`` (mV, starting at sample ``offset`` of the record)
    on one beat of the boundaries ``w``."""
    ms = lambda t: int(round(t * fs / 1000))  # noqa: E731
    on, off = w["qrs_on"][beat] - offset, w["qrs_off"][beat] - offset
    base = float(x[max(0, on - ms(BASELINE_MS)) : on].mean())
    qrs = x[on : off + 1] - base
    t_seg = x[w["t_on"][beat] - offset : w["t_off"][beat] - offset + 1] - base
    wide = x[max(0, on - ms(WIDEN_MS)) : off + ms(WIDEN_MS) + 1] - base
    big = np.nonzero(np.abs(wide) > WIDTH_SHARE * np.abs(wide).max())[0]
    return {
        "R amplitude (mV)": float(max(qrs.max(), 0.0)),
        "S amplitude (mV)": float(min(qrs.min(), 0.0)),
        "ST at J+60 (mV)": float(x[off + ms(J_MS)] - base),
        "T amplitude (mV)": float(t_seg[np.argmax(np.abs(t_seg))]),
        "QRS width (ms)": float((big[-1] - big[0] + 1) * 1000 / fs) if big.size else 0.0,
        "qrs_area": float(qrs.sum() / fs),
    }


def measure_rows(method, records, protocol, seconds=5.0, keys=None) -> pd.DataFrame:
    """One row per (record, beat, target view) of the last ``seconds`` (all of a shorter record,
    e.g. a single beat): every measure on the true and on the synthesized lead (columns
    "<measure> true" / "<measure> synth"); a record in which no beat is delineated is left out
    (:func:`scored_beats` counts what was measured).
    ``method`` is a synthesis method or ``factory(record) → method`` (:func:`per_examination`)."""
    rows = []
    for rec in records:
        fs, total = rec.sampling_rate, rec.signals.shape[1]
        start = max(0, total - int(seconds * fs))
        run = for_record(method, rec)
        x = rec.select(protocol.recorded)[:, start:]
        y = rec.select_reference(protocol.targets)[:, start:]
        lo, scale = metrics.joint_range(x, y)
        pred = call(
            run,
            x,
            protocol.recorded,
            record_angles(rec, protocol.recorded),
            protocol.targets,
            record_angles(rec, protocol.targets),
            truth=y,
            joint=(lo, scale),
        )
        # the recorded leads too (their "synthesis" is the input itself), for the frontal axis
        views = protocol.recorded + protocol.targets
        true_all = np.vstack([rec.select_reference(protocol.recorded)[:, start:], y])
        synth_all = np.vstack([x, pred])
        try:
            w = fiducials(rec)
        except ValueError:  # no beat delineated (e.g. a flat lead II): nothing to measure
            continue
        for b in _complete(w, start, total, fs):
            for j, view in enumerate(views):
                true, syn = (beat_measures(s[j], w, b, fs, start) for s in (true_all, synth_all))
                row = {"record": rec.name, "beat": b, "view": view, "role": _role(view, protocol)}
                row |= {f"{k} true": v for k, v in true.items()}
                row |= {f"{k} synth": v for k, v in syn.items()}
                rows.append(row | (keys or {}))
    return pd.DataFrame(rows)


def scored_beats(rows: pd.DataFrame) -> int:
    """How many beats ``measure_rows`` measured (distinct record and beat)."""
    return len(rows[["record", "beat"]].drop_duplicates()) if len(rows) else 0


def _role(view, protocol) -> str:
    if view in protocol.unseen:
        return "unseen"
    return "supervised" if view in protocol.supervised else "recorded"


def agreement(rows: pd.DataFrame, measures=MEASURES) -> pd.DataFrame:
    """Per measure: Bland–Altman bias and limits of agreement (synth − true), the slope of
    synthesized against true (least squares) and the R² of the error against the true value."""
    out = {}
    for m in measures:
        t, s = rows[f"{m} true"].to_numpy(), rows[f"{m} synth"].to_numpy()
        err = s - t
        sd = err.std(ddof=1) if len(err) > 1 else np.nan
        var = t.var()
        slope = np.cov(t, s, ddof=0)[0, 1] / var if var > 0 else np.nan
        r2 = np.corrcoef(t, err)[0, 1] ** 2 if var > 0 and err.std() > 0 else np.nan
        out[m] = {
            "bias": err.mean(),
            "LoA low": err.mean() - 1.96 * sd,
            "LoA high": err.mean() + 1.96 * sd,
            "slope synth/true": slope,
            "R² error~true": r2,
            "beats": len(err),
        }
    return pd.DataFrame(out).T


def frontal_axis(rows: pd.DataFrame) -> pd.DataFrame:
    """Per (record, beat): the frontal QRS axis (degrees) from the net QRS areas of I and aVF,
    true and synthesized; empty unless both leads are among the rows' views."""
    need = {"I", "aVF"}
    if not need <= set(rows["view"]):
        return pd.DataFrame(columns=["axis true", "axis synth"])
    wide = rows[rows["view"].isin(need)].pivot_table(
        index=["record", "beat"], columns="view", values=["qrs_area true", "qrs_area synth"]
    )
    axis = {
        f"axis {k}": np.degrees(
            np.arctan2(wide[f"qrs_area {k}", "aVF"], wide[f"qrs_area {k}", "I"])
        )
        for k in ("true", "synth")
    }
    return pd.DataFrame(axis)


def agreement_table(frames: dict, roles=("unseen", "supervised"), measures=MEASURES):
    """``{method: measure_rows(...)}`` → (method, role, measure) × agreement, the independent
    leads of each role (derived limb leads left out, as in every score)."""
    parts = {}
    for name, rows in frames.items():
        for role in roles:
            sub = rows[(rows["role"] == role) & ~rows["view"].isin(DERIVED_LIMB)]
            if len(sub):
                parts[name, role] = agreement(sub, measures)
    return pd.concat(parts, names=["method", "role", "measure"])
