"""The recipe of every shared model, built in one place from (stage, variant, scale, protocol,
device): NEF-NET v2 Stage I (Any-Pairs Pretraining) and Stage II (Device Calibration),
Nef-Net v1 in beat and window mode, and the deep baselines of NEF-NET v2's Table 2. The book's
model cache, ``nefnet train``, ``make weights`` and the benchmarks all ask here, so each gets
the same model.

Stage I pools SimPanobench records of the four 12-lead devices (standing in for PTB-XL,
CPSC2018, Tianchi and ChinaDB); Stage II fine-tunes Stage I on one device with the fixed input
configuration of a protocol (every parameter starts from Stage I).
"""

from __future__ import annotations

from dataclasses import replace

from ..data.protocols import Protocol, get_protocol
from ..models import NefNetV1Config, NefNetV2Config, deep_baselines
from ..models.v1_ablations import v1_ablation
from ..simulate import SIMULATOR_VERSION
from ..views import DERIVED_LIMB
from .presets import training_preset, variant_scale
from .recipe import Recipe
from .sim_records import DEVICES_12, STAGE2_OFFSET, TRAIN_SEED, SimRecords
from .train import TrainConfig


def training_protocol(protocol: str | Protocol) -> Protocol:
    """The fixed configuration Stage II trains on: the protocol's recorded views → its
    supervised independent leads (the unseen view is never shown; derived limb leads are
    exact functions of I and II)."""
    p = get_protocol(protocol) if isinstance(protocol, str) else protocol
    sup = tuple(v for v in p.supervised if v not in DERIVED_LIMB)
    return Protocol(f"{p.name}-train", p.recorded, sup)


def simulated_data(records: int, task: Protocol, **extra) -> dict:
    """The data description of ``records`` simulated from :data:`TRAIN_SEED` for ``task``
    (the simulator's version included, so a physics change retrains), plus ``extra``."""
    return {
        "records": records,
        "seed": TRAIN_SEED,
        "simulator": SIMULATOR_VERSION,
        "protocol": [list(task.recorded), list(task.targets)],
        **extra,
    }


def init_description(first: Recipe) -> dict:
    """How a recipe names the Stage I model it starts from: its data description, and its
    training seed when not 0 (so Stage II from another Stage I seed is another model; seed 0
    keeps the shipped models' names)."""
    return first.data | ({"train_seed": first.train.seed} if first.train.seed else {})


def stage1(scale=None, variant="paper", seed=0) -> Recipe:
    """Stage I of a NEF-NET v2 variant (:data:`nefnet.models.VARIANTS`): Any-Pairs crops with
    several query views, pooled over the 12-lead devices; ``seed`` is its training seed."""
    p = training_preset("stage1", variant_scale(scale, variant))
    model_cfg = NefNetV2Config.variant(variant, p["preset"])
    train_cfg = TrainConfig(
        epochs=p["epochs"], batch_size=p["batch_size"], lr=p["lr"], lr_step=p["lr_step"], seed=seed
    )
    data = {
        "simpanobench": {
            "records": p["records"],
            "seed": TRAIN_SEED,
            "simulator": SIMULATOR_VERSION,
            "config": "default",
            "devices": list(DEVICES_12),
        },
        "crop_seconds": p["crop_seconds"],
        "normalize_by": model_cfg.normalize,
        "sampling": "any-pairs",
        "queries": p["queries"],
    }
    return Recipe(
        model_cfg,
        train_cfg,
        Recipe.describe(data),
        crop_seconds=p["crop_seconds"],
        queries=p["queries"],
        normalize_by=model_cfg.normalize,
        records=SimRecords(p["records"]),
    )


def _stage2_training(scale, seed, variant) -> tuple[dict, TrainConfig]:
    p = training_preset("stage2", variant_scale(scale, variant))
    train_cfg = TrainConfig(
        stage="device",
        epochs=p["epochs"],
        batch_size=p["batch_size"],
        lr=p["lr"],
        lr_step=p["epochs"],
        seed=seed,
    )
    return p, train_cfg


def stage2(
    sim_device="sim-ptbxl",
    scale=None,
    variant="paper",
    protocol="(3,8,1)",
    records=None,
    pretrained=True,
    seed=0,
    stage1_seed=0,
) -> Recipe:
    """Stage II of the Stage I model of ``variant`` on the SimPanobench device ``sim_device``.
    ``records`` (default: the preset's) trains on fewer device records with the same number of
    crops per epoch; ``pretrained=False`` starts from random weights instead of Stage I (the
    data-efficiency study); ``seed`` is Stage II's training seed (batch order, dropout) and
    ``stage1_seed`` that of the Stage I model it starts from."""
    p, train_cfg = _stage2_training(scale, seed, variant)
    first = stage1(scale, variant, stage1_seed)
    task = training_protocol(protocol)
    n = p["records"] if records is None else int(records)
    epoch_size = None if n == p["records"] else p["records"]
    data = simulated_data(
        n,
        task,
        stage1=init_description(first) if pretrained else None,
        device=sim_device,
        crop_seconds=p["crop_seconds"],
        **({} if epoch_size is None else {"epoch_size": epoch_size}),
    )
    records = SimRecords(n, TRAIN_SEED + STAGE2_OFFSET, sim_device)
    init = first if pretrained else None
    return _stage2_recipe(first, train_cfg, data, task, p, epoch_size, records, init)


def _stage2_recipe(first, train_cfg, data, task, p, epoch_size, records, init) -> Recipe:
    """A Stage II recipe: the Stage I model's configuration on crops of the protocol's training
    configuration (item seed 1)."""
    return Recipe(
        first.model,
        train_cfg,
        Recipe.describe(data),
        protocol=task,
        crop_seconds=p["crop_seconds"],
        item_seed=1,
        epoch_size=epoch_size,
        normalize_by=first.model.normalize,
        records=records,
        init=init,
    )


def real_stage2(
    windows, source, content, scale=None, protocol="(3,8,1)", variant="paper", first=None
):
    """Stage II of the Stage I model of ``variant`` (or of the Stage I recipe ``first``, e.g. a
    rung of the scale ladder) on ``windows`` real preprocessed windows of the dataset
    ``source`` (``content``: their digest): the same budget as on a simulated device at
    ``scale`` — an epoch draws as many crops as the simulated device has records. The caller
    brings the windows."""
    p, train_cfg = _stage2_training(scale, 0, variant)
    first = stage1(scale, variant) if first is None else first
    task = training_protocol(protocol)
    data = {
        "stage1": init_description(first),
        "real": source,
        "windows": windows,
        "content": content,
        "protocol": [list(task.recorded), list(task.targets)],
        "crop_seconds": p["crop_seconds"],
        "epoch_size": p["records"],
    }
    return _stage2_recipe(first, train_cfg, data, task, p, p["records"], None, first)


def v1_beat(
    recorded, supervised, scale=None, deflection_only=False, ablation=None, seed=0
) -> Recipe:
    """A beat-mode Nef-Net v1 on ``recorded`` → ``supervised`` views: ``deflection_only``
    gives synthesis from scratch (Z_b ≡ 0), ``ablation`` a row of the v1 Table 3 ablation
    (:data:`~nefnet.models.v1_ablations.V1_ABLATIONS`, trained longer), ``seed`` the training
    seed (initialisation and batch order; the data stay the same)."""
    p = dict(training_preset("v1", scale))
    switches = {}
    if ablation is not None:
        switches = v1_ablation(ablation)
        p |= {"records": p["ablation_records"], "epochs": p["ablation_epochs"]}
    model_cfg = replace(
        NefNetV1Config.preset(p["preset"]), deflection_only=deflection_only, **switches
    )
    train_cfg = TrainConfig(
        epochs=p["epochs"], batch_size=p["batch_size"], lr=p["lr"], lr_step=p["lr_step"], seed=seed
    )
    task = Protocol("v1", tuple(recorded), tuple(supervised))
    data = simulated_data(p["records"], task, mode="beat", length=p["beat_length"])
    return Recipe(
        model_cfg,
        train_cfg,
        Recipe.describe(data),
        items="beat",
        protocol=task,
        beat_length=p["beat_length"],
        records=SimRecords(p["records"]),
    )


def v1_window(protocol="(3,8,1)", scale=None, sim_device=None, seed=0) -> Recipe:
    """Nef-Net v1 in continuous-window mode on a protocol's training configuration, with the
    crops and batch size of NEF-NET v2's Stage II, normalised by the recorded views, on pooled
    records of the four devices — or on the records of one ``sim_device``."""
    p, s2 = training_preset("v1", scale), training_preset("stage2", scale)
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
    return Recipe(
        model_cfg,
        train_cfg,
        Recipe.describe(data),
        items="window",
        protocol=task,
        crop_seconds=s2["crop_seconds"],
        item_seed=1,
        normalize_by="recorded",
        records=SimRecords(p["window_records"], TRAIN_SEED, sim_device),
    )


def deep_baseline(name: str, protocol="(3,9)", scale=None, seed=0) -> Recipe:
    """A deep baseline of NEF-NET v2's Table 2 (:data:`~nefnet.models.deep_baselines.
    DEEP_BASELINES`) trained from scratch on ``protocol``'s recorded → target leads (all of them:
    (8,12) reconstructs its inputs too), on crops of pooled records of the four 12-lead
    devices, normalised by the recorded leads, with its own loss; SSSD for the preset's
    ``diffusion_factor`` × the epochs at its ``diffusion_lr``."""
    p = training_preset("deep", scale)
    task = get_protocol(protocol) if isinstance(protocol, str) else protocol
    model_cfg = deep_baselines.config(name, task.recorded, task.targets, p["size"])
    diffusion = name == "SSSD"
    k = p["diffusion_factor"] if diffusion else 1
    train_cfg = TrainConfig(
        epochs=p["epochs"] * k,
        batch_size=p["batch_size"],
        lr=p["diffusion_lr"] if diffusion else p["lr"],
        lr_step=p["lr_step"] * k,
        seed=seed,
    )
    data = simulated_data(p["records"], task, mode="lead-map", crop_seconds=p["crop_seconds"])
    return Recipe(
        model_cfg,
        train_cfg,
        Recipe.describe(data),
        protocol=task,
        crop_seconds=p["crop_seconds"],
        item_seed=2,
        normalize_by="recorded",
        records=SimRecords(p["records"]),
    )
