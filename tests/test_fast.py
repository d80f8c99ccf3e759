"""nefnet.training.fast: the fast inference paths compute (nearly) the model's function."""

import pytest
import torch

from nefnet.models import NefNetV2, NefNetV2Config
from nefnet.training import fast
from nefnet.training.fast import FastSynthesizer


@pytest.fixture(scope="module")
def case():
    torch.manual_seed(0)
    model = NefNetV2(NefNetV2Config.preset("smoke")).eval()
    x = torch.rand(2, 3, 800)
    a = torch.rand(2, 3, 2) * 1.5
    q = torch.rand(2, 20, 2) * 1.5  # more than one query chunk
    with torch.no_grad():
        ref = model(x, a, q)
    return model, (x, a, q), ref


def test_fp32_eager_is_the_model(case):
    model, args, ref = case
    out = FastSynthesizer(model, "fp32")(*args)
    assert out.dtype == torch.float32 and torch.equal(out, ref)


@pytest.mark.slow
def test_fp32_compiled_matches(case):
    model, args, ref = case
    before = {k: v.clone() for k, v in model.state_dict().items()}
    out = FastSynthesizer(model, "fp32", compile=True)(*args)
    assert torch.allclose(out, ref, atol=1e-5)
    after = model.state_dict()  # compiling with freezing leaves the module's weights alone
    assert all(torch.equal(before[k], after[k]) for k in before)


def test_bf16_close_or_refused(case, monkeypatch):
    model, args, ref = case
    if fast.bf16_supported():
        out = FastSynthesizer(model, "bf16")(*args)
        assert out.dtype == torch.float32
        err = (out - ref).abs().max().item()
        assert 0 < err < 1e-2  # outputs in [0, 1]; bfloat16 keeps ~3 significant digits
    monkeypatch.setattr(fast, "bf16_supported", lambda: False)
    with pytest.raises(RuntimeError, match="native bfloat16"):
        FastSynthesizer(model, "bf16")


def test_unknown_precision(case):
    with pytest.raises(ValueError, match="unknown precision 'fp16'"):
        FastSynthesizer(case[0], "fp16")
