"""``nefnet cache build``: convert a dataset once into an out-of-core record store that
``nefnet train --data STORE`` reads record by record."""

from __future__ import annotations

from pathlib import Path

from . import options as opt


def _label(kind: str, arg: str, args) -> str:
    """What a store holds, so that a resume of another dataset is refused."""
    if kind == "sim":
        from ..simulate.generate import SIMULATOR_VERSION

        return f"simpanobench v{SIMULATOR_VERSION} device={args.sim_device} seed={args.seed}"
    return f"{kind}:{Path(arg).resolve().name}"


def cmd_build(args):
    from ..data.kinds import FolderSource
    from ..data.store.build import build_store
    from ..simulate.dataset import SimulatedSource
    from ..training.data_spec import parse_spec

    kind, arg = parse_spec(args.data)
    if kind == "store":
        raise ValueError(f"--data {args.data} is already a record store; train on it directly")
    if kind == "simpanobench":
        raise ValueError(
            f"--data {args.data}: a SimPanobench folder; write a store directly with "
            "nefnet simulate --format store, or give sim:N"
        )
    if kind == "sim":
        from ..simulate import SimConfig

        source = SimulatedSource(opt.RECORDS(arg), SimConfig(device=args.sim_device), args.seed)
    else:
        source = FolderSource(kind, arg)
        if not len(source):
            raise ValueError(f"--data {args.data}: no {kind} record found")
    out = opt.check_output_folder(args.out, "--out")
    n = build_store(source, out, _label(kind, arg, args), args.dtype, args.workers, not args.quiet)
    size = sum(p.stat().st_size for p in Path(out).glob("shard-*.bin"))
    print(f"store {out}: {n} records ({size / 1e9:.2f} GB, {args.dtype})")
    return 0


def add_parser(sub):
    from ..data.store import DTYPES

    c = sub.add_parser("cache", help="convert a dataset into an on-disk record store")
    verbs = c.add_subparsers(dest="verb", required=True)
    b = verbs.add_parser("build", help="build (or resume building) a record store")
    b.add_argument(
        "--data",
        required=True,
        help="sim:N (simulate N records) or a real dataset folder: KIND:FOLDER with KIND cinc, "
        "ptbxl, cpsc, tianchi or wfdb (a bare folder: recognised from its files); records are "
        "stored as their reader returns them",
    )
    b.add_argument("--out", required=True, help="store folder (an unfinished one is resumed)")
    b.add_argument("--dtype", default="float32", choices=DTYPES, help="stored precision")
    b.add_argument("--workers", type=opt.WORKERS, default=1, help="reader processes")
    b.add_argument("--sim-device", default="sim-ptbxl", help="device profile for sim:N")
    b.add_argument("--seed", type=opt.count, default=0, help="simulation seed for sim:N")
    b.add_argument("--quiet", action="store_true", help="no progress bar")
    b.set_defaults(func=cmd_build)
