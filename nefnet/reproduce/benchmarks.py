"""The recorded speed and memory figures (``recorded/bench_*.json``, written by the scripts in
``benchmarks/``) as the tables of the book's benchmark appendix, each figure beside its target."""

from __future__ import annotations

import pandas as pd

from . import recorded

#: every benchmark the appendix renders: name → (what it measures, the script that records it)
BENCHMARKS = {
    "bench_inference": ("48-view, 10-s panorama from 3 recorded leads", "bench_inference.py"),
    "bench_explorer": ("panorama explorer: one slider move", "bench_explorer.py"),
    "bench_training": ("training throughput, peak memory, model sizes", "bench_training.py"),
    "bench_holter": ("Holter-length synthesis (nefnet synthesize)", "bench_holter.py"),
    "bench_loader": ("loader crops/s vs training steps, cache build speed", "bench_loader.py"),
    "bench_memory": ("peak RSS of an epoch on 200 vs 5,000 stored records", "bench_memory.py"),
    "bench_ddp": ("1 vs 2 torchrun processes (gloo)", "bench_ddp.py"),
    "bench_store_integrity": (
        "record store read with and without its checksums",
        "bench_store_integrity.py",
    ),
}
#: the targets the figures are held to (ms unless stated)
PANORAMA_MS, EXPLORER_MS = 100.0, 50.0
#: Holter memory counts as bounded when 24 h peaks within this factor of 1 h
HOLTER_RSS_FACTOR = 1.15
#: training memory counts as flat in dataset size within this factor (bench_memory)
DATASET_RSS_FACTOR = 1.15


def load_all() -> dict[str, dict]:
    """The recorded files present, by benchmark name (a missing one is left out)."""
    out = {}
    for name in BENCHMARKS:
        try:
            out[name] = recorded.load(name)
        except FileNotFoundError:
            continue
    return out


def sources(records: dict) -> pd.DataFrame:
    """Which command wrote each file, and on what machine."""
    rows = []
    for n, r in records.items():
        m = r["machine"]
        rows.append(
            {
                "benchmark": BENCHMARKS[n][0],
                "file": f"recorded/{n}.json",
                "command": r["command"],
                "machine": f"{m['cpu']}, {m['cores']} cores, {m['torch_threads']} torch threads",
            }
        )
    return pd.DataFrame(rows).set_index("benchmark")


def headline(records: dict) -> pd.DataFrame:
    """One row per target: the figure measured, the target and whether it is met."""
    rows = []
    if "bench_inference" in records:
        eager = inference(records["bench_inference"]).loc[("fp32", False), "median_ms"].round(1)
        rows.append(("48-view 10-s panorama (fp32, eager), median", eager, "ms", PANORAMA_MS))
    if "bench_explorer" in records:
        move = round(records["bench_explorer"]["results"]["update_ms_median"], 1)
        rows.append(("explorer update, median", move, "ms", EXPLORER_MS))
    if "bench_holter" in records:
        h = holter(records["bench_holter"])
        ratio = round(h["peak_rss_mb"].max() / h["peak_rss_mb"].min(), 3)
        rows.append(
            ("Holter peak RSS, longest ÷ shortest recording", ratio, "×", HOLTER_RSS_FACTOR)
        )
    if "bench_memory" in records:
        ratio = records["bench_memory"]["results"]["summary"]["epoch_peak_rss_ratio"]
        sizes = records["bench_memory"]["settings"]["sizes"]
        what = f"training epoch peak RSS, {sizes[-1]} ÷ {sizes[0]} stored records"
        rows.append((what, ratio, "×", DATASET_RSS_FACTOR))
    table = pd.DataFrame(
        [
            {"figure": f, "measured": m, "unit": u, "target ≤": t, "met": m <= t}
            for f, m, u, t in rows
        ],
        columns=["figure", "measured", "unit", "target ≤", "met"],
    )
    return table.set_index("figure")


def inference(record: dict) -> pd.DataFrame:
    cols = ["median_ms", "min_ms", "max_ms", "first_call_s", "max_abs_diff"]
    df = pd.DataFrame(record["results"]).set_index(["precision", "compiled"])
    return df[cols].round({"median_ms": 1, "min_ms": 1, "max_ms": 1, "first_call_s": 2})


def explorer(record: dict) -> pd.DataFrame:
    r = record["results"]
    names = {
        "update_ms_median": "slider move, median (ms)",
        "update_ms_max": "slider move, slowest (ms)",
        "encode_ms": "encode the recorded views once (ms)",
        "full_forward_ms_median": "a full forward pass instead, median (ms)",
    }
    return pd.DataFrame({"figure": list(names.values()), "value": [r[k] for k in names]}).set_index(
        "figure"
    )


def training(record: dict) -> pd.DataFrame:
    """Throughput and peak RSS of each training stage."""
    df = pd.DataFrame(record["results"]["stages"]).set_index("stage")
    cols = [
        "batch_size",
        "samples_per_s",
        "target_views_per_s",
        "step_ms",
        "iterations_per_s",
        "peak_rss_mb_after_data",
        "peak_rss_mb",
    ]
    return df[[c for c in cols if c in df]]


def model_sizes(record: dict) -> pd.DataFrame:
    return pd.DataFrame(record["results"]["models"]).set_index("model")


def holter(record: dict) -> pd.DataFrame:
    return pd.DataFrame(record["results"]).set_index("hours")


def store_integrity(record: dict) -> pd.DataFrame:
    """Opening a record store and reading every record, with its checksums verified (as
    nefnet always reads) and without: medians in seconds, records/s, and the ratio."""
    r = record["results"]
    rows = {
        mode: {
            "open (s)": r[f"open_s_{mode}"],
            "read every record (s)": r[f"read_s_{mode}"],
            "records/s": r[f"records_per_s_{mode}"],
        }
        for mode in ("verified", "unverified")
    }
    return pd.DataFrame(rows).T
