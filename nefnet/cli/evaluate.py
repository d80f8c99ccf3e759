"""``nefnet evaluate``: score a checkpoint on a protocol, as it is or after On-the-fly
Calibration of every record."""

from __future__ import annotations

from . import inputs


def cmd_evaluate(args):
    from ..data.protocols import get_protocol
    from ..data.record import sampling_rates
    from ..scoring import evaluate
    from ..scoring.methods import model_method

    proto = get_protocol(args.protocol)
    model = inputs.model(args.checkpoint, "--checkpoint")
    records = inputs.records(args, proto)
    rate = inputs.model_rate(model)
    other = sorted(set(sampling_rates(records)) - {rate}) if rate else []
    if other:
        raise ValueError(
            f"--data {args.data}: records sampled at {other} Hz, but --checkpoint was trained "
            f"at {rate:g} Hz; evaluate on data at {rate:g} Hz"
        )
    if args.onthefly:
        scores = _onthefly_scores(model, records, proto, args)
        what = f"after On-the-fly Calibration ({args.onthefly} iterations on the first 5 s)"
    else:
        method = model_method(model, normalize_by=args.normalize_by)
        scores = evaluate.score_protocol(method, records, proto, args.seconds)
        what = "without calibration"
    print(f"{args.protocol} on {len(records)} records ({args.data}), {what}:")
    print(evaluate.summarize(scores).round(3).to_string())
    return 0


def _onthefly_scores(model, records, protocol, args):
    """Stage III per record on its first 5 s, scored on its last 5 s (the papers' split)."""
    import pandas as pd

    from ..progress import tqdm
    from ..scoring.evaluate import score_last
    from ..training.calibrate import CalibrationConfig
    from ..training.onthefly import calibrated_method

    if args.seconds is not None or args.normalize_by is not None:
        raise ValueError(
            "--onthefly scores the last 5 s as the model was trained; drop "
            "--seconds and --normalize-by"
        )
    cfg = CalibrationConfig(iterations=args.onthefly, seed=args.seed)
    frames = []
    for rec in tqdm(records, desc="on-the-fly calibration", unit="rec", disable=args.quiet):
        if rec.duration < 2 * cfg.calib_seconds:
            raise ValueError(
                f"--onthefly: record {rec.name} lasts {rec.duration:.1f} s; it needs "
                f"{2 * cfg.calib_seconds:g} s (calibrate on the first 5, score the last 5)"
            )
        run, _, _ = calibrated_method(model, rec, protocol, cfg)
        frames.append(score_last(run, [rec], protocol, cfg.calib_seconds))
    return pd.concat(frames, ignore_index=True)
