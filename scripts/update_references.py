#!/usr/bin/env python3
"""Rewrite the committed references of every artefact of some chapters from one run of each
chapter — what ``nefnet reproduce NAME --scale S --update-reference`` writes for each artefact
(training seed 0, evaluation seed 0), with one execution per chapter instead of one per
artefact. Run it after the shipped models change (``make weights``, a promotion).

    python scripts/update_references.py --scale book 05 06 08 09 10
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path


def main(argv=None) -> int:
    import papermill as pm

    from nefnet.reproduce import artefacts, runs

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("chapters", nargs="+", help="chapter numbers or names, e.g. 05 06")
    ap.add_argument("--scale", default="book", choices=("smoke", "book"))
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args(argv)
    names = runs.chapters()
    for wanted in args.chapters:
        (chapter,) = [c for c in names if c == wanted or c.startswith(wanted)] or [None]
        if chapter is None:
            raise SystemExit(f"update_references: unknown chapter {wanted!r}; chapters: {names}")
        owned = [a for a in artefacts.ARTEFACTS.values() if a.chapter == chapter]
        if not owned:
            print(f"{chapter}: no artefact, nothing to update")
            continue
        start = time.time()
        out = Path(tempfile.mkdtemp(prefix=f"refs-{chapter}-"))
        params = {"SCALE": args.scale, "SEED": 0, "RESULTS_DIR": str(out)}
        declared = pm.inspect_notebook(str(runs.repo_root() / "notebooks" / f"{chapter}.ipynb"))
        params = {k: v for k, v in params.items() if k in declared}
        runs.reproduce(chapter, params, out / f"{chapter}.ipynb", not args.quiet)
        metrics = json.loads((out / chapter / "metrics.json").read_text())
        for art in owned:
            command = f"nefnet reproduce {art.name} --scale {args.scale} --update-reference"
            result = {"values": art.extract(metrics)}
            path = artefacts.write_reference(art.name, args.scale, result, command, 1)
            print(f"{chapter}: wrote {path.name}")
        print(f"{chapter}: {time.time() - start:.0f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
