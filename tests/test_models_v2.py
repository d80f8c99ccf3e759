import math

import numpy as np
import pytest
import torch

from nefnet.geometry import unit_vector
from nefnet.models import AngleOffsets, AngularEncoding, NefNetV2, NefNetV2Config


def test_angular_encoding_layout_and_unit_vector_identity():
    enc = AngularEncoding()
    theta, phi = torch.tensor([1.1, 0.4]), torch.tensor([-0.7, 2.0])
    feats = enc(torch.stack([theta, phi], -1))
    assert feats.shape == (2, 12)
    assert torch.allclose(feats[:, 0], theta) and torch.allclose(feats[:, 1], torch.sin(theta))
    assert torch.allclose(feats[:, 5], torch.cos(phi))
    # sinθcosφ = [sin(θ+φ) + sin(θ−φ)]/2, sinθsinφ = [cos(θ−φ) − cos(θ+φ)]/2, cosθ: linear in feats
    s_plus, c_plus, s_minus, c_minus = feats[:, 7], feats[:, 8], feats[:, 10], feats[:, 11]
    u = unit_vector(theta.numpy(), phi.numpy())
    assert np.allclose(((s_plus + s_minus) / 2).numpy(), u[:, 0], atol=1e-6)
    assert np.allclose(((c_minus - c_plus) / 2).numpy(), u[:, 1], atol=1e-6)
    assert np.allclose(feats[:, 2].numpy(), u[:, 2], atol=1e-6)


def test_jitter_only_in_training():
    enc = AngularEncoding(jitter_deg=2.5)
    a = torch.zeros(1000, 2)
    enc.train()
    spread = enc(a)[:, 0].std().item()
    assert math.radians(2.0) < spread < math.radians(3.0)
    enc.eval()
    assert torch.all(enc(a)[:, 0] == 0)


def test_offsets_bounded_and_trainable():
    off = AngleOffsets(3, max_deg=20)
    off.raw.data.fill_(100.0)
    assert torch.allclose(off.offsets, torch.full((3, 2), math.radians(20)))
    off.raw.data.zero_()
    out = off(torch.zeros(2, 3, 2)).sum()
    out.backward()
    assert off.raw.grad is not None and torch.all(off.raw.grad != 0)


@pytest.fixture
def model():
    torch.manual_seed(0)
    return NefNetV2(NefNetV2Config.preset("smoke"))


def test_shapes_any_length_and_query_batch(model):
    model.eval()
    for t in (500, 1001, 4000):
        x, a = torch.rand(2, 4, t), torch.rand(2, 4, 2)
        y, gaa = model(x, a, torch.rand(2, 5, 2), return_attention=True)
        assert y.shape == (2, 5, t) and gaa.shape == (2, 5, 4)
        assert torch.allclose(gaa.sum(-1), torch.ones(2, 5)) and (0 <= y).all() and (y <= 1).all()
    with pytest.raises(ValueError, match="too short"):
        model(torch.rand(1, 3, 8), torch.rand(1, 3, 2), torch.rand(1, 1, 2))
    with pytest.raises(ValueError, match="angle shapes"):
        model(torch.rand(1, 3, 100), torch.rand(1, 2, 2), torch.rand(1, 1, 2))


def test_queries_are_independent(model):
    """A query's output does not depend on which other queries share the batch."""
    model.eval()
    x, a, q = torch.rand(1, 3, 400), torch.rand(1, 3, 2), torch.rand(1, 4, 2)
    with torch.no_grad():
        together = model(x, a, q)
        alone = model(x, a, q[:, 2:3])
    assert torch.allclose(together[:, 2:3], alone, atol=1e-6)


def test_gradients_reach_every_parameter(model):
    model.train()
    y = model(torch.rand(2, 3, 256), torch.rand(2, 3, 2), torch.rand(2, 1, 2))
    y.mean().backward()
    missing = [n for n, p in model.named_parameters() if p.grad is None]
    assert not missing, missing


def test_concat_variant_and_offsets_change_attention():
    torch.manual_seed(1)
    m = NefNetV2(
        NefNetV2Config(channels=16, angle_dim=16, res_blocks=1, geovt_layers=1, film=False)
    ).eval()
    x, a, q = torch.rand(1, 3, 200), torch.rand(1, 3, 2), torch.rand(1, 1, 2)
    _, before = m(x, a, q, return_attention=True)
    off = m.enable_offsets(3)
    off.raw.data.fill_(1.0)
    _, after = m(x, a, q, return_attention=True)
    assert not torch.allclose(before, after)
    with pytest.raises(ValueError, match="unknown preset"):
        NefNetV2Config.preset("huge")


def test_optional_pair_film_and_lead_path():
    from dataclasses import replace

    torch.manual_seed(0)
    base_cfg = NefNetV2Config.preset("smoke")
    x, a_in, a_q = torch.rand(2, 3, 256), torch.rand(2, 3, 2), torch.rand(2, 4, 2)
    for extra in (
        {"pair_film": True},
        {"lead_path": True},
        {"pair_film": True, "lead_path": True},
        {"lead_path": True, "lead_prior": True},
    ):
        m = NefNetV2(replace(base_cfg, **extra))
        out = m(x, a_in, a_q)
        assert out.shape == (2, 4, 256)
        out.sum().backward()
        assert all(p.grad is not None for p in m.parameters())
    # the lead path starts at zero: same output as the model without it
    torch.manual_seed(1)
    with_path = NefNetV2(replace(base_cfg, lead_path=True)).eval()
    plain = NefNetV2(base_cfg).eval()
    plain.load_state_dict(
        {k: v for k, v in with_path.state_dict().items() if not k.startswith("lead_path")}
    )
    assert torch.allclose(with_path(x, a_in, a_q), plain(x, a_in, a_q))
    with pytest.raises(ValueError, match="pair_film needs film=True"):
        NefNetV2(replace(base_cfg, pair_film=True, film=False))
    with pytest.raises(ValueError, match="lead_prior needs lead_path=True"):
        NefNetV2(replace(base_cfg, lead_prior=True))


def test_lead_prior_is_the_dipole_projection():
    """The prior weights of the lead path reproduce dipole least squares for a well-conditioned
    recorded set (up to the ridge), and follow the calibration offsets."""
    from dataclasses import replace

    from nefnet.models.lead_path import LeadPath

    path = LeadPath(8, prior=True)
    path.ridge = 1e-9
    deg = torch.tensor([[[90.0, 0.0], [30.0, 90.0], [90.0, 75.0], [60.0, -20.0]]])
    a_in, a_q = torch.deg2rad(deg), torch.deg2rad(torch.tensor([[[70.0, 40.0]]]))
    w = path.dipole_weights(a_in, a_q, torch.ones(1, 4))[0, 0].numpy()
    u = unit_vector(*a_in[0].double().numpy().T)
    expected = unit_vector(*a_q[0, 0].double().numpy()) @ np.linalg.pinv(u)
    assert np.allclose(w, expected, atol=1e-4)
    m = NefNetV2(replace(NefNetV2Config.preset("smoke"), lead_path=True, lead_prior=True))
    off = m.enable_offsets(4)
    off.raw.data[2] = 0.3
    assert torch.allclose(m.calibrated(a_in)[0, 2], a_in[0, 2] + off.offsets[2])
