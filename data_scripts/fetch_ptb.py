#!/usr/bin/env python3
"""Fetch the two PTB Diagnostic ECG Database sample records used by chapter 01.

Downloads ``s0010_re`` (patient001) and ``s0322lre`` (patient165) — 12 standard leads plus the
Frank leads (``.xyz``) — from PhysioNet into ``$NEFNET_DATA/ptb`` (default ``<repo>/data/ptb``),
verifying SHA-256 against PhysioNet's ``SHA256SUMS.txt``. Re-running skips complete files and
resumes partial downloads.

Examples::

    python data_scripts/fetch_ptb.py                       # from PhysioNet
    python data_scripts/fetch_ptb.py --mirror /media/ecg   # copy from a local copy
"""

from __future__ import annotations

import argparse
import sys

from nefnet.data.fetch import fetch_wfdb_records
from nefnet.data.readers.ptb import PTB_RECORDS, PTB_URL, ptb_records
from nefnet.paths import dataset_dir


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", help="target folder (default: $NEFNET_DATA/ptb)")
    ap.add_argument("--base-url", default=PTB_URL, help=f"site root (default {PTB_URL})")
    ap.add_argument(
        "--mirror",
        help="copy from this local folder instead of downloading "
        "(PhysioNet layout, or flat with a ptb/ sub-folder)",
    )
    ap.add_argument(
        "--records",
        nargs="+",
        default=list(PTB_RECORDS),
        help=f"records to fetch (default: {' '.join(PTB_RECORDS)})",
    )
    ap.add_argument("--quiet", action="store_true", help="no progress bars")
    args = ap.parse_args(argv)
    out = dataset_dir("ptb", None) if args.out is None else args.out
    try:
        paths = fetch_wfdb_records(
            ptb_records(args.records),
            out,
            base_url=args.base_url,
            mirror=args.mirror,
            progress=not args.quiet,
            dataset="ptb",
        )
    except (ConnectionError, FileNotFoundError, ValueError) as exc:
        print(f"fetch_ptb: {exc}", file=sys.stderr)
        return 1
    print(f"fetch_ptb: {len(paths)} files ready in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
