"""The deep baselines of NEF-NET v2's Table 2: soft-DTW against the plain dynamic programme,
each model learns, round-trips through a checkpoint, refuses leads it does not know, and SSSD
samples reproducibly; EKGAN's parts get only their own gradients."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from nefnet.data.protocols import get_protocol
from nefnet.models import deep_baselines
from nefnet.models.soft_dtw import soft_dtw, soft_dtw_divergence
from nefnet.scoring.methods import lead_map_method
from nefnet.training import checkpoints, recipes
from nefnet.training.recipe import fit

NAMES = list(deep_baselines.DEEP_BASELINES)


def _naive_soft_dtw(x, y, gamma):
    r = np.full((len(x) + 1, len(y) + 1), np.inf)
    r[0, 0] = 0.0
    for i in range(1, len(x) + 1):
        for j in range(1, len(y) + 1):
            prev = np.array([r[i - 1, j - 1], r[i - 1, j], r[i, j - 1]])
            soft = -gamma * np.log(np.exp(-prev[np.isfinite(prev)] / gamma).sum())
            r[i, j] = (x[i - 1] - y[j - 1]) ** 2 + soft
    return r[-1, -1]


def test_soft_dtw_matches_the_dynamic_programme():
    g = torch.Generator().manual_seed(1)
    x = torch.randn(4, 9, generator=g, dtype=torch.float64)
    y = torch.randn(4, 6, generator=g, dtype=torch.float64)
    got = soft_dtw(x, y, 0.3).numpy()
    want = [_naive_soft_dtw(x[k].numpy(), y[k].numpy(), 0.3) for k in range(4)]
    np.testing.assert_allclose(got, want, rtol=1e-10)


def test_soft_dtw_divergence_is_zero_on_itself_and_has_finite_gradients():
    x = torch.randn(3, 20, dtype=torch.float64, requires_grad=True)
    assert soft_dtw_divergence(x, x.detach(), 0.1).abs().max() < 1e-9
    shifted = torch.roll(x.detach(), 2, dims=1)
    d = soft_dtw_divergence(x, shifted, 0.1).sum()
    d.backward()
    assert d > 0 and torch.isfinite(x.grad).all()
    with pytest.raises(ValueError, match="gamma"):
        soft_dtw(x, x, 0.0)


def _batch(model, seed=0, t=96):
    g = torch.Generator().manual_seed(seed)
    x = torch.rand(4, model.n_in, t, generator=g)
    mix = torch.rand(model.n_out, model.n_in, generator=g)
    y = torch.einsum("qr,brt->bqt", mix, x) / model.n_in
    return {"inputs": x, "targets": y, "length": torch.tensor([t, t, t - 10, t - 20])}


@pytest.mark.parametrize("name", NAMES)
def test_each_baseline_lowers_its_loss_on_a_batch(name):
    torch.manual_seed(0)
    cfg = deep_baselines.config(name, ("I", "II", "V3"), ("V1", "V2"), "smoke")
    model = deep_baselines.DEEP_BASELINES[name][0](cfg)
    batch = _batch(model)
    opt = torch.optim.Adam(model.parameters(), lr=3e-3)

    def measured():  # the same diffusion steps and noise (SSSD) for both measurements
        torch.manual_seed(123)
        return model.training_loss(batch).item()

    first = measured()
    for _ in range(60):
        opt.zero_grad()
        loss = model.training_loss(batch)
        loss.backward()
        opt.step()
    assert measured() < 0.8 * first
    out = model.eval()(batch["inputs"])
    assert out.shape == batch["targets"].shape and torch.isfinite(out).all()


@pytest.mark.parametrize("name", NAMES)
def test_a_trained_baseline_round_trips_and_refuses_other_leads(name, tmp_path):
    recipe = recipes.deep_baseline(name, "(3,9)", "smoke")
    path = tmp_path / recipe.file_name()
    model, _ = fit(recipe, records=recipe.load_records(), checkpoint=path, progress=False)
    back = checkpoints.load_model(path)
    assert type(back) is type(model) and back.cfg == model.cfg
    task = get_protocol("(3,9)")
    x = np.random.default_rng(0).normal(size=(3, 250))
    method = lead_map_method(back)
    angles = (np.zeros((3, 2)), np.zeros((9, 2)))  # ignored: it knows leads, not angles
    pred = method(x, task.recorded, angles[0], task.targets, angles[1])
    again = lead_map_method(back)(x, task.recorded, angles[0], task.targets, angles[1])
    assert pred.shape == (9, 250) and np.array_equal(pred, again)  # SSSD samples seeded noise
    with pytest.raises(ValueError, match="knows no other leads"):
        method(x, ("I", "II", "V2"), angles[0], task.targets, angles[1])
    with pytest.raises(ValueError, match="3 recorded leads"):
        back(torch.zeros(1, 2, 64))


def test_sssd_noise_seed_changes_the_sample():
    cfg = deep_baselines.config("SSSD", ("I",), ("V1",), "smoke")
    torch.manual_seed(0)
    a = deep_baselines.DEEP_BASELINES["SSSD"][0](cfg).eval()
    torch.nn.init.normal_(a.out[-1].weight)  # a network that does not predict zero noise
    from dataclasses import replace

    b = deep_baselines.DEEP_BASELINES["SSSD"][0](replace(cfg, sample_seed=1)).eval()
    b.load_state_dict(a.state_dict())
    x = torch.rand(1, 1, 64)
    with torch.no_grad():
        assert torch.equal(a(x), a(x)) and not torch.equal(a(x), b(x))


def test_ekgan_generator_term_leaves_the_discriminator_alone():
    cfg = deep_baselines.config("EKGAN", ("I",), ("V1",), "smoke")
    model = deep_baselines.DEEP_BASELINES["EKGAN"][0](cfg)
    x, y = torch.rand(2, 1, 64), torch.rand(2, 1, 64, requires_grad=True)  # y: a generator's
    model._judge(x, y, frozen=True).sum().backward()
    assert y.grad is not None and all(p.grad is None for p in model.disc.parameters())
    model._judge(x, y).sum().backward()
    assert all(p.grad is not None for p in model.disc.parameters())


def test_unknown_baseline_and_size_are_refused():
    with pytest.raises(ValueError, match="unknown deep baseline"):
        deep_baselines.config("LSTM", ("I",), ("V1",), "book")
    with pytest.raises(ValueError, match="no SSSD size"):
        deep_baselines.config("SSSD", ("I",), ("V1",), "huge")
