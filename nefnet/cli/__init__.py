"""The command line, `nefnet`: the Electrocardio Panorama companion without a notebook.

nefnet views [--panobench]                  print the lead-angle table
nefnet reproduce 01 -p SCALE=smoke          re-run a chapter with papermill
nefnet simulate --n 100 --out sim/ --seed 0 write a SimPanobench dataset (--format store)
nefnet cache build --data ptbxl:DIR --out STORE  convert a dataset into a record store
nefnet train --stage pretrain|device|onthefly   train NEF-NET v2 (Stages I–III)
nefnet evaluate --checkpoint CK --protocol "(3,8,1)"
nefnet synthesize --record PATH --views "θ,φ;..." --checkpoint CK --out DIR
nefnet explore [--port 8866]                 serve the panorama explorer (Voila) on 127.0.0.1
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import warnings

from ..training.runtime import tune_allocator
from . import options as opt


def _views(args):
    from ..views import ANGLES, ANGLES_12, PANOBENCH_48

    names = PANOBENCH_48 if args.panobench else tuple(ANGLES_12)
    print(f"{'view':>8} {'theta_deg':>10} {'phi_deg':>8}")
    for name in names:
        theta, phi = ANGLES[name]
        print(f"{name:>8} {theta:10.1f} {phi:8.1f}")
    return 0


def _simulate(args):
    from ..simulate import SimConfig
    from ..simulate.dataset import iter_simulated, write_dataset

    values = {
        "duration": args.duration,
        "device": args.device,
        "angle_spread_deg": args.angle_spread,
        "displacement_deg": args.displacement,
    }
    if args.classes:
        values["classes"] = tuple(args.classes)
    if args.noise:
        values["noise_snr_db"] = opt.assignments(args.noise)
    config = SimConfig.from_dict(values).validate()
    out = opt.check_output_folder(args.out, "--out")
    # bytes per record-second, measured: WFDB noisy + clean 110 kB, a float32 store 217 kB
    per_second = (
        110e3
        if args.format == "wfdb"
        else 217e3 * {"float16": 0.5, "float64": 2}.get(args.dtype, 1)
    )
    what = f"--n {args.n} × --duration {args.duration:g} s ({args.format})"
    opt.check_disk(out, args.n * args.duration * per_second, what)
    if args.format == "store":
        from ..data.store.build import build_store
        from ..simulate.dataset import SimulatedSource
        from ..simulate.generate import SIMULATOR_VERSION

        desc = json.dumps(dataclasses.asdict(config), sort_keys=True, default=str)
        label = f"simpanobench v{SIMULATOR_VERSION} {desc} seed={args.seed}"
        source = SimulatedSource(args.n, config, args.seed)
        n = build_store(source, out, label, args.dtype, args.workers, not args.quiet)
        print(f"wrote {n} SimPanobench records to the store {out}")
        return 0
    if out.exists() and any(out.iterdir()):
        raise FileExistsError(f"--out {out} exists and is not empty; choose a new folder")
    records = iter_simulated(args.n, config, args.seed, args.workers)
    out = write_dataset(records, args.out, progress=not args.quiet, total=args.n)
    print(f"wrote {args.n} SimPanobench records to {out}")
    return 0


class Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line naming the option (exit 2)."""

    def error(self, message):
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    ap = Parser(
        prog="nefnet",
        description=__doc__.replace("`", ""),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ap.add_argument("--debug", action="store_true", help="show the traceback of a failure")
    sub = ap.add_subparsers(dest="command", required=True)
    v = sub.add_parser("views", help="print the (θ, φ) table of the 12 leads or Panobench views")
    v.add_argument("--panobench", action="store_true", help="the 48 Panobench views")
    v.set_defaults(func=_views)
    from .reproduce import add_parser as add_reproduce

    add_reproduce(sub)
    s = sub.add_parser("simulate", help="write a SimPanobench dataset (WFDB + JSON metadata)")
    s.add_argument("--n", type=opt.RECORDS, required=True, help="number of records")
    s.add_argument("--out", required=True, help="new folder to write")
    s.add_argument("--seed", type=opt.count, default=0, help="dataset seed (default 0)")
    s.add_argument("--classes", nargs="+", help="classes to draw from (default: all nine)")
    s.add_argument("--device", default="sim-ptbxl", help="device profile (default sim-ptbxl)")
    s.add_argument("--duration", type=opt.DURATION, default=10.0, help="seconds per record")
    s.add_argument(
        "--angle-spread",
        type=opt.non_negative_float,
        default=10.0,
        help="anatomical electrode-angle spread, degrees RMS (default 10)",
    )
    s.add_argument(
        "--displacement",
        type=opt.non_negative_float,
        default=0.0,
        help="per-exam electrode displacement SD, degrees (default 0)",
    )
    s.add_argument(
        "--noise",
        nargs="+",
        metavar="TYPE=SNR",
        help="noise at an SNR in dB, e.g. baseline=12 emg=18",
    )
    s.add_argument(
        "--format",
        default="wfdb",
        choices=("wfdb", "store"),
        help="wfdb: a SimPanobench folder; store: a record store (resumable, for paper scale)",
    )
    s.add_argument(
        "--dtype",
        default="float32",
        choices=("float32", "float16", "float64"),
        help="stored precision (--format store)",
    )
    s.add_argument("--workers", type=opt.WORKERS, default=1, help="simulator processes")
    s.add_argument("--quiet", action="store_true", help="no progress bars")
    s.set_defaults(func=_simulate)
    from .cache import add_parser as add_cache
    from .explore import add_parser as add_explore
    from .models import add_parsers
    from .synthesize import add_parser as add_synthesize

    add_parsers(sub)
    add_synthesize(sub)
    add_explore(sub)
    add_cache(sub)
    return ap


def main(argv=None) -> int:
    """Run one command. Every failure is one line on stderr and exit code 2 (130 on Ctrl-C);
    ``--debug`` shows the traceback instead."""
    argv = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in argv  # accepted anywhere on the line
    try:
        args = build_parser().parse_args([a for a in argv if a != "--debug"])
    except SystemExit as exc:  # --help, or a bad option (already reported in one line)
        return exc.code if isinstance(exc.code, int) else 2
    args.debug = debug
    tune_allocator()
    warnings.formatwarning = _warning_line
    try:
        return args.func(args)
    except KeyboardInterrupt as exc:
        if args.debug:
            raise
        detail = f": {exc}" if str(exc) else ""
        print(f"nefnet {args.command}: interrupted{detail}", file=sys.stderr)
        return 130
    except Exception as exc:  # one line for the user; --debug for the traceback
        if args.debug:
            raise
        print(f"nefnet {args.command}: {_one_line(exc)}", file=sys.stderr)
        return 2


def _warning_line(message, category, *_args, **_kwargs) -> str:
    return f"nefnet: warning: {message}\n"


def _one_line(exc: BaseException) -> str:
    if hasattr(exc, "ename") and hasattr(exc, "evalue"):  # a notebook cell failed (papermill)
        cell = getattr(exc, "exec_count", None)
        where = f"notebook cell [{cell}]" if cell else "a notebook cell"
        value = str(exc.evalue).strip().splitlines()
        return f"{where} failed: {exc.ename}: {value[0] if value else ''}".rstrip(": ")
    text = str(exc).strip().splitlines()
    text = text[0] if text else ""
    if isinstance(exc, (ValueError, FileNotFoundError, FileExistsError)) or getattr(
        exc, "user_error", False
    ):
        return text or type(exc).__name__
    if isinstance(exc, OSError):
        where = f"{exc.filename}: " if exc.filename else ""
        return f"{where}{exc.strerror or text}"
    return f"{type(exc).__name__}: {text}"
