"""Chapter 06 (Panobench analysis): the Table 2 analogue on the four 12-lead SimPanobench
devices and the Table 3 / Fig. 5 analogue on the 48-view device — reconstruction (views the
model was supervised on) against synthesis (views it never saw), per method."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..book import paper_numbers as paper, pipeline, pipeline_deep, pipeline_v1
from ..data.protocols import get_protocol
from ..models import VARIANT_LABELS
from ..progress import tqdm
from ..reproduce.panobench_runs import (  # noqa: F401 (the chapter's names)
    TASKS,
    V1,
    V2,
    score_methods,
    table3_long,
    table3_methods,
)
from ..scoring.evaluate import per_record, score_last
from ..scoring.methods import (
    baseline_method,
    lead_map_method,
    model_method,
    per_examination,
    regression_method,
)
from ..scoring.per_patient import LIMIT_NAME as LIMIT, linear_limit
from ..training.onthefly import calibrated_method

#: our method labels → the paper's row names
PAPER_NAMES = {
    V1: "Nef-Net",
    VARIANT_LABELS["paper"]: "NEF-NET v2",
    f"{VARIANT_LABELS['paper']} · + Stage III": "NEF-NET v2",
}


def table2_methods(
    device,
    protocol: str,
    scale=None,
    regression_records=(),
    torch_device="cpu",
    train_seed=0,
    stage3=None,
):
    """Every method of the Table 2 analogue on one device and protocol: KIM (8 leads only),
    Dower, dipole-LSQ, population regression (fitted on ``regression_records`` with the
    targets, so not a synthesis method; left out of (8,12), whose targets contain its inputs),
    the paper's deep baselines on its reconstruction settings (E-LSTM on (3,9) only, as the
    paper runs it; pooled over the devices), Nef-Net v1 and both NEF-NET v2 variants after
    Stage II on the device (trained with ``train_seed``; 0: the shipped models), the paper's
    variant after Stage III when ``stage3`` (a CalibrationConfig) is given — as the paper's
    Table 2 reports it — and the linear limit (an oracle: the ceiling of every linear map of
    the recorded leads)."""
    methods = {"KIM": baseline_method("KIM")} if protocol == "(8,12)" else {}
    methods |= {name: baseline_method(name) for name in ("Dower", "dipole-LSQ")}
    if protocol != "(8,12)":
        methods["population regression"] = regression_method(
            regression_records, get_protocol(protocol)
        )
    kw = {"progress": False, "device": torch_device, "seed": train_seed}
    methods |= deep_methods(protocol, scale, **kw)
    methods[V1] = model_method(pipeline_v1.v1_window_model(protocol, scale, **kw)[0])
    for variant, label in VARIANT_LABELS.items():
        model, _ = pipeline.stage2_model(
            device, scale, protocol, variant, stage1_seed=train_seed, **kw
        )
        methods[label] = model_method(model)
        if stage3 is not None and variant == "paper":
            methods[f"{label} · + Stage III"] = stage3_method(model, protocol, stage3)
    return methods | {LIMIT: linear_limit}


def deep_methods(protocol: str, scale=None, **kw) -> dict:
    """The deep baselines the paper's Table 2 runs on ``protocol`` (none on synthesis
    protocols: a lead-to-lead model cannot produce a view it was not trained on)."""
    return {
        n: lead_map_method(pipeline_deep.deep_baseline_model(n, protocol, scale, **kw)[0])
        for n in pipeline_deep.deep_runs(protocol)
    }


def fidelity_methods(methods: dict) -> dict:
    """The methods of a reconstruction cell whose diagnostic fidelity chapter 06 measures: the
    deep baselines, both NEF-NET v2 variants, dipole-LSQ and the linear limit."""
    keep = (*pipeline_deep.DEEP_NAMES, *VARIANT_LABELS.values(), "dipole-LSQ", LIMIT)
    return {name: methods[name] for name in keep if name in methods}


def stage3_method(model, protocol: str, cfg):
    """On-the-fly Calibration of ``model`` on each record's first seconds (per record)."""
    task = get_protocol(protocol)
    return per_examination(lambda r: calibrated_method(model, r, task, cfg)[0])


def table2_long(
    test: dict,
    protocols,
    fitted: dict,
    scale=None,
    torch_device="cpu",
    progress=True,
    train_seed=0,
    stage3=None,
) -> pd.DataFrame:
    """Every method of :func:`table2_methods` on every device of ``test`` (its test records)
    and protocol; ``fitted`` holds each device's records for the population regression;
    ``stage3`` maps the protocols that get a Stage III row to its CalibrationConfig."""
    rows = []
    jobs = [(d, p) for d in test for p in protocols]
    stage3 = stage3 or {}
    for device, name in tqdm(jobs, desc="Table 2", disable=not progress):
        methods = table2_methods(
            device, name, scale, fitted[device], torch_device, train_seed, stage3.get(name)
        )
        rows += score_methods(
            methods, test[device], get_protocol(name), device=device, protocol=name
        )
    return pd.DataFrame(rows)


def with_sd(mean, sd, spec=".2f") -> str:
    return f"{mean:{spec}}" if np.isnan(sd) else f"{mean:{spec}} ± {sd:{spec}}"


def table2(long: pd.DataFrame, metric="psnr") -> pd.DataFrame:
    """(protocol, method) × device: PSNR mean ± SD over the test records (``metric="ssim"``:
    the mean SSIM), and the mean of the devices."""
    if metric == "psnr":
        cell = long.assign(text=[with_sd(m, s) for m, s in zip(long["psnr"], long["psnr_sd"])])
    else:
        cell = long.assign(text=long[metric].map("{:.3f}".format))
    order = list(dict.fromkeys(long["protocol"]))
    table = cell.pivot_table(
        index=["protocol", "method"], columns="device", values="text", aggfunc="first", sort=False
    )
    table = table[list(dict.fromkeys(long["device"]))]
    mean = long.groupby(["protocol", "method"], sort=False)[metric].mean()
    table["mean of devices"] = mean.map("{:.2f}".format if metric == "psnr" else "{:.3f}".format)
    return table.reindex(order, level=0)


def paper_table2() -> pd.DataFrame:
    """The paper's Table 2 PSNR for the methods run here, (protocol, method) × dataset."""
    rows = {(protocol, method): v for (method, protocol), v in paper.V2_TABLE2.items()}
    t = pd.DataFrame(rows, index=list(paper.V2_DATASETS)).T
    t.index.names = ["protocol", "method"]
    order = list(dict.fromkeys(p for p, _ in rows))
    t = t.reindex(order, level=0)
    t["mean of datasets"] = t.mean(axis=1).round(2)
    return t


def compare_to_paper(long: pd.DataFrame, names=PAPER_NAMES) -> pd.DataFrame:
    """Mean of the devices beside the paper's mean of the datasets, per (protocol, method);
    ``names`` maps our method labels to the paper's."""
    ours = long.groupby(["protocol", "method"], sort=False)["psnr"].mean()
    rows = []
    for (protocol, method), value in ours.items():
        theirs = paper.V2_TABLE2.get((names.get(method, method), protocol))
        rows.append(
            {
                "protocol": protocol,
                "method": method,
                "SimPanobench (mean of devices)": round(value, 2),
                "paper (mean of datasets)": f"{np.mean(theirs):.2f}" if theirs else "—",
            }
        )
    return pd.DataFrame(rows).set_index(["protocol", "method"])


def table3(long: pd.DataFrame) -> pd.DataFrame:
    """(inputs, method, task) × supervised views: PSNR mean ± SD over the records."""
    cell = long.assign(text=[with_sd(m, s) for m, s in zip(long["psnr"], long["psnr_sd"])])
    table = cell.pivot_table(
        index=["inputs", "method", "task"], columns="supervised", values="text", aggfunc="first"
    )
    return table.fillna("—")  # a cell of the grid this scale does not run


def paper_table3() -> pd.DataFrame:
    rows = {
        (n, m, "reconstruction" if t == "Rec" else "synthesis"): v
        for (n, m, t), v in paper.V2_TABLE3.items()
    }
    t = pd.DataFrame(rows, index=list(paper.V2_TABLE3_SUPERVISION)).T
    t.index.names, t.columns.name = ["inputs", "method", "task"], "supervised"
    return t


def synthesis_gap(long: pd.DataFrame) -> pd.DataFrame:
    """Reconstruction minus synthesis PSNR per grid cell and method (the paper's Fig. 5 gap)."""
    wide = long.pivot_table(index=["inputs", "supervised", "method"], columns="task", values="psnr")
    return (wide["reconstruction"] - wide["synthesis"]).rename("gap (dB)").reset_index()


def seed_study(test: dict, seeds, scale=None, torch_device="cpu", protocol="(3,8,1)"):
    """Synthesis PSNR of the unseen view per device and training seed, for NEF-NET v2 (Stage II
    from the shared Stage I, seed = Stage II's) and Nef-Net v1 (pooled over the devices)."""
    kw = {"progress": False, "device": torch_device}
    task, rows = get_protocol(protocol), []
    for seed in seeds:
        v1, _ = pipeline_v1.v1_window_model(protocol, scale, seed=seed, **kw)
        for device, records in test.items():
            v2, _ = pipeline.stage2_model(device, scale, protocol, "paper", seed=seed, **kw)
            for name, model in ((V2, v2), (V1, v1)):
                rec = per_record(score_last(model_method(model), records, task), "unseen")
                rows.append(
                    {"method": name, "device": device, "seed": seed, "psnr": rec["psnr"].mean()}
                )
    return pd.DataFrame(rows)


def seed_spread(study: pd.DataFrame, long: pd.DataFrame, protocol="(3,8,1)") -> pd.DataFrame:
    """Per method: the mean of the devices per seed, the SD of that mean over seeds, the mean
    SD over seeds within a device, and the SD over test records of Table 2 (seed 0)."""
    mean = study.groupby(["method", "seed"])["psnr"].mean().unstack("seed")
    out = mean.rename(columns=lambda s: f"seed {s}")
    out["SD over seeds (mean of devices)"] = mean.std(axis=1, ddof=1)
    per_device = study.groupby(["method", "device"])["psnr"].std(ddof=1)
    out["SD over seeds (per device, mean)"] = per_device.groupby("method").mean()
    t2 = long[(long["protocol"] == protocol) & (long["task"] == "synthesis")]
    out["SD over records (Table 2, mean)"] = t2.groupby("method")["psnr_sd"].mean()
    return out
