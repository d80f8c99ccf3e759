"""Chapter 09 (clinical, LBBB/RBBB): synthesis per class (the Table 4 analogue), V1/V6 and
virtual views of bundle-branch blocks synthesized from I, II and V5, and whether the automatic
criteria (nefnet.criteria) read the same on synthesized leads as on the true ones — on
simulated records and on real beats."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import criteria
from ..beats import detect_r_peaks, median_beat
from ..book import pipeline
from ..data.protocols import get_protocol
from ..geometry import view_angles
from ..metrics import joint_range
from ..progress import tqdm
from ..scoring.evaluate import per_record, score_last
from ..signal import resample
from ..simulate.generate import any_view

#: the recorded leads of the paper's Fig. 10, and the leads the criteria need synthesized
FIG10_RECORDED, SYNTHESIZED = ("I", "II", "V5"), ("V1", "V6")
#: the paper's Fig. 11 virtual views (θ, φ) in degrees
FIG11_VIEWS = ((90.0, 130.0), (132.0, -99.0), (140.0, 100.0))
#: the leads of a beat the criteria look at (all eight independent leads find the QRS)
BEAT_LEADS = ("I", "II", "V1", "V2", "V3", "V4", "V5", "V6")


def class_records(classes, n, device="sim-cpsc", seed=pipeline.TEST_SEED) -> dict:
    """``n`` test records of each class on ``device``."""
    return {c: pipeline.device_records(device, n, seed, classes=(c,)) for c in classes}


def table4_long(methods: dict, by_class: dict, protocol="(3,8,1)", progress=True):
    """Unseen-view PSNR/SSIM per class and method, mean ± SD over the records."""
    p, rows = get_protocol(protocol), []
    for label, records in tqdm(by_class.items(), desc="Table 4", disable=not progress):
        for name, method in methods.items():
            t = per_record(score_last(method, records, p), "unseen")
            rows.append(
                {
                    "class": label,
                    "method": name,
                    "psnr": t["psnr"].mean(),
                    "psnr_sd": t["psnr"].std(ddof=1),
                    "ssim": t["ssim"].mean(),
                }
            )
    return pd.DataFrame(rows)


def synthesize_views(method, signals, leads, recorded, targets_or_angles):
    """Views (Q, T) synthesized by ``method`` from the ``recorded`` rows of ``signals``; the
    targets are lead names or (θ, φ) radians. Scaled by the recorded views' range."""
    x = signals[[list(leads).index(v) for v in recorded]]
    names = [t for t in targets_or_angles if isinstance(t, str)]
    angles = view_angles(names) if names else np.asarray(targets_or_angles, dtype=float)
    return method(
        x,
        recorded,
        view_angles(recorded),
        names or list(range(len(angles))),
        angles,
        joint=joint_range(x),
    )


def with_synthesized(signals, leads, method, recorded, targets=SYNTHESIZED) -> np.ndarray:
    """``signals`` with the ``targets`` rows replaced by their synthesis from ``recorded``."""
    out = np.array(signals, dtype=float, copy=True)
    synth = synthesize_views(method, signals, leads, recorded, targets)
    for k, v in enumerate(targets):
        out[list(leads).index(v)] = synth[k]
    return out


def beat(signals, record, peaks=None) -> dict:
    """The beat the criteria read: the record itself when it is one beat, else its median
    beat around ``peaks`` (detected on II when not given)."""
    rows = [list(record.leads).index(v) for v in BEAT_LEADS]
    if record.meta.get("single_beat"):
        return dict(zip(BEAT_LEADS, signals[rows]))
    rate = record.sampling_rate
    if peaks is None:
        peaks = detect_r_peaks(signals[list(record.leads).index("II")], rate)
    med, _ = median_beat(signals[rows], rate, peaks, before=0.25, after=0.55)
    return dict(zip(BEAT_LEADS, med))


def criteria_pair(records, methods: dict, recorded, progress=True) -> dict:
    """Criteria on each record's true leads (noise-free when simulated, the simulator's R
    peaks) and on its leads with V1 and V6 synthesized from ``recorded`` by each method;
    ``{"true": DataFrame, method: DataFrame}``, one row per record."""
    out = {"true": []} | {m: [] for m in methods}
    for rec in tqdm(records, desc="criteria", disable=not progress):
        waves = getattr(rec, "waves", None)
        peaks = waves["r_peak"] if waves is not None else None
        sig, rate = rec.reference, rec.sampling_rate
        out["true"].append(criteria.measure(beat(sig, rec, peaks), rate))
        for name, method in methods.items():
            mixed = with_synthesized(sig, rec.leads, method, recorded)
            out[name].append(criteria.measure(beat(mixed, rec, peaks), rate))
    return {k: pd.DataFrame(v) for k, v in out.items()}


def single_beats(beats, rate=500.0):
    """Real single beats resampled to ``rate`` (the models' rate), marked as one beat each."""
    from ..data.record import Record

    return [
        Record(
            resample(b.signals, b.sampling_rate, rate),
            rate,
            b.leads,
            b.name,
            dict(b.meta, single_beat=True),
        )
        for b in beats
    ]


def fig10_traces(method, record, seconds=2.0, recorded=FIG10_RECORDED) -> dict:
    """V1 and V6 of ``record`` (last ``seconds``): truth and synthesis from ``recorded``."""
    n = int(seconds * record.sampling_rate)
    sig = record.reference[:, -n:]
    synth = synthesize_views(method, sig, record.leads, recorded, SYNTHESIZED)
    truth = np.stack([sig[list(record.leads).index(v)] for v in SYNTHESIZED])
    return {
        "time": np.arange(n) / record.sampling_rate,
        "truth": truth,
        "synth": synth,
        "views": SYNTHESIZED,
    }


def virtual_traces(methods: dict, record, views_deg, seconds=2.0, recorded=FIG10_RECORDED):
    """Virtual views (θ, φ degrees) of a simulated record: the simulator's truth and each
    method's synthesis from ``recorded`` (last ``seconds``)."""
    n = int(seconds * record.sampling_rate)
    ang = np.radians(np.asarray(views_deg, dtype=float))
    truth = any_view(record, ang[:, 0], ang[:, 1])[:, -n:]
    sig = record.reference[:, -n:]
    synth = {m: synthesize_views(f, sig, record.leads, recorded, ang) for m, f in methods.items()}
    return {
        "time": np.arange(n) / record.sampling_rate,
        "truth": truth,
        "synth": synth,
        "views": [f"θ = {t:g}°, φ = {p:g}°" for t, p in views_deg],
    }


def high_views(leads, degrees) -> list[tuple[float, float]]:
    """(θ, φ) degrees of ``leads`` moved ``degrees`` up the chest (θ smaller)."""
    return [(float(t) - degrees, float(p)) for t, p in np.degrees(view_angles(leads))]


def trace_psnr(traces: dict) -> pd.DataFrame:
    """PSNR (dB, joint range of truth and synthesis) per view and method of a trace set."""
    from ..metrics import psnr

    synth = traces["synth"] if isinstance(traces["synth"], dict) else {"synth": traces["synth"]}
    rows = {}
    for m, y in synth.items():
        lo, scale = joint_range(traces["truth"], y)
        t, s = (traces["truth"] - lo) / scale, (y - lo) / scale
        rows[m] = psnr(s[None], t[None], reduction="none")[0]
    return pd.DataFrame(rows, index=traces["views"])


def traces_psnr(trace_sets: dict) -> dict:
    """``{name: trace set}`` → ``{name: {"view · method": PSNR dB}}`` (JSON-ready)."""
    return {
        name: {
            f"{view} · {method}": round(float(v), 4)
            for view, row in trace_psnr(traces).iterrows()
            for method, v in row.items()
        }
        for name, traces in trace_sets.items()
    }
