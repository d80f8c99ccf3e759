"""The recipe ``nefnet train`` runs: a shipped model's (``--recipe NAME``) or the one the book
builds from ``--stage``, ``--variant``, ``--scale``, ``--protocol`` and ``--sim-device``, with
the options given explicitly on top. Without ``--data`` it trains on the recipe's own
simulated records, so the model is the book's."""

from __future__ import annotations

from dataclasses import replace

#: options that change a recipe's training configuration / its items when given
TRAINING_OPTIONS = ("epochs", "batch_size", "lr", "seed")
ITEM_OPTIONS = ("crop_seconds", "queries")


def recipe_of(args):
    """The recipe of a ``nefnet train`` command line."""
    from ..book import weights
    from ..training import recipes
    from ..training.recipe import Recipe

    if args.recipe:
        recipe = weights.recipe(args.recipe, args.scale)
    elif args.stage == "pretrain":
        recipe = recipes.stage1(args.scale, args.variant)
    else:
        recipe = recipes.stage2(args.sim_device, args.scale, args.variant, args.protocol)
    changes = {k: getattr(args, k) for k in TRAINING_OPTIONS if getattr(args, k) is not None}
    if changes:
        recipe = recipe.with_training(**changes)
    items = {k: getattr(args, k) for k in ITEM_OPTIONS if getattr(args, k) is not None}
    if items:
        data = recipe.data | {k: v for k, v in items.items() if k in recipe.data}
        recipe = replace(recipe, data_json=Recipe.describe(data), **items)
    return recipe


def real_records_of(name: str):
    """The real training windows of the shipped model ``name`` (chapter 10's Stage II on the
    CinC samples), read as the book reads them; None for a model trained on simulated data."""
    from ..book import pipeline, weights

    function, kwargs = weights.registry()[name]
    return pipeline.cinc_windows() if function == "cinc_stage2_model" else None


def recipe_names() -> list[str]:
    """The shipped models' names (``--recipe`` choices)."""
    from ..book import weights

    return sorted(weights.registry())


def check_recipe_name(name: str) -> str:
    """An argparse type: a shipped model's name, or a one-line refusal listing a few."""
    import argparse

    names = recipe_names()
    if name not in names:
        near = [n for n in names if name.split("-")[0] in n][:6] or names[:6]
        raise argparse.ArgumentTypeError(
            f"unknown recipe {name!r}; expected a shipped model's name (nefnet/weights/"
            f"MODEL_CARDS.md), e.g. {', '.join(near)}"
        )
    return name


def initial_model(args, recipe, progress):
    """The model Stage II starts from: ``--init``, else the recipe's own Stage I (the book's,
    loaded from the shipped weights or the model cache, trained when neither has it)."""
    from . import inputs

    if args.init:
        return inputs.model(args.init, "--init")
    if recipe.init is None:
        return None
    from ..training.recipe import cached

    return cached(recipe.init, progress=progress, device=args.device)[0]


def adopt_init(recipe, init):
    """The recipe with ``--init``'s model configuration when it differs from the recipe's (a
    checkpoint of another width or variant is fine-tuned as it is)."""
    if init is None or init.cfg == recipe.model:
        return recipe
    normalize = getattr(init.cfg, "normalize", recipe.normalize_by)
    return replace(recipe, model=init.cfg, normalize_by=normalize)
