import numpy as np
import pytest

from nefnet import geometry, views


def test_tables_sizes_and_order():
    assert views.LEADS_12[:8] == views.INDEPENDENT_8
    assert set(views.ANGLES_12) == set(views.LEADS_12)
    assert len(views.PANOBENCH_42) == 42
    assert len(views.PANOBENCH_48) == 48 and len(set(views.PANOBENCH_48)) == 48
    assert views.PANOBENCH_48[:2] == ("I", "II") and views.PANOBENCH_48[-4:] == views.DERIVED_LIMB
    assert views.PANOBENCH_42["view-28"] == (30.0, 69.0)  # the code's 3-lead input view


@pytest.mark.parametrize(
    "name,expected",
    [
        ("avr", "aVR"),
        ("V1", "V1"),
        ("vx", "X"),
        ("i", "I"),
        ("View-7", "view-7"),
        ("view7", "view-7"),
    ],
)
def test_canonical_lead(name, expected):
    assert views.canonical_lead(name) == expected


def test_unknown_and_duplicate_leads_are_clear_errors():
    with pytest.raises(ValueError, match="unknown lead 'V7'"):
        views.canonical_lead("V7")
    with pytest.raises(ValueError, match="duplicate"):
        views.canonical_leads(["I", "i"])


def test_unit_vector_round_trip():
    rng = np.random.default_rng(0)
    theta = rng.uniform(0.01, np.pi - 0.01, 50)
    phi = rng.uniform(-np.pi, np.pi, 50)
    vec = geometry.unit_vector(theta, phi)
    assert np.allclose(np.linalg.norm(vec, axis=-1), 1.0)
    t2, p2 = geometry.angles_from_vector(vec)
    assert np.allclose(t2, theta) and np.allclose(p2, phi)


def test_axes_convention():
    # lead I points to the patient's left, aVF down, V1/V2 anterior
    assert np.allclose(geometry.lead_vectors(["I"], einthoven=False)[0], [0, 1, 0])
    assert np.allclose(geometry.lead_vectors(["aVF"], einthoven=False)[0], [0, 0, -1], atol=1e-12)
    assert geometry.lead_vectors(["V1"])[0][0] > 0.98


@pytest.mark.parametrize("theta,phi", [(-0.1, 0), (np.pi + 0.1, 0), (1, 3.3), (np.nan, 0)])
def test_out_of_range_angles_raise(theta, phi):
    with pytest.raises(ValueError, match="θ|φ|finite"):
        geometry.unit_vector(theta, phi)


def test_einthoven_goldberger_from_table_unit_vectors():
    vec = dict(zip(views.LIMB_LEADS, geometry.lead_vectors(views.LIMB_LEADS)))
    assert np.allclose(vec["III"], vec["II"] - vec["I"], atol=1e-12)
    assert np.allclose(vec["aVR"], -(vec["I"] + vec["II"]) / 2, atol=1e-12)
    assert np.allclose(vec["aVL"], vec["I"] - vec["II"] / 2, atol=1e-12)
    assert np.allclose(vec["aVF"], vec["II"] - vec["I"] / 2, atol=1e-12)
    # with plain unit vectors the augmented leads are 2/√3 too long
    unit = geometry.lead_vectors(["aVR"], einthoven=False)[0]
    assert np.isclose(np.linalg.norm(unit) / np.linalg.norm(vec["aVR"]), 2 / np.sqrt(3))
    assert max(geometry.identity_residuals().values()) < 1e-12


def test_hexaxial_angles_exact_and_limb_leads_coplanar_with_v6():
    for row in geometry.hexaxial_table():
        assert np.isclose(row["frontal_deg"], row["hexaxial_deg"], atol=1e-9)
        assert abs(row["anterior_component"]) < 1e-12
    assert abs(geometry.lead_vectors(["V6"])[0][0]) < 1e-12


def test_frank_nef_axes():
    # Frank X (left) → y; Frank Y (inferior) → −z; Frank Z (posterior) → −x
    assert np.allclose(geometry.FRANK_TO_NEF @ [1, 0, 0], [0, 1, 0])
    assert np.allclose(geometry.FRANK_TO_NEF @ [0, 1, 0], [0, 0, -1])
    assert np.allclose(geometry.FRANK_TO_NEF @ [0, 0, 1], [-1, 0, 0])
    assert np.allclose(geometry.NEF_TO_FRANK @ geometry.FRANK_TO_NEF, np.eye(3))
    assert np.isclose(np.linalg.det(geometry.FRANK_TO_NEF), 1.0)  # stays right-handed


def test_derive_limb_leads_and_wct_from_electrodes():
    rng = np.random.default_rng(1)
    ra, la, ll = rng.normal(size=(3, 100))
    limb = geometry.limb_leads_from_electrodes(ra, la, ll)
    derived = geometry.derive_limb_leads(limb["I"], limb["II"])
    for name, sig in derived.items():
        assert np.allclose(sig, limb[name])
    wct = geometry.wilson_central_terminal(ra, la, ll)
    assert np.allclose((ra - wct) + (la - wct) + (ll - wct), 0)
    assert np.allclose(limb["aVR"], 1.5 * (ra - wct))
