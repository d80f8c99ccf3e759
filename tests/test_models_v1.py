from dataclasses import replace

import pytest
import torch

from nefnet.models import NefNetV1, NefNetV1Config, NefNetV2, NefNetV2Config

BOUNDS = torch.tensor([[0, 0, 50, 100, 150, 250, 350, 500]])


@pytest.fixture
def model():
    torch.manual_seed(0)
    return NefNetV1(NefNetV1Config.preset("smoke"))


def test_shapes_for_any_number_of_views(model):
    model.eval()
    for r in (1, 3, 6):
        out = model(
            torch.rand(2, r, 512), torch.rand(2, r, 2), torch.rand(2, 5, 2), BOUNDS.expand(2, -1)
        )
        assert out.shape == (2, 5, 512) and (out > 0).all() and (out < 1).all()


def test_standin_loss_and_gradients(model):
    model.train()
    outs = model(
        torch.rand(2, 3, 512),
        torch.rand(2, 3, 2),
        torch.rand(2, 1, 2),
        BOUNDS.expand(2, -1),
        standin=True,
    )
    out, pairs = outs
    assert len(pairs) == 2 and all(p.shape == (2, 1, 512) for pair in pairs for p in pair)
    loss = model.loss(outs, torch.rand(2, 1, 512))
    loss.backward()
    assert all(p.grad is not None for p in model.parameters())
    # the Standin terms do not push the main output towards the stand-ins (stop-gradient)
    assert all(not anchor.requires_grad for _, anchor in pairs)


def _standin(cfg, r=3):
    torch.manual_seed(0)
    model = NefNetV1(cfg).train()
    x, a, q = torch.rand(2, r, 512), torch.rand(2, r, 2), torch.rand(2, 1, 2)
    return model, model(x, a, q, BOUNDS.expand(2, -1), standin=True)


def test_standin_switches_of_the_v1_ablation():
    smoke = NefNetV1Config.preset("smoke")
    _, (out, pairs) = _standin(smoke)
    # the averaged anchor is the main output itself
    assert all(torch.equal(anchor, out.detach()) for _, anchor in pairs)
    _, (out, pairs) = _standin(replace(smoke, standin_basic="random"))
    assert not torch.equal(pairs[0][1], out.detach()) and torch.equal(pairs[1][1], out.detach())
    _, (_, pairs) = _standin(replace(smoke, standin_basic="off", standin_deflection="off"))
    assert pairs == []
    model, (out, pairs) = _standin(replace(smoke, deflections=False))
    assert len(pairs) == 1 and out.shape == (2, 1, 512)
    assert not hasattr(model, "deflection_conv")
    with pytest.raises(ValueError, match="deflection branch"):
        model.deflection_latent(torch.rand(1, 2, 512), torch.rand(1, 2, 2), BOUNDS)


def test_raw_angles_replace_the_angular_encoding():
    model = NefNetV1(replace(NefNetV1Config.preset("smoke"), angle_encoding="raw"))
    assert model.view_angle.in_features == 2
    model.eval()
    out = model(torch.rand(1, 2, 512), torch.rand(1, 2, 2), torch.rand(1, 3, 2), BOUNDS)
    assert out.shape == (1, 3, 512)


@pytest.mark.parametrize(
    "field, value",
    [("angle_encoding", "cosine"), ("standin_basic", "median"), ("standin_deflection", 1)],
)
def test_unknown_v1_ablation_switch_is_refused(field, value):
    with pytest.raises(ValueError, match=field):
        NefNetV1Config(**{field: value})


def test_default_v1_switches_keep_the_stored_configuration():
    from nefnet.training.stored_config import config_dict

    stored = config_dict(NefNetV1Config.preset("book"))
    assert "angle_encoding" not in stored and "standin_basic" not in stored
    assert config_dict(NefNetV1Config(deflections=False))["deflections"] is False


def test_deflection_features_depend_on_the_boundaries(model):
    """With time-axis ROIAlign, moving the QRS window changes the deflection representation."""
    model.eval()
    x, a = torch.rand(1, 3, 512), torch.rand(1, 3, 2)
    _, zd1 = model.represent(x, a, BOUNDS)
    _, zd2 = model.represent(x, a, torch.tensor([[0, 0, 40, 80, 200, 260, 380, 500]]))
    assert not torch.allclose(zd1, zd2)


def test_v2_is_smaller_than_v1_at_paper_scale():
    count = lambda m: sum(p.numel() for p in m.parameters())  # noqa: E731
    assert count(NefNetV2(NefNetV2Config.preset("paper"))) < count(
        NefNetV1(NefNetV1Config.preset("paper"))
    )


def test_beat_dataset_and_v1_training_reduce_loss():
    import numpy as np

    from nefnet.data.beat_dataset import BeatDataset
    from nefnet.data.protocols import get_protocol
    from nefnet.simulate import SimConfig, simulate_record
    from nefnet.training.train import TrainConfig, train

    recs = [simulate_record(SimConfig(duration=4.0, classes=("Normal",)), 41, i) for i in range(6)]
    ds = BeatDataset(recs, get_protocol("(3,9)"))
    item = ds[0]
    n = int(item["length"])
    b = item["bounds"]
    assert item["inputs"].shape == (3, 512) and item["targets"].shape == (9, 512)
    assert b[0] == 0 and b[-1] == n and torch.all(b[1:] >= b[:-1])
    assert torch.all(item["inputs"][:, n:] == 0)
    torch.manual_seed(0)
    model = NefNetV1(NefNetV1Config.preset("smoke"))
    hist = train(
        model, ds, TrainConfig(epochs=6, batch_size=8), progress=False, model_config={"v1": "smoke"}
    )
    assert np.mean(hist[-2:]) < np.mean(hist[:2]), hist


def test_synthesis_from_scratch(model):
    import numpy as np

    from nefnet.models.nefnet_v1 import mix_latents

    model.eval()
    x, a = torch.rand(4, 3, 512), torch.rand(4, 3, 2)
    with torch.no_grad():
        lat = model.deflection_latent(x, a, BOUNDS.expand(4, -1))
        assert lat.shape == (4, 16, 7, 8)
        bank = {"A": lat[:2].mean(0, keepdim=True), "B": lat[2:].mean(0, keepdim=True)}
        mixed, lam = mix_latents(bank["A"], bank["B"], np.random.default_rng(0))
        assert 0 <= lam <= 1 and torch.allclose(mixed, lam * bank["A"] + (1 - lam) * bank["B"])
        new_bounds = torch.tensor([[0, 0, 40, 90, 130, 220, 330, 480]])  # a new rhythm
        beats = model.generate(mixed, new_bounds, torch.rand(1, 12, 2), 512)
        assert beats.shape == (1, 12, 512) and torch.isfinite(beats).all()
        q = torch.rand(1, 2, 2)
        from_a = model.generate(bank["A"], new_bounds, q, 512)
        from_b = model.generate(bank["B"], new_bounds, q, 512)
        assert not torch.allclose(from_a, from_b)  # the latent, not the query, makes the beat
        assert torch.allclose(model.generate(bank["A"], new_bounds, q, 512), from_a)


def test_even_bounds_and_window_mode_any_length():
    from dataclasses import replace

    from nefnet.models.roi import even_bounds

    b = even_bounds(torch.tensor([70, 140]))
    assert b.shape == (2, 8) and torch.allclose(b[1], torch.arange(8) * 20.0)
    torch.manual_seed(0)
    m = NefNetV1(replace(NefNetV1Config.preset("smoke"), output="linear")).eval()
    for t in (300, 1250):
        out = m(torch.rand(1, 3, t), torch.rand(1, 3, 2), torch.rand(1, 2, 2), even_bounds(t))
        assert out.shape == (1, 2, t)


def test_deflection_only_variant_ignores_the_basic_representation():
    from dataclasses import replace

    torch.manual_seed(0)
    m = NefNetV1(replace(NefNetV1Config.preset("smoke"), deflection_only=True)).eval()
    x, a = torch.rand(1, 3, 512), torch.rand(1, 3, 2)
    q = torch.rand(1, 2, 2)
    zb, zd = m.represent(x, a, BOUNDS)
    expect = m.decode(torch.cat([torch.zeros_like(zb.mean(1)), zd.mean(1)], 1), q, 512)
    assert torch.allclose(m(x, a, q, BOUNDS), expect)
