"""Chapter 01 (dipole theory): how far a single fixed dipole explains real ECGs — Frank VCG ↔
12 leads on PTB records.

Every fit uses the first half of a record and is scored on the second half, after a band-pass
of :data:`BAND` Hz.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import baselines, metrics, signal as sig
from ..book import prose
from ..data.record import Record
from ..dipole import conditioning, fit_dipole, project
from ..geometry import FRANK_TO_NEF, angles_from_vector, derive_limb_leads, lead_vectors
from ..views import FRANK, INDEPENDENT_8, LEADS_12

#: the band-pass (Hz) applied before every fit: removes baseline wander and EMG
BAND = (0.5, 40.0)


def preprocess(record: Record, band=BAND) -> Record:
    """Zero-phase band-pass of every lead."""
    return record.with_signals(sig.bandpass(record.signals, record.sampling_rate, *band))


def halves(record: Record):
    """(first half, second half) as Records."""
    mid = record.duration / 2.0
    return record.segment(0.0, mid), record.segment(mid, None)


def einthoven_residuals(record: Record) -> pd.DataFrame:
    """Recorded III, aVR, aVL, aVF minus their Einthoven/Goldberger values from I and II, µV."""
    i, ii = record.select(["I", "II"])
    rows = []
    for name, derived in derive_limb_leads(i, ii).items():
        res = 1000.0 * (record.select([name])[0] - derived)
        rows.append(
            {"lead": name, "max_abs_uV": np.abs(res).max(), "rms_uV": np.sqrt(np.mean(res**2))}
        )
    return pd.DataFrame(rows).set_index("lead")


def _score(pred, target):
    return {
        "r2": metrics.r2_score(pred, target),
        "r": metrics.pearson_r(pred, target),
        "rmse_uV": metrics.rmse_uv(pred, target),
    }


def leads_from_vcg(record: Record, leads=LEADS_12) -> pd.DataFrame:
    """Fit each lead as a linear map of (X, Y, Z) on half 1; R², r, RMSE µV on half 2.

    Also reports the fitted lead vector's direction in the papers' axes and its angle to the
    lead's nominal (θ, φ) in the angle table.
    """
    fit, test = halves(record)
    w = baselines.fit_linear(fit.select(FRANK), fit.select(leads))
    scores = _score(baselines.apply_linear(w, test.select(FRANK)), test.select(leads))
    vec_nef = w[:, :3] @ FRANK_TO_NEF.T  # lead vectors in (x ant, y left, z sup)
    theta, phi = angles_from_vector(vec_nef)
    nominal = lead_vectors(leads, einthoven=False)
    cosang = np.sum(vec_nef * nominal, 1) / np.linalg.norm(vec_nef, axis=1)
    return pd.DataFrame(
        {
            **scores,
            "gain": np.linalg.norm(vec_nef, axis=1),
            "theta_deg": np.degrees(theta),
            "phi_deg": np.degrees(phi),
            "off_nominal_deg": np.degrees(np.arccos(np.clip(cosang, -1, 1))),
        },
        index=pd.Index(leads, name="lead"),
    )


def vcg_from_leads(record: Record) -> pd.DataFrame:
    """Measured Frank X, Y, Z against: a regression on the 8 leads (fit on half 1), inverse
    Dower, Kors and KQO — Pearson r per axis on half 2."""
    fit, test = halves(record)
    w = baselines.fit_linear(fit.select(INDEPENDENT_8), fit.select(FRANK))
    sig8, leads = test.select(INDEPENDENT_8), INDEPENDENT_8
    truth = test.select(FRANK)
    estimates = {
        "8-lead regression (fit on half 1)": baselines.apply_linear(w, sig8),
        "inverse Dower": baselines.inverse_dower(sig8, leads),
        "Kors": baselines.kors(sig8, leads),
        "KQO": baselines.kqo(sig8, leads),
    }
    rows = {name: metrics.pearson_r(est, truth) for name, est in estimates.items()}
    table = pd.DataFrame(rows, index=[f"r {a}" for a in FRANK]).T
    table["R² (regression)"] = np.nan
    table.loc["8-lead regression (fit on half 1)", "R² (regression)"] = np.mean(
        metrics.r2_score(estimates["8-lead regression (fit on half 1)"], truth)
    )
    return table


def dipole_lsq(record: Record, leads_in, leads_out=None) -> pd.DataFrame:
    """Dipole-LSQ synthesis from ``leads_in`` with two kinds of lead vectors, scored on half 2:

    * *nominal*: unit vectors of the angle table (what a geometry-only model knows);
    * *record-specific*: lead vectors fitted to this record's Frank VCG on half 1 — the best a
      single fixed dipole can do.
    """
    leads_in = tuple(leads_in)
    leads_out = (
        tuple(n for n in INDEPENDENT_8 if n not in leads_in)
        if leads_out is None
        else tuple(leads_out)
    )
    fit, test = halves(record)
    truth = test.select(leads_out)
    nominal = project(
        fit_dipole(test.select(leads_in), leads=leads_in), vectors=lead_vectors(leads_out)
    )
    w = baselines.fit_linear(fit.select(FRANK), fit.select(leads_in + leads_out))
    vin, vout = w[: len(leads_in), :3], w[len(leads_in) :, :3]
    centred = test.select(leads_in) - w[: len(leads_in), 3:]
    specific = project(fit_dipole(centred, vectors=vin), vectors=vout) + w[len(leads_in) :, 3:]
    out = {}
    for label, pred in (("nominal", nominal), ("record-specific", specific)):
        for key, val in _score(pred, truth).items():
            out[(label, key)] = val
    return pd.DataFrame(out, index=pd.Index(leads_out, name="lead"))


def lead_set_conditioning(lead_sets) -> pd.DataFrame:
    """Rank and condition number of the nominal lead vectors of each lead set."""
    rows = []
    for leads in lead_sets:
        info = conditioning(lead_vectors(leads))
        rows.append(
            {
                "leads": ", ".join(leads),
                "rank": info["rank"],
                "condition_number": info["condition_number"],
                "smallest_singular_value": info["singular_values"][-1],
            }
        )
    return pd.DataFrame(rows).set_index("leads")


def per_record(records: dict, fn, *args, **kwargs) -> pd.DataFrame:
    """Apply a per-record table function to each ``{name: Record}``, stacked by record."""
    if not records:
        return pd.DataFrame()
    return pd.concat(
        {name: fn(rec, *args, **kwargs) for name, rec in records.items()}, names=["record"]
    )


def nested(table: pd.DataFrame, column: str) -> dict:
    """``{record: {lead: value}}`` of one column of a :func:`per_record` table."""
    if table.empty:
        return {}
    return {
        rec: grp.droplevel("record")[column].to_dict()
        for rec, grp in table.groupby(level="record", sort=False)
    }


def nested_frame(table: pd.DataFrame) -> dict:
    """``{record: {row: {column: value}}}`` of a :func:`per_record` table (columns flattened)."""
    if table.empty:
        return {}
    flat = table.copy()
    flat.columns = [" ".join(map(str, c)) if isinstance(c, tuple) else str(c) for c in flat.columns]
    return {
        rec: grp.droplevel("record").to_dict(orient="index")
        for rec, grp in flat.groupby(level="record", sort=False)
    }


def _independent(table):
    return table[table.index.get_level_values("lead").isin(INDEPENDENT_8)]


def findings_texts(einthoven, fit12, frank, lsq) -> prose.Texts:
    """The chapter's measured statements from its tables; every value reads "n/a" when no PTB
    record was available."""
    t = prose.Texts()
    have = not fit12.empty
    ind = _independent(fit12) if have else None
    t.value("einthoven_max", einthoven["max_abs_uV"].max() if have else None, ".1f", "µV")
    t.span("r2_range", *(ind["r2"].agg(["min", "max"]) if have else (None,) * 2), ".3f")
    t.value("r2_median", ind["r2"].median() if have else None, ".3f")
    worst = ind["r2"].idxmin() if have else None
    t.glue("r2_worst", f"{worst[1]} of {worst[0]}" if have else "n/a")
    by_lead = ind["r2"].groupby(level="lead").mean().sort_values() if have else None
    t.glue("r2_low_leads", ", ".join(by_lead.index[:3]) if have else "n/a")
    by_rec = ind["r2"].groupby(level="record").median().sort_values() if have else None
    t.glue("r2_worse_record", by_rec.index[0] if have else "n/a")
    t.span(
        "rmse_range", *(ind["rmse_uV"].agg(["min", "max"]) if have else (None,) * 2), ".0f", "µV"
    )
    t.span("gain_range", *(ind["gain"].agg(["min", "max"]) if have else (None,) * 2), ".1f")
    t.span(
        "off_nominal_range",
        *(ind["off_nominal_deg"].agg(["min", "max"]) if have else (None,) * 2),
        ".0f",
        "°",
    )
    _frank_texts(t, frank)
    _lsq_texts(t, lsq)
    return t


def _frank_texts(t, frank):
    """Which axes the population matrices miss most, and Kors against inverse Dower on Z."""
    have = not frank.empty
    pop = frank.drop(index="8-lead regression (fit on half 1)", level=1) if have else None
    axes = pop[["r X", "r Y", "r Z"]].mean().sort_values() if have else None
    t.glue("frank_worst_axes", " and ".join(a[-1] for a in axes.index[:2]) if have else "n/a")
    z = frank["r Z"].groupby(level=1).mean() if have else None
    t.verdict(
        "kors_beats_dower_z",
        have and z["Kors"] > z["inverse Dower"],
        "Kors beats inverse Dower on Z",
        "Kors does not beat inverse Dower on Z",
    )
    reg = frank.xs("8-lead regression (fit on half 1)", level=1) if have else None
    t.value(
        "frank_regression_r_min", reg[["r X", "r Y", "r Z"]].min().min() if have else None, ".3f"
    )


def _lsq_texts(t, lsq):
    """Nominal against record-specific dipole-LSQ."""
    have = not lsq.empty
    nominal = lsq[("nominal", "r2")] if have else None
    specific = lsq[("record-specific", "r2")] if have else None
    n_neg = int((nominal < 0).sum()) if have else 0
    t.glue("lsq_negative", f"{n_neg} of {len(nominal)}" if have else "n/a")
    t.value("lsq_nominal_r2_min", nominal.min() if have else None, ".1f")
    t.span("lsq_specific_r2_range", *(specific.agg(["min", "max"]) if have else (None,) * 2), ".2f")
    t.verdict(
        "lsq_specific_wins",
        have and bool((specific > nominal).all()),
        "on every target lead",
        "not on every target lead",
    )
