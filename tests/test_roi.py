import pytest
import torch

from nefnet.models.roi import DEFLECTIONS, roi_align, roi_unalign


def test_roi_align_pools_a_ramp_along_time():
    t = 128
    ramp = torch.arange(t, dtype=torch.float32)[None, None]  # value = time index
    bounds = torch.tensor([[0, 10, 20, 30, 50, 70, 100, 128]])
    out = roi_align(ramp, bounds, points=4)  # (1, 1, 7, 4)
    assert out.shape == (1, 1, len(DEFLECTIONS), 4)
    for j in range(7):
        s, e = bounds[0, j].item(), bounds[0, j + 1].item()
        centres = [s + (e - s) * (k + 0.5) / 4 - 0.5 for k in range(4)]  # sample i at i + 0.5
        assert torch.allclose(out[0, 0, j], torch.tensor(centres), atol=1e-4), j


def test_roi_unalign_inverts_piecewise_constant_features():
    defl = torch.arange(7, dtype=torch.float32).reshape(1, 1, 7, 1).expand(1, 1, 7, 3)
    bounds = torch.tensor([[0, 0, 8, 16, 40, 60, 90, 120]])  # empty pre-P region
    back = roi_unalign(defl, bounds, 128)
    assert back.shape == (1, 1, 128)
    assert torch.all(back[0, 0, 0:8] == 1) and torch.all(back[0, 0, 16:40] == 3)
    assert torch.all(back[0, 0, 90:120] == 6) and torch.all(back[0, 0, 120:] == 0)


def test_round_trip_of_a_smooth_signal():
    t = torch.linspace(0, 6.28, 200)
    sig = torch.sin(t)[None, None]
    bounds = torch.tensor([[0, 5, 30, 60, 90, 120, 170, 200]])
    back = roi_unalign(roi_align(sig, bounds, points=32), bounds, 200)
    assert (back - sig).abs().max() < 0.05


def test_bad_bounds():
    with pytest.raises(ValueError, match="non-decreasing"):
        roi_align(torch.zeros(1, 1, 50), torch.tensor([[0, 10, 5, 20, 30, 40, 45, 50]]))
    with pytest.raises(ValueError, match=r"\(B, 8\)"):
        roi_align(torch.zeros(1, 1, 50), torch.tensor([[0, 10, 50]]))
