import math

import numpy as np
import pytest
import torch

from nefnet.geometry import unit_vector, view_angles
from nefnet.models import DipoleLSQModel, NefNetV2, NefNetV2Config
from nefnet.scoring.synthesis import synthesize
from nefnet.training.calibrate import CalibrationConfig, calibrate


def _dipole_record(leads, displaced, d_deg, fs=250, seconds=6):
    """A pure dipole seen by views whose true angles are the nominal ones + a displacement."""
    t = np.arange(int(fs * seconds)) / fs
    p = np.stack(
        [
            np.sin(2 * np.pi * 1.1 * t) + 0.5 * np.sin(2 * np.pi * 7 * t),
            np.cos(2 * np.pi * 1.7 * t),
            np.sin(2 * np.pi * 3.3 * t + 1),
        ]
    )
    nominal = view_angles(leads)
    true = nominal.copy()
    true[leads.index(displaced)] += np.radians(d_deg)
    return unit_vector(*true.T) @ p, nominal, true


def test_ofcal_recovers_a_known_electrode_offset():
    leads = ["I", "II", "V1", "V3", "V5"]
    x, nominal, true = _dipole_record(leads, "V3", (12.0, -15.0))
    cfg = CalibrationConfig(iterations=300, offset_lr=3e-2, calib_seconds=4)
    model, offsets, hist = calibrate(DipoleLSQModel(), x, leads, nominal, 250, cfg)
    err_before = np.degrees(np.abs(true - nominal)).max()
    err_after = np.degrees(np.abs(true - (nominal + offsets))).max()
    assert err_after < 0.3 * err_before, (np.degrees(offsets), err_after)
    assert np.all(offsets[:2] == 0)  # limb leads are never moved
    assert hist[-1] < 0.2 * hist[0]
    # synthesis with the recovered angles reproduces an unseen view much better
    q = view_angles(["V4"])
    truth = unit_vector(*q.T) @ np.linalg.lstsq(unit_vector(*true.T), x, rcond=None)[0]
    before = synthesize(DipoleLSQModel(), x, nominal, q)
    after = synthesize(model, x, nominal, q)  # the calibrated copy applies its own offsets
    assert np.abs(after - truth).mean() < 0.5 * np.abs(before - truth).mean()
    assert np.allclose(model.offsets.offsets.detach().numpy(), offsets)


def test_ofcal_freezes_encoder_and_head_of_nefnet_v2():
    torch.manual_seed(0)
    model = NefNetV2(NefNetV2Config.preset("smoke"))
    leads = ["I", "II", "V2", "V4"]
    x, nominal, _ = _dipole_record(leads, "V4", (5.0, 5.0))
    tuned, offsets, hist = calibrate(
        model, x, leads, nominal, 250, CalibrationConfig(iterations=5, crop_seconds=1.0)
    )
    tunable = {id(p) for p in tuned.calibration_parameters()}
    after = dict(tuned.named_parameters())
    changed = {name for name, p in model.named_parameters() if not torch.equal(p, after[name])}
    assert changed and all(id(after[n]) in tunable for n in changed)  # only what it names
    assert not any(n.startswith(("encoder", "up1", "up2", "head", "condition")) for n in changed)
    assert getattr(model, "offsets", None) is None  # the original is untouched
    assert {n for n in after if n.startswith("offsets")} == {"offsets.raw"}
    assert offsets.shape == (4, 2) and np.abs(offsets).max() <= math.radians(30) + 1e-6
    assert np.all(offsets[:2] == 0) and np.abs(offsets[2:]).max() > 0
    assert len(hist) == 5
    with pytest.raises(ValueError, match="≥ 3 input views"):
        calibrate(model, x[:2], leads[:2], nominal[:2], 250)
    with pytest.raises(ValueError, match="target_angles"):
        calibrate(model, x[:2], leads[:2], nominal[:2], 250, targets=x[2:])
    with pytest.raises(ValueError, match="targets must be"):
        CalibrationConfig(targets="others")


def test_ofcal_on_other_recorded_leads_recovers_the_offset_from_three_inputs():
    """With I, II, V3 as inputs a dipole fits any V3 angle: leave-one-out has only two-view
    predictions to go on; fitting the examination's other leads (V1, V5) pins V3's angle down."""
    leads = ["I", "II", "V3", "V1", "V5"]
    x, nominal, true = _dipole_record(leads, "V3", (-10.0, 14.0))
    cfg = CalibrationConfig(iterations=300, offset_lr=3e-2, calib_seconds=4)
    _, offsets, hist = calibrate(
        DipoleLSQModel(),
        x[:3],
        leads[:3],
        nominal[:3],
        250,
        cfg,
        targets=x[3:],
        target_angles=nominal[3:],
    )
    err_before = np.degrees(np.abs(true[2] - nominal[2])).max()
    err_after = np.degrees(np.abs(true[2] - (nominal[2] + offsets[2]))).max()
    assert err_after < 0.2 * err_before, (np.degrees(offsets), err_after)
    assert hist[-1] < 0.2 * hist[0]
    _, mutual, _ = calibrate(
        DipoleLSQModel(),
        x[:3],
        leads[:3],
        nominal[:3],
        250,
        CalibrationConfig(iterations=300, offset_lr=3e-2, calib_seconds=4),
    )
    err_mutual = np.degrees(np.abs(true[2] - (nominal[2] + mutual[2]))).max()
    assert err_mutual > 3 * err_after, (err_mutual, err_after)
