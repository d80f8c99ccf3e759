#!/usr/bin/env python3
"""Fetch the roahd package's real single heartbeats (healthy, LBBB, RBBB; from PTB) into
``$NEFNET_DATA/roahd`` (default ``<repo>/data/roahd``), verifying each file's SHA-256. Re-running
skips complete files.

Examples::

    python data_scripts/fetch_roahd.py                       # from the roahd repository
    python data_scripts/fetch_roahd.py --mirror /media/ecg   # copy from a local copy
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from nefnet.data.fetch import copy_from_mirror, download, sha256
from nefnet.data.readers.roahd import ROAHD_SHA256, ROAHD_URL
from nefnet.paths import dataset_dir


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", help="target folder (default: $NEFNET_DATA/roahd)")
    ap.add_argument("--base-url", default=ROAHD_URL, help=f"data folder (default {ROAHD_URL})")
    ap.add_argument("--mirror", help="copy from this local folder (flat, or with roahd/)")
    ap.add_argument("--quiet", action="store_true", help="no progress bars")
    args = ap.parse_args(argv)
    out = Path(dataset_dir("roahd", None) if args.out is None else args.out)
    try:
        for name, digest in ROAHD_SHA256.items():
            dest = out / name
            if dest.is_file() and sha256(dest) == digest:
                continue
            if args.mirror:
                copy_from_mirror(args.mirror, [name, f"roahd/{name}"], dest, digest)
            else:
                download(args.base_url.rstrip("/") + "/" + name, dest, digest, not args.quiet)
    except (ConnectionError, FileNotFoundError, ValueError) as exc:
        print(f"fetch_roahd: {exc}", file=sys.stderr)
        return 1
    print(f"fetch_roahd: {len(ROAHD_SHA256)} files ready in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
