import numpy as np
import pytest

from nefnet import dipole, geometry, views


def test_fit_recovers_known_dipole_exactly():
    rng = np.random.default_rng(0)
    p = rng.normal(size=(3, 200))
    for leads in (("I", "II", "V2"), views.INDEPENDENT_8, views.LEADS_12, ("view-1", "V3", "aVL")):
        signals = geometry.lead_vectors(leads) @ p
        assert np.allclose(dipole.fit_dipole(signals, leads=leads), p, atol=1e-10)


def test_fit_with_explicit_vectors_and_batch_dims():
    rng = np.random.default_rng(1)
    vec = rng.normal(size=(5, 3))
    p = rng.normal(size=(4, 3, 30))
    assert np.allclose(dipole.fit_dipole(vec @ p, vectors=vec), p)


def test_projection_to_any_angle_matches_dot_product():
    rng = np.random.default_rng(2)
    p = rng.normal(size=(3, 50))
    theta, phi = np.radians([37.0, 120.0]), np.radians([-80.0, 15.0])
    views_ = dipole.project(p, theta, phi)
    assert views_.shape == (2, 50)
    assert np.allclose(views_, geometry.unit_vector(theta, phi) @ p)


@pytest.mark.parametrize("leads", [("I", "II", "V6"), ("I", "II", "III", "aVF"), ("I", "II")])
def test_rank_deficient_sets_are_refused(leads):
    with pytest.raises(dipole.RankDeficientLeadSet, match="rank"):
        dipole.fit_dipole(np.zeros((len(leads), 10)), leads=leads)


def test_conditioning_reports_inf_for_coplanar():
    assert dipole.conditioning(geometry.lead_vectors(["I", "II", "V6"]))[
        "condition_number"
    ] == float("inf")
    assert dipole.conditioning(geometry.lead_vectors(["I", "II", "V2"]))["condition_number"] < 2


def test_bad_inputs():
    with pytest.raises(ValueError, match="NaN"):
        dipole.fit_dipole(np.full((3, 5), np.nan), leads=["I", "II", "V2"])
    with pytest.raises(ValueError, match="3 lead vectors"):
        dipole.fit_dipole(np.zeros((4, 5)), leads=["I", "II", "V2"])
    with pytest.raises(ValueError, match="exactly one"):
        dipole.fit_dipole(np.zeros((3, 5)))


def test_synthesize_is_exact_for_dipolar_signals():
    rng = np.random.default_rng(3)
    p = rng.normal(size=(3, 40))
    sig = geometry.lead_vectors(views.LEADS_12) @ p
    out = dipole.synthesize(sig[:3], views.LEADS_12[:3], views.LEADS_12[3:])
    assert np.allclose(out, sig[3:])
