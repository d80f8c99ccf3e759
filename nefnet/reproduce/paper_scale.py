"""The paper-scale guide (book appendix): the commands from fetching PTB-XL to the Table 2
numbers, and for each step the disk, memory and time it needs — sizes computed from the
datasets' published shapes, times **extrapolated** from the throughput the benchmark scripts
measured (``recorded/bench_*.json``) on the machine they name."""

from __future__ import annotations

import pandas as pd

from ..book.scales import preset
from ..data.parts import TRAIN_FRACTION
from . import recorded

#: the v2 paper's Table 6 (records, seconds (shortest, longest), leads, Hz), SimPanobench as
#: the paper preset pools it (54 simulated views, noisy and noise-free copies)
DATASETS = {
    "PTB-XL": (21837, (10, 10), 12, 500),
    "Tianchi": (31779, (10, 10), 12, 500),
    "CPSC2018": (6877, (6, 60), 12, 500),
    "ChinaDB": (10646, (10, 10), 12, 500),
    "SimPanobench": (preset("stage1", "paper")["records"], (10, 10), 54 * 2, 500),
}
WINDOW_S, FLOAT32, FLOAT64 = 10, 4, 8
#: the Stage III iterations of the evaluation and the width its speed was measured at
ONTHEFLY_ITERATIONS = 100


def measured() -> dict:
    """The benchmark figures the extrapolations use (each file as recorded)."""
    out = {}
    for name in ("bench_loader", "bench_memory", "bench_ddp", "bench_training"):
        try:
            out[name] = recorded.load(name)["results"]
        except FileNotFoundError:
            out[name] = None
    return out


def _rate(rows, stage, scale, key="step_samples_per_s"):
    return next(r[key] for r in rows if r["stage"] == stage and r["scale"] == scale)


def rates(m: dict) -> dict:
    """Throughputs on the measuring machine (CPU): conversion records/s, Stage I and II
    samples/s at paper width, Stage III iterations/s (book width), epoch peak RSS (MB)."""
    rows = m["bench_loader"]["rows"]
    stage3 = next(r for r in m["bench_training"]["stages"] if r["stage"] == "stage3-ours")
    return {
        "convert_records_per_s": m["bench_loader"]["conversion"]["records_per_s"],
        "simulate_records_per_s": m["bench_memory"]["rows"][-1]["simulate"]["records_per_s"],
        "stage1_samples_per_s": _rate(rows, "stage1", "paper"),
        "stage2_samples_per_s": _rate(rows, "stage2", "paper"),
        "stage3_iterations_per_s": stage3["iterations_per_s"],
        "epoch_peak_rss_mb": max(r["epoch"]["peak_rss_mb"] for r in m["bench_memory"]["rows"]),
        "simulate_peak_rss_mb": max(
            r["simulate"]["peak_rss_mb"] for r in m["bench_memory"]["rows"]
        ),
    }


def sizes() -> pd.DataFrame:
    """Per dataset: records, 10-s windows (a range when durations vary), the record store on
    disk (float32) and what holding every record in memory (float64) would take, in GB."""
    rows = {}
    for name, (n, (lo, hi), leads, hz) in DATASETS.items():
        per_s = leads * hz
        rows[name] = {
            "records": n,
            "windows (min)": n * (lo // WINDOW_S),
            "windows (max)": n * (hi // WINDOW_S),
            "store GB (min)": n * lo * per_s * FLOAT32 / 1e9,
            "store GB (max)": n * hi * per_s * FLOAT32 / 1e9,
            "in memory GB (max)": n * hi * per_s * FLOAT64 / 1e9,
        }
    return pd.DataFrame(rows).T


def _hours(items, per_s):
    return items / per_s / 3600


def budget(m: dict) -> pd.DataFrame:
    """Per dataset, time on the measuring machine's CPU (extrapolated): minutes to convert it
    into a store; hours of Stage I and Stage II at paper width (the ``paper`` preset's epochs,
    one crop per training window) and of Stage III + scoring of the test windows. Datasets
    whose records vary in length count their longest (an upper bound)."""
    r, s1, s2 = rates(m), preset("stage1", "paper"), preset("stage2", "paper")
    rows = {}
    for name, row in sizes().iterrows():
        windows = row["windows (max)"]
        train, test = TRAIN_FRACTION * windows, (1 - TRAIN_FRACTION) * windows
        convert = (
            r["simulate_records_per_s"] if name == "SimPanobench" else r["convert_records_per_s"]
        )
        rows[name] = {
            "convert min": 60 * _hours(row["records"], convert),
            "Stage I h": _hours(s1["epochs"] * train, r["stage1_samples_per_s"]),
            "Stage II h": _hours(s2["epochs"] * train, r["stage2_samples_per_s"]),
            "Stage III + scoring h": _hours(
                test * ONTHEFLY_ITERATIONS, r["stage3_iterations_per_s"]
            ),
        }
    return pd.DataFrame(rows).T


def ptbxl_steps(store="stores/ptbxl", data="$NEFNET_DATA/ptbxl") -> list[tuple[str, str]]:
    """(what, command) from fetching PTB-XL to the Table 2 analogue, with the ``paper`` preset's
    settings (one GPU; prefix ``torchrun --nproc_per_node 8 -m nefnet.cli`` for eight)."""
    s1, s2 = preset("stage1", "paper"), preset("stage2", "paper")
    train = f"--data {store} --part train --preset paper --device cuda --workers 4"
    return [
        ("fetch PTB-XL (500 Hz records, checked by SHA-256)", "python data_scripts/fetch_ptbxl.py"),
        (
            "convert it once into a record store",
            f"nefnet cache build --data ptbxl:{data} --out {store} --workers 2",
        ),
        (
            "Stage I: Any-Pairs Pretraining",
            f"nefnet train --stage pretrain {train} --epochs "
            f"{s1['epochs']} --batch-size {s1['batch_size']} --crop-seconds {s1['crop_seconds']} "
            f"--queries {s1['queries']} --lr {s1['lr']} --out stage1.pt",
        ),
        (
            "Stage II: Device Calibration on (3,8,1)",
            f"nefnet train --stage device --init "
            f'stage1.pt --protocol "(3,8,1)" {train} --epochs {s2["epochs"]} --batch-size '
            f"{s2['batch_size']} --crop-seconds {s2['crop_seconds']} --lr {s2['lr']} "
            "--out stage2.pt",
        ),
        (
            "Stage III per test record, then the Table 2 scores",
            "nefnet evaluate --checkpoint "
            f'stage2.pt --protocol "(3,8,1)" --data {store} --part test --onthefly '
            f"{ONTHEFLY_ITERATIONS}",
        ),
    ]


def loader_table(m: dict) -> pd.DataFrame:
    """Loader crops/s by workers beside the step's and the epoch's samples/s."""
    df = pd.DataFrame(m["bench_loader"]["rows"]).set_index(["stage", "scale"])
    return df.drop(columns=["crop_samples"])


def loader_margin(loader: pd.DataFrame) -> float:
    """How many times the samples a training step consumes the loader delivers, without
    workers (the smallest ratio over stages and widths)."""
    return float((loader["loader_crops_per_s_0_workers"] / loader["step_samples_per_s"]).min())


def memory_table(m: dict) -> pd.DataFrame:
    """Per dataset size: the streaming simulation and the training epoch, peak RSS and speed."""
    rows = {}
    for r in m["bench_memory"]["rows"]:
        s, e = r["simulate"], r["epoch"]
        rows[r["records"]] = {
            "simulate: records/s": s["records_per_s"],
            "simulate: peak RSS MB": s["peak_rss_mb"],
            "simulate: workers' peak RSS MB": s["peak_rss_mb_workers"],
            "store GB": s["disk_gb"],
            "epoch: samples/s": e["samples_per_s"],
            "epoch: peak RSS MB": e["peak_rss_mb"],
        }
    return pd.DataFrame(rows).T.rename_axis("records")


def ddp_table(m: dict) -> pd.DataFrame:
    cols = [
        "processes",
        "threads_per_process",
        "backend",
        "samples_per_s",
        "step_s",
        "allreduce_share",
        "throughput_ratio_to_one_process_all_cores",
    ]
    return pd.DataFrame(m["bench_ddp"]["rows"])[cols]
