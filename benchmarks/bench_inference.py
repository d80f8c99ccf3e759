#!/usr/bin/env python3
"""Benchmark: NEF-NET v2 inference of a 48-view, 10-s panorama (500 Hz) from 3 recorded leads
on the CPU (target ≤ 100 ms at the book preset). Prints figures and writes them, with the date
and the machine, to ``recorded/bench_inference.json`` (chapter 04 renders that file); asserts
nothing.

Runs the model as it is (float32, eager) and through nefnet.training.fast (bfloat16 autocast and/or
TorchInductor compilation; bf16 rows only on CPUs with native bfloat16). ``--trained`` also loads
(or trains, ~6 min at book scale) the shared Stage I + Stage II model and reports what the fast
variants cost in accuracy on SimPanobench test records.

    .venv/bin/python benchmarks/bench_inference.py [--preset book] [--variant paper|lead-prior]
        [--threads 2] [--trained] [--no-record]
"""

import argparse
import statistics
import time

import torch

from nefnet.geometry import view_angles
from nefnet.models import VARIANTS as MODEL_VARIANTS, NefNetV2, NefNetV2Config
from nefnet.reproduce import recorded as recorded_results
from nefnet.training.fast import FastSynthesizer, bf16_supported
from nefnet.training.runtime import tune_allocator
from nefnet.views import PANOBENCH_48

VARIANTS = (("fp32", False), ("fp32", True), ("bf16", False), ("bf16", True))
TARGET_MS = 100.0  # a 48-view panorama at the book preset, fast enough to turn a lead live


def timings(run, x, a, q, repeats):
    run(x, a, q)  # warm-up (and compilation)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run(x, a, q)
        times.append(1000 * (time.perf_counter() - start))
    return times


def accuracy(variants, n_records, variant="paper"):
    """PSNR of each variant on SimPanobench (3,8,1), sim-cpsc, last 5 s, vs float32 eager."""
    from nefnet.book import pipeline
    from nefnet.data.protocols import get_protocol
    from nefnet.scoring.evaluate import score_last, summarize
    from nefnet.scoring.methods import model_method

    model, _ = pipeline.stage2_model("sim-cpsc", "book", variant=variant)
    recs = pipeline.device_records("sim-cpsc", n_records, pipeline.TEST_SEED)
    proto = get_protocol("(3,8,1)")
    base = summarize(score_last(model_method(model), recs, proto))
    print(
        f"\naccuracy, Stage II model (book), {n_records} sim-cpsc test records, (3,8,1), "
        f"last 5 s — PSNR dB unseen / supervised:"
    )
    print(f"  fp32 eager      {base.psnr['unseen']:.3f} / {base.psnr['supervised']:.3f}")
    for precision, compiled in variants:
        fast = FastSynthesizer(model, precision, compiled)
        s = summarize(score_last(model_method(fast), recs, proto))
        print(
            f"  {precision} {'compiled' if compiled else 'eager   '}  "
            f"{s.psnr['unseen']:.3f} / {s.psnr['supervised']:.3f}  "
            f"(Δ {s.psnr['unseen'] - base.psnr['unseen']:+.3f} / "
            f"{s.psnr['supervised'] - base.psnr['supervised']:+.3f})"
        )


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--preset", default="book", choices=("smoke", "book", "paper"))
    ap.add_argument(
        "--variant",
        default="paper",
        choices=sorted(MODEL_VARIANTS),
        help="model variant (nefnet.models.VARIANTS)",
    )
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--repeats", type=int, default=10)
    ap.add_argument("--trained", action="store_true", help="also measure accuracy (see above)")
    ap.add_argument("--records", type=int, default=10, help="test records for --trained")
    ap.add_argument(
        "--no-tune-allocator",
        action="store_true",
        help="leave glibc's malloc as it is (see nefnet.training.runtime)",
    )
    ap.add_argument(
        "--no-record",
        action="store_true",
        help="print only; do not write recorded/bench_inference.json",
    )
    args = ap.parse_args()
    if not args.no_tune_allocator:
        tuned = tune_allocator()
        print(f"allocator tuning (nefnet.training.runtime): {'on' if tuned else 'not available'}")
    torch.set_num_threads(args.threads)
    model = NefNetV2(NefNetV2Config.variant(args.variant, args.preset)).eval()
    recorded = ("I", "II", "view-28")
    x = torch.rand(1, 3, 5000)
    a = torch.as_tensor(view_angles(recorded), dtype=torch.float32)[None]
    q = torch.as_tensor(view_angles(PANOBENCH_48), dtype=torch.float32)[None]
    params = sum(p.numel() for p in model.parameters())
    print(
        f"NEF-NET v2 [{args.preset}, {args.variant}, {params:,} parameters]: 48 views × 5000 "
        f"samples from 3 leads on {args.threads} CPU thread(s), {args.repeats} runs, queries "
        f"in groups of {model.query_chunk}"
    )
    variants = [v for v in VARIANTS if v[0] == "fp32" or bf16_supported()]
    if not bf16_supported():
        print("  (no native bfloat16 on this CPU: bf16 variants skipped)")
    with torch.inference_mode():
        reference = model(x, a, q)
    rows = []
    for precision, compiled in variants:
        run = FastSynthesizer(model, precision, compiled)
        start = time.perf_counter()
        times = timings(run, x, a, q, args.repeats)
        first = time.perf_counter() - start - sum(times) / 1000
        diff = (run(x, a, q) - reference).abs().max().item()
        print(
            f"  {precision} {'compiled' if compiled else 'eager   '}: median "
            f"{statistics.median(times):6.1f} ms (min {min(times):.1f}, max {max(times):.1f});"
            f" first call {first:5.1f} s; max |Δ| vs fp32 eager {diff:.1e}"
        )
        rows.append(
            {
                "precision": precision,
                "compiled": compiled,
                "median_ms": statistics.median(times),
                "min_ms": min(times),
                "max_ms": max(times),
                "first_call_s": first,
                "max_abs_diff": diff,
            }
        )
    if not args.no_record:
        settings = {
            "preset": args.preset,
            "variant": args.variant,
            "threads": args.threads,
            "repeats": args.repeats,
            "views": len(PANOBENCH_48),
            "samples": 5000,
            "seconds": 10.0,
            "target_ms": TARGET_MS,
            "recorded": list(recorded),
            "parameters": params,
            "allocator_tuned": not args.no_tune_allocator,
        }
        print(f"wrote {recorded_results.write('bench_inference', rows, settings)}")
    if args.trained:
        accuracy(variants[1:], args.records, args.variant)


if __name__ == "__main__":
    main()
