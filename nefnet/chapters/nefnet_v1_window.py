"""Chapter 03's evidence on Nef-Net v1 in continuous-window mode (chapter 05's v1 row): how
well it follows the truth, how far its output depends on where the window starts — the seven
ROIs split the window evenly, so the deflection branch is anchored to the window, not to the
beats — and whether its training had converged."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..book import prose
from ..scoring.evaluate import record_angles

#: how much later the shifted windows start (seconds)
SHIFTS = (0.05, 0.2, 0.5)


def _r(a, b) -> float:
    return float(np.corrcoef(a, b)[0, 1])


def shift_table(methods: dict, records, protocol, view="V2", seconds=5.0) -> pd.DataFrame:
    """Per method (mean over ``records``): Pearson r of the synthesized ``view`` with the truth
    on the last ``seconds``, its SD against the truth's, and its r with itself when the window
    starts :data:`SHIFTS` later (1 for any method that does not depend on the window's start)."""
    out = {}
    for name, method in methods.items():
        rows = []
        for rec in records:
            n = int(seconds * rec.sampling_rate)
            x, y = rec.select(protocol.recorded)[:, -n:], rec.select_reference((view,))[0, -n:]
            args = (protocol.recorded, record_angles(rec, protocol.recorded), (view,))
            args += (record_angles(rec, (view,)),)
            base = method(x, *args)[0]
            row = {"r with the truth": _r(base, y), "SD / true SD": base.std() / y.std()}
            for s in SHIFTS:
                k = int(s * rec.sampling_rate)
                row[f"r with itself, window {s * 1000:g} ms later"] = _r(
                    method(x[:, k:], *args)[0], base[k:]
                )
            rows.append(row)
        out[name] = pd.DataFrame(rows).mean()
    return pd.DataFrame(out).T


def window_texts(table: pd.DataFrame, v1: str, history) -> prose.Texts:
    """The chapter's statements from :func:`shift_table` (row ``v1``) and the window model's
    per-epoch training losses ``history``."""
    t = prose.Texts()
    shifted = table.loc[v1, [c for c in table.columns if c.startswith("r with itself")]]
    t.value("v1_window_r", table.loc[v1, "r with the truth"], ".2f")
    t.value("v1_window_sd", table.loc[v1, "SD / true SD"], ".2f")
    t.span("v1_window_shift", shifted.min(), shifted.max(), ".2f")
    t.glue("v1_window_training", training_sentence(history))
    return t


#: a loss still falling by more than this share over the last fifth of training has not converged
STILL_FALLING = 0.05


def training_sentence(history) -> str:
    """Whether the window model's loss had levelled off, as a sentence chosen by its fall over
    the last fifth of the epochs (against the fifth before)."""
    last = max(1, len(history) // 5)
    earlier = history[-2 * last : -last]
    if not earlier:
        return (
            f"It was trained for {len(history)} epoch(s), too few to tell whether its loss had "
            "levelled off."
        )
    drop = 1 - np.mean(history[-last:]) / np.mean(earlier)
    head = (
        f"Its training loss fell by {prose.number(drop, '.0%')} over its last {last} of "
        f"{len(history)} epochs"
    )
    if drop > STILL_FALLING:
        return head + ": it had not converged either."
    return head + ": it had levelled off, so more epochs alone would not change it much."
