"""Training loop shared by the stages: seeded, checkpointed every epoch (atomically) and on
interrupt, resumable with identical results, CPU by default.

Stage I (Any-Pairs Pretraining) and Stage II (Device Calibration) are this loop with different
data and learning rates; Stage III lives in :mod:`nefnet.training.calibrate`.
"""

from __future__ import annotations

import contextlib
import copy
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

import torch
import torch.distributed as dist
from torch.nn.parallel import DistributedDataParallel

from ..data import atomic, locks
from ..progress import tqdm
from . import integrity
from .devices import PRECISIONS, autocast, check_device, default_device  # noqa: F401 (API)
from .loader import collate_by_views, make_loader  # noqa: F401 (collate_by_views: API)
from .presets import PAPER_LR
from .stored_config import LATE_FIELDS, config_dict

#: the stages this loop trains (Stage III lives in nefnet.training.calibrate)
STAGES = ("pretrain", "device")


@dataclass(frozen=True)
class TrainConfig:
    stage: str = "pretrain"  # "pretrain" (Stage I) or "device" (Stage II)
    epochs: int = 10
    batch_size: int = 32
    lr: float | None = None  # None: the paper's rate of the stage (1e-3 / 5e-4)
    weight_decay: float = 1e-2
    lr_step: int = 50  # epochs between learning-rate decays
    lr_gamma: float = 0.5
    seed: int = 0

    def __post_init__(self):
        if self.stage not in STAGES:
            raise ValueError(f"unknown stage {self.stage!r}; expected one of {sorted(STAGES)}")
        if self.epochs < 1 or self.batch_size < 1:
            raise ValueError("epochs and batch_size must be ≥ 1")

    @property
    def learning_rate(self) -> float:
        return PAPER_LR[self.stage] if self.lr is None else self.lr


def masked_mae(pred, target, length):
    """Mean absolute error over the valid (unpadded) samples of each item."""
    mask = torch.arange(pred.shape[-1], device=pred.device)[None] < length[:, None]
    mask = mask[:, None].expand_as(pred).float()
    return ((pred.float() - target).abs() * mask).sum() / mask.sum()  # float32 under autocast


def init_distributed() -> bool:
    """Join the process group torchrun describes (``WORLD_SIZE`` > 1): gloo on CPU, NCCL on
    GPUs. Returns True when training is distributed."""
    if int(os.environ.get("WORLD_SIZE", "1")) <= 1:
        return False
    if not dist.is_initialized():
        dist.init_process_group("nccl" if torch.cuda.is_available() else "gloo")
    return True


def _distributed() -> bool:
    return dist.is_available() and dist.is_initialized() and dist.get_world_size() > 1


def _is_main() -> bool:
    return not _distributed() or dist.get_rank() == 0


def _atomic_save(obj, path: Path):
    """Write to a temporary file and rename it into place; even an interrupt mid-write leaves
    either the old checkpoint or the new one, and no temporary file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic.replacing(path) as tmp:
        torch.save(integrity.seal(obj), tmp)


def describe_data(data) -> dict | None:
    """A data/task description as stored in a checkpoint: plain JSON values only."""
    return None if data is None else json.loads(json.dumps(data, sort_keys=True, default=str))


def load_checkpoint(path, model_config: dict, train_config: dict, data: dict | None = None):
    """Load a checkpoint (``weights_only=True``), refusing one made with other settings (and,
    when ``data`` is given, on another data/task description)."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"checkpoint {path} not found")
    try:
        state = torch.load(path, map_location="cpu", weights_only=True)
    except Exception as exc:
        raise ValueError(
            f"checkpoint {path} is unreadable or not a nefnet checkpoint ({exc})"
        ) from exc
    integrity.verify(state, path)
    wanted = [("model", model_config), ("train", train_config)]
    if data is not None:
        if state.get("data") is None:
            raise ValueError(
                f"checkpoint {path} does not record the data it was trained on (written by an "
                "older nefnet); it cannot be resumed safely — start again without resuming"
            )
        wanted.append(("data", describe_data(data)))
    for what, want in wanted:
        have = state.get(f"{what}_config" if what != "data" else "data", {})
        if what == "model":  # a late field absent from a stored configuration had its default
            have, want = LATE_FIELDS | have, LATE_FIELDS | want
        diff = sorted(k for k in set(have) | set(want) if have.get(k) != want.get(k))
        if diff:
            raise ValueError(
                f"checkpoint {path} was made with another {what} configuration: "
                + ", ".join(f"{k}={have.get(k)!r} (expected {want.get(k)!r})" for k in diff)
            )
    return state


def train(model, dataset, cfg: TrainConfig, checkpoint=None, **kwargs) -> list[float]:
    """Train ``model`` on a :class:`~nefnet.data.torch_dataset.ViewPairDataset`; returns the
    mean training loss of every epoch. With ``checkpoint`` the state is saved after each epoch
    and on Ctrl-C; ``resume=True`` continues from it (bit-identical on CPU). ``on_epoch(epoch,
    loss)`` is called after each epoch (e.g. to score the model as it trains). ``data`` describes
    the data and task (stored in the checkpoint; a resume on another description is refused).
    ``workers`` DataLoader processes prepare the batches (the same batches as without them).
    ``until_epoch`` stops once that many of ``cfg.epochs`` are done (the learning-rate schedule
    stays the full run's, so a resume finishes the same model). ``precision="bf16"`` runs the
    forward pass under bfloat16 autocast (weights and optimiser stay float32); ``compile``
    compiles the model's forward with ``torch.compile``.

    Ctrl-C in the middle of an epoch saves the state at that epoch's start (the partial epoch is
    dropped), so a resumed run is bit-identical to an uninterrupted one.

    A lock file beside ``checkpoint`` keeps a second run from writing it at the same time.
    Keyword arguments: ``resume``, ``device``, ``progress``, ``model_config``, ``on_epoch``,
    ``data``, ``workers``, ``until_epoch``, ``precision``, ``compile``."""
    guard = locks.exclusive(checkpoint) if checkpoint and _is_main() else contextlib.nullcontext()
    with guard:
        return _train(model, dataset, cfg, checkpoint, **kwargs)


def _train(
    model,
    dataset,
    cfg: TrainConfig,
    checkpoint=None,
    resume=False,
    device="cpu",
    progress=True,
    model_config=None,
    on_epoch=None,
    data=None,
    workers=0,
    until_epoch=None,
    precision="fp32",
    compile=False,
) -> list[float]:
    """The body of :func:`train` (the lock held)."""
    device = default_device(device)
    model.to(device)
    core = model
    if _distributed():  # one replica per process; gradients all-reduced by DDP
        model = DistributedDataParallel(
            model, device_ids=[device.index] if device.type == "cuda" else None
        )
    autocast(device, precision)  # an unknown precision fails before any work
    model = torch.compile(model) if compile else model
    opt = torch.optim.AdamW(model.parameters(), lr=cfg.learning_rate, weight_decay=cfg.weight_decay)
    sched = torch.optim.lr_scheduler.StepLR(opt, cfg.lr_step, cfg.lr_gamma)
    mcfg = model_config if model_config is not None else config_dict(core.cfg)
    data = _with_rate(data, dataset)
    history, start, first_steps = [], 0, []
    if resume and checkpoint and Path(checkpoint).is_file():
        state = load_checkpoint(checkpoint, mcfg, asdict(cfg), data)
        core.load_state_dict(state["model"])
        opt.load_state_dict(state["optimizer"])
        sched.load_state_dict(state["scheduler"])
        history, start = list(state["history"]), int(state["epoch"])
        first_steps[:] = state.get("first_epoch_steps", [])

    def snapshot(e):
        return {
            "model": core.state_dict(),
            "optimizer": opt.state_dict(),
            "scheduler": sched.state_dict(),
            "epoch": e,
            "history": history,
            "first_epoch_steps": first_steps,
            "model_config": mcfg,
            "train_config": asdict(cfg),
            "data": describe_data(data),
        }

    stop = cfg.epochs if until_epoch is None else min(int(until_epoch), cfg.epochs)
    bar = tqdm(
        range(start, stop),
        desc=f"{cfg.stage}",
        unit="epoch",
        disable=not progress,
        initial=start,
        total=cfg.epochs,
    )
    for epoch in bar:
        at_start = copy.deepcopy(snapshot(epoch)) if checkpoint and _is_main() else None
        try:
            steps = first_steps if epoch == 0 else None
            history.append(
                train_epoch(model, dataset, cfg, opt, epoch, device, workers, steps, precision)
            )
            integrity.check_weights(core, cfg.stage, epoch)
        except KeyboardInterrupt:
            if checkpoint and _is_main():
                _atomic_save(at_start, Path(checkpoint))
            raise
        except integrity.TrainingDiverged as exc:
            raise integrity.diverged(exc, checkpoint) from None
        sched.step()
        bar.set_postfix(loss=f"{history[-1]:.4f}")
        if checkpoint and _is_main():
            _atomic_save(snapshot(epoch + 1), Path(checkpoint))
        if _distributed():
            dist.barrier()
        if on_epoch is not None:
            on_epoch(epoch + 1, history[-1])
    return history


#: what a checkpoint's inputs and outputs mean, stored with it
CONVENTIONS = {
    "units": "mV",
    "angles": "radians; theta from superior (0) to inferior (pi), phi from anterior towards the "
    "patient's left; nominal lead angles of nefnet.views.ANGLES",
}


def _with_rate(data, dataset) -> dict:
    """The data description with the training records' one sampling rate (Hz)."""
    from ..data.record import sampling_rates

    rates = sampling_rates(getattr(dataset, "records", []))
    if len(rates) > 1:
        raise ValueError(f"training records mix sampling rates {rates} Hz; resample them first")
    return {"sampling_rate": rates[0] if rates else None, **CONVENTIONS, **(data or {})}


def train_epoch(
    model, dataset, cfg, opt, epoch, device, workers=0, steps=None, precision="fp32"
) -> float:
    """One seeded pass over ``dataset`` with optimiser ``opt``; returns the mean loss (and
    appends each step's loss to ``steps`` when given: the checkpoint keeps the first epoch's)."""
    torch.manual_seed(cfg.seed * 100_003 + epoch)  # dropout and jitter: reproducible per epoch
    if hasattr(dataset, "set_epoch"):
        dataset.set_epoch(epoch)
    loader = make_loader(dataset, cfg, epoch, device, workers)
    model.train()
    total, count = 0.0, 0
    for step, batch in enumerate(loader):
        batch = {k: v.to(device) for k, v in batch.items()}
        with autocast(device, precision):
            loss = batch_loss(model, batch).float()
        value = loss.item()
        integrity.check_loss(value, cfg.stage, epoch, step)
        opt.zero_grad()
        loss.backward()
        opt.step()
        if steps is not None:
            steps.append(value)
        total += value * len(batch["inputs"])
        count += len(batch["inputs"])
    if _distributed():
        sums = torch.tensor([total, float(count)])
        dist.all_reduce(sums)
        total, count = sums.tolist()
    return total / max(count, 1)


def batch_loss(model, batch):
    """The training loss of a batch: masked MAE for NEF-NET v2, Standin learning for Nef-Net v1
    (recognised by its deflection ``bounds``), a deep baseline's own loss (its
    ``training_loss``). ``model`` may be wrapped in DDP."""
    core = getattr(model, "module", model)
    if hasattr(core, "training_loss"):
        return core.training_loss(batch)
    if "bounds" in batch:
        outs = model(
            batch["inputs"],
            batch["input_angles"],
            batch["target_angles"],
            batch["bounds"],
            standin=True,
        )
        t = batch["targets"].shape[-1]
        mask = torch.arange(t, device=batch["length"].device)[None] < batch["length"][:, None]
        return core.loss(outs, batch["targets"], mask[:, None])
    pred = model(
        batch["inputs"],
        batch["input_angles"],
        batch["target_angles"],
        input_mask=batch["input_mask"],
    )
    return masked_mae(pred, batch["targets"], batch["length"])
