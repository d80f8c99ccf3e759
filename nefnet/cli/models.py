"""``nefnet train / evaluate / synthesize``: the models from the command line."""

from __future__ import annotations

import json

import numpy as np

DATA_HELP = (
    "sim:N (simulate N records), a SimPanobench folder, or a real dataset folder: "
    "KIND:FOLDER with KIND cinc, ptbxl, cpsc, tianchi or wfdb (a bare folder: recognised from "
    "its files); real records are resampled to 500 Hz, band-passed 0.5-40 Hz, cut into 10-s "
    "windows"
)


def _records(args, protocol=None):
    """The records of ``--data`` (the ``--part`` of them), checked for the protocol's leads."""
    from ..data.load import check_leads, load_records

    records = load_records(
        args.data, args.seed, args.sim_device, part=args.part, split_seed=args.split_seed
    )
    if protocol is not None:
        check_leads(records, list(protocol.recorded) + list(protocol.targets), args.data)
    return records


def _views(text: str) -> np.ndarray:
    """``"θ,φ;θ,φ"`` in degrees → (Q, 2) radians (validated)."""
    from ..geometry import check_angles

    try:
        pairs = [tuple(float(v) for v in item.split(",")) for item in text.split(";") if item]
        deg = np.array(pairs, dtype=float).reshape(-1, 2)
    except ValueError as exc:
        raise ValueError(f"--views {text!r}: expected 'θ,φ;θ,φ' in degrees") from exc
    check_angles(np.radians(deg[:, 0]), np.radians(deg[:, 1]))
    return np.radians(deg)


def cmd_train(args):
    from ..data.protocols import get_protocol
    from ..data.torch_dataset import ViewPairDataset
    from ..models import NefNetV2, NefNetV2Config
    from ..training.checkpoints import load_model
    from ..training.train import TrainConfig, init_distributed, train

    if args.stage == "onthefly":
        return cmd_onthefly(args)
    init_distributed()  # under torchrun: one process per GPU/CPU worker
    proto = None if args.stage == "pretrain" else get_protocol(args.protocol)
    records = _records(args, proto)
    fs = records[0].sampling_rate
    crop = int(args.crop_seconds * fs)
    model = (
        load_model(args.init)
        if args.init
        else NefNetV2(NefNetV2Config.variant(args.variant, args.preset))
    )
    ds = ViewPairDataset(
        records,
        proto,
        crop=(crop // 2, crop),
        seed=args.seed,
        normalize_by=model.cfg.normalize,
        n_queries=args.queries,
    )
    cfg = TrainConfig(
        stage=args.stage, epochs=args.epochs, batch_size=args.batch_size, lr=args.lr, seed=args.seed
    )
    hist = train(
        model,
        ds,
        cfg,
        checkpoint=args.out,
        resume=args.resume,
        device=args.device,
        progress=not args.quiet,
    )
    print(
        f"trained {args.stage}: loss {hist[0]:.4f} → {hist[-1]:.4f}; weights "
        f"{weights_digest(model)}; checkpoint {args.out}"
    )
    return 0


def cmd_onthefly(args):
    from ..data import read_wfdb
    from ..geometry import view_angles
    from ..training.calibrate import CalibrationConfig, calibrate
    from ..training.checkpoints import load_model

    if not args.init or not args.record:
        raise ValueError("--stage onthefly needs --init CHECKPOINT and --record PATH")
    leads = [v.strip() for v in args.recorded.split(",")]
    goal = [v.strip() for v in args.calibrate_on.split(",")] if args.calibrate_on else []
    rec = read_wfdb(args.record)
    cfg = CalibrationConfig(
        iterations=args.iterations, seed=args.seed, targets="recorded" if goal else "mutual"
    )
    _, offsets, hist = calibrate(
        load_model(args.init),
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


def cmd_evaluate(args):
    from ..data.protocols import get_protocol
    from ..training import evaluate
    from ..training.checkpoints import load_model
    from ..training.methods import model_method

    proto = get_protocol(args.protocol)
    records = _records(args, proto)
    method = model_method(load_model(args.checkpoint), normalize_by=args.normalize_by)
    table = evaluate.summarize(evaluate.score_protocol(method, records, proto, args.seconds))
    print(f"{args.protocol} on {len(records)} records ({args.data}):")
    print(table.round(3).to_string())
    return 0


def cmd_synthesize(args):
    from ..data import read_wfdb
    from ..data.wfdb_io import write_signals
    from ..geometry import view_angles
    from ..training.checkpoints import load_model
    from ..training.synthesis import synthesize

    leads = [v.strip() for v in args.recorded.split(",")]
    queries = _views(args.views)
    rec = read_wfdb(args.record)
    out = synthesize(load_model(args.checkpoint), rec.select(leads), view_angles(leads), queries)
    names = [f"t{np.degrees(t):.0f}p{np.degrees(p):.0f}" for t, p in queries]
    path = write_signals(f"{rec.name}_synth", out, rec.sampling_rate, names, args.out)
    print(f"wrote {len(names)} synthesized views to {path}.hea")
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
    parser.add_argument(
        "--part",
        default="all",
        choices=("all", "train", "test"),
        help="use all records or the train (60 %%) / test (40 %%) part, split by record",
    )
    parser.add_argument("--split-seed", type=int, default=0, help="seed of the train/test split")


def add_parsers(sub):
    from ..models import VARIANTS

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
    t.add_argument("--epochs", type=int, default=10)
    t.add_argument("--batch-size", type=int, default=32)
    t.add_argument("--crop-seconds", type=float, default=2.5)
    t.add_argument(
        "--lr",
        type=float,
        default=None,
        help="learning rate (default: the paper's rate of the stage)",
    )
    t.add_argument("--queries", type=int, default=1, help="Stage I: query views per item")
    t.add_argument("--protocol", default="(3,8,1)", help="Stage II fixed input configuration")
    t.add_argument("--init", help="checkpoint to start from (Stage II/III)")
    t.add_argument("--record", help="Stage III: WFDB record to calibrate on")
    t.add_argument("--recorded", default="I,II,V1,V3,V5", help="Stage III recorded views")
    t.add_argument(
        "--calibrate-on",
        default="",
        help="Stage III: other recorded leads to fit (e.g. V1,V4,V5,V6); "
        "default: the recorded views predict each other (leave-one-out)",
    )
    t.add_argument("--iterations", type=int, default=100, help="Stage III iterations")
    t.add_argument("--out", default="nefnet_v2.pt", help="checkpoint to write")
    t.add_argument("--resume", action="store_true", help="continue from --out")
    t.add_argument("--device", default="auto", help="cpu, cuda or auto")
    t.add_argument("--sim-device", default="sim-ptbxl", help="SimPanobench device profile")
    t.add_argument("--seed", type=int, default=0)
    t.add_argument("--quiet", action="store_true")
    t.set_defaults(func=cmd_train)
    e = sub.add_parser("evaluate", help="score a checkpoint on a protocol (PSNR, SSIM, µV, r)")
    e.add_argument("--checkpoint", required=True)
    e.add_argument("--data", default="sim:50", help=DATA_HELP)
    _part_options(e)
    e.add_argument("--protocol", default="(3,8,1)")
    e.add_argument("--seconds", type=float, default=None, help="window length (default all)")
    e.add_argument(
        "--normalize-by",
        default=None,
        choices=("all", "recorded", "range"),
        help="input scaling (default: the one the checkpoint was trained with)",
    )
    e.add_argument("--sim-device", default="sim-ptbxl")
    e.add_argument("--seed", type=int, default=1)
    e.set_defaults(func=cmd_evaluate)
    s = sub.add_parser("synthesize", help="synthesize views (θ, φ) of a record → WFDB")
    s.add_argument("--record", required=True, help="WFDB record path")
    s.add_argument("--views", required=True, help="'θ,φ;θ,φ' in degrees, e.g. '90,45;60,-30'")
    s.add_argument("--checkpoint", required=True)
    s.add_argument("--recorded", default="I,II,V3", help="recorded leads to use")
    s.add_argument("--out", required=True, help="output folder")
    s.set_defaults(func=cmd_synthesize)
