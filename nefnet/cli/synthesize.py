"""``nefnet synthesize``: views (θ, φ) of a recorded WFDB record of any length, synthesized by a
checkpoint window by window and streamed to a WFDB record named by the views' angles."""

from __future__ import annotations

import sys

import numpy as np

from . import inputs, options as opt


def cmd_synthesize(args):
    from ..data.readers.wfdb_stream import WfdbStream, check_target, read_window
    from ..geometry import view_angles
    from ..training.long import model_runner, synthesize_long
    from ..views import virtual_name

    out_dir = opt.check_output_folder(args.out, "--out")
    leads, queries = args.recorded, args.views
    inputs.lead_set(leads, "--recorded")
    info = inputs.record_info(args.record, leads)
    check_target(out_dir, f"{info['base'].name}_synth", args.overwrite)
    model = inputs.model(args.checkpoint, "--checkpoint")
    rate, model_rate = info["sampling_rate"], inputs.model_rate(model)
    if model_rate and model_rate != rate:
        print(
            f"nefnet: --record {info['base'].name} is sampled at {rate:g} Hz, the model at "
            f"{model_rate:g} Hz: each window is resampled to {model_rate:g} Hz and back",
            file=sys.stderr,
        )
    deg = np.degrees(queries)
    names = [virtual_name(t, p) for t, p in deg]
    source = info["base"].name
    comments = [f"synthesized by nefnet from {','.join(leads)} of {source}"] + [
        f"view {n}: theta={t:g} deg, phi={p:g} deg" for n, (t, p) in zip(names, deg.round(1))
    ]
    run = model_runner(model, view_angles(leads), queries, rate, model_rate)
    name = f"{source}_synth"
    with WfdbStream(
        out_dir, name, rate, names, comments=comments, overwrite=args.overwrite
    ) as stream:
        synthesize_long(
            run,
            lambda a, b: read_window(info, leads, a, b),
            stream.append,
            info["samples"],
            rate,
            progress=not args.quiet,
        )
        path = stream.close()
    if stream.clipped:
        print(
            f"nefnet: warning: {stream.clipped} samples beyond ±32.767 mV clipped", file=sys.stderr
        )
    print(f"wrote {len(names)} synthesized views ({info['samples']} samples) to {path}.hea")
    return 0


def add_parser(sub):
    s = sub.add_parser("synthesize", help="synthesize views (θ, φ) of a record → WFDB")
    s.add_argument("--record", required=True, help="WFDB record path")
    s.add_argument(
        "--views", type=opt.views, required=True, help="'θ,φ;θ,φ' in degrees, e.g. '90,45;60,-30'"
    )
    s.add_argument("--checkpoint", required=True)
    s.add_argument(
        "--recorded", type=opt.lead_list, default="I,II,V3", help="recorded leads to use"
    )
    s.add_argument("--out", required=True, help="output folder")
    s.add_argument("--overwrite", action="store_true", help="replace an earlier result in --out")
    s.add_argument("--quiet", action="store_true", help="no progress bar")
    s.set_defaults(func=cmd_synthesize)
