#!/usr/bin/env python3
"""Fetch PhysioNet/CinC Challenge 2021 training records (``.hea`` + ``.mat`` with ``# Dx``
labels) — including CPSC2018 (``cpsc_2018``), Georgia, PTB-XL, Chapman–Shaoxing and Ningbo —
into ``$NEFNET_DATA/cinc2021/<source>/<group>/`` in the site's layout.

Each group folder's ``RECORDS`` file lists its records. SHA-256 sums are checked against the
site's ``SHA256SUMS.txt``; partial downloads resume; complete files are skipped.

    python data_scripts/fetch_cinc.py --source cpsc_2018 --groups g1 g2
    python data_scripts/fetch_cinc.py --source georgia --groups g8 --limit 20
"""

from __future__ import annotations

import argparse
import sys

from nefnet.data.fetch import fetch_files
from nefnet.paths import dataset_dir

CINC_URL = "https://physionet.org/files/challenge-2021/1.0.3/training/"
SOURCES = (
    "cpsc_2018",
    "cpsc_2018_extra",
    "georgia",
    "ptb",
    "ptb-xl",
    "chapman_shaoxing",
    "ningbo",
    "st_petersburg_incart",
)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--source", required=True, choices=SOURCES, help="database folder")
    ap.add_argument("--groups", nargs="+", default=["g1"], help="group folders (default g1)")
    ap.add_argument("--limit", type=int, help="only the first N records of each group")
    ap.add_argument("--out", help="target folder (default: $NEFNET_DATA/cinc2021)")
    ap.add_argument("--base-url", default=CINC_URL, help=f"training root (default {CINC_URL})")
    ap.add_argument("--mirror", help="copy from this local copy (same layout) instead")
    ap.add_argument("--quiet", action="store_true", help="no progress bars")
    args = ap.parse_args(argv)
    out = dataset_dir("cinc2021") if args.out is None else args.out
    kw = dict(base_url=args.base_url, mirror=args.mirror, flat=False, progress=not args.quiet)
    total = 0
    try:
        for group in args.groups:
            folder = f"{args.source}/{group}"
            listing = fetch_files([f"{folder}/RECORDS"], out, **kw)[0]
            names = [n.strip() for n in listing.read_text().split() if n.strip()]
            names = names[: args.limit] if args.limit else names
            fetch_files(
                [f"{folder}/{n}{ext}" for n in names for ext in (".hea", ".mat")], out, **kw
            )
            total += len(names)
    except (ConnectionError, FileNotFoundError, ValueError) as exc:
        print(f"fetch_cinc: {exc}", file=sys.stderr)
        return 1
    print(f"fetch_cinc: {total} records ready in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
