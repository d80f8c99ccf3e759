"""The book's shared Nef-Net v1 models, trained once per configuration and cached like the
NEF-NET v2 ones (:mod:`nefnet.book.pipeline`): beat mode (one model per recorded → supervised
task) and continuous-window mode (on a protocol's training configuration, pooled over the four
12-lead devices or on one simulated device)."""

from __future__ import annotations

from dataclasses import replace

from ..data.beat_dataset import BeatDataset, WindowDataset
from ..data.protocols import Protocol
from ..data.torch_dataset import ViewPairDataset
from ..models import NefNetV1Config
from ..models.v1_ablations import v1_ablation
from ..training.checkpoints import cached
from ..training.train import TrainConfig
from ..views import INDEPENDENT_8, LEADS_12
from .pipeline import (
    TRAIN_SEED,
    crop_range,
    device_records,
    pooled_records,
    simulated_data,
    training_protocol,
)
from .scales import preset

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
    """A beat-mode Nef-Net v1 trained on ``recorded`` → ``supervised`` views (cached);
    ``deflection_only`` gives the synthesis-from-scratch variant (Z_b ≡ 0), ``ablation`` a
    row of the v1 Table 3 ablation (:data:`~nefnet.models.v1_ablations.V1_ABLATIONS`) and
    ``seed`` the training seed (initialisation and batch order; the data stay the same)."""
    model_cfg, train_cfg, data = v1_beat_settings(
        recorded, supervised, scale, deflection_only, ablation, seed
    )

    def make():
        recs = pooled_records(data["records"], TRAIN_SEED, progress=progress)
        return v1_beat_dataset(recs, recorded, supervised, scale)

    return cached(model_cfg, train_cfg, data, make, progress=progress, device=device)


def v1_beat_settings(
    recorded, supervised, scale=None, deflection_only=False, ablation=None, seed=0
):
    """(model config, training config, data description) of a beat-mode Nef-Net v1."""
    p = dict(preset("v1", scale))
    switches = {}
    if ablation is not None:  # the ablation trains longer (chapter 07's preset)
        switches, a = v1_ablation(ablation), preset("07_ablations", scale)
        p |= {"records": a["v1_records"], "epochs": a["v1_epochs"]}
    model_cfg = replace(
        NefNetV1Config.preset(p["preset"]), deflection_only=deflection_only, **switches
    )
    train_cfg = TrainConfig(
        epochs=p["epochs"], batch_size=p["batch_size"], lr=p["lr"], lr_step=p["lr_step"], seed=seed
    )
    task = Protocol("v1", tuple(recorded), tuple(supervised))
    return (
        model_cfg,
        train_cfg,
        simulated_data(p["records"], task, mode="beat", length=p["beat_length"]),
    )


def v1_ablation_model(name, scale=None, progress=True, device="cpu", seed=0):
    """One row of the v1 Table 3 ablation, trained on :data:`V1_ABLATION_TASK` (cached)."""
    task = V1_ABLATION_TASK
    return v1_beat_model(task.recorded, task.supervised, scale, False, progress, device, name, seed)


def v1_beat_dataset(records, recorded, supervised, scale=None) -> BeatDataset:
    """Nef-Net v1's beat items over ``records``: ``recorded`` → ``supervised`` views."""
    task = Protocol("v1", tuple(recorded), tuple(supervised))
    return BeatDataset(records, task, length=preset("v1", scale)["beat_length"])


def v1_window_model(
    protocol="(3,8,1)", scale=None, progress=True, device="cpu", sim_device=None, seed=0
):
    """Nef-Net v1 in continuous-window mode on a protocol's training configuration, with the
    crops, normalisation (by the recorded views) and batch size of NEF-NET v2's Stage II, on
    pooled records of the four devices — or on the records of one ``sim_device``; ``seed`` is
    the training seed."""
    model_cfg, train_cfg, data = v1_window_settings(protocol, scale, sim_device, seed)

    def make():
        n = data["records"]
        recs = (
            pooled_records(n, TRAIN_SEED, progress=progress)
            if sim_device is None
            else device_records(sim_device, n, TRAIN_SEED, progress)
        )
        return v1_window_dataset(recs, protocol, scale)

    return cached(model_cfg, train_cfg, data, make, progress=progress, device=device)


def v1_window_settings(protocol="(3,8,1)", scale=None, sim_device=None, seed=0):
    """(model config, training config, data description) of a continuous-window Nef-Net v1
    (pooled over the 12-lead devices, or on ``sim_device``)."""
    p, s2 = preset("v1", scale), preset("stage2", scale)
    model_cfg = replace(NefNetV1Config.preset(p["preset"]), output="linear", normalize="recorded")
    train_cfg = TrainConfig(
        epochs=p["window_epochs"],
        batch_size=s2["batch_size"],
        lr=p["window_lr"],
        lr_step=p["window_lr_step"],
        seed=seed,
    )
    task = training_protocol(protocol)
    data = simulated_data(p["window_records"], task, mode="window", crop_seconds=s2["crop_seconds"])
    if sim_device is not None:
        data["device"] = sim_device
    return model_cfg, train_cfg, data


def v1_window_dataset(records, protocol="(3,8,1)", scale=None) -> WindowDataset:
    """Nef-Net v1's continuous-window items over ``records``: Stage II's crops, normalised by
    the recorded views."""
    s2 = preset("stage2", scale)
    crops = ViewPairDataset(
        records,
        training_protocol(protocol),
        crop=crop_range(s2["crop_seconds"], records),
        normalize_by="recorded",
        seed=1,
    )
    return WindowDataset(crops)
