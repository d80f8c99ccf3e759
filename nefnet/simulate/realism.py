"""The realism scorecard: the same statistics, with the same preprocessing, for any records — real
or simulated — so SimPanobench can be held against real ECGs before a conclusion is drawn from it.

Every record is cut into :data:`SECONDS`-long windows at :data:`SAMPLING_RATE` Hz, band-passed
(:data:`BAND` Hz), and only its recorded signals are used (a simulated record's noise-free copy is
not: real records have none). Per window:

* RMS and peak-to-peak of each of the 12 leads (mV);
* QRS duration (ms) and frontal QRS axis (degrees) from NeuroKit2's delineation of lead II;
* the correlation of adjacent precordial leads (V1–V2 … V5–V6);
* the share of the 8 independent leads' energy in their top 2 and 3 singular values;
* the PSNR (dB, the papers' joint min–max) of the unseen lead of (3,8,1) and (5,6,1) on the last
  half of the window: nominal dipole-LSQ, a population regression fitted on a training split of
  the same source, and a per-record regression fitted on the first half.

:func:`summary` reduces a scorecard to medians with their 10–90 % ranges.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import baselines
from ..data.delineate import delineate
from ..data.preprocess import SECONDS, unique, windows
from ..data.protocols import get_protocol
from ..data.record import Record
from ..data.splits import train_part
from ..views import INDEPENDENT_8, LEADS_12

#: windows taken from one record at most, so a few long recordings do not outweigh many short ones
MAX_WINDOWS = 3
#: adjacent precordial pairs
PAIRS = (("V1", "V2"), ("V2", "V3"), ("V3", "V4"), ("V4", "V5"), ("V5", "V6"))
#: protocol → the unseen lead its baselines are scored on
TASKS = {"(3,8,1)": "V2", "(5,6,1)": "V4"}
#: the statistics a chapter shows (of the many per-lead ones, two leads' RMS)
SHOWN = (
    [f"corr_{a}{b}" for a, b in PAIRS]
    + ["rank3_energy", "rms_I", "rms_V2", "qrs_ms", "axis_deg"]
    + [f"{m}_{v}" for v in TASKS.values() for m in ("lsq", "population", "per_record")]
)


def _corr(a: np.ndarray, b: np.ndarray) -> float:
    """Pearson's r of two leads; NaN when either is flat (a lead the record lacks)."""
    if np.std(a) == 0 or np.std(b) == 0:
        return float("nan")
    return float(np.corrcoef(a, b)[0, 1])


def shape_stats(rec: Record) -> dict:
    """Amplitudes, adjacent precordial correlations and low-rank energy of one window."""
    x = rec.signals
    out = {f"rms_{v}": float(np.sqrt(np.mean(x[i] ** 2))) for i, v in enumerate(LEADS_12)}
    out |= {f"p2p_{v}": float(np.ptp(x[i])) for i, v in enumerate(LEADS_12)}
    for a, b in PAIRS:
        out[f"corr_{a}{b}"] = _corr(rec.select([a])[0], rec.select([b])[0])
    s = np.linalg.svd(rec.select(INDEPENDENT_8), compute_uv=False) ** 2
    out["rank2_energy"], out["rank3_energy"] = (
        float(s[:2].sum() / s.sum()),
        float(s[:3].sum() / s.sum()),
    )
    return out


def qrs_stats(rec: Record) -> dict:
    """Median QRS duration (ms) and frontal QRS axis (degrees, from the net QRS areas of I and
    aVF) over the beats NeuroKit2 delineates in lead II; NaN where it finds none."""
    try:
        waves = delineate(rec, "II")
    except ValueError:  # a window NeuroKit2 cannot delineate (flat, too few beats): no value
        return {"qrs_ms": np.nan, "axis_deg": np.nan}
    on, off = waves["qrs_on"], waves["qrs_off"]
    ok = (on >= 0) & (off > on)
    if not ok.any():
        return {"qrs_ms": np.nan, "axis_deg": np.nan}
    lead_i, avf = rec.select(["I", "aVF"])
    area = np.array(
        [
            [lead_i[int(a) : int(b) + 1].sum(), avf[int(a) : int(b) + 1].sum()]
            for a, b in zip(on[ok], off[ok])
        ]
    )
    return {
        "qrs_ms": float(1000 * np.median(off[ok] - on[ok]) / rec.sampling_rate),
        "axis_deg": float(np.degrees(np.arctan2(*np.median(area, axis=0)[::-1]))),
    }


def baseline_stats(rec: Record, population: dict) -> dict:
    """PSNR of each task's unseen lead on the second half of the window: nominal dipole-LSQ,
    the fitted ``{task: PopulationRegression}`` and a per-record regression on the first half."""
    from ..scoring.evaluate import score_last
    from ..scoring.methods import dipole_lsq_method

    half = rec.duration / 2
    out = {}
    for task, view in TASKS.items():
        p = get_protocol(task)
        methods = {
            "lsq": dipole_lsq_method,
            "population": _fixed(population[task]),
            "per_record": _per_record(rec, p, int(half * rec.sampling_rate)),
        }
        for name, method in methods.items():
            s = score_last(method, [rec], p, half)
            out[f"{name}_{view}"] = float(s.loc[s["view"] == view, "psnr"].iloc[0])
    return out


def _fixed(model):
    def run(x, recorded, ang_in, targets, ang_out, *, joint=None, bounds=None):
        return model.predict(x)

    return run


def _per_record(rec, protocol, calibration):
    full = baselines.per_record_regression(
        rec.signals, rec.leads, protocol.recorded, protocol.targets, calibration
    )

    def run(x, recorded, ang_in, targets, ang_out, *, joint=None, bounds=None):
        return full[:, -x.shape[1] :]  # the scored window is the end of the record

    return run


def population_models(train: list[Record]) -> dict:
    """A population regression per task, fitted on ``train`` windows."""
    out = {}
    for task in TASKS:
        p = get_protocol(task)
        model = baselines.PopulationRegression(p.recorded, p.targets)
        out[task] = model.fit([r.signals for r in train], LEADS_12)
    return out


def scorecard(records, source: str = "", train_fraction=0.6, seed=0, max_windows=MAX_WINDOWS):
    """One row per window of ``records`` (Records of one source): every statistic. The
    records (not the windows: a record's windows share its patient) are split
    ``train_fraction`` / rest with ``seed``; the population regression is fitted on the windows
    of the first part and every baseline is scored on the windows of the rest (NaN on the
    training windows); the other statistics cover all windows."""
    records = unique(records)
    per = [windows(r, max_windows=max_windows) for r in records]
    if sum(len(w) for w in per) < 2 or len(records) < 2:
        raise ValueError(
            f"{source or 'these records'}: need at least two records with a "
            f"{SECONDS:g}-s window of the 12 leads"
        )
    train = train_part(len(records), train_fraction, seed)
    population = population_models([w for i in sorted(train) for w in per[i]])
    rows = []
    for i, wins in enumerate(per):
        for w in wins:
            row = {"source": source, "window": w.name} | shape_stats(w) | qrs_stats(w)
            if i not in train:
                row |= baseline_stats(w, population)
            rows.append(row)
    return pd.DataFrame(rows)


def summary(frame: pd.DataFrame, by="source") -> pd.DataFrame:
    """Median and 10–90 % range of every statistic, per source: columns (statistic, quantile)."""
    stats = frame.drop(columns=["window"]).groupby(by)
    out = stats.quantile([0.1, 0.5, 0.9]).unstack()
    out.columns = out.columns.set_levels(["p10", "median", "p90"], level=1)
    return out


#: what "as hard as real ECGs" means, against the pooled real windows: a median within an
#: absolute tolerance (or, for RMS, a ratio), and a 10–90 % range at least half as wide
TOLERANCE = {
    "corr": 0.08,
    "rank3_energy": 0.004,
    "rms_ratio": 0.30,
    "psnr_db": 1.5,
    "range_share": 0.5,
}
RMS_LEADS = INDEPENDENT_8
PSNR_STATS = ("lsq_V2", "population_V2", "lsq_V4", "population_V4")


def target_table(frame: pd.DataFrame, simulated: str, real_sources) -> pd.DataFrame:
    """The realism targets for one simulated source against the pooled real windows: one row per
    target with the real and simulated values and whether it is met."""
    real, sim = frame[frame["source"].isin(real_sources)], frame[frame["source"] == simulated]
    if real.empty or sim.empty:
        raise ValueError(f"need windows of {simulated!r} and of {list(real_sources)}")
    rows = []
    for a, b in PAIRS:
        col = f"corr_{a}{b}"
        r, m = real[col].median(), sim[col].median()
        rows.append((f"corr({a}, {b}) median", r, m, abs(m - r) <= TOLERANCE["corr"]))
        wr, ws = (np.subtract(*x[col].quantile([0.9, 0.1])) for x in (real, sim))
        rows.append((f"corr({a}, {b}) 10–90 % width", wr, ws, ws >= TOLERANCE["range_share"] * wr))
    r, m = real["rank3_energy"].median(), sim["rank3_energy"].median()
    rows.append(("rank-3 energy median", r, m, abs(m - r) <= TOLERANCE["rank3_energy"]))
    for v in RMS_LEADS:
        r, m = real[f"rms_{v}"].median(), sim[f"rms_{v}"].median()
        rows.append((f"RMS {v} (mV)", r, m, abs(m / r - 1) <= TOLERANCE["rms_ratio"]))
    for col in PSNR_STATS:
        r, m = real[col].median(), sim[col].median()
        rows.append((f"{col} PSNR (dB)", r, m, abs(m - r) <= TOLERANCE["psnr_db"]))
    return pd.DataFrame(rows, columns=["target", "real", simulated, "met"]).set_index("target")
