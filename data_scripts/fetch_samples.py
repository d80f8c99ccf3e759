#!/usr/bin/env python3
"""Copy the small real sample records (CinC 2021, CPSC2018, Tianchi, roahd beats) from a local
folder into ``$NEFNET_DATA`` (default ``<repo>/data``), one sub-folder each — the files the
readers' tests and chapter 02's real-data section use. Complete files are skipped; copies are
atomic.

    python data_scripts/fetch_samples.py --mirror /path/with/cinc2021-cpsc2018-tianchi
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from nefnet.data.fetch import copy_from_mirror
from nefnet.paths import data_root

SAMPLE_SETS = {
    "cinc2021": ("*.hea", "*.mat"),
    "cpsc2018": ("*.mat", "REFERENCE.csv"),
    "tianchi": ("*.txt", "*.waves.json"),
    "roahd": ("*.rda",),
}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--mirror", required=True, help="folder holding cinc2021/, cpsc2018/, tianchi/, roahd/"
    )
    ap.add_argument("--out", help="data root (default: $NEFNET_DATA or <repo>/data)")
    args = ap.parse_args(argv)
    root, mirror = data_root(args.out), Path(args.mirror)
    copied = 0
    for name, patterns in SAMPLE_SETS.items():
        files = sorted({f for p in patterns for f in (mirror / name).glob(p)})
        if not files:
            print(f"fetch_samples: no {name} files under {mirror / name}", file=sys.stderr)
            return 1
        for f in files:
            dest = root / name / f.name
            if not (dest.is_file() and dest.stat().st_size == f.stat().st_size):
                copy_from_mirror(mirror / name, [f.name], dest)
            copied += 1
    print(f"fetch_samples: {copied} sample files ready under {root}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
