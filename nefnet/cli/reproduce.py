"""``nefnet reproduce``: re-run a chapter, or one of the papers' tables with a drift table against
the committed reference and the paper."""

from __future__ import annotations

import json
import shlex
import sys

from . import options as opt


def cmd_reproduce(args):
    from ..reproduce import artefacts, runs as runs

    if args.list:
        print(artefacts.listing_text(runs.chapters()))
        return 0
    if not args.target:
        raise ValueError("name an artefact or chapter (see nefnet reproduce --list)")
    if args.output:
        opt.check_output_file(args.output, "--output", exists_ok=True)
    if args.target not in artefacts.ARTEFACTS:
        if not [c for c in runs.chapters() if c == args.target or c.startswith(args.target)]:
            raise ValueError(
                f"unknown artefact or chapter {args.target!r}; artefacts: "
                f"{sorted(artefacts.ARTEFACTS)}; chapters: {runs.chapters()}"
            )
        params = opt.assignments(args.param) | ({"SCALE": args.scale} if args.scale else {})
        path = runs.reproduce(args.target, params, args.output, not args.quiet)
        print(f"executed notebook: {path}")
        return 0
    return _artefact(args, artefacts)


def _artefact(args, artefacts):
    from ..book import scales
    from ..data.jsonio import write_json
    from ..paths import results_root

    if args.param:
        raise ValueError(
            "-p is for chapters; an artefact takes --scale, --data, --device, --train-seeds, "
            "--eval-seeds"
        )
    art, scale = artefacts.get(args.target), scales.resolve(args.scale)
    result = artefacts.run(
        art.name,
        scale,
        args.eval_seeds,
        args.data,
        args.device,
        not args.quiet,
        train_seeds=args.train_seeds,
    )
    command = "nefnet reproduce " + shlex.join(
        sys.argv[2:] if sys.argv[1:2] == ["reproduce"] else []
    )
    if args.update_reference:
        path = artefacts.write_reference(art.name, scale, result, command.strip(), args.eval_seeds)
        print(f"wrote reference {path}")
    reference = artefacts.load_reference(art.name, scale)
    same = artefacts.like_reference(result, reference)
    table = artefacts.drift_table(art, result["values"], reference, result["spread"], same)
    saved = write_json(results_root() / f"{art.name}.json", result | {"scale": scale})
    unit = f" ({art.unit})" if art.unit else ""
    print(
        f"{art.title}{unit}, {scale} scale, training seeds 0–{args.train_seeds - 1}, "
        f"evaluation seeds 0–{args.eval_seeds - 1}; results {saved}"
    )
    print(table.round(3).to_string())
    _versus_paper(table)
    return _versus_reference(table, art, reference, scale, unit, artefacts)


def _versus_paper(table) -> None:
    """The second verdict: how our rows stand against the paper's (never an exit status)."""
    words = table["vs paper"][table["vs paper"].isin(("matches", "above", "below"))]
    if words.empty:
        print("against the paper: no row of this artefact faces a paper number")
        return
    counts = ", ".join(f"{n} {w}" for w, n in words.value_counts().items())
    print(
        f"against the paper ({len(words)} rows face a paper number; ours are SimPanobench, "
        f"the paper's are real data): {counts}"
    )


def _versus_reference(table, art, reference, scale, unit, artefacts) -> int:
    """The first verdict: drift from the committed reference (exit 1 beyond the tolerance)."""
    if reference is None:
        print(
            f"no committed {scale}-scale reference for {art.name}: this run is compared with "
            "the paper's numbers only, and the exit status says only that it ran"
        )
        return 0
    bad = artefacts.exceeded(table, art)
    if bad:
        print(f"drift beyond ±{art.tolerance:g}{unit} in: {json.dumps(bad)}", file=sys.stderr)
        return 1
    print(
        f"against the reference (the runs made as it was: training seed 0, evaluation seeds "
        f"{reference.get('seeds', [0])}): every row within ±{art.tolerance:g}{unit}"
    )
    return 0


def add_parser(sub):
    r = sub.add_parser(
        "reproduce",
        help="re-run a chapter, or a table with its drift",
        description="Re-run a chapter, or one of the papers' tables. A table is printed with two "
        "verdicts: its drift from the committed reference (exit status 1 when a row drifts "
        "beyond the artefact's tolerance) and its gap to the paper's number with a word "
        "(matches / above / below; shown, never an exit status: ours are SimPanobench).",
    )
    r.add_argument("target", nargs="?", help="artefact (e.g. table5) or chapter (e.g. 01)")
    r.add_argument("--list", action="store_true", help="name every reproducible artefact")
    r.add_argument("--scale", choices=("smoke", "book", "paper"), help="default $NEFNET_SCALE")
    r.add_argument(
        "--data",
        help="dataset root the chapter reads (refused by artefacts computed on SimPanobench only)",
    )
    r.add_argument("--device", type=opt.torch_device, help="torch device of training chapters")
    r.add_argument(
        "--train-seeds",
        type=opt.SEEDS,
        default=1,
        help="train the chapter's models with seeds 0 … N−1 (seed 0: the shipped ones) and "
        "report the SD over them",
    )
    r.add_argument(
        "--eval-seeds",
        "--seeds",
        dest="eval_seeds",
        type=opt.SEEDS,
        default=1,
        help="the chapter's SEED 0 … N−1 (calibration, noise, draws): the SD over them",
    )
    r.add_argument("--update-reference", action="store_true", help="commit this run as reference")
    r.add_argument(
        "-p",
        "--param",
        action="append",
        metavar="NAME=VALUE",
        help="override a chapter's notebook parameter (repeatable), e.g. -p SEED=1",
    )
    r.add_argument("-o", "--output", help="executed notebook path (default results/runs/)")
    r.add_argument("--quiet", action="store_true", help="no progress bar")
    r.set_defaults(func=cmd_reproduce)
