"""``nefnet train / evaluate``: training and scoring the models from the command line."""

from __future__ import annotations

import json

import numpy as np

from . import inputs

DATA_HELP = (
    "sim:N (simulate N records), a SimPanobench folder, a record store (nefnet cache build), "
    "or a real dataset folder: "
    "KIND:FOLDER with KIND cinc, ptbxl, cpsc, tianchi or wfdb (a bare folder: recognised from "
    "its files); real records are resampled to 500 Hz, band-passed 0.5-40 Hz, cut into 10-s "
    "windows"
)


def _data_description(args, recipe, model_init, records) -> dict:
    """What a checkpoint trained on ``--data`` was trained on: a resume on anything else is
    refused."""
    return {
        "data": args.data,
        "part": args.part,
        "split_seed": args.split_seed,
        "data_seed": args.data_seed,
        "protocol": None if recipe.protocol is None else list(recipe.protocol.recorded),
        "crop_seconds": recipe.crop_seconds,
        "queries": recipe.queries,
        "init": weights_digest(model_init) if model_init is not None else None,
        "records": len(records),
    }


def cmd_train(args):
    import json as _json

    from ..training.checkpoints import is_nefnet_checkpoint
    from ..training.recipe import fit
    from ..training.train import init_distributed
    from . import options as opt, train_recipe
    from .options import Interrupted
    from .train_recipe import adopt_init, initial_model, recipe_of

    if args.stage == "onthefly":
        return cmd_onthefly(args)
    if args.stage is None and args.recipe is None:
        raise ValueError("train needs --stage pretrain|device|onthefly or --recipe NAME")
    recipe = recipe_of(args)
    if args.show_recipe:
        print(_json.dumps(recipe.summary(), indent=1))
        return 0
    out = opt.check_output_file(
        args.out, "--out", args.resume or args.overwrite, own=is_nefnet_checkpoint
    )
    if args.resume and not out.is_file():
        raise FileNotFoundError(f"--resume: no checkpoint at --out {out} to continue")
    init_distributed()  # under torchrun: one process per GPU/CPU worker
    init = initial_model(args, recipe, not args.quiet)
    recipe = adopt_init(recipe, init)
    records, data = None, None  # the recipe's own records and description
    if args.data is not None:
        records = inputs.records(args, recipe.protocol)
        data = _data_description(args, recipe, init, records)
    elif args.recipe:  # a shipped model trained on real samples reads them itself
        records = train_recipe.real_records_of(args.recipe)
    try:
        model, hist = fit(
            recipe,
            records,
            init,
            checkpoint=out,
            resume=args.resume,
            device=args.device,
            progress=not args.quiet,
            data=data,
            workers=args.workers,
            until_epoch=args.until_epoch,
            precision=args.precision,
            compile=args.compile,
        )
    except KeyboardInterrupt:
        raise Interrupted(_saved(out, recipe.train.epochs)) from None
    print(_trained_line(recipe, hist, out, weights_digest(model)))
    return 0


def _trained_line(recipe, hist, out, digest) -> str:
    import torch

    steps = torch.load(out, map_location="cpu", weights_only=True).get("first_epoch_steps")
    first = f"first-step loss {steps[0]:.8f}; " if steps else ""
    done = (
        f" ({len(hist)} of {recipe.train.epochs} epochs)" if len(hist) < recipe.train.epochs else ""
    )
    last = f"loss {hist[0]:.4f} → {hist[-1]:.4f}" if hist else "no epoch run"
    return (
        f"trained {recipe.train.stage}{done}: {last}; {first}weights {digest}; "
        f"recipe {recipe.file_name()}; checkpoint {out}"
    )


def _saved(path, epochs) -> str:
    import torch

    if not path.is_file():
        return "no checkpoint was written"
    done = int(torch.load(path, map_location="cpu", weights_only=True)["epoch"])
    return f"checkpoint {path} holds {done} of {epochs} epochs; continue with --resume"


def cmd_onthefly(args):
    from ..geometry import view_angles
    from ..training.calibrate import CalibrationConfig, calibrate

    if not args.init or not args.record:
        raise ValueError("--stage onthefly needs --init CHECKPOINT and --record PATH")
    leads, goal = args.recorded, args.calibrate_on or []
    clash = sorted(set(leads) & set(goal))
    if clash:
        raise ValueError(f"--calibrate-on {clash} are also --recorded; give other leads")
    inputs.lead_set(leads, "--recorded")
    cfg = CalibrationConfig(
        iterations=args.iterations, seed=args.seed or 0, targets="recorded" if goal else "mutual"
    )
    model = inputs.model(args.init, "--init")
    rec = inputs.at_model_rate(inputs.read_record(args.record), model, "--record")
    _, offsets, hist = calibrate(
        model,
        rec.select(leads),
        leads,
        view_angles(leads),
        rec.sampling_rate,
        cfg,
        targets=rec.select(goal) if goal else None,
        target_angles=view_angles(goal) if goal else None,
    )
    result = {
        v: {"dtheta_deg": float(np.degrees(o[0])), "dphi_deg": float(np.degrees(o[1]))}
        for v, o in zip(leads, offsets)
    }
    print(
        json.dumps(
            {"offsets": result, "targets": goal or "leave-one-out", "loss": [hist[0], hist[-1]]},
            indent=1,
        )
    )
    return 0


def weights_digest(model) -> str:
    """A short SHA-256 of the model's weights (equal weights, equal digest)."""
    import hashlib

    h = hashlib.sha256()
    for name, tensor in sorted(model.state_dict().items()):
        h.update(name.encode())
        h.update(tensor.detach().cpu().contiguous().numpy().tobytes())
    return h.hexdigest()[:16]


def _part_options(parser):
    from . import options as opt

    parser.add_argument(
        "--part",
        default="all",
        choices=("all", "train", "test"),
        help="use all records or the train (60 %%) / test (40 %%) part, split by record",
    )
    parser.add_argument(
        "--split-seed", type=opt.count, default=0, help="seed of the train/test split"
    )


def add_parsers(sub):
    from ..models import VARIANTS
    from ..training.presets import LADDER
    from . import options as opt
    from .train_recipe import check_recipe_name

    t = sub.add_parser(
        "train",
        help="train a model by its recipe: NEF-NET v2 Stage I, II or III, or a shipped model's",
        description="Train through the book's recipes (nefnet.training.recipes): the same "
        "model configuration, crops, queries and learning-rate schedule the book uses. Options "
        "given explicitly change the recipe; without --data it trains on the recipe's own "
        "simulated records, so the model is the book's.",
    )
    t.add_argument("--stage", choices=("pretrain", "device", "onthefly"))
    t.add_argument(
        "--recipe",
        type=check_recipe_name,
        help="a shipped model's name (nefnet/weights/MODEL_CARDS.md): train its recipe",
    )
    t.add_argument(
        "--data",
        default=None,
        help=DATA_HELP + " (default: the recipe's own SimPanobench records)",
    )
    t.add_argument(
        "--data-seed", type=opt.count, default=0, help="seed of a sim:N data set (default 0)"
    )
    _part_options(t)
    t.add_argument(
        "--scale",
        "--preset",
        dest="scale",
        default="book",
        choices=("smoke", "book", "paper", *LADDER),
        help="the recipe's scale: model width, records, epochs, learning rates (book-x4 … "
        "book-x64, book-x16-c64: the scale ladder's rungs)",
    )
    t.add_argument(
        "--variant",
        default="paper",
        choices=sorted(VARIANTS),
        help="model variant (nefnet.models.VARIANTS): "
        + "; ".join(f"{k}: {v[0]}" for k, v in VARIANTS.items()),
    )
    t.add_argument("--epochs", type=opt.EPOCHS, default=None, help="default: the recipe's")
    t.add_argument(
        "--until-epoch",
        type=opt.EPOCHS,
        default=None,
        help="stop once this many epochs of the recipe are done (--resume continues)",
    )
    t.add_argument("--batch-size", type=opt.BATCH, default=None)
    t.add_argument(
        "--crop-seconds",
        type=opt.CROP,
        default=None,
        help="longest training crop (crops are 80-100 %% of it); default: the recipe's",
    )
    t.add_argument(
        "--lr",
        type=opt.positive_float,
        default=None,
        help="learning rate (default: the recipe's)",
    )
    t.add_argument(
        "--queries", type=opt.QUERIES, default=None, help="Stage I: query views per item"
    )
    t.add_argument(
        "--show-recipe", action="store_true", help="print the recipe as JSON and train nothing"
    )
    t.add_argument(
        "--protocol",
        type=opt.protocol,
        default="(3,8,1)",
        help="Stage II fixed input configuration",
    )
    t.add_argument("--init", help="checkpoint to start from (Stage II/III)")
    t.add_argument("--record", help="Stage III: WFDB record to calibrate on")
    t.add_argument(
        "--recorded", type=opt.lead_list, default="I,II,V1,V3,V5", help="Stage III recorded views"
    )
    t.add_argument(
        "--calibrate-on",
        type=opt.lead_list,
        default=None,
        help="Stage III: other recorded leads to fit (e.g. V1,V4,V5,V6); "
        "default: the recorded views predict each other (leave-one-out)",
    )
    t.add_argument("--iterations", type=opt.ITERATIONS, default=100, help="Stage III iterations")
    t.add_argument("--out", default="nefnet_v2.pt", help="checkpoint to write")
    t.add_argument("--resume", action="store_true", help="continue from --out")
    t.add_argument("--overwrite", action="store_true", help="replace an existing --out checkpoint")
    t.add_argument("--device", type=opt.torch_device, default="auto", help="cpu, cuda or auto")
    t.add_argument(
        "--precision",
        choices=("fp32", "bf16"),
        default="fp32",
        help="forward pass in float32 or under bfloat16 autocast (weights stay float32; for GPUs)",
    )
    t.add_argument("--compile", action="store_true", help="compile the model with torch.compile")
    t.add_argument("--sim-device", default="sim-ptbxl", help="SimPanobench device profile")
    t.add_argument(
        "--seed", type=opt.count, default=None, help="training seed (default: the recipe's, 0)"
    )
    t.add_argument(
        "--workers",
        type=opt.count,
        default=0,
        help="DataLoader processes preparing batches (the same batches for any number)",
    )
    t.add_argument("--quiet", action="store_true")
    t.set_defaults(func=cmd_train)
    e = sub.add_parser("evaluate", help="score a checkpoint on a protocol (PSNR, SSIM, µV, r)")
    e.add_argument("--checkpoint", required=True)
    e.add_argument("--data", default="sim:50", help=DATA_HELP)
    _part_options(e)
    e.add_argument("--protocol", type=opt.protocol, default="(3,8,1)")
    e.add_argument("--seconds", type=opt.WINDOW, default=None, help="window length (default all)")
    e.add_argument(
        "--normalize-by",
        default=None,
        choices=("all", "recorded", "range"),
        help="input scaling (default: the one the checkpoint was trained with)",
    )
    e.add_argument(
        "--onthefly",
        type=opt.ITERATIONS,
        metavar="ITERATIONS",
        help="On-the-fly Calibration (Stage III) of every record on its first 5 s first; "
        "the last 5 s are scored (the papers' Table 2 numbers)",
    )
    e.add_argument("--sim-device", default="sim-ptbxl")
    e.add_argument("--seed", type=opt.count, default=1)
    e.add_argument("--quiet", action="store_true", help="no progress bar")
    from .evaluate import cmd_evaluate

    e.set_defaults(func=cmd_evaluate)
