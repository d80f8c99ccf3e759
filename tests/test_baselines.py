import numpy as np
import pytest

from nefnet import baselines as bl, views


def test_forward_dower_is_einthoven_consistent():
    d = {k: np.array(v) for k, v in bl.DOWER_FORWARD.items()}
    assert np.allclose(d["III"], d["II"] - d["I"], atol=1e-3)
    assert np.allclose(d["aVR"], -(d["I"] + d["II"]) / 2, atol=1e-3)
    assert np.allclose(d["aVL"], d["I"] - d["II"] / 2, atol=1e-3)
    assert np.allclose(d["aVF"], d["II"] - d["I"] / 2, atol=1e-3)


def test_inverse_dower_is_pinv_of_forward():
    d8 = bl.dower_matrix(bl.EIGHT_LEAD_ORDER)
    assert np.abs(bl.INVERSE_DOWER - np.linalg.pinv(d8)).max() < 5e-4
    assert np.allclose(bl.INVERSE_DOWER @ d8, np.eye(3), atol=1e-3)


def test_dower_round_trip_recovers_vcg():
    rng = np.random.default_rng(0)
    vcg = rng.normal(size=(3, 100))
    ecg = bl.dower_forward(vcg, views.INDEPENDENT_8)
    assert np.allclose(
        bl.inverse_dower(ecg, views.INDEPENDENT_8), vcg, atol=2e-3 * np.abs(vcg).max()
    )
    # any lead set spanning 3-D works through the pseudo-inverse route
    out = bl.dower_route(ecg[:3], views.INDEPENDENT_8[:3], ["V4", "V5"])
    assert np.allclose(out, bl.dower_forward(vcg, ["V4", "V5"]), atol=1e-9)


def test_kors_and_kqo_shapes_and_definition():
    rng = np.random.default_rng(1)
    ecg = rng.normal(size=(2, 8, 50))
    assert bl.kors(ecg, views.INDEPENDENT_8).shape == (2, 3, 50)
    q = bl.kqo(ecg, views.INDEPENDENT_8)
    assert np.allclose(q[:, 0], ecg[:, 7]) and np.allclose(q[:, 1], ecg[:, 1])
    assert np.allclose(q[:, 2], -0.5 * ecg[:, 3])
    assert bl.kors_route(ecg, views.INDEPENDENT_8, ["I"]).shape == (2, 1, 50)


def test_missing_leads_named():
    with pytest.raises(ValueError, match="missing \\['V6'\\]"):
        bl.kqo(np.zeros((2, 5)), ["II", "V2"])


def test_population_regression_recovers_linear_map():
    rng = np.random.default_rng(2)
    leads = ("I", "II", "V1", "V2")
    w = rng.normal(size=(2, 2))
    recs = []
    for _ in range(3):
        x = rng.normal(size=(2, 300))
        recs.append(np.vstack([x, w @ x + 0.5]))
    model = bl.PopulationRegression(["I", "II"], ["V1", "V2"]).fit(recs, leads)
    assert np.allclose(model.weights[:, :2], w, atol=1e-4)
    assert np.allclose(model.weights[:, 2], 0.5, atol=1e-4)
    test = rng.normal(size=(2, 40))
    assert np.allclose(model.predict(test), w @ test + 0.5, atol=1e-3)


def test_per_record_regression_uses_calibration_window_only():
    rng = np.random.default_rng(3)
    x = rng.normal(size=(2, 400))
    y = np.array([[1.0, -2.0]]) @ x
    sig = np.vstack([x, y])
    y_changed = sig.copy()
    y_changed[2, 200:] = 0.0  # after the window: must not affect the fit
    for s in (sig, y_changed):
        pred = bl.per_record_regression(s, ["I", "II", "V1"], ["I", "II"], ["V1"], 200)
        assert np.allclose(pred[0], y[0], atol=1e-4)
    with pytest.raises(ValueError, match="calibration window"):
        bl.per_record_regression(sig, ["I", "II", "V1"], ["I", "II"], ["V1"], 400)
