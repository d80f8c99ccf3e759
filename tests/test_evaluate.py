import types

import numpy as np
import pytest
import torch

from nefnet.data.protocols import get_protocol
from nefnet.models import NefNetV2, NefNetV2Config
from nefnet.scoring import evaluate, methods
from nefnet.simulate import SimConfig, simulate_record


def _records(n, seed=31):
    return [
        simulate_record(SimConfig(duration=4.0, classes=("Normal",)), seed, i) for i in range(n)
    ]


def test_scores_and_baselines_on_simpanobench():
    train, test = _records(6), _records(3, seed=32)
    proto = get_protocol("(3,8,1)")
    lsq = evaluate.score_protocol(methods.dipole_lsq_method, test, proto, seconds=2.0)
    reg = evaluate.score_protocol(methods.regression_method(train, proto), test, proto, 2.0)
    assert set(lsq["role"]) == {"supervised", "unseen"} and len(lsq) == 3 * 9
    for summary in (evaluate.summarize(lsq), evaluate.summarize(reg)):
        assert summary.index.tolist() == ["supervised", "unseen"]
        assert (summary["psnr"].between(15, 60)).all() and (summary["r"] > 0.6).all()
        assert (summary["ssim"].between(0.5, 1.0)).all() and (summary["rmse_uV"] > 10).all()


def test_perfect_method_scores_100db():
    test = _records(2)
    proto = get_protocol("(5,6,1)")

    def oracle(x, rec_names, a_in, targets, a_out, joint=None):
        return next(r for r in test if np.allclose(r.select(rec_names)[:, : x.shape[1]], x)).clean[
            [test[0].leads.index(t) for t in targets]
        ][:, : x.shape[1]]

    scores = evaluate.score_protocol(oracle, test, proto, seconds=2.0)
    assert np.all(scores["psnr"] == 100.0) and np.allclose(scores["rmse_uV"], 0)


class _FirstInput(torch.nn.Module):
    """A "model" that returns its first input as every query, trained with ``mode`` scaling."""

    def __init__(self, mode):
        super().__init__()
        self.cfg = types.SimpleNamespace(normalize=mode)
        self.seen = []

    def forward(self, inputs, input_angles, query_angles):
        self.seen.append(inputs)
        return inputs[:, :1].expand(-1, query_angles.shape[1], -1)


@pytest.mark.parametrize("mode", ["recorded", "range", "all"])
def test_model_method_scales_in_and_back_out(mode):
    """Inputs reach the model scaled as it was trained, and its output is scaled back to mV:
    a model echoing its first input returns lead I in mV exactly."""
    rec = _records(1)[0]
    x = rec.select(["I", "II", "V3"])[:, :500]
    echo = _FirstInput(mode)
    joint = (-1.0, 4.0) if mode == "all" else None
    out = methods.model_method(echo)(x, None, np.zeros((3, 2)), None, np.zeros((2, 2)), joint=joint)
    assert out.shape == (2, 500) and np.allclose(out, x[[0, 0]], atol=1e-5)
    seen = echo.seen[0][0].numpy()
    lo, span = {"recorded": (x.min(), np.ptp(x)), "range": (0.0, np.ptp(x)), "all": joint}[mode]
    assert np.allclose(seen, (x - lo) / span, atol=1e-6)


def test_trained_model_method_is_affine_equivariant():
    """With inputs min–max scaled by the recorded views, a NEF-NET v2 sees the same numbers for
    a·x + b, so its output in mV is exactly a·y + b."""
    torch.manual_seed(0)
    model = NefNetV2(NefNetV2Config.variant("paper", "smoke")).eval()
    run = methods.model_method(model)
    x = _records(1)[0].select(["I", "II", "V3"])[:, :800]
    a, q = np.radians([[90, 90], [150, 90], [95, 15]]), np.radians([[90, 10], [96, 90]])
    y = run(x, None, a, None, q)
    assert np.allclose(run(3.0 * x + 0.7, None, a, None, q), 3.0 * y + 0.7, atol=1e-4)
    scores = evaluate.score_protocol(run, _records(1), get_protocol("(3,9)"), seconds=1.0)
    assert len(scores) == 9 and np.isfinite(scores[["psnr", "ssim", "rmse_uV"]].values).all()
