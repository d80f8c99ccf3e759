"""The realism scorecard: known cases, the same preprocessing for every source, the targets."""

import numpy as np
import pandas as pd
import pytest

from nefnet import geometry, views
from nefnet.data import Record
from nefnet.data.preprocess import SAMPLING_RATE, SECONDS
from nefnet.simulate import SimConfig, realism, simulate_record


def _dipole_record(name="dipole", seconds=20.0, fs=500.0, seed=0):
    """12 leads that are exactly one fixed dipole seen through the nominal lead vectors."""
    rng = np.random.default_rng(seed)
    t = np.arange(int(seconds * fs)) / fs
    p = np.stack([np.sin(2 * np.pi * f * t + ph) for f, ph in rng.uniform(1, 9, (3, 2))])
    return Record(geometry.lead_vectors(views.LEADS_12) @ p, fs, views.LEADS_12, name)


def test_a_pure_dipole_has_rank3_energy_one():
    w = realism.windows(_dipole_record())[0]
    stats = realism.shape_stats(w)
    assert stats["rank3_energy"] == pytest.approx(1.0, abs=1e-12)
    assert stats["rank2_energy"] < 0.999
    assert set(stats) >= {f"corr_{a}{b}" for a, b in realism.PAIRS}


def test_windows_share_one_preprocessing():
    rec = _dipole_record(seconds=38.4, fs=1000.0)
    wins = realism.windows(rec)
    assert len(wins) == 3 and all(w.sampling_rate == SAMPLING_RATE for w in wins)
    assert wins[0].signals.shape == (12, int(SECONDS * SAMPLING_RATE))
    assert realism.windows(_dipole_record(seconds=9.0)) == []  # shorter than a window
    eight = Record(rec.select(views.INDEPENDENT_8), rec.sampling_rate, views.INDEPENDENT_8)
    derived = realism.windows(eight)  # the four derived limb leads are derived
    assert np.allclose(derived[0].signals, wins[0].signals)
    lacking = views.INDEPENDENT_8[:-1]
    seven = Record(rec.select(lacking), rec.sampling_rate, lacking)
    assert realism.windows(seven) == []  # an independent lead is missing
    assert len(realism.windows(rec, max_windows=2)) == 2


def test_scorecard_splits_records_and_scores_baselines():
    recs = [_dipole_record(f"d{k}", seed=k) for k in range(4)]
    card = realism.scorecard(recs + [recs[0]], "dipoles")  # the duplicate is dropped
    assert len(card) == 4 * 2 and set(card["source"]) == {"dipoles"}
    scored = card.dropna(subset=["lsq_V2"])
    assert 0 < len(scored) < len(card)  # baselines on the held-out records only
    # an exact dipole through the nominal lead vectors: dipole-LSQ is (nearly) perfect
    assert (scored["lsq_V2"] > 60).all() and (scored["lsq_V4"] > 60).all()
    summary = realism.summary(card)
    assert summary.loc["dipoles", ("rank3_energy", "median")] == pytest.approx(1.0)
    with pytest.raises(ValueError, match="at least two records"):
        realism.scorecard(recs[:1], "one")


def test_simulated_records_use_their_recorded_signals_and_qrs_is_delineated():
    recs = [simulate_record(SimConfig(classes=("Normal",)), 3, k) for k in range(3)]
    w = realism.windows(recs[0])[0]
    assert not hasattr(w, "clean") and w.name.startswith(recs[0].name)
    qrs = realism.qrs_stats(w)
    assert 50 < qrs["qrs_ms"] < 140 and -180 <= qrs["axis_deg"] <= 180
    flat = Record(np.zeros((12, 5000)), 500.0, views.LEADS_12)
    assert np.isnan(realism.qrs_stats(flat)["qrs_ms"])


def test_target_table_compares_medians_and_widths():
    rng = np.random.default_rng(0)
    rows = []
    for source, shift in (("real", 0.0), ("sim", 0.2)):
        for _ in range(30):
            row = {"source": source, "window": "w", "rank3_energy": 0.99 + shift / 100}
            row |= {f"corr_{a}{b}": rng.uniform(0.5, 0.9) + shift for a, b in realism.PAIRS}
            row |= {f"rms_{v}": 0.1 * (1 + shift) for v in realism.RMS_LEADS}
            row |= {s: 27.0 + 10 * shift for s in realism.PSNR_STATS}
            rows.append(row)
    table = realism.target_table(pd.DataFrame(rows), "sim", ["real"])
    assert not table.loc["corr(V1, V2) median", "met"]  # shifted by 0.2 > 0.08
    assert table.loc["corr(V1, V2) 10–90 % width", "met"]  # as wide
    assert table.loc["RMS V2 (mV)", "met"] and not table.loc["lsq_V2 PSNR (dB)", "met"]
    with pytest.raises(ValueError, match="need windows"):
        realism.target_table(pd.DataFrame(rows), "other", ["real"])


def test_default_simulator_statistics_in_loose_bands():
    """At smoke size, the default device's medians sit in bands around the real samples' that
    exclude the earlier, too-dipolar simulator (corr(V2, V3) 0.99, rank-3 energy 0.997, RMS of
    lead I 0.20 mV, nominal dipole-LSQ on V2 39 dB)."""
    from nefnet.simulate.dataset import simulate_dataset

    recs = simulate_dataset(24, SimConfig(), 5, progress=False)
    med = realism.scorecard(recs, "sim").drop(columns=["source", "window"]).median()
    assert 0.6 < med["corr_V2V3"] < 0.96 and 0.6 < med["corr_V4V5"] < 0.97, med
    assert 0.97 < med["rank3_energy"] < 0.996, med
    assert 0.06 < med["rms_I"] < 0.18 and 0.1 < med["rms_V2"] < 0.5, med
    assert 20 < med["lsq_V2"] < 36 and 15 < med["population_V2"] < 36, med
