"""The rung the book trains each of the scale ladder's models at: the best one on the ladder's
scores (:data:`nefnet.training.presets.PROMOTED`), so the chapters' verdicts come from it."""

from __future__ import annotations

import numpy as np

from ..training.presets import PROMOTED
from . import ladder

#: the models the book ships that the ladder trains (NEF-NET v2 in the paper's configuration is
#: the ladder's alone)
SHIPPED = ("lead-prior", "v1-window")


def last_stage(model: str) -> str:
    """The stage a run is judged after: Stage III for NEF-NET v2, Stage II for Nef-Net v1."""
    return "Stage II" if model == "v1-window" else "Stage III"


def unseen_psnr(run: dict, stage: str | None = None) -> float:
    """A run's unseen V2 PSNR on SimPanobench after ``stage`` (default: its last), the mean of
    the 12-lead devices scored; NaN where none has the stage."""
    stage = stage or last_stage(run["model"])
    values = [d[stage]["unseen"]["psnr"] for d in run["sim"].values() if stage in d]
    return float(np.mean(values)) if values else np.nan


def rung_means(scores: dict, model: str) -> dict[str, float]:
    """Rung → the mean over its scored training seeds of :func:`unseen_psnr`, rungs in order."""
    by_rung: dict[str, list] = {}
    for run in scores["runs"].values():
        if run["model"] == model:
            by_rung.setdefault(run["rung"], []).append(unseen_psnr(run))
    return {r: float(np.mean(by_rung[r])) for r in ladder.RUNGS if r in by_rung}


def best_rung(scores: dict, model: str) -> str:
    """The scored rung with the highest mean unseen V2 of ``model``."""
    means = rung_means(scores, model)
    if not means:
        raise ValueError(f"no scored run of {model!r} in the ladder's scores")
    return max(means, key=means.get)


def book_rung(model: str) -> str:
    """The rung whose budget the ``book`` scale trains ``model`` with."""
    if model not in ladder.MODELS:
        raise ValueError(f"unknown ladder model {model!r}; expected one of {ladder.MODELS}")
    return PROMOTED.get(model, "book-x1")
