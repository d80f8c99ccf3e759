"""Chapter 09's findings in words, from its tables (:class:`nefnet.book.prose.Texts`)."""

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


def table4_wide(long: pd.DataFrame) -> pd.DataFrame:
    """Table 4's long rows as class × method PSNR."""
    return long.pivot_table(index="class", columns="method", values="psnr")


def table4_texts(wide: pd.DataFrame, v1: str, v2: str, ours: str) -> prose.Texts:
    """v2 against v1 per class (:func:`table4_wide`); the paper's mean gain over its nine
    classes."""
    t = prose.Texts()
    t.relation("t4_v2_over_v1", wide[v2] - wide[v1])
    t.relation("t4_ours_over_v1", wide[ours] - wide[v1])
    t.value("t4_mean_gain", (wide[v2] - wide[v1]).mean(), ".1f", "dB")
    nine = [c for c in paper.V2_TABLE4_CLASSES if c != "AV"]
    gain = [
        paper.V2_TABLE4[("NEF-NET v2", "PSNR")][k] - paper.V2_TABLE4[("Nef-Net", "PSNR")][k]
        for k, c in enumerate(paper.V2_TABLE4_CLASSES)
        if c in nine
    ]
    t.value("t4_paper_mean_gain", np.mean(gain), ".1f", "dB")
    av = paper.V2_TABLE4_CLASSES.index("AV")
    av_gain = paper.V2_TABLE4[("NEF-NET v2", "PSNR")][av] - paper.V2_TABLE4[("Nef-Net", "PSNR")][av]
    t.value("t4_paper_av_gain", av_gain, ".1f", "dB")
    t.glue("t4_hardest", wide[ours].idxmin())
    t.value("t4_hardest_psnr", wide[ours].min(), ".1f", "dB")
    return t


_KEYS = (
    "agreement",
    *(f"sens_{s}_{c}" for s in ("true", "synth") for c in ("LBBB", "RBBB")),
    *(f"{k}_{s}" for k in ("rsr", "qs") for s in ("true", "synth")),
)


def criteria_tables(pair: dict, labels, method: str, use_duration=True):
    """How often the criteria read the same with V1/V6 synthesized by ``method``, and the
    diagnostic accuracy on true and synthesized leads: (agreement table, accuracy table), both
    empty when there are no records."""
    if pair["true"].empty:  # no records of this kind present
        return pd.DataFrame(), pd.DataFrame()
    agree = criteria.agreement(pair["true"], pair[method], pd.Series(list(labels)))
    acc = {}
    for source in ("true", method):
        dx = [criteria.diagnose(r, use_duration) for r in pair[source].to_dict("records")]
        acc[source] = criteria.diagnostic_accuracy(labels, dx)
    return agree, pd.concat(acc, names=["leads"])


def criteria_texts(key: str, agree: pd.DataFrame, acc: pd.DataFrame, method: str) -> prose.Texts:
    """Agreement and sensitivities of :func:`criteria_tables`, "n/a" without records."""
    t = prose.Texts()
    if agree.empty:
        for name in _KEYS:
            t.glue(f"{key}_{name}", "n/a (no records present)")
        return t
    t.value(f"{key}_agreement", 100 * agree["agreement"].mean(), ".0f", "%")
    for c in ("LBBB", "RBBB"):
        t.value(f"{key}_sens_true_{c}", 100 * acc.loc[("true", c), "sensitivity"], ".0f", "%")
        t.value(f"{key}_sens_synth_{c}", 100 * acc.loc[(method, c), "sensitivity"], ".0f", "%")
    for crit, c in (("rsR′ in V1", "RBBB"), ("QS/rS in V1", "LBBB")):
        row = agree.loc[(c, crit)]
        short = "rsr" if c == "RBBB" else "qs"
        t.value(f"{key}_{short}_true", 100 * row["true leads"], ".0f", "%")
        t.value(f"{key}_{short}_synth", 100 * row["synthesized"], ".0f", "%")
    return t


def classifier_texts(key: str, table: pd.DataFrame | None, settings: list) -> prose.Texts:
    """Accuracy of the classifier with the recorded leads, with synthesized V1/V6 and with the
    true V1/V6 (``settings`` in that order); "n/a" when there was nothing to classify."""
    t = prose.Texts()
    if table is None:
        for short in ("rec", "synth", "true", "gain"):
            t.glue(f"{key}_acc_{short}", "n/a (no records present)")
        return t
    for name, short in zip(settings, ("rec", "synth", "true")):
        t.value(f"{key}_acc_{short}", 100 * table.loc[name, "accuracy"], ".0f", "%")
    gain = table.loc[settings[1], "accuracy"] - table.loc[settings[0], "accuracy"]
    t.value(f"{key}_acc_gain", 100 * gain, ".0f", "points", sign=True)
    return t


def retention_texts(key: str, table: pd.DataFrame | None) -> prose.Texts:
    """The share of the true leads' macro-F1 kept on synthesized leads (range over the
    methods) and the method that keeps the most (:func:`clinical_classifier.retention`);
    "n/a" without a table."""
    t = prose.Texts()
    if table is None:
        for short in ("f1", "best"):
            t.glue(f"{key}_{short}", "n/a (no records present)")
        return t
    kept = table["macro-F1 kept"].drop("true V1, V6")
    t.span(f"{key}_f1", 100 * kept.min(), 100 * kept.max(), ".0f", "%")
    t.glue(f"{key}_best", kept.idxmax())
    return t
