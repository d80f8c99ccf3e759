#!/usr/bin/env python3
"""Fetch PTB-XL (PhysioNet ``ptb-xl``) into ``$NEFNET_DATA/ptbxl`` in the site's layout.

Downloads ``ptbxl_database.csv`` and ``scp_statements.csv``, then every record listed in the
index at the requested rate(s) (``records500/…_hr`` and/or ``records100/…_lr``: ``.hea`` +
``.dat``). Files are verified against the site's ``SHA256SUMS.txt``, partial downloads resume,
complete files are skipped.

    python data_scripts/fetch_ptbxl.py                     # all 21,799 records at 500 Hz
    python data_scripts/fetch_ptbxl.py --rate 100 --limit 200
"""

from __future__ import annotations

import argparse
import sys

import pandas as pd

from nefnet.data.fetch import fetch_files
from nefnet.paths import dataset_dir

PTBXL_URL = "https://physionet.org/files/ptb-xl/1.0.3/"
INDEX_FILES = ("ptbxl_database.csv", "scp_statements.csv")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", help="target folder (default: $NEFNET_DATA/ptbxl)")
    ap.add_argument("--base-url", default=PTBXL_URL, help=f"site root (default {PTBXL_URL})")
    ap.add_argument("--mirror", help="copy from this local copy (same layout) instead")
    ap.add_argument(
        "--rate",
        choices=("500", "100", "both"),
        default="500",
        help="which sampling rate(s) to fetch (default 500)",
    )
    ap.add_argument("--limit", type=int, help="only the first N records of the index")
    ap.add_argument("--quiet", action="store_true", help="no progress bars")
    args = ap.parse_args(argv)
    out = dataset_dir("ptbxl") if args.out is None else args.out
    kw = dict(base_url=args.base_url, mirror=args.mirror, flat=False, progress=not args.quiet)
    try:
        index_path = fetch_files(INDEX_FILES[:1], out, **kw)[0]
        fetch_files(INDEX_FILES[1:], out, **kw)
        index = pd.read_csv(index_path)
        if args.limit:
            index = index.head(args.limit)
        columns = {
            "500": ["filename_hr"],
            "100": ["filename_lr"],
            "both": ["filename_hr", "filename_lr"],
        }[args.rate]
        records = [r for c in columns for r in index[c]]
        files = [f"{r}{ext}" for r in records for ext in (".hea", ".dat")]
        fetch_files(files, out, **kw)
    except (ConnectionError, FileNotFoundError, ValueError, KeyError) as exc:
        print(f"fetch_ptbxl: {exc}", file=sys.stderr)
        return 1
    print(f"fetch_ptbxl: {len(records)} records ready in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
