import numpy as np
import pytest

from nefnet import geometry, views
from nefnet.chapters import dipole_theory as vcg
from nefnet.data import Record


@pytest.fixture
def dipolar_record():
    """A record that is exactly one fixed dipole seen through the nominal lead vectors."""
    rng = np.random.default_rng(0)
    t = np.arange(4000) / 500.0
    p = np.stack([np.sin(2 * np.pi * f * t + ph) for f, ph in rng.uniform(0.7, 9, (3, 2))])
    leads = geometry.lead_vectors(views.LEADS_12) @ p
    frank = geometry.NEF_TO_FRANK @ p
    return Record(np.vstack([leads, frank]), 500.0, views.LEADS_12 + views.FRANK, "dipolar")


def test_leads_from_vcg_is_perfect_for_a_dipole(dipolar_record):
    table = vcg.leads_from_vcg(dipolar_record)
    assert np.allclose(table["r2"], 1.0, atol=1e-6)
    assert np.all(table["off_nominal_deg"] < 0.01)
    assert np.allclose(table.loc[["aVR", "aVL", "aVF"], "gain"], np.sqrt(3) / 2, atol=1e-4)


def test_vcg_from_leads_and_dipole_lsq(dipolar_record):
    frank = vcg.vcg_from_leads(dipolar_record)
    assert np.allclose(frank.loc["8-lead regression (fit on half 1)", ["r X", "r Y", "r Z"]], 1)
    lsq = vcg.dipole_lsq(dipolar_record, ["I", "II", "V2"])
    assert np.allclose(lsq[("nominal", "r2")], 1.0, atol=1e-6)
    assert np.allclose(lsq[("record-specific", "r2")], 1.0, atol=1e-6)


def test_einthoven_and_helpers(dipolar_record):
    res = vcg.einthoven_residuals(dipolar_record)
    assert res["max_abs_uV"].max() < 1e-9
    stacked = vcg.per_record({"a": dipolar_record}, vcg.einthoven_residuals)
    assert vcg.nested(stacked, "max_abs_uV")["a"].keys() == {"III", "aVR", "aVL", "aVF"}
    assert vcg.per_record({}, vcg.einthoven_residuals).empty


def test_findings_texts(dipolar_record):
    one = {"a": dipolar_record}
    said = vcg.findings_texts(
        vcg.per_record(one, vcg.einthoven_residuals),
        vcg.per_record(one, vcg.leads_from_vcg),
        vcg.per_record(one, vcg.vcg_from_leads),
        vcg.per_record(one, vcg.dipole_lsq, ["I", "II", "V2"]),
    )
    assert said["r2_range"] == "1.000" and said["lsq_negative"] == "0 of 5"
    assert said["r2_worse_record"] == "a"
    empty = vcg.per_record({}, vcg.leads_from_vcg)
    said = vcg.findings_texts(empty, empty, empty, empty)
    assert said["r2_range"] == "n/a" and said["r2_worst"] == "n/a"
