#!/usr/bin/env python3
"""Train the models the chapters share and ship them: weights-only checkpoints in
``nefnet/weights`` with ``MANIFEST.json`` and ``MODEL_CARDS.md`` (data, configuration, seed,
command, SHA-256, scores). By default every model is retrained in a fresh model cache.

    python scripts/make_weights.py                   # what `make weights` runs (book scale)
    python scripts/make_weights.py --reuse-cache     # export models already in the model cache
    python scripts/make_weights.py --scale smoke --out /tmp/w --only v2-paper-stage1
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Args:
    scale: str
    out: Path
    only: list
    reuse_cache: bool
    quiet: bool


def _parse(argv) -> Args:
    from nefnet.training.checkpoints import shipped_dir

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scale", default="book", choices=("smoke", "book", "paper"))
    ap.add_argument("--out", type=Path, default=shipped_dir(), help="folder to write")
    ap.add_argument("--only", nargs="+", default=[], help="these models only")
    ap.add_argument("--reuse-cache", action="store_true", help="export cached models as they are")
    ap.add_argument("--quiet", action="store_true")
    return Args(**vars(ap.parse_args(argv)))


def scores(name, model, history, scale) -> dict:
    """Unseen and supervised PSNR on held-out SimPanobench records ((3,8,1), last 5 s) for the
    window models; the final training loss for every model."""
    from nefnet.book import pipeline, weights
    from nefnet.book.scales import preset
    from nefnet.data.protocols import get_protocol
    from nefnet.scoring.evaluate import score_last, summarize
    from nefnet.scoring.methods import lead_map_method, model_method

    function, kwargs = weights.registry()[name]
    out = {"final_training_loss": round(float(history[-1]), 5)}
    if function in ("v1_beat_model", "v1_ablation_model"):
        return out
    device = kwargs.get("sim_device", "sim-ptbxl")
    protocol = kwargs.get("protocol", "(3,8,1)")
    n = preset("05_three_stage", scale)["test_records"]
    test = pipeline.device_records(device, n, pipeline.TEST_SEED)
    method = lead_map_method(model) if function == "deep_baseline_model" else model_method(model)
    table = summarize(score_last(method, test, get_protocol(protocol), 5.0))
    out["scored_on"] = f"{n} {device} records (seed {pipeline.TEST_SEED}), {protocol}, last 5 s"
    for role in table.index:  # reconstruction protocols have no unseen view
        out[f"{role}_psnr_db"] = round(float(table.loc[role, "psnr"]), 2)
    return out


def card(name, entry) -> str:
    cfg = json.dumps(entry["model_config"], sort_keys=True)
    train = json.dumps(entry["train_config"], sort_keys=True)
    data = json.dumps(entry["data"], sort_keys=True)
    score = ", ".join(f"{k} {v}" for k, v in entry["scores"].items())
    return (
        f"## {name}\n\n"
        + about(entry)
        + f"- file: `{entry['file']}` ({entry['bytes'] / 1e6:.2f} MB), "
        f"SHA-256 `{entry['sha256']}`\n"
        f"- trained by `{trainer_name(entry['function'])}` with "
        f"`{json.dumps(entry['kwargs'])}` at `{entry['scale']}` scale, seed "
        f"{entry['train_config']['seed']}, {entry['epochs']} epochs\n"
        f"- regenerate: `{entry['command']}`\n"
        f"- scores: {score}\n"
        f"- data: `{data}`\n"
        f"- model configuration: `{cfg}`\n"
        f"- training configuration: `{train}`\n"
    )


def trainer_name(function: str) -> str:
    from nefnet.book import weights

    return f"{weights.trainer(function).__module__}.{function}"


def about(entry) -> str:
    """A deep baseline's card opens with what the model is (its module's description)."""
    if entry["function"] != "deep_baseline_model":
        return ""
    import importlib

    from nefnet.training.checkpoints import ARCHES

    module = importlib.import_module(ARCHES[entry["model_config"]["baseline"]][0].__module__)
    first = module.__doc__.strip().split("\n\n")[0]
    return " ".join(first.split()) + "\n\n"


def main(argv=None) -> int:
    args = _parse(argv)
    os.environ["NEFNET_RETRAIN"] = "1"  # never export a shipped file as a new one
    if not args.reuse_cache:
        os.environ["NEFNET_MODELS"] = tempfile.mkdtemp(prefix="nefnet-weights-")
    from nefnet.book import weights
    from nefnet.data.fetch import sha256
    from nefnet.training.checkpoints import load_model

    names = args.only or list(weights.registry())
    entries = weights.manifest(args.out) if args.only else {}
    start = time.time()
    for name in names:
        function, kwargs = weights.registry()[name]
        _, ckpt = weights.train(name, args.scale, progress=not args.quiet)
        path = weights.export(ckpt, args.out, half=weights.half_precision(name))
        model, state = load_model(path), _state(path)
        entries[name] = {
            "file": path.name,
            "sha256": sha256(path),
            "bytes": path.stat().st_size,
            "function": function,
            "kwargs": kwargs,
            "scale": args.scale,
            "epochs": int(state["epoch"]),
            "command": weights.COMMAND
            if args.scale == "book"
            else f"python scripts/make_weights.py --scale {args.scale} --only {name}",
            "model_config": state["model_config"],
            "train_config": state["train_config"],
            "data": state["data"],
            "scores": scores(name, model, state["history"], args.scale),
        }
        print(f"{name}: {path.name} {entries[name]['scores']}", flush=True)
    keep = {e["file"] for e in entries.values()}
    for stale in args.out.glob("*.pt"):
        if stale.name not in keep:
            stale.unlink()
    (args.out / weights.MANIFEST).write_text(json.dumps(entries, indent=1, sort_keys=True) + "\n")
    intro = (
        "# Shipped model cards\n\nTrained by nefnet's own code on SimPanobench (simulated data "
        "only); scores are SimPanobench scores, not the papers'. Loaded with "
        "`nefnet.pretrained(name)`; the chapters' model cache uses them when their "
        "configuration matches.\n\n"
    )
    cards = intro + "\n".join(card(n, entries[n]) for n in sorted(entries))
    (args.out / weights.CARDS).write_text(cards)
    total = sum(e["bytes"] for e in entries.values()) / 1e6
    print(
        f"wrote {len(entries)} models ({total:.1f} MB) to {args.out} in {time.time() - start:.0f} s"
    )
    return 0


def _state(path):
    import torch

    return torch.load(path, map_location="cpu", weights_only=True)


if __name__ == "__main__":
    sys.exit(main())
