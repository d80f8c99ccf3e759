"""The tables a reviewer can re-run one by one (``nefnet reproduce table5``): which chapter
computes each, how to read its numbers from the chapter's results, the paper's numbers beside
them, and how far a re-run may drift from the committed reference before it counts as a
failure. References live in ``recorded/reference/<artefact>.<scale>.json``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..paths import repo_root
from . import paper_numbers as paper


@dataclass(frozen=True)
class Artefact:
    name: str
    chapter: str
    title: str
    extract: object  # metrics dict → {row: value}
    unit: str = "dB"
    tolerance: float = 0.5  # |this run − reference| allowed, in ``unit``
    paper: dict = field(default_factory=dict)  # {row: the paper's value (mean over datasets)}


def _mean(values):
    return float(np.mean([v for v in values if v is not None]))


def _rows(table, key):
    return {row: float(v[key]) for row, v in table.items()}


def _table2(m):
    mean = pd.DataFrame(m["table2"]).groupby(["protocol", "method"], sort=False)["psnr"].mean()
    return {f"{p} · {method}": float(v) for (p, method), v in mean.items()}


def _table3(m, key="psnr"):
    return {
        f"({r['inputs']},{r['supervised']}) · {r['method']} · {r['task']}": float(r[key])
        for r in m["table3"]
    }


def _gaps(m):
    t = _table3(m)
    return {
        k.replace(" · reconstruction", " · gap"): v - t[k.replace("reconstruction", "synthesis")]
        for k, v in t.items()
        if k.endswith("reconstruction")
    }


def _paper_table3():
    out = {}
    for (n, method, task), values in paper.V2_TABLE3.items():
        for sup, v in zip(paper.V2_TABLE3_SUPERVISION, values):
            name = "reconstruction" if task == "Rec" else "synthesis"
            out[f"paper · ({n},{sup}) · {method} · {name}"] = v
    return out


def _paper_gaps():
    t = _paper_table3()
    return {
        k.replace(" · reconstruction", " · gap"): v - t[k.replace("reconstruction", "synthesis")]
        for k, v in t.items()
        if k.endswith("reconstruction")
    }


ARTEFACTS = {
    a.name: a
    for a in (
        Artefact(
            "table5",
            "05_three_stage",
            "NEF-NET v2 Table 5 analogue: unseen V2 PSNR per stage, mean of the devices",
            lambda m: {row: float(v["mean"]) for row, v in m["psnr_unseen"].items()},
            paper={f"paper · {k}": _mean(v) for k, v in paper.V2_TABLE5.items()},
        ),
        Artefact(
            "table10",
            "05_three_stage",
            "NEF-NET v2 Table 10 analogue: PSNR after On-the-fly Calibration, by angle deviation",
            lambda m: _rows(m["table10"], "psnr_calibrated"),
            paper={f"paper · {d}°": v[1] for d, v in paper.V2_TABLE10.items() if v[1]},
        ),
        Artefact(
            "v1-table1",
            "03_nefnet_v1",
            "Nef-Net v1 Table 1 analogue: view transformation PSNR",
            lambda m: _rows(m["table1"], "PSNR"),
            paper={
                f"paper · {a} {c}": _mean(v[0] for v in d.values())
                for (a, c), d in paper.V1_TABLE1.items()
            },
        ),
        Artefact(
            "v1-table2",
            "03_nefnet_v1",
            "Nef-Net v1 Table 2 analogue: synthesis of unseen views",
            lambda m: _rows(m["table2"], "PSNR"),
            paper={
                f"paper · {k}": _mean(v[0] for v in d.values()) for k, d in paper.V1_TABLE2.items()
            },
        ),
        Artefact(
            "table2",
            "06_panobench",
            "NEF-NET v2 Table 2 analogue: PSNR per protocol and method, mean of the devices",
            _table2,
            paper={f"paper · {p} · {m}": _mean(v) for (m, p), v in paper.V2_TABLE2.items()},
        ),
        Artefact(
            "table3",
            "06_panobench",
            "NEF-NET v2 Table 3 analogue: 48-view device, inputs × supervision",
            _table3,
            paper=_paper_table3(),
        ),
        Artefact(
            "fig5",
            "06_panobench",
            "NEF-NET v2 Fig. 5 analogue: reconstruction minus synthesis PSNR per grid cell",
            _gaps,
            paper=_paper_gaps(),
        ),
        Artefact(
            "fig12",
            "06_panobench",
            "NEF-NET v2 Fig. 12 analogue: a 48-view panorama's PSNR by view role",
            lambda m: {role: float(v) for role, v in m["panorama_psnr"].items()},
        ),
        Artefact(
            "panobench-distance",
            "06_panobench",
            "Synthesis PSNR against the angle to the nearest view seen (Spearman ρ, dB per 10°)",
            lambda m: {
                f"{col} · {k}": float(v[k])
                for col, v in m["distance"].items()
                for k in ("spearman_rho", "dB_per_10deg")
            },
            unit="",
            tolerance=0.1,
        ),
        Artefact(
            "table12",
            "08_noise",
            "NEF-NET v2 Table 12 analogue: PSNR by noise type and reference, mean of the devices",
            lambda m: (
                pd.DataFrame(m["table12"])
                .groupby(["method", "reference", "noise"])["psnr"]
                .mean()
                .pipe(lambda s: {" · ".join(k): float(v) for k, v in s.items()})
            ),
            paper={
                f"paper · NEF-NET v2 · {ref} · {kind}": _mean(v[0] for v in values)
                for (ref, kind), values in paper.V2_TABLE12.items()
            },
        ),
        Artefact(
            "noise-sweep",
            "08_noise",
            "PSNR lost per dB of SNR, per noise type, method and input treatment",
            lambda m: {
                f"{row} · {inputs}": float(v)
                for row, d in m["slopes"].items()
                for inputs, v in d.items()
            },
            unit="dB/dB",
            tolerance=0.05,
        ),
        Artefact(
            "table4",
            "09_clinical",
            "NEF-NET v2 Table 4 analogue: unseen V2 PSNR per class (sim-cpsc)",
            lambda m: {f"{r['method']} · {r['class']}": float(r["psnr"]) for r in m["table4"]},
            paper={
                f"paper · {method} · {c}": v
                for (method, metric), values in paper.V2_TABLE4.items()
                if metric == "PSNR"
                for c, v in zip(paper.V2_TABLE4_CLASSES, values)
            },
        ),
        Artefact(
            "bbb-criteria",
            "09_clinical",
            "BBB criteria: agreement of true and synthesized V1/V6 per class and criterion",
            lambda m: {
                f"{src} · {r['group']} · {r['criterion']}": float(r["agreement"])
                for src in ("sim", "real")
                for r in m[f"agreement_{src}"]
            },
            unit="",
            tolerance=0.05,
        ),
        Artefact(
            "v1-table4",
            "09_clinical",
            "Nef-Net v1 Table 4 question: a Normal/LBBB/RBBB classifier with synthesized V1/V6",
            lambda m: {
                f"{src} · {setting} · accuracy": float(v["accuracy"])
                for src in ("sim", "real")
                for setting, v in m[f"classifier_{src}"].items()
            },
            unit="",
            tolerance=0.05,
        ),
        Artefact(
            "scorecard",
            "02_data",
            "Realism scorecard: the default device's statistics against the pooled real samples",
            lambda m: {row: float(v[m["device"]]) for row, v in m["realism_targets"].items()},
            unit="",
            tolerance=0.02,
        ),
        Artefact(
            "real-v2",
            "10_real_records",
            "Real CinC records: unseen V2 PSNR of every method",
            lambda m: _rows(m["unseen"], "PSNR (dB)"),
        ),
    )
}


def get(name: str) -> Artefact:
    if name not in ARTEFACTS:
        raise ValueError(f"unknown artefact {name!r}; expected one of {sorted(ARTEFACTS)}")
    return ARTEFACTS[name]


def listing(chapters) -> pd.DataFrame:
    """Every reproducible artefact and chapter, with the chapter that computes it."""
    rows = [(a.name, a.chapter, a.title) for a in ARTEFACTS.values()]
    rows += [(c[:2], c, "the whole chapter") for c in chapters]
    return pd.DataFrame(rows, columns=["artefact", "chapter", "what"]).set_index("artefact")


def reference_path(name: str, scale: str) -> Path:
    return repo_root() / "recorded" / "reference" / f"{name}.{scale}.json"


def load_reference(name: str, scale: str) -> dict | None:
    path = reference_path(name, scale)
    return json.loads(path.read_text()) if path.is_file() else None


def drift_table(artefact: Artefact, values: dict, reference: dict | None) -> pd.DataFrame:
    """This run, the committed reference and their difference per row, then the paper's rows."""
    ref = (reference or {}).get("values", {})
    rows = [
        (row, v, ref.get(row), None if row not in ref else v - ref[row])
        for row, v in values.items()
    ]
    rows += [(row, None, None, None) for row in ref if row not in values]
    table = pd.DataFrame(rows, columns=["row", "this run", "reference", "drift"]).set_index("row")
    table["paper"] = None
    for row, v in artefact.paper.items():
        table.loc[row, "paper"] = v
    return table


def exceeded(table: pd.DataFrame, artefact: Artefact) -> list[str]:
    """Rows whose drift exceeds the artefact's tolerance, or missing on one side."""
    ours = table[~table.index.str.startswith("paper · ")]
    bad = ours[ours["drift"].abs() > artefact.tolerance].index.tolist()
    return bad + ours[ours["this run"].isna()].index.tolist()


def run(name, scale="book", seeds=1, data=None, device=None, progress=True) -> dict:
    """Execute the artefact's chapter for seeds 0 … ``seeds``−1 with papermill and read its
    numbers: ``{"values": mean per row, "per_seed": [...], "notebooks": [...]}``."""
    import papermill as pm

    from ..paths import results_root
    from . import reproduce as runs

    artefact = get(name)
    if artefact.chapter not in runs.chapters():
        raise ValueError(f"{name}: its chapter {artefact.chapter} is missing from notebooks/")
    declared = pm.inspect_notebook(str(repo_root() / "notebooks" / f"{artefact.chapter}.ipynb"))
    per_seed, notebooks = [], []
    for seed in range(seeds):
        out = results_root() / "runs" / f"{name}-{scale}-seed{seed}"
        params = {"SCALE": scale, "SEED": seed, "RESULTS_DIR": str(out)}
        params |= {"DATA_DIR": data} if data else {}
        params |= {"DEVICE": device} if device else {}
        params = {k: v for k, v in params.items() if k in declared}
        notebooks.append(
            runs.reproduce(artefact.chapter, params, out / f"{artefact.chapter}.ipynb", progress)
        )
        metrics = json.loads((out / artefact.chapter / "metrics.json").read_text())
        per_seed.append(artefact.extract(metrics))
    rows = list(per_seed[0])
    values = {r: float(np.mean([s[r] for s in per_seed if r in s])) for r in rows}
    return {"values": values, "per_seed": per_seed, "notebooks": [str(p) for p in notebooks]}


def write_reference(name, scale, result, command: str, seeds: int) -> Path:
    from ..data.jsonio import write_json

    data = {
        "artefact": name,
        "scale": scale,
        "seeds": list(range(seeds)),
        "command": command,
        "values": result["values"],
    }
    return write_json(reference_path(name, scale), data)
