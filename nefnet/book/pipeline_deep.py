"""The book's deep baselines (NEF-NET v2's Table 2: E-LSTM, ECGRecover, EKGAN, SSSD), each the
model of one recipe (:func:`nefnet.training.recipes.deep_baseline`) trained once per protocol
and cached like the NEF-NET v2 and Nef-Net v1 models; the protocols the paper runs them on."""

from __future__ import annotations

from ..models.deep_baselines import DEEP_BASELINES, SIZES
from ..training import recipes
from ..training.presets import training_preset
from ..training.recipe import cached
from . import paper_numbers as paper

#: the reconstruction settings NEF-NET v2's Table 2 runs the deep baselines on
DEEP_PROTOCOLS = ("(3,9)", "(8,12)")
DEEP_NAMES = tuple(DEEP_BASELINES)


def deep_runs(protocol: str) -> tuple:
    """The deep baselines the paper runs on ``protocol`` (E-LSTM on (3,9) only)."""
    return tuple(n for n in DEEP_NAMES if (n, protocol) in paper.V2_TABLE2)


def deep_baseline_model(name, protocol="(3,9)", scale=None, progress=True, device="cpu", seed=0):
    """Deep baseline ``name`` trained on ``protocol`` (cached): ``(model, checkpoint)``."""
    recipe = recipes.deep_baseline(name, protocol, scale, seed)
    return cached(recipe, progress=progress, device=device)


def deep_records(scale=None) -> int:
    """How many simulated records the deep baselines train on at ``scale``."""
    return int(training_preset("deep", scale)["records"])


def sssd_summary(scale=None) -> str:
    """SSSD's configuration at ``scale`` in words (diffusion steps, layers, width, state)."""
    s = SIZES["SSSD"][training_preset("deep", scale)["size"]]
    return (
        f"{s['steps']} diffusion steps, {s['layers']} residual layers of {s['channels']} "
        f"channels, S4 state {s['state']}"
    )
