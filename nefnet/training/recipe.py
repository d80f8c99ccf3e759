"""A training recipe: everything that decides a trained model, frozen in one object.

A :class:`Recipe` holds the model configuration, the training configuration (epochs, batch size,
learning-rate schedule, seed), the data description that names the model in the cache, and how
training items are cut from records (crops, queries, the fixed training configuration). The
book's model cache, ``nefnet train``, ``make weights`` and the benchmarks all train through
:func:`fit`, so one recipe gives one model whoever runs it. The recipes of the shared models are
built in :mod:`nefnet.training.recipes`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace

import torch

from ..data.beat_dataset import BeatDataset, WindowDataset
from ..data.protocols import Protocol
from ..data.torch_dataset import ViewPairDataset
from . import checkpoints
from .checkpoints import ARCHES, arch_of, cache_key
from .sim_records import SimRecords
from .train import TrainConfig, train

#: how training items are cut from records
ITEMS = ("pairs", "beat", "window")


@dataclass(frozen=True)
class Recipe:
    """One training run of a shared model.

    ``items``: "pairs" (NEF-NET v2 view pairs: Any-Pairs when ``protocol`` is None, else that
    fixed configuration), "beat" (Nef-Net v1 beats) or "window" (Nef-Net v1 on windows).
    Crops are ``crop_low``–100 % of ``crop_seconds``. ``records`` names the simulated training
    records (None: the caller brings them, e.g. real windows); ``init`` is the recipe whose
    model starts this one (Stage II starts from Stage I)."""

    model: object  # NefNetV2Config or NefNetV1Config
    train: TrainConfig
    data_json: str  # the data description (the cache key), as sorted JSON
    items: str = "pairs"
    protocol: Protocol | None = None
    crop_seconds: float | None = None
    crop_low: float = 0.8
    queries: int = 1
    item_seed: int = 0
    epoch_size: int | None = None
    normalize_by: str = "all"
    beat_length: int | None = None
    records: SimRecords | None = None
    init: Recipe | None = None

    def __post_init__(self):
        if self.items not in ITEMS:
            raise ValueError(f"unknown items {self.items!r}; expected one of {ITEMS}")

    @staticmethod
    def describe(data: dict) -> str:
        """The sorted-JSON form of a data description (plain JSON values only)."""
        return json.dumps(data, sort_keys=True, default=str)

    @property
    def data(self) -> dict:
        return json.loads(self.data_json)

    @property
    def arch(self) -> str:
        return arch_of(self.model)

    def key(self) -> str:
        """The model-cache key: the hash of model, training and data description."""
        return cache_key(self.model, self.train, self.data)

    def file_name(self) -> str:
        """The checkpoint's file name in the model cache and in ``nefnet/weights``."""
        return f"{self.arch}-{self.train.stage}-{self.key()}.pt"

    def with_training(self, **changes) -> Recipe:
        """The same recipe with other training settings (e.g. ``epochs=``, ``seed=``)."""
        return replace(self, train=replace(self.train, **changes))

    def crop(self, records) -> tuple[int, int] | None:
        """(min, max) crop length in samples of the records' rate."""
        if self.crop_seconds is None:
            return None
        n = int(self.crop_seconds * records[0].sampling_rate)
        return int(self.crop_low * n), n

    def load_records(self, progress=False) -> list:
        """The recipe's own simulated training records."""
        if self.records is None:
            raise ValueError("this recipe trains on records its caller brings (real data)")
        return self.records.load(progress)

    def dataset(self, records):
        """The training items of this recipe over ``records``."""
        if self.items == "beat":
            return BeatDataset(records, self.protocol, length=self.beat_length)
        pairs = ViewPairDataset(
            records,
            self.protocol,
            crop=self.crop(records),
            n_queries=self.queries,
            seed=self.item_seed,
            epoch_size=self.epoch_size,
            normalize_by=self.normalize_by,
        )
        return WindowDataset(pairs) if self.items == "window" else pairs

    def new_model(self, init=None):
        """The untrained model of this recipe (seeded), started from ``init``'s weights."""
        torch.manual_seed(self.train.seed)
        model = ARCHES[self.arch][0](self.model)
        if init is not None:
            model.load_state_dict(init.state_dict())
        return model

    def summary(self) -> dict:
        """What a person reads to see the recipe (``nefnet train --show-recipe``)."""
        from dataclasses import asdict

        from .stored_config import config_dict

        return {
            "file": self.file_name(),
            "model": config_dict(self.model),
            "train": asdict(self.train),
            "data": self.data,
            "items": self.items,
            "protocol": None if self.protocol is None else asdict(self.protocol),
            "crop_seconds": self.crop_seconds,
            "crop": f"{self.crop_low:.0%}-100%" if self.crop_seconds else None,
            "queries": self.queries,
            "init": None if self.init is None else self.init.file_name(),
        }


def fit(
    recipe: Recipe,
    records=None,
    init=None,
    checkpoint=None,
    resume=False,
    device="cpu",
    progress=True,
    data=None,
    workers=0,
    until_epoch=None,
    on_epoch=None,
    precision="fp32",
    compile=False,
):
    """Train ``recipe`` (on its own records unless ``records`` are given; from ``init``'s
    weights) and return ``(model, history)``. ``data`` replaces the stored data description
    (training on other data than the recipe's); ``until_epoch`` stops once that many epochs of
    the recipe's schedule are done (the checkpoint then resumes the rest); ``on_epoch(epochs
    done, loss)`` is called after each epoch; ``precision`` ("bf16": autocast) and ``compile``
    as :func:`~nefnet.training.train.train`."""
    model = recipe.new_model(init)
    recs = records if records is not None else recipe.load_records(progress)
    history = train(
        model,
        recipe.dataset(recs),
        recipe.train,
        checkpoint=checkpoint,
        resume=resume,
        device=device,
        progress=progress,
        data=recipe.data if data is None else data,
        workers=workers,
        until_epoch=until_epoch,
        on_epoch=on_epoch,
        precision=precision,
        compile=compile,
    )
    return model, history


def cached(recipe: Recipe, records=None, progress=True, device="cpu"):
    """Load the model trained by ``recipe`` — from the model cache, else from the weights
    shipped with nefnet (not when ``$NEFNET_RETRAIN`` is set) — or train it (resumably) and
    cache it: ``(model, checkpoint path)``, the model on ``device`` ("auto": a GPU when
    present). ``records`` are the training records of a recipe that brings none. The model of
    ``recipe.init`` is loaded (or trained) only when training is needed. Inside
    :func:`~nefnet.training.checkpoints.planning` nothing is loaded or trained:
    ``(None, path)`` names the checkpoint."""
    name = recipe.file_name()
    path, shipped = checkpoints.model_cache_dir() / name, checkpoints.shipped_dir() / name
    use_shipped = shipped.is_file() and not path.is_file() and not checkpoints.retrain_requested()
    if checkpoints.is_planning():
        return None, shipped if use_shipped else path
    if use_shipped:
        return checkpoints.load_model(shipped, device), shipped
    if not (path.is_file() and checkpoints.complete(path, recipe.model, recipe.train)):
        init = cached(recipe.init, progress=progress, device=device)[0] if recipe.init else None
        fit(
            recipe,
            records,
            init,
            checkpoint=path,
            resume=True,
            device=device,
            progress=progress,
        )
    return checkpoints.load_model(path, device), path
