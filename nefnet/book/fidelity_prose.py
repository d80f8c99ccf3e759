"""The statements chapters 05, 06 and 10 glue from a diagnostic-fidelity table
(:func:`nefnet.scoring.fidelity.agreement_table`) of the unseen or the reconstructed leads."""

from __future__ import annotations

import pandas as pd

from ..scoring.fidelity import ST_CLINICAL_MV
from ..scoring.per_patient import LIMIT_NAME
from . import prose

#: the names glued, after the chapter's prefix
KEYS = ("r_slope", "r_slope_best", "r_slope_limit", "st_loa", "st_clinical")


def summary_texts(table: pd.DataFrame | None, prefix: str, absent="n/a", role="unseen"):
    """The R-amplitude slope of the methods one can run (range, and the highest) and of the
    linear limit, and the span of the ST limits of agreement, on the leads of ``role`` (the
    unseen lead; "supervised" for the reconstructed ones); ``absent`` for every value when
    there is no table. A :class:`~nefnet.book.prose.Texts` under ``prefix`` + :data:`KEYS`."""
    t = prose.Texts()
    if table is None:
        for k in KEYS:
            t.glue(f"{prefix}{k}", absent)
        return t
    unseen = table.xs(role, level="role")
    r = unseen.xs("R amplitude (mV)", level="measure")["slope synth/true"]
    st = unseen.xs("ST at J+60 (mV)", level="measure")
    runnable, width = r.drop(LIMIT_NAME), 1000 * (st["LoA high"] - st["LoA low"])
    t.span(f"{prefix}r_slope", runnable.min(), runnable.max(), ".2f")
    t.glue(f"{prefix}r_slope_best", runnable.idxmax())
    t.value(f"{prefix}r_slope_limit", r[LIMIT_NAME], ".2f")
    t.span(f"{prefix}st_loa", width.min(), width.max(), ".0f", "µV")
    t.value(f"{prefix}st_clinical", 1000 * ST_CLINICAL_MV, ".0f", "µV")
    return t
