"""What does each piece of NEF-NET v2 change against dipole-LSQ on SimPanobench? Each model variant
(``nefnet.models.VARIANTS``) goes through the book's own Stage I (Any-Pairs, pooled devices) and
Stage II ((3,8,1) on sim-ptbxl) at a scale's presets — the same cached runs chapter 05 uses — and
is scored on held-out sim-ptbxl records (last 5 s) next to dipole-LSQ and population regression.
The table goes to ``recorded/investigate_v2.json``, which chapter 05 renders.

    python scripts/investigate_v2.py                      # every variant, book scale
    python scripts/investigate_v2.py --variants paper lead-prior --test-records 20

"ours with the lead path switched off" is the lead-prior model evaluated without its lead path.
"""

from __future__ import annotations

import argparse
import copy
import time

from nefnet.book import pipeline
from nefnet.book.scales import preset
from nefnet.data.protocols import get_protocol
from nefnet.models import VARIANTS
from nefnet.reproduce import recorded
from nefnet.scoring.evaluate import score_last, summarize
from nefnet.scoring.methods import dipole_lsq_method, model_method, regression_method
from nefnet.simulate.generate import SIMULATOR_VERSION


def row(label, method, test, protocol, **extra):
    s = summarize(score_last(method, test, protocol))
    return {
        "variant": label,
        "unseen_psnr": s.loc["unseen", "psnr"],
        "supervised_psnr": s.loc["supervised", "psnr"],
        **extra,
    }


def variant_rows(name, scale, test, protocol, device):
    stage1, _ = pipeline.stage1_model(scale, name, device=device)
    stage2, _ = pipeline.stage2_model("sim-ptbxl", scale, variant=name, device=device)
    out = [
        row(
            name,
            model_method(stage2),
            test,
            protocol,
            stage1_unseen_psnr=row(name, model_method(stage1), test, protocol)["unseen_psnr"],
        )
    ]
    if name == "lead-prior":  # what the feature path alone synthesizes
        alone = copy.deepcopy(stage2)
        alone.lead_path = None
        out.append(row("lead-prior, lead path switched off", model_method(alone), test, protocol))
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--variants", nargs="+", choices=sorted(VARIANTS), default=list(VARIANTS))
    ap.add_argument("--scale", default="book", choices=("smoke", "book", "paper"))
    ap.add_argument("--test-records", type=int, default=20)
    ap.add_argument("--device", default="auto", help="torch device (auto: a GPU when present)")
    ap.add_argument("--name", default="investigate_v2", help="recorded/<name>.json")
    args = ap.parse_args(argv)
    protocol, start = get_protocol("(3,8,1)"), time.time()
    test = pipeline.device_records("sim-ptbxl", args.test_records, pipeline.TEST_SEED)
    rows = []
    for name in args.variants:
        rows += variant_rows(name, args.scale, test, protocol, args.device)
        print(f"{name:12s} done after {time.time() - start:5.0f} s: {rows[-1]}", flush=True)
    train = pipeline.stage2_records("sim-ptbxl", preset("stage2", args.scale)["records"])
    rows.append(row("dipole-LSQ (no training)", dipole_lsq_method, test, protocol))
    rows.append(
        row(
            "population regression (fitted with V2)",
            regression_method(train, protocol),
            test,
            protocol,
        )
    )
    settings = {
        "scale": args.scale,
        "protocol": protocol.name,
        "device": "sim-ptbxl",
        "simulator_version": SIMULATOR_VERSION,
        "test_records": args.test_records,
        "test_seed": pipeline.TEST_SEED,
        "scored": "last 5 s",
        "stage1": dict(preset("stage1", args.scale)),
        "stage2": dict(preset("stage2", args.scale)),
        "variants": {k: VARIANTS[k][0] for k in args.variants},
    }
    path = recorded.write(args.name, rows, settings)
    print(f"wrote {path} after {time.time() - start:.0f} s")


if __name__ == "__main__":
    main()
