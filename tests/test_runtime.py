"""nefnet.training.runtime: the allocator tuning takes effect on glibc and changes no numbers."""

import platform

import torch

from nefnet.models import NefNetV2, NefNetV2Config
from nefnet.training import runtime


def test_tune_allocator_same_numbers():
    torch.manual_seed(0)
    model = NefNetV2(NefNetV2Config.preset("smoke")).eval()
    x, a, q = torch.rand(1, 3, 600), torch.rand(1, 3, 2), torch.rand(1, 4, 2)
    with torch.no_grad():
        before = model(x, a, q)
        took = runtime.tune_allocator()
        after = model(x, a, q)
    if platform.system() == "Linux" and platform.libc_ver()[0] == "glibc":
        assert took is True
    assert runtime.tune_allocator() is took  # idempotent
    assert torch.equal(before, after)
