"""The papers' published numbers (PSNR dB / SSIM), transcribed as facts so chapters can show
them beside SimPanobench results. They were measured on real datasets; ours are simulated.
"""

from __future__ import annotations

import pandas as pd

#: Nef-Net v1 Table 1 — view transformation, (PSNR, SSIM) on Tianchi and PTB
V1_TABLE1 = {
    ("Dower", "(12,12)"): {"Tianchi": (21.88, 0.837), "PTB": (19.99, 0.844)},
    ("Nef-Net", "(12,12)"): {"Tianchi": (33.84, 0.973), "PTB": (30.74, 0.983)},
    ("KQO", "(3,12)"): {"Tianchi": (21.55, 0.776), "PTB": (19.86, 0.810)},
    ("Nef-Net", "(3,12)"): {"Tianchi": (34.25, 0.972), "PTB": (31.53, 0.975)},
    ("KIM", "(8,12)"): {"Tianchi": (22.30, 0.835), "PTB": (21.91, 0.862)},
    ("Nef-Net", "(8,12)"): {"Tianchi": (33.24, 0.973), "PTB": (30.46, 0.982)},
}

#: Nef-Net v1 Table 2 — synthesis (unseen views) vs the same views supervised
V1_TABLE2 = {
    "(3,8,1)": {"Tianchi": (30.51, 0.946), "PTB": (29.43, 0.951)},
    "(3,8+1,0)": {"Tianchi": (32.24, 0.968), "PTB": (30.89, 0.961)},
    "(5,6,1)": {"Tianchi": (30.58, 0.949), "PTB": (29.53, 0.959)},
    "(5,6+1,0)": {"Tianchi": (32.35, 0.974), "PTB": (31.28, 0.962)},
}

#: Nef-Net v1 Table 3 — the ablation on Tianchi, Nef-Net (4, 4, 4): synthesis (PSNR, SSIM),
#: transformation (PSNR, SSIM), by the rows of nefnet.models.v1_ablations.V1_ABLATIONS
V1_TABLE3 = {
    "(a) full": (29.34, 0.957, 32.32, 0.964),
    "(b) no ε": (29.18, 0.945, 31.90, 0.955),
    "(b) no AE": (28.44, 0.941, 32.35, 0.964),
    "(c) no Z_d": (28.64, 0.946, 31.77, 0.959),
    "(d) no L_Zd": (29.16, 0.946, 32.31, 0.956),
    "(d) no L_Zb": (28.65, 0.943, 31.13, 0.961),
    "(d) no L_Z": (28.50, 0.945, 30.00, 0.959),
    "(d) L'_Zb only": (27.02, 0.936, 27.20, 0.936),
    "(e) L'_Zd": (28.91, 0.934, 32.07, 0.948),
    "(e) L'_Zb + L'_Zd": (25.97, 0.922, 26.44, 0.929),
}

V2_DATASETS = ("ChinaDB", "CPSC2018", "Tianchi", "PTB-XL")

#: NEF-NET v2 Table 2 — unseen-view synthesis PSNR, (3,8,1) and (5,6,1)
V2_UNSEEN_PSNR = {
    ("NEF-NET v2", "(3,8,1)"): (32.57, 33.62, 34.46, 33.41),
    ("Nef-Net", "(3,8,1)"): (25.24, 26.72, 27.92, 24.10),
    ("NEF-NET v2", "(5,6,1)"): (33.16, 32.76, 34.82, 32.07),
    ("Nef-Net", "(5,6,1)"): (26.06, 26.11, 28.01, 25.37),
}

#: NEF-NET v2 Table 2 — PSNR of every method it lists: reconstruction (3,9), (8,12), then synthesis
V2_TABLE2 = {
    ("E-LSTM", "(3,9)"): (20.56, 21.37, 22.76, 20.04),
    ("ECGRecover", "(3,9)"): (30.47, 30.12, 31.47, 28.57),
    ("EKGAN", "(3,9)"): (32.76, 33.35, 34.39, 31.71),
    ("SSSD", "(3,9)"): (32.53, 32.67, 33.59, 31.42),
    ("Nef-Net", "(3,9)"): (29.59, 29.12, 31.44, 30.22),
    ("NEF-NET v2", "(3,9)"): (35.84, 36.12, 37.13, 35.21),
    ("KIM", "(8,12)"): (27.65, 27.82, 28.01, 26.71),
    ("ECGRecover", "(8,12)"): (38.96, 37.74, 39.72, 35.92),
    ("EKGAN", "(8,12)"): (39.43, 39.56, 40.37, 39.83),
    ("SSSD", "(8,12)"): (39.37, 38.21, 40.57, 38.37),
    ("Nef-Net", "(8,12)"): (32.74, 31.68, 33.72, 30.58),
    ("NEF-NET v2", "(8,12)"): (39.54, 38.69, 41.52, 39.15),
    **V2_UNSEEN_PSNR,
}

#: NEF-NET v2 Table 3 — Panobench PSNR by input views (3, 5, 7) × supervised views (3, 6, 9, 12)
V2_TABLE3 = {
    (3, "Nef-Net", "Rec"): (35.13, 34.22, 34.28, 34.68),
    (3, "NEF-NET v2", "Rec"): (37.25, 36.22, 36.15, 36.06),
    (3, "Nef-Net", "Syn"): (21.13, 29.49, 31.89, 32.98),
    (3, "NEF-NET v2", "Syn"): (31.63, 33.05, 35.13, 35.57),
    (5, "Nef-Net", "Rec"): (35.77, 34.80, 34.19, 35.14),
    (5, "NEF-NET v2", "Rec"): (38.52, 38.18, 36.66, 38.56),
    (5, "Nef-Net", "Syn"): (21.08, 30.35, 32.15, 33.83),
    (5, "NEF-NET v2", "Syn"): (32.01, 33.24, 35.06, 36.11),
    (7, "Nef-Net", "Rec"): (35.82, 32.37, 33.86, 35.34),
    (7, "NEF-NET v2", "Rec"): (40.85, 37.25, 36.68, 38.48),
    (7, "Nef-Net", "Syn"): (21.78, 28.06, 31.94, 34.47),
    (7, "NEF-NET v2", "Syn"): (32.86, 33.21, 34.57, 36.11),
}
V2_TABLE3_SUPERVISION = (3, 6, 9, 12)

#: NEF-NET v2 Table 12 — synthesis (PSNR, SSIM) from noisy leads, against the noisy reference
#: ("before filtering") and the filtered one ("after filtering"), per dataset of V2_DATASETS
V2_TABLE12 = {
    ("before filtering", "powerline"): (
        (32.14, 0.979),
        (33.11, 0.983),
        (34.57, 0.980),
        (33.04, 0.981),
    ),
    ("before filtering", "baseline"): (
        (32.53, 0.982),
        (33.47, 0.983),
        (34.69, 0.981),
        (33.25, 0.981),
    ),
    ("before filtering", "clean"): ((33.24, 0.986), (34.18, 0.987), (35.14, 0.987), (34.17, 0.983)),
    ("after filtering", "powerline"): (
        (33.21, 0.985),
        (34.09, 0.985),
        (35.12, 0.987),
        (34.04, 0.982),
    ),
    ("after filtering", "baseline"): (
        (33.08, 0.984),
        (34.13, 0.985),
        (34.97, 0.986),
        (33.95, 0.982),
    ),
    ("after filtering", "clean"): ((33.24, 0.986), (34.18, 0.987), (35.14, 0.987), (34.17, 0.983)),
}

#: NEF-NET v2 Table 4 — synthesis (PSNR, SSIM) per CPSC2018 class; "AV" as printed (it is not
#: the plain mean of the nine classes)
V2_TABLE4_CLASSES = ("Normal", "AF", "I-AVB", "LBBB", "RBBB", "PAC", "PVC", "STD", "STE", "AV")
V2_TABLE4 = {
    ("Nef-Net", "PSNR"): (30.51, 25.12, 27.35, 25.24, 25.19, 27.64, 28.10, 28.95, 27.15, 26.72),
    ("NEF-NET v2", "PSNR"): (35.41, 32.42, 33.41, 28.35, 32.18, 33.67, 33.14, 34.96, 33.24, 33.62),
    ("Nef-Net", "SSIM"): (0.977, 0.941, 0.961, 0.944, 0.943, 0.959, 0.962, 0.965, 0.958, 0.957),
    ("NEF-NET v2", "SSIM"): (0.989, 0.976, 0.978, 0.955, 0.975, 0.976, 0.982, 0.984, 0.977, 0.985),
}

#: NEF-NET v2 Table 7 — CPSC2018 records per class: (training set, testing set)
V2_TABLE7 = {
    "Normal": (734, 184),
    "AF": (878, 220),
    "I-AVB": (563, 141),
    "LBBB": (165, 42),
    "RBBB": (1356, 339),
    "PAC": (445, 111),
    "PVC": (538, 134),
    "STD": (660, 165),
    "STE": (162, 40),
}

#: NEF-NET v2 Table 11 — ablation on CPSC2018 (3,8,1) after Device Calibration:
#: (synthesis PSNR, SSIM, reconstruction PSNR, SSIM)
V2_TABLE11 = {
    "A": (26.79, 0.958, 28.47, 0.960),
    "B": (29.54, 0.972, 32.22, 0.971),
    "C": (31.19, 0.976, 35.79, 0.981),
    "D": (30.04, 0.976, 35.41, 0.976),
}

#: NEF-NET v2 Table 9 — data efficiency on CPSC2018: share of the training data → (PSNR, SSIM)
#: without and with pretraining
V2_TABLE9 = {
    "1%": ((24.68, 0.936), (31.75, 0.978)),
    "5%": ((29.04, 0.961), (31.91, 0.978)),
    "10%": ((30.05, 0.974), (31.89, 0.979)),
    "50%": ((31.07, 0.975), (32.14, 0.979)),
    "100%": ((31.67, 0.976), (32.06, 0.979)),
}

#: NEF-NET v2 Table 5 — stage ablation, (3,8,1) unseen-view PSNR
V2_TABLE5 = {
    "Stage I (Any-Pairs)": (29.83, 31.01, 32.71, 31.15),
    "+ Stage II (Device)": (30.77, 32.08, 33.05, 31.15),
    "+ Stage III (On-the-fly)": (32.57, 33.62, 34.46, 33.41),
}

#: NEF-NET v2 Table 10 — CPSC2018, angle deviation (deg) → PSNR uncorrected / after OF-CAL
V2_TABLE10 = {0: (32.08, None), 10: (30.71, 33.24), 20: (28.79, 33.09), 30: (26.53, 33.09)}

#: NEF-NET v2 §3.2 (Stage III): the standard deviation of a view's angle between subjects in
#: Panobench, "up to" this many degrees
PANOBENCH_ANGLE_SD_DEG = 10.6

#: our SimPanobench devices stand in for these datasets (nefnet.simulate.devices)
DEVICE_FOR = {
    "ChinaDB": "sim-chinadb",
    "CPSC2018": "sim-cpsc",
    "Tianchi": "sim-tianchi",
    "PTB-XL": "sim-ptbxl",
}


def table_pairs(rows: dict) -> pd.DataFrame:
    """A v1 table ``{key: {dataset: (PSNR, SSIM)}}`` → DataFrame (rows × "dataset metric")."""
    return pd.DataFrame(
        {
            k if isinstance(k, str) else " ".join(k): {
                f"{d} {m}": v[d][j] for d in v for j, m in enumerate(("PSNR", "SSIM"))
            }
            for k, v in rows.items()
        }
    ).T


def v1_gain_over_linear() -> list[float]:
    """Nef-Net v1 PSNR minus its task's linear baseline, for every task and dataset of Table 1."""
    out = []
    for (method, task), scores in V1_TABLE1.items():
        if method == "Nef-Net":
            base = next(v for (m, t), v in V1_TABLE1.items() if t == task and m != "Nef-Net")
            out += [scores[d][0] - base[d][0] for d in scores]
    return out


def v1_unseen_cost() -> list[float]:
    """Table 2: PSNR of the view supervised minus the same view unseen, per group and dataset."""
    return [
        V1_TABLE2[f"({a},{b}+1,0)"][d][0] - V1_TABLE2[f"({a},{b},1)"][d][0]
        for a, b in ((3, 8), (5, 6))
        for d in ("Tianchi", "PTB")
    ]


def table(rows: dict, columns=V2_DATASETS) -> pd.DataFrame:
    """A dict of number tuples → DataFrame (rows × datasets)."""
    return pd.DataFrame(
        {k if isinstance(k, str) else " ".join(k): v for k, v in rows.items()}, index=list(columns)
    ).T


#: what the book expects of the papers' claims (chapters 05 and 10): v2 over v1 (dB),
#: OF-CAL's recovered share of the lost PSNR and its reduction of the angle error, read at the
#: middle deviation
EXPECT = {"v2_over_v1_db": 3.0, "recovered_share": 0.8, "angle_error_reduction": 0.5}
