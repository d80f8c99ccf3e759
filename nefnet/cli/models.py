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


def _data_description(args, model_init, records) -> dict:
    """What a checkpoint was trained on: a resume on anything else is refused."""
    return {
        "data": args.data,
        "part": args.part,
        "split_seed": args.split_seed,
        "sim_device": args.sim_device,
        "protocol": args.protocol if args.stage != "pretrain" else None,
        "crop_seconds": args.crop_seconds,
        "queries": args.queries,
        "init": weights_digest(model_init) if model_init is not None else None,
        "records": len(records),
    }


def cmd_train(args):
    from ..data.protocols import get_protocol
    from ..data.torch_dataset import ViewPairDataset
    from ..models import NefNetV2, NefNetV2Config
    from ..training.train import TrainConfig, init_distributed, train
    from . import Interrupted, options as opt

    if args.stage == "onthefly":
        return cmd_onthefly(args)
    out = opt.check_output_file(args.out, "--out", exists_ok=args.resume or args.overwrite)
    if args.resume and not out.is_file():
        raise FileNotFoundError(f"--resume: no checkpoint at --out {out} to continue")
    cfg = TrainConfig(
        stage=args.stage, epochs=args.epochs, batch_size=args.batch_size, lr=args.lr, seed=args.seed
    )
    proto = None if args.stage == "pretrain" else get_protocol(args.protocol)
    init = inputs.model(args.init, "--init") if args.init else None
    init_distributed()  # under torchrun: one process per GPU/CPU worker
    records = inputs.records(args, proto)
    fs = records[0].sampling_rate
    crop = int(args.crop_seconds * fs)
    model = (
        init if init is not None else NefNetV2(NefNetV2Config.variant(args.variant, args.preset))
    )
    ds = ViewPairDataset(
        records,
        proto,
        crop=(crop // 2, crop),
        seed=args.seed,
        normalize_by=model.cfg.normalize,
        n_queries=args.queries,
    )
    try:
        hist = train(
            model,
            ds,
            cfg,
            checkpoint=out,
            resume=args.resume,
            device=args.device,
            progress=not args.quiet,
            data=_data_description(args, init, records),
            workers=args.workers,
        )
    except KeyboardInterrupt:
        raise Interrupted(_saved(out, cfg.epochs)) from None
    print(
        f"trained {args.stage}: loss {hist[0]:.4f} → {hist[-1]:.4f}; weights "
        f"{weights_digest(model)}; checkpoint {out}"
    )
    return 0


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
        iterations=args.iterations, seed=args.seed, targets="recorded" if goal else "mutual"
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
    from . import options as opt

    t = sub.add_parser("train", help="train NEF-NET v2: Stage I, II or III")
    t.add_argument("--stage", required=True, choices=("pretrain", "device", "onthefly"))
    t.add_argument("--data", default="sim:200", help=DATA_HELP)
    _part_options(t)
    t.add_argument(
        "--preset",
        default="book",
        choices=("smoke", "book", "paper"),
        help="model width (NefNetV2Config.preset)",
    )
    t.add_argument(
        "--variant",
        default="paper",
        choices=sorted(VARIANTS),
        help="model variant (nefnet.models.VARIANTS): "
        + "; ".join(f"{k}: {v[0]}" for k, v in VARIANTS.items()),
    )
    t.add_argument("--epochs", type=opt.positive_int, default=10)
    t.add_argument("--batch-size", type=opt.positive_int, default=32)
    t.add_argument("--crop-seconds", type=opt.positive_float, default=2.5)
    t.add_argument(
        "--lr",
        type=opt.positive_float,
        default=None,
        help="learning rate (default: the paper's rate of the stage)",
    )
    t.add_argument(
        "--queries", type=opt.positive_int, default=1, help="Stage I: query views per item"
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
    t.add_argument("--iterations", type=opt.positive_int, default=100, help="Stage III iterations")
    t.add_argument("--out", default="nefnet_v2.pt", help="checkpoint to write")
    t.add_argument("--resume", action="store_true", help="continue from --out")
    t.add_argument("--overwrite", action="store_true", help="replace an existing --out checkpoint")
    t.add_argument("--device", type=opt.torch_device, default="auto", help="cpu, cuda or auto")
    t.add_argument("--sim-device", default="sim-ptbxl", help="SimPanobench device profile")
    t.add_argument("--seed", type=opt.count, default=0)
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
    e.add_argument(
        "--seconds", type=opt.positive_float, default=None, help="window length (default all)"
    )
    e.add_argument(
        "--normalize-by",
        default=None,
        choices=("all", "recorded", "range"),
        help="input scaling (default: the one the checkpoint was trained with)",
    )
    e.add_argument(
        "--onthefly",
        type=opt.positive_int,
        metavar="ITERATIONS",
        help="On-the-fly Calibration (Stage III) of every record on its first 5 s first; "
        "the last 5 s are scored (the papers' Table 2 numbers)",
    )
    e.add_argument("--sim-device", default="sim-ptbxl")
    e.add_argument("--seed", type=opt.count, default=1)
    e.add_argument("--quiet", action="store_true", help="no progress bar")
    from .evaluate import cmd_evaluate

    e.set_defaults(func=cmd_evaluate)
