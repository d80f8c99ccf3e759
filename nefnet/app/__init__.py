"""The panorama explorer as an app (``nefnet explore``): a notebook that Voila serves, whose
kernel builds the live explorer from what the command put in its environment."""

from __future__ import annotations

import os
from pathlib import Path

#: the notebook Voila serves (package data)
NOTEBOOK = Path(__file__).with_name("explorer.ipynb")
#: the Jupyter data folder of the app's Voila template, and the template's name (the lab
#: template with a "Starting the kernel…" page until the controls appear)
SHARE, TEMPLATE = Path(__file__).with_name("share"), "nefnet"
#: environment variables the command sets for the app's kernel
MODEL_VAR, SEED_VAR, DATA_VAR = "NEFNET_EXPLORE_MODEL", "NEFNET_EXPLORE_SEED", "NEFNET_DATA"


def load_model(name: str):
    """A shipped NEF-NET v2 by name, or a NEF-NET v2 checkpoint file, trained at 500 Hz (the
    explorer's records are 500 Hz); a clear error otherwise."""
    from ..book.weights import manifest, pretrained
    from ..training.checkpoints import load_model as load_checkpoint

    if name in manifest():
        model = pretrained(name)
    elif Path(name).suffix == ".pt" or os.sep in name:
        model = load_checkpoint(name, expect="nefnet_v2")
    else:
        v2 = sorted(n for n in manifest() if n.startswith("v2-"))
        raise ValueError(f"--model {name!r} is neither a shipped model ({v2}) nor a .pt file")
    if not hasattr(model, "decode_views"):
        raise ValueError(f"--model {name!r} is not a NEF-NET v2 model")
    rate = (getattr(model, "trained_on", None) or {}).get("sampling_rate")
    if rate and float(rate) != 500.0:
        raise ValueError(f"--model {name!r} was trained at {rate} Hz; the explorer needs 500 Hz")
    return model


def explorer_from_environment():
    """The live explorer the app shows: the model, seed and data folder named by the
    environment (defaults: the chapter 11 model, seed 0, the default data folder)."""
    from ..book.notebook import setup
    from ..data.samples import real_records
    from ..plots.live_explorer import live_explorer
    from ..training import panorama

    seed = int(os.environ.get(SEED_VAR, "0"))
    setup(seed=seed)
    model = load_model(os.environ.get(MODEL_VAR) or panorama.MODEL)
    real = real_records(os.environ.get(DATA_VAR) or None).get("CinC 2021", [])[:3]
    return live_explorer(model, panorama.examples(seed, real=real))
