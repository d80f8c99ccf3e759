"""Fast CPU inference: the same trained model compiled with TorchInductor, optionally in bfloat16.

Neither changes the weights. Compiling in float32 computes the same function (differences at the
level of float32 rounding) and, once the allocator is tuned (:mod:`nefnet.training.runtime`; the
CLI and the chapters turn that on), cuts the time of a 48-view panorama — chapter 04 renders what
``benchmarks/bench_inference.py`` recorded. bfloat16 keeps 8 bits of mantissa in the activations,
so outputs move by about 1e-3 of the signal range (``--trained`` reports the PSNR it costs); it is
not reliably faster on CPUs without AMX, and it is refused on CPUs without native bfloat16 rather
than silently emulated.

    fast = FastSynthesizer(model, precision="fp32", compile=True)
    y = fast(inputs, input_angles, query_angles)   # float32 out, no autograd

Compiling takes tens of seconds the first time and again for each new input shape, so it pays
off for repeated calls of one shape (a panorama viewer, a benchmark), not for one synthesis.
"""

from __future__ import annotations

import torch
from torch import nn

PRECISIONS = ("fp32", "bf16")


def bf16_supported() -> bool:
    """True when this CPU runs bfloat16 convolutions natively (oneDNN)."""
    return bool(
        torch.backends.mkldnn.is_available() and torch.ops.mkldnn._is_mkldnn_bf16_supported()
    )


class FastSynthesizer(nn.Module):
    """Inference-only wrapper of a synthesis model with the model's ``forward`` signature."""

    def __init__(self, model: nn.Module, precision: str = "fp32", compile: bool = False):
        super().__init__()
        if precision not in PRECISIONS:
            raise ValueError(f"unknown precision {precision!r}; expected one of {PRECISIONS}")
        if precision == "bf16" and not bf16_supported():
            raise RuntimeError(
                "precision 'bf16' needs a CPU with native bfloat16 support "
                "(AVX-512 BF16 or AMX); this one has none — use 'fp32'"
            )
        self.model = model.eval()
        self.precision = precision
        self.compiled = compile
        self._run = torch.compile(self.model, options={"freezing": True}) if compile else self.model

    def forward(self, inputs, input_angles, query_angles, **kwargs):
        with (
            torch.inference_mode(),
            torch.autocast("cpu", dtype=torch.bfloat16, enabled=self.precision == "bf16"),
        ):
            out = self._run(inputs, input_angles, query_angles, **kwargs)
        if isinstance(out, tuple):
            return tuple(o.float() for o in out)
        return out.float()
