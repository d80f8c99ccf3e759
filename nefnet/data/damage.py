"""Deliberately damaged copies of real records, and how many of each the plausibility gate
(:mod:`nefnet.data.plausibility`) catches — the measurement behind its bounds (chapter 10)."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
from scipy.signal import resample_poly

from . import plausibility
from .record import Record


def _scaled(k):
    return lambda x, leads: x * k


def _inverted(lead):
    def damage(x, leads):
        x[leads.index(lead)] *= -1
        return x

    return damage


def _swapped(a, b):
    def damage(x, leads):
        i, j = leads.index(a), leads.index(b)
        x[[i, j]] = x[[j, i]]
        return x

    return damage


def _resampled(up, down):
    """Samples taken at ``up/down`` times the rate the record keeps stating."""

    def damage(x, leads):
        return resample_poly(x, up, down, axis=1)

    return damage


def _offset(x, leads):
    x[0] += 1e11
    return x


def _nan(x, leads):
    x[-1, x.shape[1] // 2] = np.nan
    return x


#: damage → (what it does, the check that should catch it, the lead it needs)
DAMAGES = {
    "µV labelled mV": (_scaled(1000.0), "amplitude", None),
    "V labelled mV": (_scaled(1e-3), "units", None),
    "gain 1e-30 (×1e27)": (_scaled(1e27), "amplitude", None),
    "baseline 1e11": (_offset, "offset", None),
    "a NaN sample": (_nan, "finite", None),
    "lead I inverted": (_inverted("I"), "limb leads", "I"),
    "leads II and III swapped": (_swapped("II", "III"), "limb leads", "III"),
    "leads aVL and aVF swapped": (_swapped("aVL", "aVF"), "limb leads", "aVF"),
    "half the stated rate": (_resampled(1, 2), "sampling rate", None),
    "twice the stated rate": (_resampled(2, 1), "sampling rate", None),
    "lead V3 inverted": (_inverted("V3"), "precordial leads", "V3"),
    "lead V6 inverted": (_inverted("V6"), "precordial leads", "V6"),
    "leads V1 and V4 swapped": (_swapped("V1", "V4"), "precordial leads", "V4"),
    "leads V1 and V2 swapped": (_swapped("V1", "V2"), "precordial leads", "V2"),
}
#: the checks that catch only part of their damage (a warning from a measured statistic);
#: the others catch every damaged copy
PARTIAL = ("sampling rate", "precordial leads")


def damaged(record: Record, name: str) -> Record:
    """A copy of ``record`` with damage ``name`` done to it."""
    fn = DAMAGES[name][0]
    x = fn(record.signals.copy(), list(record.leads))
    return Record(x, record.sampling_rate, record.leads, record.name, dict(record.meta))


def _checks(record: Record) -> set[str]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return {f.check for f in plausibility.findings(record)}


def gate_table(records: dict) -> pd.DataFrame:
    """For the undamaged records (false alarms) and each damage: the records it applies to,
    how many the gate flags, by which check, and the share caught."""
    pooled = [r for rs in records.values() for r in rs]
    rows = [
        {
            "records": "as recorded",
            "expected check": "none",
            "n": len(pooled),
            "flagged": sum(bool(_checks(r)) for r in pooled),
        }
    ]
    for name, (_, check, lead) in DAMAGES.items():
        fit = [r for r in pooled if lead is None or lead in r.leads]
        flagged = [_checks(damaged(r, name)) for r in fit]
        rows.append(
            {
                "records": name,
                "expected check": check,
                "n": len(fit),
                "flagged": sum(bool(f) for f in flagged),
                "by the expected check": sum(check in f for f in flagged),
            }
        )
    out = pd.DataFrame(rows).set_index("records")
    out["share flagged"] = out["flagged"] / out["n"]
    return out
