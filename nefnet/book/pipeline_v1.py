"""The book's shared Nef-Net v1 models, each the model of one recipe
(:mod:`nefnet.training.recipes`) trained once and cached like the NEF-NET v2 ones
(:mod:`nefnet.book.pipeline`): beat mode (one model per recorded → supervised task) and
continuous-window mode (on a protocol's training configuration, pooled over the four 12-lead
devices or on one simulated device)."""

from __future__ import annotations

from ..data.protocols import Protocol
from ..training import recipes
from ..training.recipe import cached
from ..views import INDEPENDENT_8, LEADS_12

#: the beat-mode Nef-Net v1 tasks of chapter 03's tables: recorded → supervised views
V1_BEAT_TASKS = {
    "(8,12)": (INDEPENDENT_8, LEADS_12),
    "(3,12)": (("II", "V2", "V6"), LEADS_12),
    "(3,8,1)": (("I", "II", "V3"), ("V1", "V4", "V5", "V6")),
    "(3,8+1,0)": (("I", "II", "V3"), ("V1", "V2", "V4", "V5", "V6")),
}


#: the v1 Table 3 task (4, 4, 4): four recorded, four supervised, four synthesized leads — the
#: paper does not name them; two limb and two precordial leads recorded, so that two
#: independent leads are scored in each of the other groups (derived limb leads never are)
V1_ABLATION_TASK = Protocol(
    "(4,4,4)", ("I", "II", "V1", "V4"), ("V2", "V5", "aVL", "aVF"), ("V3", "V6", "III", "aVR")
)


def v1_beat_model(
    recorded,
    supervised,
    scale=None,
    deflection_only=False,
    progress=True,
    device="cpu",
    ablation=None,
    seed=0,
):
    """A beat-mode Nef-Net v1 trained on ``recorded`` → ``supervised`` views (cached); see
    :func:`nefnet.training.recipes.v1_beat`."""
    recipe = recipes.v1_beat(recorded, supervised, scale, deflection_only, ablation, seed)
    return cached(recipe, progress=progress, device=device)


def v1_ablation_model(name, scale=None, progress=True, device="cpu", seed=0):
    """One row of the v1 Table 3 ablation, trained on :data:`V1_ABLATION_TASK` (cached)."""
    task = V1_ABLATION_TASK
    return v1_beat_model(task.recorded, task.supervised, scale, False, progress, device, name, seed)


def v1_window_model(
    protocol="(3,8,1)", scale=None, progress=True, device="cpu", sim_device=None, seed=0
):
    """Nef-Net v1 in continuous-window mode on a protocol's training configuration (cached);
    see :func:`nefnet.training.recipes.v1_window`."""
    recipe = recipes.v1_window(protocol, scale, sim_device, seed)
    return cached(recipe, progress=progress, device=device)
