"""Run the scale ladder's campaign (nefnet.reproduce.ladder.PLAN), resumably, one torch thread.

    python scripts/scale_ladder.py                 # every run of the plan, in order
    python scripts/scale_ladder.py --only 3        # the first three runs
    python scripts/scale_ladder.py --run book-x4 faithful 0
    python scripts/scale_ladder.py --score         # score the finished runs not scored yet

Checkpoints (every epoch) and the manifest go to recorded/scale/; an interrupted run resumes
where it stopped, bit-identically.
"""

from __future__ import annotations

import argparse
import shlex
import sys

import torch

from nefnet.reproduce import ladder


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--run", nargs=3, metavar=("RUNG", "MODEL", "SEED"), help="one run only")
    ap.add_argument("--only", type=int, help="the first N runs of the plan")
    ap.add_argument("--threads", type=int, default=1, help="torch threads (default 1)")
    ap.add_argument("--list", action="store_true", help="print the plan and stop")
    ap.add_argument("--score", action="store_true", help="score the finished runs and stop")
    args = ap.parse_args(argv)
    torch.set_num_threads(args.threads)
    plan = [tuple(args.run[:2]) + (int(args.run[2]),)] if args.run else list(ladder.PLAN)
    plan = plan[: args.only] if args.only else plan
    if args.score:
        from nefnet.reproduce import ladder_scores

        done = ladder_scores.score_finished("python scripts/scale_ladder.py --score", True)
        print(f"scored {len(done)} run(s): {', '.join(done) or 'none new'}")
        return 0
    if args.list:
        for k, (rung, model, seed) in enumerate(plan, 1):
            print(f"{k:3d}  {rung:14s} {model:11s} seed {seed}")
        return 0
    command = "python scripts/scale_ladder.py " + shlex.join(
        argv if argv is not None else sys.argv[1:]
    )
    for rung, model, seed in plan:
        print(f"== {rung} {model} seed {seed}", flush=True)
        ladder.run(rung, model, seed, command=command.strip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
