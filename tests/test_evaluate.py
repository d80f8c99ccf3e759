import numpy as np
import torch

from nefnet import evaluate
from nefnet.data.protocols import get_protocol
from nefnet.models import NefNetV2, NefNetV2Config
from nefnet.simulate import SimConfig, simulate_record


def _records(n, seed=31):
    return [simulate_record(SimConfig(duration=4.0, classes=("Normal",)), seed, i) for i in range(n)]


def test_scores_and_baselines_on_simpanobench():
    train, test = _records(6), _records(3, seed=32)
    proto = get_protocol("(3,8,1)")
    lsq = evaluate.score_protocol(evaluate.dipole_lsq_method, test, proto, seconds=2.0)
    reg = evaluate.score_protocol(evaluate.regression_method(train, proto), test, proto, 2.0)
    assert set(lsq["role"]) == {"supervised", "unseen"} and len(lsq) == 3 * 9
    for summary in (evaluate.summarize(lsq), evaluate.summarize(reg)):
        assert summary.index.tolist() == ["supervised", "unseen"]
        assert (summary["psnr"].between(15, 60)).all() and (summary["r"] > 0.9).all()
        assert (summary["ssim"].between(0.5, 1.0)).all() and (summary["rmse_uV"] > 10).all()


def test_perfect_method_scores_100db():
    test = _records(2)
    proto = get_protocol("(5,6,1)")

    def oracle(x, rec_names, a_in, targets, a_out, joint=None):
        return next(r for r in test if np.allclose(r.select(rec_names)[:, :x.shape[1]], x)) \
            .clean[[test[0].leads.index(t) for t in targets]][:, :x.shape[1]]
    scores = evaluate.score_protocol(oracle, test, proto, seconds=2.0)
    assert np.all(scores["psnr"] == 100.0) and np.allclose(scores["rmse_uV"], 0)


def test_model_method_runs_and_denormalises():
    torch.manual_seed(0)
    model = NefNetV2(NefNetV2Config(channels=8, angle_dim=8, res_blocks=1, geovt_layers=1,
                                    output="linear"))
    scores = evaluate.score_protocol(evaluate.model_method(model), _records(1), get_protocol("(3,9)"),
                                     seconds=1.0)
    assert len(scores) == 9 and np.isfinite(scores[["psnr", "ssim", "rmse_uV"]].values).all()
