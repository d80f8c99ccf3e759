"""The registry of what ``nefnet reproduce`` can re-run table by table: for each artefact its
chapter, how to read its numbers from the chapter's results, the paper's numbers beside them and
the drift it tolerates."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ..book import paper_numbers as paper
from . import rows as extract


@dataclass(frozen=True)
class Artefact:
    name: str
    chapter: str
    title: str
    extract: object  # metrics dict → {row: value}
    unit: str = "dB"
    tolerance: float = 0.5  # |this run − reference| allowed, in ``unit``
    paper: dict = field(default_factory=dict)  # {row: the paper's value (mean over datasets)}


ARTEFACTS = {
    a.name: a
    for a in (
        Artefact(
            "table5",
            "05_three_stage",
            "NEF-NET v2 Table 5 analogue: unseen V2 PSNR per stage, mean of the devices",
            lambda m: {row: float(v["mean"]) for row, v in m["psnr_unseen"].items()},
            paper={f"paper · {k}": extract.mean(v) for k, v in paper.V2_TABLE5.items()},
        ),
        Artefact(
            "table10",
            "05_three_stage",
            "NEF-NET v2 Table 10 analogue: PSNR after On-the-fly Calibration, by angle deviation",
            lambda m: extract.rows(m["table10"], "psnr_calibrated"),
            paper={f"paper · {d}°": v[1] for d, v in paper.V2_TABLE10.items() if v[1]},
        ),
        Artefact(
            "v1-table1",
            "03_nefnet_v1",
            "Nef-Net v1 Table 1 analogue: view transformation PSNR",
            lambda m: extract.rows(m["table1"], "PSNR"),
            paper={
                f"paper · {a} {c}": extract.mean(v[0] for v in d.values())
                for (a, c), d in paper.V1_TABLE1.items()
            },
        ),
        Artefact(
            "v1-table2",
            "03_nefnet_v1",
            "Nef-Net v1 Table 2 analogue: synthesis of unseen views",
            lambda m: extract.rows(m["table2"], "PSNR"),
            paper={
                f"paper · {k}": extract.mean(v[0] for v in d.values())
                for k, d in paper.V1_TABLE2.items()
            },
        ),
        Artefact(
            "table2",
            "06_panobench",
            "NEF-NET v2 Table 2 analogue: PSNR per protocol and method, mean of the devices",
            extract.table2,
            paper={f"paper · {p} · {m}": extract.mean(v) for (m, p), v in paper.V2_TABLE2.items()},
        ),
        Artefact(
            "table2-seeds",
            "06_panobench",
            "Table 2 (3,8,1) synthesis PSNR per training seed: NEF-NET v2 per device, Nef-Net v1",
            lambda m: {
                f"{r['method']} · {r['device']} · seed {r['seed']}": float(r["psnr"])
                for r in m["seeds"]
            },
        ),
        Artefact(
            "table3",
            "06_panobench",
            "NEF-NET v2 Table 3 analogue: 48-view device, inputs × supervision",
            extract.table3,
            paper=extract.paper_table3(),
        ),
        Artefact(
            "fig5",
            "06_panobench",
            "NEF-NET v2 Fig. 5 analogue: reconstruction minus synthesis PSNR per grid cell",
            extract.gaps,
            paper=extract.paper_gaps(),
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
            "table11",
            "07_ablations",
            "NEF-NET v2 Table 11 analogue: ablations after Stage II on sim-cpsc, (3,8,1)",
            lambda m: extract.psnr_columns(m["table11"]),
            paper=extract.paper_psnr(paper.V2_TABLE11, "reconstruction"),
        ),
        Artefact(
            "table9",
            "07_ablations",
            "NEF-NET v2 Table 9 analogue: synthesis PSNR by device records, with/without Stage I",
            lambda m: {
                f"{r['records']} records · Stage I {'yes' if r['Stage I'] else 'no'}": float(
                    r["PSNR"]
                )
                for r in m["table9"]
            },
            paper={
                f"paper · {share} · Stage I {'yes' if k else 'no'}": v[k][0]
                for share, v in paper.V2_TABLE9.items()
                for k in (0, 1)
            },
        ),
        Artefact(
            "v1-table3",
            "07_ablations",
            "Nef-Net v1 Table 3 analogue: the v1 ablation on the (4,4,4) beat task, PSNR",
            lambda m: extract.psnr_columns(m["v1_table3"]),
            paper=extract.paper_psnr(paper.V1_TABLE3, "transformation"),
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
                f"paper · NEF-NET v2 · {ref} · {kind}": extract.mean(v[0] for v in values)
                for (ref, kind), values in paper.V2_TABLE12.items()
            },
        ),
        Artefact(
            "noise-sweep",
            "08_noise",
            "PSNR gained per dB of SNR (slope of the sweep), per noise type, method and inputs",
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
            "fig10",
            "09_clinical",
            "NEF-NET v2 Fig. 10 analogue: PSNR of V1/V6 synthesized from I, II, V5 (LBBB, RBBB), "
            "and of the real CinC RBBB records drawn beside it",
            lambda m: {
                f"{src} · {name} · {row}": v
                for src in ("fig10", "cinc")
                for name, rows in m[f"{src}_psnr"].items()
                for row, v in rows.items()
            },
        ),
        Artefact(
            "fig11",
            "09_clinical",
            "NEF-NET v2 Fig. 11 analogue: PSNR of virtual views (the paper's three, and V1/V2 "
            "moved up the chest) against the simulator's truth",
            lambda m: {
                f"{name} · {row}": v
                for name, rows in m["fig11_psnr"].items()
                for row, v in rows.items()
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
            lambda m: extract.rows(m["unseen"], "PSNR (dB)"),
        ),
    )
}
