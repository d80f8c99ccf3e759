"""Why does NEF-NET v2 trail dipole-LSQ on SimPanobench? Train model variants for the same
budget — Stage I (Any-Pairs, pooled devices) then Stage II ((3,8,1) on sim-ptbxl) — and score the
unseen view V2 and the supervised leads on held-out records, next to dipole-LSQ and population
regression.

    python scripts/investigate_v2.py --variant paper
    python scripts/investigate_v2.py --variant lead-prior --epochs 20 --stage2-epochs 12

Variants (book preset, linear output, no angle jitter unless named):
  paper        the paper's architecture, inputs min–max scaled by the recorded views
  jitter       the same with the v1 angle jitter of 2.5°
  paper-range  inputs divided by their range, no shift (nefnet.normalization "range")
  pair-film    FiLM from the (query, recorded-view) embeddings instead of the query alone
  lead-path    + a signed, angle-weighted sum of the recorded signals (range scaling)
  lead-prior   + the lead path also sees the dipole-LSQ weights (chapter 05's "ours")
  feature-only lead-prior evaluated with its lead path switched off after training

Prints PSNR every ``--every`` epochs of each stage. With the defaults (one thread, so two
variants can run side by side on 2 cores) about 15 s per Stage I epoch and 6 s per Stage II
epoch.
"""

from __future__ import annotations

import argparse
import time
from dataclasses import replace

import torch

from nefnet import evaluate, pipeline
from nefnet.data.protocols import get_protocol
from nefnet.data.torch_dataset import ViewPairDataset
from nefnet.models import NefNetV2, NefNetV2Config
from nefnet.train import TrainConfig, _one_epoch

RANGE = {"normalize": "range"}
VARIANTS = {"paper": {}, "jitter": {"jitter_deg": 2.5}, "paper-range": RANGE,
            "pair-film": {"pair_film": True}, "lead-path": {"lead_path": True, **RANGE},
            "lead-prior": {"lead_path": True, "lead_prior": True, **RANGE},
            "feature-only": {"lead_path": True, "lead_prior": True, **RANGE}}


def scores(method, test, protocol):
    s = evaluate.summarize(evaluate.score_protocol(method, test, protocol, 5.0, 5.0))
    return f"PSNR V2 {s.loc['unseen', 'psnr']:.2f} dB, supervised {s.loc['supervised', 'psnr']:.2f} dB"


def run_stage(model, ds, cfg, every, name, report):
    opt = torch.optim.AdamW(model.parameters(), lr=cfg.learning_rate,
                            weight_decay=cfg.weight_decay)
    sched = torch.optim.lr_scheduler.StepLR(opt, cfg.lr_step, cfg.lr_gamma)
    for epoch in range(cfg.epochs):
        loss = _one_epoch(model, ds, cfg, opt, epoch, "cpu")
        sched.step()
        if (epoch + 1) % every == 0 or epoch + 1 == cfg.epochs:
            report(f"{name} epoch {epoch + 1:3d}  loss {loss:.4f}")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--variant", choices=sorted(VARIANTS), default="paper")
    ap.add_argument("--epochs", type=int, default=20, help="Stage I epochs")
    ap.add_argument("--stage2-epochs", type=int, default=12)
    ap.add_argument("--every", type=int, default=10, help="score every N epochs")
    ap.add_argument("--records", type=int, default=400, help="pooled Stage I records")
    ap.add_argument("--test-records", type=int, default=20)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--threads", type=int, default=1, help="torch threads (run two at once)")
    args = ap.parse_args(argv)
    torch.set_num_threads(args.threads)
    protocol, start = get_protocol("(3,8,1)"), time.time()
    test = pipeline.device_records("sim-ptbxl", args.test_records, pipeline.TEST_SEED)
    recs = pipeline.pooled_records(args.records, pipeline.TRAIN_SEED)
    torch.manual_seed(args.seed)
    options = {"output": "linear", "jitter_deg": 0.0, "normalize": "recorded",
               **VARIANTS[args.variant]}
    cfg = replace(NefNetV2Config.preset("book"), **options)
    model = NefNetV2(cfg)
    method = evaluate.model_method(model)
    report = lambda what: print(f"{args.variant:12s} {what}  {time.time() - start:5.0f} s  "  # noqa
                                f"{scores(method, test, protocol)}", flush=True)
    n = int(2.5 * recs[0].sampling_rate)
    crop = (int(0.8 * n), n)
    run_stage(model, ViewPairDataset(recs, None, crop=crop, normalize_by=cfg.normalize,
                                     n_queries=4),
              TrainConfig(epochs=args.epochs, batch_size=16, lr=2e-3,
                          lr_step=max(1, 2 * args.epochs // 3), seed=args.seed),
              args.every, "Stage I ", report)
    task = pipeline.training_protocol(protocol)
    dev = pipeline.device_records("sim-ptbxl", 200, pipeline.TRAIN_SEED + 7)
    run_stage(model, ViewPairDataset(dev, task, crop=crop, normalize_by=cfg.normalize, seed=1),
              TrainConfig(stage="device", epochs=args.stage2_epochs, batch_size=16, lr=5e-4,
                          lr_step=args.stage2_epochs), args.every, "Stage II", report)
    if args.variant == "feature-only":
        model.lead_path = None
        report("lead path removed")
    print(f"dipole-LSQ:            {scores(evaluate.dipole_lsq_method, test, protocol)}")
    print(f"population regression: {scores(evaluate.regression_method(dev, protocol), test, protocol)}")


if __name__ == "__main__":
    main()
