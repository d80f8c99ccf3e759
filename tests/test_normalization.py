"""Input scaling conventions (nefnet.normalization) and their use by datasets and models."""

import numpy as np
import pytest
import torch

from nefnet.data.protocols import get_protocol
from nefnet.data.torch_dataset import ViewPairDataset
from nefnet.models import NefNetV2, NefNetV2Config
from nefnet.normalization import model_mode, scaling
from nefnet.scoring import methods
from nefnet.simulate import SimConfig, simulate_record


@pytest.fixture(scope="module")
def records():
    return [simulate_record(SimConfig(duration=4.0), 11, i) for i in range(2)]


def test_scaling_modes():
    rec = np.array([[0.2, -0.3, 0.5], [0.0, 0.1, 0.4]])
    tgt = np.array([[1.0, -1.0, 0.0]])
    assert scaling(rec, "recorded") == pytest.approx((-0.3, 0.8))
    assert scaling(rec, "all", tgt) == pytest.approx((-1.0, 2.0))
    assert scaling(rec, "range") == pytest.approx((0.0, 0.8))  # zero stays zero
    assert scaling(rec, "none") == (0.0, 1.0)
    with pytest.raises(ValueError, match="needs the targets"):
        scaling(rec, "all")
    with pytest.raises(ValueError, match="unknown normalisation 'minmax'"):
        scaling(rec, "minmax")
    with pytest.raises(ValueError, match="flat line"):
        scaling(np.ones((2, 5)), "range")
    with pytest.raises(ValueError, match="NaN"):
        scaling(np.array([[0.0, np.nan]]), "recorded")


def test_range_keeps_linear_leads_linear():
    """III = II − I in mV stays III = II − I after "range" scaling, but not after min–max."""
    rng = np.random.default_rng(0)
    i, ii = rng.normal(size=200), rng.normal(size=200) + 0.5
    rec = np.stack([i, ii])
    lo, s = scaling(rec, "range")
    assert np.allclose((ii - i - lo) / s, (ii - lo) / s - (i - lo) / s)
    lo, s = scaling(rec, "recorded")
    assert not np.allclose((ii - i - lo) / s, (ii - lo) / s - (i - lo) / s)


def test_dataset_and_model_method_use_the_mode(records):
    ds = ViewPairDataset(records, get_protocol("(3,8,1)"), crop=800, normalize_by="range")
    item = ds[0]
    assert float(item["offset"]) == 0.0
    x = item["inputs"][:, : int(item["length"])]
    assert float(x.max() - x.min()) == pytest.approx(1.0)
    with pytest.raises(ValueError, match="normalize_by must be one of"):
        ViewPairDataset(records, None, crop=800, normalize_by="none")
    model = NefNetV2(NefNetV2Config.preset("smoke")).eval()
    assert model_mode(model) == "all" and model_mode(object()) == "none"
    run = methods.model_method(model)
    with pytest.raises(ValueError, match="joint normalisation needs the targets"):
        run(records[0].signals[:3, :800], None, np.zeros((3, 2)), None, np.ones((1, 2)))
    with pytest.raises(ValueError, match="unknown normalisation"):
        NefNetV2Config(normalize="z-score")


def test_range_model_is_scale_equivariant(records):
    """A "range" model sees the same input at any amplitude: output in mV scales with it."""
    torch.manual_seed(0)
    from dataclasses import replace

    model = NefNetV2(
        replace(NefNetV2Config.preset("smoke"), normalize="range", output="linear")
    ).eval()
    run = methods.model_method(model)
    x = records[0].signals[:3, :800]
    a, q = np.radians([[90, 0], [30, 90], [90, 75]]), np.radians([[90, 45]])
    assert np.allclose(run(2.0 * x, None, a, None, q), 2.0 * run(x, None, a, None, q), atol=1e-5)
