"""``nefnet`` command line.

    nefnet views [--panobench]                  print the lead-angle table
    nefnet reproduce 01 -p SCALE=smoke          re-run a chapter with papermill
"""

from __future__ import annotations

import argparse
import sys


def _parse_params(items):
    import yaml

    out = {}
    for item in items or []:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise ValueError(f"parameter {item!r} must look like NAME=VALUE")
        out[key] = yaml.safe_load(value)
    return out


def _views(args):
    from .views import ANGLES, ANGLES_12, PANOBENCH_48

    names = PANOBENCH_48 if args.panobench else tuple(ANGLES_12)
    print(f"{'view':>8} {'theta_deg':>10} {'phi_deg':>8}")
    for name in names:
        theta, phi = ANGLES[name]
        print(f"{name:>8} {theta:10.1f} {phi:8.1f}")
    return 0


def _reproduce(args):
    from .reproduce import reproduce

    path = reproduce(args.chapter, _parse_params(args.param), args.output, not args.quiet)
    print(f"executed notebook: {path}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="nefnet", description="Electrocardio Panorama companion: "
                                 "lead geometry and chapter re-runs.")
    sub = ap.add_subparsers(dest="command", required=True)
    v = sub.add_parser("views", help="print the (θ, φ) table of the 12 leads or Panobench views")
    v.add_argument("--panobench", action="store_true", help="the 48 Panobench views")
    v.set_defaults(func=_views)
    r = sub.add_parser("reproduce", help="re-execute a chapter notebook with papermill")
    r.add_argument("chapter", help="chapter number or stem, e.g. 01 or 01_dipole_theory")
    r.add_argument("-p", "--param", action="append", metavar="NAME=VALUE",
                   help="override a notebook parameter (repeatable), e.g. -p SCALE=smoke")
    r.add_argument("-o", "--output", help="executed notebook path (default results/runs/)")
    r.add_argument("--quiet", action="store_true", help="no progress bar")
    r.set_defaults(func=_reproduce)
    return ap


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except (ValueError, FileNotFoundError) as exc:
        print(f"nefnet: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
