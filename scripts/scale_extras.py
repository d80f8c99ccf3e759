"""The scale ladder's chapter-07 claims at ×1 (book-x1) and at a higher rung: the Table 11
ablations, the Table 9 data-efficiency study and the Nef-Net v1 Table 3 ablation, each trained
and scored by the chapters' own functions at the rung's budget. Models train (resumably) into
recorded/scale/models, finished checkpoints are stripped of their optimiser state, and the
scores go to recorded/scale/extras.json.

    python scripts/scale_extras.py                    # ×1 (the shipped models) and book-x4
    python scripts/scale_extras.py --rung book-x16
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time

import torch


def sizes_at(rung: str) -> list[int]:
    """Chapter 07's Table 9 record counts at ``rung``: the same shares of its Stage II records."""
    from nefnet.book.scales import preset

    book, have = preset("07_ablations", "book")["table9_records"], preset("stage2", rung)["records"]
    return [n * have // book[-1] for n in book]


def _records(part):
    from nefnet.book.scales import preset
    from nefnet.reproduce import ablation_runs as ablations
    from nefnet.training.sim_records import TEST_SEED, device_records, pooled_records

    cfg = preset("07_ablations", "book")  # the chapters' own test records at every rung
    if part == "v1":
        return pooled_records(cfg["v1_test_records"], TEST_SEED)
    if part == "panobench":
        n = preset("06_panobench", "book")["panobench_records"]
        return device_records("sim-panobench", n, TEST_SEED)
    return device_records(ablations.DEVICE, cfg["test_records"], TEST_SEED)


def table11(rung):
    from nefnet.reproduce import ablation_runs as ablations

    table = ablations.ablation_table(_records("v2"), scale=rung, progress=True)
    return json.loads(table.drop(columns="what").to_json(orient="index"))


def table9(rung):
    from nefnet.reproduce import ablation_runs as ablations

    table = ablations.data_efficiency(_records("v2"), sizes_at(rung), scale=rung, progress=True)
    return json.loads(table.to_json(orient="records"))


def v1_table3(rung):
    from nefnet.reproduce import v1_ablation_runs as ablations_v1

    table, seeds = ablations_v1.v1_ablation_table(_records("v1"), scale=rung, progress=True)
    return {
        "rows": json.loads(table.drop(columns="what").to_json(orient="index")),
        "seeds": json.loads(seeds.to_json(orient="index")),
    }


def table3(rung):
    """Chapter 06's Table 3 cells with 3 inputs and the fewest and most supervised views."""
    from nefnet.reproduce import panobench_runs as panobench

    cells = (SUPERVISION[0], SUPERVISION[-1])
    models = {cell: panobench.table3_methods(*cell, rung) for cell in cells}
    long = panobench.table3_long(models, _records("panobench"))
    return json.loads(long.to_json(orient="records"))


#: the (inputs, supervised) cells of the supervision claim
SUPERVISION = ((3, 3), (3, 12))
#: what each rung records, in the order it is computed (the cheapest first)
PARTS = {"table9": table9, "table3": table3, "v1_table3": v1_table3, "table11": table11}


def strip_finished(folder):
    """Drop the optimiser state of every finished checkpoint in ``folder`` (atomically)."""
    from nefnet.reproduce.ladder import strip_optimizer

    for path in sorted(folder.glob("*.pt")):
        state = torch.load(path, map_location="cpu", weights_only=True)
        planned = int((state.get("train_config") or {}).get("epochs", 0))
        if "optimizer" in state and int(state.get("epoch", 0)) >= planned:
            strip_optimizer(path)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rung", default="book-x4", help="the higher rung (default book-x4)")
    ap.add_argument("--threads", type=int, default=1, help="torch threads (default 1)")
    args = ap.parse_args(argv)
    torch.set_num_threads(args.threads)
    from nefnet.paths import recorded_root
    from nefnet.reproduce.recorded import machine

    folder = recorded_root() / "scale"
    os.environ["NEFNET_MODELS"] = str(folder / "models")
    path = folder / "extras.json"
    extras = json.loads(path.read_text()) if path.is_file() else {"rungs": {}}
    given = " ".join(argv if argv is not None else sys.argv[1:])
    for rung in dict.fromkeys(("book-x1", args.rung)):
        have = extras["rungs"].setdefault(rung, {})
        for part, run in PARTS.items():
            if part in have:
                continue
            t0 = time.perf_counter()
            have[part] = run(rung)
            have.setdefault("wall_s", {})[part] = round(time.perf_counter() - t0, 1)
            extras |= {"machine": machine(), "command": f"python scripts/scale_extras.py {given}"}
            strip_finished(folder / "models")
            tmp = path.with_name(path.name + ".tmp")
            tmp.write_text(json.dumps(extras, indent=1, sort_keys=True) + "\n")
            tmp.replace(path)
            print(f"scored {rung} {part}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
