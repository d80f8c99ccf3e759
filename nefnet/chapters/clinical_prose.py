"""Chapter 09's findings in words, glued from its tables (nefnet.book.prose)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import criteria
from ..book import paper_numbers as paper, prose


def paper_table4() -> pd.DataFrame:
    """The paper's Table 4: (method, metric) × class."""
    t = pd.DataFrame(paper.V2_TABLE4, index=list(paper.V2_TABLE4_CLASSES)).T
    t.index.names = ["method", "metric"]
    return t


def glue_table4(long: pd.DataFrame, v1: str, v2: str, ours: str) -> pd.DataFrame:
    """v2 against v1 per class; the paper's mean gain over its nine classes."""
    wide = long.pivot_table(index="class", columns="method", values="psnr")
    prose.relation("t4_v2_over_v1", wide[v2] - wide[v1])
    prose.relation("t4_ours_over_v1", wide[ours] - wide[v1])
    prose.value("t4_mean_gain", (wide[v2] - wide[v1]).mean(), ".1f", "dB")
    nine = [c for c in paper.V2_TABLE4_CLASSES if c != "AV"]
    gain = [
        paper.V2_TABLE4[("NEF-NET v2", "PSNR")][k] - paper.V2_TABLE4[("Nef-Net", "PSNR")][k]
        for k, c in enumerate(paper.V2_TABLE4_CLASSES)
        if c in nine
    ]
    prose.value("t4_paper_mean_gain", np.mean(gain), ".1f", "dB")
    av = paper.V2_TABLE4_CLASSES.index("AV")
    av_gain = paper.V2_TABLE4[("NEF-NET v2", "PSNR")][av] - paper.V2_TABLE4[("Nef-Net", "PSNR")][av]
    prose.value("t4_paper_av_gain", av_gain, ".1f", "dB")
    prose.glue("t4_hardest", wide[ours].idxmin())
    prose.value("t4_hardest_psnr", wide[ours].min(), ".1f", "dB")
    return wide


_KEYS = (
    "agreement",
    *(f"sens_{s}_{c}" for s in ("true", "synth") for c in ("LBBB", "RBBB")),
    *(f"{k}_{s}" for k in ("rsr", "qs") for s in ("true", "synth")),
)


def glue_criteria(key: str, pair: dict, labels, method: str, use_duration=True):
    """How often the criteria read the same with V1/V6 synthesized by ``method``; diagnostic
    sensitivity on true and synthesized leads. Returns (agreement table, accuracy table)."""
    if pair["true"].empty:  # no records of this kind present
        for name in _KEYS:
            prose.glue(f"{key}_{name}", "n/a (no records present)")
        return pd.DataFrame(), pd.DataFrame()
    lab = pd.Series(list(labels))
    agree = criteria.agreement(pair["true"], pair[method], lab)
    prose.value(f"{key}_agreement", 100 * agree["agreement"].mean(), ".0f", "%")
    acc = {}
    for source in ("true", method):
        dx = [criteria.diagnose(r, use_duration) for r in pair[source].to_dict("records")]
        acc[source] = criteria.diagnostic_accuracy(labels, dx)
    for c in ("LBBB", "RBBB"):
        prose.value(f"{key}_sens_true_{c}", 100 * acc["true"].loc[c, "sensitivity"], ".0f", "%")
        prose.value(f"{key}_sens_synth_{c}", 100 * acc[method].loc[c, "sensitivity"], ".0f", "%")
    for crit, c in (("rsR′ in V1", "RBBB"), ("QS/rS in V1", "LBBB")):
        row = agree.loc[(c, crit)]
        short = "rsr" if c == "RBBB" else "qs"
        prose.value(f"{key}_{short}_true", 100 * row["true leads"], ".0f", "%")
        prose.value(f"{key}_{short}_synth", 100 * row["synthesized"], ".0f", "%")
    return agree, pd.concat(acc, names=["leads"])


def glue_classifier(key: str, table: pd.DataFrame | None, settings: list):
    """Accuracy of the classifier with the recorded leads, with synthesized V1/V6 and with the
    true V1/V6 (``settings`` in that order); "n/a" when there was nothing to classify."""
    if table is None:
        for short in ("rec", "synth", "true", "gain"):
            prose.glue(f"{key}_acc_{short}", "n/a (no records present)")
        return
    for name, short in zip(settings, ("rec", "synth", "true")):
        prose.value(f"{key}_acc_{short}", 100 * table.loc[name, "accuracy"], ".0f", "%")
    gain = table.loc[settings[1], "accuracy"] - table.loc[settings[0], "accuracy"]
    prose.value(f"{key}_acc_gain", 100 * gain, ".0f", "points", sign=True)


def glue_retention(key: str, table: pd.DataFrame | None) -> None:
    """The share of the true leads' macro-F1 kept on synthesized leads (range over the
    methods) and the method that keeps the most (:func:`clinical_classifier.retention`);
    "n/a" without a table."""
    if table is None:
        for short in ("f1", "best"):
            prose.glue(f"{key}_{short}", "n/a (no records present)")
        return
    kept = table["macro-F1 kept"].drop("true V1, V6")
    prose.span(f"{key}_f1", 100 * kept.min(), 100 * kept.max(), ".0f", "%")
    prose.glue(f"{key}_best", kept.idxmax())
