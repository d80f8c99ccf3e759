"""The ablation switches of NEF-NET v2 do what their names say, and refuse unknown values."""

from dataclasses import replace

import pytest
import torch

from nefnet.models import NefNetV2, NefNetV2Config
from nefnet.models.variants import ABLATIONS, DEPLOYABLE, VARIANTS
from nefnet.training.stored_config import config_dict


def _model(**switches):
    torch.manual_seed(0)
    return NefNetV2(replace(NefNetV2Config.preset("smoke"), **{**DEPLOYABLE, **switches})).eval()


def _run(model, x=None):
    torch.manual_seed(1)
    x = torch.randn(1, 3, 200) if x is None else x
    ang = torch.tensor([[[1.5, 0.3], [1.2, -0.4], [1.6, 1.0]]])
    q = torch.tensor([[[1.4, 0.1], [0.9, 2.0]]])
    return model(x, ang, q, return_attention=True)


def test_mean_attention_weights_every_view_alike():
    _, a = _run(_model(attention="mean"))
    assert torch.allclose(a, torch.full_like(a, 1 / 3))
    _, g = _run(_model())
    assert not torch.allclose(g[0, 0], g[0, 1])  # GAA: each query weighs the views its own way


def test_content_attention_reads_the_signals():
    model = _model(attention="content")
    _, a1 = _run(model)
    _, a2 = _run(model, torch.randn(1, 3, 200) * 5)
    assert not torch.allclose(a1, a2)  # same angles, other signals: other weights


def test_fixed_encoding_is_never_trained_and_geovt_can_go():
    model = _model(embedding="fixed", geovt_layers=0)
    frozen = [p for p in model.embed_query.project.parameters()]
    assert frozen and not any(p.requires_grad for p in frozen)
    assert len(model.blocks) == 0 and _run(model)[0].shape == (1, 2, 200)


def test_ablations_are_variants_and_old_configs_keep_their_keys():
    assert {f"ablation {n}" for n in ABLATIONS} <= set(VARIANTS)
    assert "attention" not in config_dict(NefNetV2Config())  # default: stored as before
    assert config_dict(replace(NefNetV2Config(), attention="mean"))["attention"] == "mean"
    with pytest.raises(ValueError, match="attention must be one of"):
        NefNetV2Config(attention="random")
    with pytest.raises(ValueError, match="embedding must be"):
        NefNetV2Config(embedding="learnt")
