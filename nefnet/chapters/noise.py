"""Chapter 08 (noise robustness): synthesis from noisy recorded leads, scored against the noisy
reference, the filtered reference and the simulator's noise-free truth, before and after the
package's filters; the Table 12 analogue and an SNR sweep per noise type."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..book import paper_numbers as paper, pipeline, pipeline_v1
from ..data.protocols import Protocol
from ..data.record import Record
from ..geometry import view_angles
from ..metrics import joint_range
from ..models import VARIANT_LABELS
from ..progress import tqdm
from ..scoring.evaluate import per_record, role_of, score_last
from ..scoring.methods import baseline_method, model_method
from ..signal import bandpass, notch

#: what a synthesis is scored against: the noisy recording, the recording after the package's
#: filters (the paper's "after filtering"), or the simulator's noise-free truth
REFERENCES = ("noisy", "filtered", "truth")
#: the clean signals, as the rows of Table 12 call them
CLEAN = "clean"
NOISE_NAMES = {
    "powerline": "powerline interference",
    "baseline": "baseline wander",
    "emg": "muscle (EMG)",
    "motion": "electrode motion",
    CLEAN: "clean signal",
}


@dataclass
class Rescored(Record):
    """A record whose synthesis is scored against ``against`` instead of its own signals."""

    against: np.ndarray | None = None

    @property
    def reference(self) -> np.ndarray:
        return self.signals if self.against is None else self.against


def package_filter(signals, sampling_rate, powerline_hz=50.0):
    """The package's standard clean-up: a 0.5–40 Hz band-pass and a notch at the mains."""
    return notch(bandpass(signals, sampling_rate), sampling_rate, powerline_hz)


def rescored(record, against: str, powerline_hz=50.0) -> Rescored:
    """``record`` (simulated, noisy) to be scored against its noisy signals, their filtered
    version or its noise-free truth."""
    if against not in REFERENCES:
        raise ValueError(f"unknown reference {against!r}; expected one of {REFERENCES}")
    if against == "filtered":
        ref = package_filter(record.signals, record.sampling_rate, powerline_hz)
    else:
        ref = record.signals if against == "noisy" else record.reference
    return Rescored(record.signals, record.sampling_rate, record.leads, record.name, {}, ref)


def filtered_inputs(method, sampling_rate, powerline_hz=50.0):
    """``method`` given the recorded views after :func:`package_filter`."""

    def run(x, *args, **kwargs):
        return method(package_filter(x, sampling_rate, powerline_hz), *args, **kwargs)

    return run


def methods_for(device, scale=None, torch_device="cpu", train_seed=0) -> dict:
    """The (3,8,1) methods of the chapter on ``device``: both NEF-NET v2 variants after
    Stage II, Nef-Net v1 (window mode) — trained with ``train_seed`` —, dipole-LSQ and Dower."""
    kw = {"progress": False, "device": torch_device, "seed": train_seed}
    out = {
        label: model_method(
            pipeline.stage2_model(device, scale, variant=v, stage1_seed=train_seed, **kw)[0]
        )
        for v, label in VARIANT_LABELS.items()
    }
    out["Nef-Net v1"] = model_method(pipeline_v1.v1_window_model("(3,8,1)", scale, **kw)[0])
    return out | {name: baseline_method(name) for name in ("dipole-LSQ", "Dower")}


def example(method, device, kinds, snr_db, protocol: Protocol, seconds=2.0) -> dict:
    """One test record per noise type: the unseen view as recorded (noisy), its truth and its
    synthesis from the noisy recorded views (last ``seconds``). Returns (time in s, rows)."""
    view, out = protocol.unseen[0], {}
    for kind in kinds:
        rec = noisy_records(device, 1, kind, snr_db)[0]
        n = int(seconds * rec.sampling_rate)
        x = rec.select(protocol.recorded)[:, -n:]
        truth = rec.select_reference([view])[0, -n:]
        joint = joint_range(x, truth[None])
        y = method(
            x,
            protocol.recorded,
            view_angles(protocol.recorded),
            [view],
            view_angles([view]),
            joint=joint,
        )
        out[NOISE_NAMES[kind]] = (rec.select([view])[0, -n:], truth, y[0])
    return np.arange(n) / rec.sampling_rate, out


def noisy_records(device, n, kind, snr_db, seed=pipeline.TEST_SEED):
    """``n`` test records of ``device`` with one noise type at ``snr_db`` (``kind`` "clean":
    none); the same subjects and hearts whatever the noise."""
    noise = {} if kind == CLEAN else {kind: float(snr_db)}
    return pipeline.device_records(device, n, seed, noise_snr_db=noise)


def score(methods: dict, records, protocol: Protocol, against: str, **keys) -> list[dict]:
    """Mean PSNR/SSIM over the protocol's scored views, per method, on ``records`` rescored
    against ``against``; one row per method and record."""
    recs = [rescored(r, against) for r in records]
    rows = []
    for name, method in methods.items():
        table = per_record(score_last(method, recs, protocol), role_of(protocol))
        for record, row in table.iterrows():
            rows.append(
                {
                    **keys,
                    "method": name,
                    "reference": against,
                    "record": record,
                    "psnr": float(row["psnr"]),
                    "ssim": float(row["ssim"]),
                }
            )
    return rows


def table12_long(methods_for, devices, n, kinds, snr_db, protocol, progress=True):
    """Every method of ``methods_for(device)`` on every device and noise type (at ``snr_db``),
    scored against each reference."""
    rows = []
    jobs = [(d, k) for d in devices for k in (*kinds, CLEAN)]
    for device, kind in tqdm(jobs, desc="Table 12", disable=not progress):
        records = noisy_records(device, n, kind, snr_db)
        for against in REFERENCES:
            rows += score(
                methods_for(device), records, protocol, against, device=device, noise=kind
            )
    return pd.DataFrame(rows)


def table12(long: pd.DataFrame, method: str) -> pd.DataFrame:
    """(reference, noise) × device PSNR / SSIM of one method, like the paper's Table 12."""
    part = long[long["method"] == method]
    mean = part.groupby(["reference", "noise", "device"], sort=False)[["psnr", "ssim"]].mean()
    text = mean.apply(lambda r: f"{r['psnr']:.2f} / {r['ssim']:.3f}", axis=1).unstack("device")
    return text.rename(index=NOISE_NAMES, level=1)


def paper_table12() -> pd.DataFrame:
    """The paper's Table 12 in the layout of :func:`table12` (datasets for devices)."""
    rows = {
        (ref, NOISE_NAMES[kind]): [f"{p:.2f} / {s:.3f}" for p, s in values]
        for (ref, kind), values in paper.V2_TABLE12.items()
    }
    return pd.DataFrame(rows, index=list(paper.V2_DATASETS)).T


def sweep_long(methods: dict, device, n, kinds, snrs, protocol, progress=True) -> pd.DataFrame:
    """PSNR against the noise-free truth over an SNR sweep, per noise type and method, with
    the recorded views as they are and after the package's filters."""
    rows = []
    for kind in tqdm(kinds, desc="SNR sweep", disable=not progress):
        for snr in snrs:
            records = noisy_records(device, n, kind, snr)
            rate = records[0].sampling_rate
            both = {(m, "raw"): f for m, f in methods.items()}
            both |= {(m, "filtered"): filtered_inputs(f, rate) for m, f in methods.items()}
            for (name, inputs), method in both.items():
                for row in score(
                    {name: method},
                    records,
                    protocol,
                    "truth",
                    noise=kind,
                    snr_db=snr,
                    inputs=inputs,
                ):
                    rows.append(row)
    return pd.DataFrame(rows)


def slopes(sweep: pd.DataFrame) -> pd.DataFrame:
    """PSNR lost per dB of SNR (least-squares slope of the mean PSNR against the SNR), per noise
    type, method and input treatment."""
    mean = sweep.groupby(["noise", "method", "inputs", "snr_db"])["psnr"].mean().reset_index()
    out = mean.groupby(["noise", "method", "inputs"]).apply(
        lambda g: np.polyfit(g["snr_db"], g["psnr"], 1)[0], include_groups=False
    )
    return out.rename("dB PSNR per dB SNR").unstack("inputs")
