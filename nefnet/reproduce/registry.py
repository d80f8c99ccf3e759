"""The registry of what ``nefnet reproduce`` can re-run table by table: for each artefact its
chapter, how to read its numbers from the chapter's results, the paper's numbers beside them
(and which of our rows each one faces), the drift it tolerates, what ``--data`` gives it and
how its rows spread over records."""

from __future__ import annotations

from ..book import paper_numbers as paper
from . import rows as extract
from .artefact import Artefact
from .scale_claims import CLAIMS
from .scale_extra_claims import EXTRA_CLAIMS

#: the paper's value of every scale-ladder claim it makes (our rows face them by claim)
_SCALE_PAPER = {f"paper · {c.key}": c.target for c in (*CLAIMS, *EXTRA_CLAIMS) if c.paper}
#: the paper's Nef-Net v1 Table 2 rows (our v1 rows face them by protocol)
_V1_TABLE2_PAPER = extract.paper_with_ssim(paper.V1_TABLE2, str)


ARTEFACTS = {
    a.name: a
    for a in (
        Artefact(
            "table7",
            "02_data",
            "NEF-NET v2 Table 7 analogue: the CPSC-like device's classes, % of each part",
            lambda m: dict(m.get("table7", {})),
            unit="%",
            paper=extract.paper_table7(),
            versus=extract.versus_table7,
        ),
        Artefact(
            "table5",
            "05_three_stage",
            "NEF-NET v2 Table 5 analogue: unseen V2 PSNR per stage, mean of the devices",
            lambda m: {row: float(v["mean"]) for row, v in m["psnr_unseen"].items()},
            paper={f"paper · {k}": extract.mean(v) for k, v in paper.V2_TABLE5.items()},
            spread=lambda m: m.get("psnr_unseen_sd_records", {}),
            versus=extract.TABLE5_VERSUS.get,
        ),
        Artefact(
            "table10",
            "05_three_stage",
            "NEF-NET v2 Table 10 analogue: PSNR after On-the-fly Calibration, by angle deviation",
            extract.table10,
            paper=extract.paper_table10(),
            versus=extract.versus_table10,
        ),
        Artefact(
            "fidelity-sim",
            "05_three_stage",
            "SimPanobench (3,8,1), first device: diagnostic fidelity of the unseen V2 (slope of "
            "synthesized against true value; 1 = kept)",
            extract.fidelity_slopes,
            unit="",
            tolerance=0.05,
        ),
        Artefact(
            "v1-table1",
            "03_nefnet_v1",
            "Nef-Net v1 Table 1 analogue: view transformation PSNR and SSIM",
            lambda m: extract.with_ssim(m["table1"]),
            paper=extract.paper_with_ssim(paper.V1_TABLE1, " ".join),
        ),
        Artefact(
            "v1-table2",
            "03_nefnet_v1",
            "Nef-Net v1 Table 2 analogue: synthesis of unseen views, PSNR and SSIM",
            lambda m: extract.with_ssim(m["table2"]),
            paper=extract.paper_with_ssim(paper.V1_TABLE2, str),
            versus=lambda row: extract.v1_versus(row, _V1_TABLE2_PAPER),
        ),
        Artefact(
            "table2",
            "06_panobench",
            "NEF-NET v2 Table 2 analogue: PSNR per protocol and method, mean of the devices",
            extract.table2,
            paper={f"paper · {p} · {m}": extract.mean(v) for (m, p), v in paper.V2_TABLE2.items()},
            spread=extract.table2_spread,
            versus=extract.versus_table2,
        ),
        Artefact(
            "v2-table1",
            "06_panobench",
            "NEF-NET v2 Table 1 analogue: synthesis PSNR range over protocols and devices",
            extract.v2_table1,
            paper=extract.paper_v2_table1(),
            versus=extract.versus_v2_table1,
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
            lambda m: extract.metric_columns(m["table11"]),
            paper=extract.paper_metrics(paper.V2_TABLE11, "reconstruction"),
        ),
        Artefact(
            "table9",
            "07_ablations",
            "NEF-NET v2 Table 9 analogue: synthesis PSNR, SSIM by device records, ± Stage I",
            extract.table9,
            paper=extract.paper_table9(),
            versus=extract.versus_table9,
        ),
        Artefact(
            "v1-table3",
            "07_ablations",
            "Nef-Net v1 Table 3 analogue: the v1 ablation on the (4,4,4) beat task, PSNR, SSIM",
            lambda m: extract.metric_columns(m["v1_table3"]),
            paper=extract.paper_metrics(paper.V1_TABLE3, "transformation"),
        ),
        Artefact(
            "table12",
            "08_noise",
            "NEF-NET v2 Table 12 analogue: PSNR, SSIM by noise type and reference, device mean",
            extract.table12,
            paper=extract.paper_table12(),
            versus=extract.versus_table12,
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
            "NEF-NET v2 Table 4 analogue: unseen V2 PSNR, SSIM per class (sim-cpsc)",
            extract.table4,
            paper={
                f"paper · {method} · {c}" + ("" if metric == "PSNR" else f" · {metric}"): v
                for (method, metric), values in paper.V2_TABLE4.items()
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
            reads="the real CinC 2021 records under DIR/cinc2021 (its cinc rows)",
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
            reads="real CinC 2021 records (DIR/cinc2021), roahd beats (DIR/roahd): its real rows",
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
            reads="the real roahd beats under DIR/roahd (its real rows)",
        ),
        Artefact(
            "scorecard",
            "02_data",
            "Realism scorecard: the default device's statistics against the pooled real samples",
            lambda m: {row: float(v[m["device"]]) for row, v in m["realism_targets"].items()},
            unit="",
            tolerance=0.02,
            reads="the real samples under DIR (cinc2021/, ptb/, cpsc2018/, tianchi/)",
        ),
        Artefact(
            "real-v2",
            "10_real_records",
            "Real CinC records: unseen V2 PSNR of every method",
            lambda m: extract.rows(m["unseen"], "PSNR (dB)"),
            reads="the real CinC 2021 records under DIR/cinc2021",
        ),
        Artefact(
            "fidelity-real",
            "10_real_records",
            "Real CinC records: diagnostic fidelity of the unseen V2 (slope of synthesized "
            "against true value; 1 = kept)",
            extract.fidelity_slopes,
            unit="",
            tolerance=0.05,
            reads="the real CinC 2021 records under DIR/cinc2021",
        ),
        Artefact(
            "fidelity-rec39",
            "06_panobench",
            "(3,9) reconstruction on one device: diagnostic fidelity of the nine reconstructed "
            "leads per method, deep baselines included (slope of reconstructed against true)",
            lambda m: extract.fidelity_slopes(m, "supervised", "fidelity_rec39"),
            unit="",
            tolerance=0.05,
        ),
        Artefact(
            "classifier-retention",
            "09_clinical",
            "Classifier trained on true leads: macro-F1 share kept on synthesized V1/V6",
            extract.retention,
            unit="",
            tolerance=0.05,
            reads="the real roahd beats under DIR/roahd (its real rows)",
        ),
        Artefact(
            "fidelity-roahd",
            "09_clinical",
            "Real roahd beats: diagnostic fidelity of V1 and V6 synthesized from six leads "
            "(slope of synthesized against true amplitude; 1 = kept)",
            lambda m: extract.fidelity_slopes(m, "unseen", "fidelity_roahd"),
            unit="",
            tolerance=0.05,
            reads="the real roahd beats under DIR/roahd",
        ),
        Artefact(
            "scale-verdicts",
            "12_scale",
            "The scale ladder: each headline claim's gap (dB) per model and rung",
            lambda m: dict(m["ladder_gaps"]),
            paper=_SCALE_PAPER,
            versus=lambda row: (
                f"paper · {row.split(' · ')[0]}"
                if f"paper · {row.split(' · ')[0]}" in _SCALE_PAPER
                else None
            ),
        ),
    )
}
