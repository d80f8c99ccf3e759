import numpy as np
import pytest

from nefnet import cli
from nefnet.geometry import derive_limb_leads
from nefnet.simulate import SimConfig, any_view, noise, simulate_record, validate
from nefnet.simulate.dataset import read_dataset, write_dataset
from nefnet.views import PANOBENCH_42, PRECORDIAL


def sim(label, index=0, **kw):
    return simulate_record(SimConfig(classes=(label,), **kw), seed=7, index=index)


def test_deterministic_by_seed_and_index():
    a, b = sim("Normal", 3), sim("Normal", 3)
    assert np.array_equal(a.signals, b.signals) and np.array_equal(a.clean, b.clean)
    assert not np.allclose(a.clean, sim("Normal", 4).clean)
    assert a.signals.shape == (54, 5000) and a.sampling_rate == 500


def test_einthoven_goldberger_exact():
    rec = sim("RBBB")
    c = dict(zip(rec.leads, rec.clean))
    for lead, derived in derive_limb_leads(c["I"], c["II"]).items():
        assert np.abs(c[lead] - derived).max() < 1e-12


@pytest.mark.parametrize("label", ["LBBB", "RBBB"])
def test_bundle_branch_blocks_are_wide(label):
    widths = [np.median(validate.qrs_durations_ms(sim(label, i))) for i in range(6)]
    assert min(widths) >= 120, widths
    normal = [np.median(validate.qrs_durations_ms(sim("Normal", i))) for i in range(6)]
    assert max(normal) < 110, normal


def test_rbbb_morphology():
    """Most simulated subjects meet the criteria; anatomy (heart rotation, offset) moves some
    out, as in real recordings — so criteria are checked on a population of 20."""
    r_prime, wide_s = [], []
    for i in range(20):
        rec = sim("RBBB", i)
        v1 = validate.qrs_morphology(rec, "V1")
        r_prime.append(v1["last"] == 1 and v1["r_peak_ms"] > 50)  # terminal R′, late R peak
        wide_s.append(all(validate.qrs_morphology(rec, lead)["last"] == -1 for lead in ("I", "V6")))
    assert np.mean(r_prime) >= 0.75 and np.mean(wide_s) >= 0.75, (r_prime, wide_s)


def test_lbbb_morphology():
    qs, broad_r = [], []
    for i in range(20):
        rec = sim("LBBB", i)
        v1 = validate.qrs_morphology(rec, "V1")
        qs.append(v1["r_before_nadir"] < 0.15 * abs(v1["min"]))  # QS / rS in V1
        broad_r.append(
            all(
                validate.qrs_morphology(rec, lead)["first"] == 1
                and validate.qrs_morphology(rec, lead)["max"] > 0.15
                for lead in ("I", "V6")
            )
        )
    assert np.mean(qs) >= 0.75 and np.mean(broad_r) >= 0.75, (qs, broad_r)
    rec = sim("LBBB")
    t_v6 = rec.clean[rec.leads.index("V6"), rec.waves["t_on"][1] : rec.waves["t_off"][1]]
    assert t_v6[np.argmax(np.abs(t_v6))] < 0  # T discordant to the positive QRS


def test_rhythm_classes():
    avb = sim("I-AVB")
    pr = (avb.waves["qrs_on"] - avb.waves["p_on"]) / avb.sampling_rate
    assert np.all(pr > 0.2)
    normal = sim("Normal")
    assert np.all((normal.waves["qrs_on"] - normal.waves["p_on"]) / 500 < 0.2)
    af = sim("AF")
    assert np.all(af.waves["p_on"] == -1)
    rr = np.diff(af.waves["r_peak"])
    assert rr.std() / rr.mean() > 0.08
    pvc = sim("PVC", 1)
    assert (pvc.waves["p_on"] == -1).sum() >= 1  # the ectopic beat has no P wave


def test_realistic_amplitudes():
    r_v45, p_ii = [], []
    for i in range(10):
        rec = sim("Normal", i)
        r_v45.append(max(validate.qrs_morphology(rec, v)["max"] for v in ("V4", "V5")))
        ii = rec.clean[rec.leads.index("II")]
        p_ii.append(
            np.median([np.ptp(ii[a:b]) for a, b in zip(rec.waves["p_on"], rec.waves["p_off"])])
        )
    # textbook normal R in V5 is about 1–2 mV; the calibrated simulator's is about half that (its
    # lateral QRS is smaller than the real samples', chapter 02 glues by how much)
    assert 0.4 <= np.median(r_v45) <= 2.0, r_v45
    assert 0.05 <= np.median(p_ii) <= 0.3, p_ii


def test_field_is_not_a_single_dipole():
    """The best fixed-dipole model (rank 3, any lead vectors) leaves a measurable residual over the
    48 chest views, though most of each view is dipolar (on the 8 standard leads the rank-3
    energy matches the real samples', chapter 02)."""
    for i in range(3):
        r2 = validate.single_dipole_r2(sim("Normal", i), list(PRECORDIAL) + list(PANOBENCH_42))
        assert r2.max() < 0.9999 and r2.min() < 0.99 and np.median(r2) > 0.85
    # a pure dipole seen through arbitrary gains is rank 3: R² = 1
    rec = sim("Normal")
    p = rec.sources.sum(axis=0)  # (3, T): one dipole
    rec.clean = np.random.default_rng(0).normal(size=(54, 3)) @ p
    assert np.allclose(validate.single_dipole_r2(rec, list(PANOBENCH_42)), 1.0)


@pytest.mark.slow
def test_angle_spread_follows_config():
    """The Panobench views are placed along their nominal directions, so their deviation is the
    between-subject spread; V1–V6 sit at anatomical landmarks, so theirs also holds how far the
    papers' table is from the landmarks (large even without spread)."""

    def rms(spread, chest):
        dev = [
            validate.angle_deviation_deg(sim("Normal", i, angle_spread_deg=spread))
            for i in range(30)
        ]
        dev = np.concatenate([d[:6] if chest else d[6:] for d in dev])
        return np.sqrt(np.mean(dev**2))

    assert 7 < rms(10, False) < 13
    assert rms(3, False) < rms(10, False) < rms(20, False)
    assert rms(0, True) > 10 and rms(0, True) < rms(20, True)


def test_any_view_is_exact_ground_truth_and_checks_angles():
    rec = sim("Normal", displacement_deg=15)
    k = rec.leads.index("view-12")
    view = any_view(rec, rec.true_angles[k, 0], rec.true_angles[k, 1])
    assert np.abs(view[0] - rec.clean[k]).max() < 1e-12
    assert np.degrees(np.nanmax(np.abs(rec.displacement))) > 5
    with pytest.raises(ValueError, match="θ out of range"):
        any_view(rec, 4.0, 0.0)


def test_devices_differ():
    a = sim("Normal", device="sim-panobench")
    b = sim("Normal", device="sim-tianchi")
    assert a.sampling_rate == 250 and a.signals.shape[1] == 2500
    assert b.device == "sim-tianchi" and np.allclose(
        b.clean / 0.95, sim("Normal", device="sim-tianchi").clean / 0.95
    )
    with pytest.raises(ValueError, match="unknown device"):
        sim("Normal", device="nope")


@pytest.mark.parametrize("kind", noise.NOISE_TYPES)
def test_noise_at_requested_snr(kind):
    rec = sim("Normal")
    rng = np.random.default_rng(0)
    noisy, added = noise.add_noise(rec.clean, 500, rec.waves["r_peak"], {kind: 6.0}, rng)
    snr = 10 * np.log10(
        noise.signal_power(rec.clean, 500, rec.waves["r_peak"]) / noise.noise_power(added, 500)
    )
    assert np.allclose(snr, 6.0, atol=0.01)
    assert np.allclose(noisy - added, rec.clean)


@pytest.mark.parametrize("device", ["sim-ptbxl", "sim-cpsc"])
def test_noisy_records_keep_einthoven_and_goldberger(device):
    """Noise acts on the electrodes and the device derives III, aVR, aVL, aVF from its digitised
    I and II: the laws hold to quantisation in noisy records, as in real ones; the requested SNR
    is the median over the 12 leads."""
    from nefnet.geometry import derive_limb_leads
    from nefnet.simulate import devices

    kinds = {"emg": 6.0}
    rec = simulate_record(SimConfig(device=device, noise_snr_db=kinds), 4, 1)
    leads = dict(zip(rec.leads, rec.signals))
    step = devices.get_device(device).adc_uv / 1000.0
    for name, value in derive_limb_leads(leads["I"], leads["II"]).items():
        assert np.abs(leads[name] - value).max() <= step / 2 + 1e-9, name
    added = (rec.signals - rec.clean)[:12]
    snr = 10 * np.log10(
        noise.signal_power(rec.clean[:12], rec.sampling_rate, rec.waves["r_peak"])
        / noise.noise_power(added, rec.sampling_rate)
    )
    assert abs(np.median(snr) - kinds["emg"]) < 0.5 and np.ptp(snr) > 1.0  # leads differ
    chest = rec.leads.index("V2")
    assert np.abs(added[chest]).max() > 0.01  # the chest views are noisy too


def test_bad_config():
    with pytest.raises(ValueError, match="unknown simulation parameter"):
        SimConfig.from_dict({"durration": 5})
    with pytest.raises(ValueError, match="unknown class"):
        SimConfig(classes=("MI",)).validate()
    with pytest.raises(ValueError, match="too short"):
        SimConfig(duration=1.0).validate()


def test_dataset_round_trip_and_cli(tmp_path):
    assert (
        cli.main(
            [
                "simulate",
                "--n",
                "3",
                "--out",
                str(tmp_path / "ds"),
                "--seed",
                "5",
                "--classes",
                "LBBB",
                "RBBB",
                "--quiet",
            ]
        )
        == 0
    )
    back = read_dataset(tmp_path / "ds")
    for i, rec in enumerate(back):
        orig = simulate_record(SimConfig(classes=("LBBB", "RBBB")), 5, i)
        assert rec.label == orig.label and rec.leads == orig.leads
        # WFDB stores 16-bit integers: ≤ 0.5 µV error, below every device's 1 µV ADC step
        assert np.abs(rec.signals - orig.signals).max() < 5e-4
        assert np.abs(rec.clean - orig.clean).max() < 5e-4
        assert np.allclose(rec.true_angles, orig.true_angles, equal_nan=True)
        assert all(np.array_equal(rec.waves[k], orig.waves[k]) for k in orig.waves)
    # any_view regenerates the sources of a record loaded from disk
    k = back[0].leads.index("V3")
    view = any_view(back[0], *back[0].true_angles[k])
    assert np.abs(view[0] - back[0].clean[k]).max() < 5e-4
    assert cli.main(["simulate", "--n", "1", "--out", str(tmp_path / "ds"), "--quiet"]) == 2
    (tmp_path / "ds" / "simpanobench.json").write_text("{not json")
    with pytest.raises(ValueError, match="corrupt dataset index"):
        read_dataset(tmp_path / "ds")
    with pytest.raises(FileNotFoundError, match="not a SimPanobench dataset"):
        read_dataset(tmp_path)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_write_is_all_or_nothing(tmp_path):
    rec = sim("Normal")
    bad = sim("Normal", 1)
    bad.name = ""  # cannot be written
    with pytest.raises(ValueError):
        write_dataset([rec, bad], tmp_path / "out", progress=False)
    assert not (tmp_path / "out").exists() and not list(tmp_path.iterdir())


def test_dataset_same_with_parallel_workers():
    from nefnet.simulate.dataset import simulate_dataset

    cfg = SimConfig(duration=3.0)
    one = simulate_dataset(4, cfg, seed=2, progress=False)
    two = simulate_dataset(4, cfg, seed=2, progress=False, workers=2)
    assert all(
        np.array_equal(a.signals, b.signals) and a.label == b.label for a, b in zip(one, two)
    )
    with pytest.raises(ValueError, match="≥ 1"):
        simulate_dataset(0)


def test_chest_placement_landmarks_or_table():
    """V1–V6 at anatomical landmarks sit well off the papers' table; placed along the table and
    without anatomy spread or placement error they sit on it (to the torso scaling and the
    heart depth, which do not follow the spread)."""
    exact = dict(angle_spread_deg=0.0, placement_cm=0.0, duration=2.0)
    table = validate.angle_deviation_deg(sim("Normal", chest_placement="table", **exact))
    landmarks = validate.angle_deviation_deg(sim("Normal", **exact))
    assert np.abs(table[:6]).max() < 2.0 and np.sqrt(np.mean(landmarks[:6] ** 2)) > 10
    with pytest.raises(ValueError, match="unknown chest_placement 'sternum'"):
        SimConfig(chest_placement="sternum").validate()


def test_record_labels_are_known_without_simulating():
    from nefnet.chapters.data import class_distribution, paper_table7
    from nefnet.training.sim_records import TEST_SEED, device_labels, device_records

    labels = device_labels("sim-cpsc", 4, TEST_SEED)
    assert labels == [r.label for r in device_records("sim-cpsc", 4, TEST_SEED)]
    t = class_distribution({"a": labels, "b": ["AF", "AF"]})
    assert t.loc["Total", ("a", "n")] == 4 and t.loc["AF", ("b", "%")] == 100.0
    assert t.loc["Total", ("a", "%")] == 100.0
    paper = paper_table7()  # the paper's Table 7 totals: 5,501 training, 1,376 testing records
    assert tuple(paper.loc["Total", [("CPSC2018 training", "n"), ("CPSC2018 testing", "n")]]) == (
        5501,
        1376,
    )
