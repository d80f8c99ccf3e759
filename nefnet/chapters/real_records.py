"""Chapter 10 (real records): the three stages carried to the real CinC sample — Stage I on
SimPanobench, Stage II on the sample's training part, Stage III per held-out record — against
dipole-LSQ, population regression and Nef-Net v1 on the held-out records' unseen lead."""

from __future__ import annotations

import pandas as pd

from ..book import prose
from ..book.paper_numbers import EXPECT
from ..data import damage
from ..data.preprocess import BAND, SAMPLING_RATE, SECONDS
from ..scoring.evaluate import score_last, summarize
from ..scoring.per_patient import (
    LIMIT_NAME,
    PATIENT_NAME,
    linear_limit,
    per_patient_method,
    score_per_record,
)
from ..training.onthefly import score_calibrated
from ..views import DERIVED_LIMB

#: the names the chapter's rows carry
LSQ, REG, V1 = "dipole-LSQ (nominal angles)", "population regression", "Nef-Net v1 (SimPanobench)"
PATIENT, LIMIT = PATIENT_NAME, LIMIT_NAME
#: rows that are not NEF-NET v2
OTHERS = (LSQ, REG, V1, PATIENT, LIMIT)
METRICS = {"psnr": "PSNR (dB)", "ssim": "SSIM", "rmse_uV": "RMSE (µV)", "r": "r"}


#: seconds scored at the end of each window (as chapter 05 scores)
SCORED_SECONDS = 5.0


def preprocessing() -> str:
    """The common preprocessing of every compared record, in words."""
    lo, hi = BAND
    return f"{SAMPLING_RATE:g} Hz, {SECONDS:g}-s windows, {lo:g}–{hi:g} Hz band-pass"


def score(method, records, protocol):
    """Per-view scores of the last :data:`SCORED_SECONDS` of each record."""
    return score_last(method, records, protocol, SCORED_SECONDS)


def linear_rows(records, protocol) -> dict:
    """The per-patient linear competitor of Stage III and the linear limit, by row name."""
    return {
        PATIENT: score_per_record(per_patient_method, records, protocol, SCORED_SECONDS),
        LIMIT: score(linear_limit, records, protocol),
    }


def stage3(model, records, protocol, cfg, progress=True):
    """Stage III per record (calibrated on its first seconds): scores and learned offsets."""
    return score_calibrated(model, records, protocol, cfg, progress=progress)


def unseen_table(scores: dict) -> pd.DataFrame:
    """One row per method: mean PSNR, SSIM, RMSE and r of the unseen lead."""
    rows = {name: summarize(s).loc["unseen"] for name, s in scores.items()}
    return pd.DataFrame(rows).T.rename(columns=METRICS)


def per_lead_table(scores: dict, metric="psnr") -> pd.DataFrame:
    """One row per method, one column per scored independent lead (mean over records); the
    unseen V2 first, then the supervised leads."""
    rows = {}
    for name, s in scores.items():
        s = s[~s["view"].isin(DERIVED_LIMB)]
        rows[name] = s.groupby("view")[metric].mean()
    table = pd.DataFrame(rows).T
    first = scores[next(iter(scores))]
    unseen = list(first.loc[first["role"] == "unseen", "view"].unique())
    return table[unseen + [c for c in table.columns if c not in unseen]]


def supervised_mean(scores: dict) -> pd.Series:
    """Mean PSNR (dB) over the supervised independent leads, per method."""
    return pd.Series({name: summarize(s).loc["supervised", "psnr"] for name, s in scores.items()})


def findings_texts(table: pd.DataFrame, supervised: pd.Series, sim_only: str, real: str):
    """How NEF-NET v2 stands against the baselines and Nef-Net v1 on the unseen lead, and what
    Stage II on the real records (row ``real``) changes against the simulator-only model (row
    ``sim_only``) on the unseen and on the supervised leads: a :class:`~nefnet.book.prose.Texts`
    of :data:`GLUED`."""
    t = prose.Texts()
    psnr = table["PSNR (dB)"]
    v2 = [i for i in psnr.index if i not in OTHERS]
    stage3 = [i for i in v2 if i.endswith("Stage III")]
    best = psnr[v2].idxmax()
    linear = max(supervised[LSQ], supervised[REG])
    t.glue("real_best_v2", best)
    t.value("real_best_v2_psnr", psnr[best], ".1f", "dB")
    t.value("real_lsq_psnr", psnr[LSQ], ".1f", "dB")
    t.value("real_reg_psnr", psnr[REG], ".1f", "dB")
    t.value("real_v1_psnr", psnr[V1], ".1f", "dB")
    t.relation("real_v2_vs_lsq", [psnr[best] - psnr[LSQ]])
    t.relation("real_v2_vs_reg", [psnr[best] - psnr[REG]])
    t.relation("real_v2_vs_v1", [psnr[o] - psnr[V1] for o in v2])
    t.value("real_sim_only_psnr", psnr[sim_only], ".1f", "dB")
    t.value("real_stage2_unseen", psnr[real] - psnr[sim_only], ".1f", "dB", sign=True)
    change = supervised[real] - supervised[sim_only]
    t.value("real_stage2_supervised", change, ".1f", "dB", sign=True)
    t.relation("real_supervised_vs_linear", [supervised[v2].max() - linear])
    t.verdict(
        "real_beats_baselines",
        psnr[best] > max(psnr[LSQ], psnr[REG]),
        "above both linear baselines",
        "not above both linear baselines",
    )
    t.value("real_pp_psnr", psnr[PATIENT], ".1f", "dB")
    t.value("real_pp_supervised", supervised[PATIENT], ".1f", "dB")
    t.value("real_limit_psnr", psnr[LIMIT], ".1f", "dB")
    t.relation("real_s3_vs_pp", [psnr[o] - psnr[PATIENT] for o in stage3])
    t.relation("real_s3_vs_pp_supervised", [supervised[o] - supervised[PATIENT] for o in stage3])
    t.value("real_v1_margin_db", EXPECT["v2_over_v1_db"], "g", "dB")
    t.verdict(
        "real_v1_margin",
        min(psnr[o] - psnr[V1] for o in v2) >= EXPECT["v2_over_v1_db"],
        "holds",
        "does not hold",
    )
    return t


#: every value :func:`findings_texts` states
GLUED = (
    "real_best_v2", "real_best_v2_psnr", "real_lsq_psnr", "real_reg_psnr", "real_v1_psnr",
    "real_v2_vs_lsq", "real_v2_vs_reg", "real_v2_vs_v1", "real_sim_only_psnr",
    "real_stage2_unseen", "real_stage2_supervised", "real_supervised_vs_linear",
    "real_beats_baselines", "real_v1_margin", "real_pp_psnr", "real_pp_supervised",
    "real_limit_psnr", "real_s3_vs_pp", "real_s3_vs_pp_supervised",
)  # fmt: skip


def absent_texts() -> prose.Texts:
    """Without real records: every finding reads "n/a (no real records here)"."""
    t = prose.Texts()
    t.value("real_v1_margin_db", EXPECT["v2_over_v1_db"], "g", "dB")
    for key in GLUED:
        t.glue(key, "n/a (no real records here)")
    return t


def gate_texts(gate: pd.DataFrame) -> dict[str, str]:
    """The plausibility gate's measurement in words: the records as recorded, the false alarms
    on them, the share of the damaged copies its exact checks catch, and the range its two
    statistical checks (sampling rate, precordial leads) reach."""
    recorded = gate.loc["as recorded"]
    checked = gate[~gate["expected check"].isin(["none", *damage.PARTIAL])]
    partial = gate[gate["expected check"].isin(damage.PARTIAL)]
    false = int(recorded["flagged"])
    caught, total = int(checked["by the expected check"].sum()), int(checked["n"].sum())
    texts = {
        "gate_n": f"{int(recorded['n'])}",
        "gate_false": "no false alarm" if false == 0 else f"{false} false alarm(s)",
        "gate_caught": f"{caught} of {total} ({prose.number(caught / total, '.0%')})"
        if total
        else "none (no records here)",
    }
    for check, key in (("sampling rate", "gate_rate"), ("precordial leads", "gate_precordial")):
        rows = partial[partial["expected check"] == check]
        share = (rows["by the expected check"] / rows["n"]).dropna()
        texts[key] = (
            prose.range_text(share.min(), share.max(), ".0%")
            if len(share)
            else "none (no records here)"
        )
    return texts
