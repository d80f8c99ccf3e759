"""Why does NEF-NET v2 trail dipole-LSQ on SimPanobench? Train model variants for the same
budget and score the unseen view V2 of (3,8,1) on held-out records.

    python scripts/investigate_v2.py --variant paper --epochs 20
    python scripts/investigate_v2.py --variant no-jitter --epochs 40 --every 20

Variants (book preset, linear output, inputs normalised by the recorded views):
  paper      the paper's architecture with the v1 angle jitter of 2.5°
  no-jitter  no angle jitter (what the shared Stage I model uses)
  pair-film  FiLM from the (query, recorded-view) embeddings instead of the query alone
  lead-path  + a signed, angle-weighted sum of the recorded signals added to the output

Prints the mean PSNR of V2 (and of the supervised leads) every ``--every`` epochs. Takes about
7 s per epoch on 2 CPU cores with the defaults.
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

VARIANTS = {"paper": {"jitter_deg": 2.5}, "no-jitter": {"jitter_deg": 0.0},
            "pair-film": {"jitter_deg": 2.5, "pair_film": True},
            "lead-path": {"jitter_deg": 2.5, "lead_path": True}}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--variant", choices=sorted(VARIANTS), default="paper")
    ap.add_argument("--epochs", type=int, default=20)
    ap.add_argument("--every", type=int, default=20, help="score every N epochs")
    ap.add_argument("--records", type=int, default=400, help="pooled training records")
    ap.add_argument("--queries", type=int, default=4, help="query views per item")
    ap.add_argument("--test-records", type=int, default=20)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    torch.set_num_threads(2)
    protocol = get_protocol("(3,8,1)")
    test = pipeline.device_records("sim-ptbxl", args.test_records, pipeline.TEST_SEED)
    recs = pipeline.pooled_records(args.records, pipeline.TRAIN_SEED)
    n = int(2.5 * recs[0].sampling_rate)
    ds = ViewPairDataset(recs, None, crop=(int(0.8 * n), n), normalize_by="recorded",
                         n_queries=args.queries)
    torch.manual_seed(args.seed)
    cfg_model = replace(NefNetV2Config.preset("book"), output="linear", **VARIANTS[args.variant])
    model = NefNetV2(cfg_model)
    cfg = TrainConfig(epochs=args.epochs, batch_size=16, lr=2e-3, lr_step=30, seed=args.seed)
    opt = torch.optim.AdamW(model.parameters(), lr=cfg.learning_rate,
                            weight_decay=cfg.weight_decay)
    sched = torch.optim.lr_scheduler.StepLR(opt, cfg.lr_step, cfg.lr_gamma)
    start = time.time()
    for epoch in range(cfg.epochs):
        loss = _one_epoch(model, ds, cfg, opt, epoch, "cpu")
        sched.step()
        if (epoch + 1) % args.every == 0 or epoch + 1 == cfg.epochs:
            s = evaluate.summarize(evaluate.score_protocol(evaluate.model_method(model), test,
                                                           protocol, 5.0, 5.0))
            print(f"{args.variant:10s} epoch {epoch + 1:3d}  {time.time() - start:6.0f} s  "
                  f"loss {loss:.4f}  PSNR V2 {s.loc['unseen', 'psnr']:.2f} dB  "
                  f"supervised {s.loc['supervised', 'psnr']:.2f} dB", flush=True)
    lsq = evaluate.summarize(evaluate.score_protocol(evaluate.dipole_lsq_method, test, protocol,
                                                     5.0, 5.0))
    print(f"dipole-LSQ on the same records: PSNR V2 {lsq.loc['unseen', 'psnr']:.2f} dB")


if __name__ == "__main__":
    main()
