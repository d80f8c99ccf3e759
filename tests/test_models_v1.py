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
    assert len(outs) == 3 and all(o.shape == (2, 1, 512) for o in outs)
    loss = model.loss(outs, torch.rand(2, 1, 512))
    loss.backward()
    assert all(p.grad is not None for p in model.parameters())
    # the Standin terms do not push the main output towards the stand-ins (stop-gradient)
    out, out_b, out_d = outs
    assert not out.detach().requires_grad


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
