"""The per-patient linear competitor of Stage III and the linear limit (oracle row)."""

import numpy as np
import pytest

from nefnet.data.protocols import get_protocol
from nefnet.data.record import Record
from nefnet.geometry import unit_vector, view_angles
from nefnet.scoring import per_patient as pp
from nefnet.scoring.evaluate import record_angles, score_last, summarize
from nefnet.scoring.methods import dipole_lsq_method
from nefnet.views import LEADS_12

PROTOCOL = get_protocol("(3,8,1)")
FS = 100.0


def _dipole_record(seconds=10.0, seed=0, gains=None):
    """12 leads seen from one random dipole through the nominal lead vectors (× ``gains``)."""
    rng = np.random.default_rng(seed)
    t = np.arange(int(seconds * FS)) / FS
    heart = np.stack([np.sin(2 * np.pi * f * t + p) for f, p in rng.uniform(0.5, 3, (3, 2))])
    vec = unit_vector(*view_angles(LEADS_12).T) * (
        1.0 if gains is None else np.asarray(gains)[:, None]
    )
    return Record(vec @ heart, FS, tuple(LEADS_12), name=f"dipole-{seed}")


def test_equals_dipole_lsq_on_a_pure_nominal_dipole():
    rec = _dipole_record()
    ours = summarize(pp.score_per_record(pp.per_patient_method, [rec], PROTOCOL))
    lsq = summarize(score_last(dipole_lsq_method, [rec], PROTOCOL))
    # nothing to correct: the unseen V2 is dipole-LSQ's; the supervised leads are exact
    assert ours.loc["unseen", "r"] == pytest.approx(lsq.loc["unseen", "r"], abs=1e-3)
    assert ours.loc["supervised", "r"] > 0.999


def test_neighbour_corrections_follow_a_per_patient_gain():
    """V1 and V3 seen 1.5× stronger in this patient: V2 between them follows; dipole-LSQ not."""
    gains = np.ones(12)
    gains[[LEADS_12.index(v) for v in ("V1", "V2", "V3")]] = 1.5
    rec = _dipole_record(gains=gains)
    ours = pp.score_per_record(pp.per_patient_method, [rec], PROTOCOL)
    lsq = score_last(dipole_lsq_method, [rec], PROTOCOL)
    v2 = lambda s: s.loc[s["view"] == "V2", "rmse_uV"].item()  # noqa: E731
    assert v2(ours) < 0.6 * v2(lsq)  # V3 (recorded) is its own input: half of the correction


def test_fit_uses_only_the_calibration_seconds_and_never_the_unseen_lead():
    rec = _dipole_record(seed=1)
    changed = _dipole_record(seed=1)
    n = int(5 * FS)
    changed.signals[LEADS_12.index("V2"), :] *= -3.0  # the unseen lead: never read
    changed.signals[LEADS_12.index("V1"), n:] = 0.0  # a supervised lead after the window
    x = rec.select(PROTOCOL.recorded)[:, n:]
    args = (PROTOCOL.recorded, None, PROTOCOL.targets, None)
    a = pp.per_patient_method(rec, PROTOCOL)(x, *args)
    b = pp.per_patient_method(changed, PROTOCOL)(x, *args)
    assert np.array_equal(a, b)


def test_linear_limit_is_a_ceiling_for_linear_methods():
    recs = [_dipole_record(seed=s) for s in range(2)]
    for r in recs:  # lead-specific noise: no method is exact any more
        r.signals += np.random.default_rng(9).normal(0, 0.05, r.signals.shape)
    limit = score_last(pp.linear_limit, recs, PROTOCOL)
    for method in (dipole_lsq_method,):
        other = score_last(method, recs, PROTOCOL)
        assert (limit["rmse_uV"].to_numpy() <= other["rmse_uV"].to_numpy() + 1e-6).all()
    ours = pp.score_per_record(pp.per_patient_method, recs, PROTOCOL)
    assert (limit["rmse_uV"].to_numpy() <= ours["rmse_uV"].to_numpy() + 1e-6).all()


def test_only_an_oracle_is_given_the_truth():
    seen = {}

    def method(x, recorded, ang_in, targets, ang_out, **kw):
        seen.update(kw)
        return np.zeros((len(targets), x.shape[1]))

    score_last(method, [_dipole_record()], PROTOCOL)
    assert "truth" not in seen
    with pytest.raises(ValueError, match="needs the scored targets"):
        pp.linear_limit(np.zeros((3, 50)), (), None, (), None)


def test_refusals_name_the_problem():
    with pytest.raises(ValueError, match="too short"):
        pp.per_patient_method(_dipole_record(seconds=4.0), PROTOCOL)
    with pytest.raises(ValueError, match="neighbours"):
        pp.PerPatientConfig(neighbours=0)
    with pytest.raises(ValueError, match="ridge"):
        pp.PerPatientConfig(ridge=float("nan"))
    run = pp.per_patient_method(_dipole_record(), PROTOCOL)
    with pytest.raises(ValueError, match="no weights for \\['V3'\\]"):
        run(np.zeros((3, 50)), PROTOCOL.recorded, None, ("V3",), None)


def test_nominal_weights_of_the_recorded_leads_are_the_identity():
    given = record_angles(_dipole_record(), PROTOCOL.recorded)
    assert np.allclose(pp.nominal_weights(given, given), np.eye(3), atol=1e-9)
