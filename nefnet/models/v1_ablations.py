"""Nef-Net v1's Table 3 ablation as configuration switches of the one NefNetV1 (never forks).

Each row of the paper's table switches off (or replaces) one of: the angle perturbation ε, the
Angular Encoding (AE), the independent deflection representations Z_d, and the Standin terms
L_Zb / L_Zd — or anchors those at one random view's representation instead of the average
(L'_Zb / L'_Zd). The printed table lost its column alignment; the switches below are our
reading of it (each row's ticks counted from the left)."""

#: name → (what it changes, switches on the NefNetV1Config preset), in the paper's row order
V1_ABLATIONS = {
    "(a) full": ("ε, AE, Z_d, L_Zb and L_Zd: the benchmark model", {}),
    "(b) no ε": ("no angle perturbation", {"jitter_deg": 0.0}),
    "(b) no AE": ("raw angles instead of the Angular Encoding (ε kept)", {"angle_encoding": "raw"}),
    "(c) no Z_d": (
        "no independent deflection representations (z2 as a second basic half), L_Zb only",
        {"deflections": False},
    ),
    "(d) no L_Zd": ("Standin term on Z_b only", {"standin_deflection": "off"}),
    "(d) no L_Zb": ("Standin term on Z_d only", {"standin_basic": "off"}),
    "(d) no L_Z": (
        "no Standin terms",
        {"standin_basic": "off", "standin_deflection": "off"},
    ),
    "(d) L'_Zb only": (
        "L_Zb anchored at a random view, no L_Zd",
        {"standin_basic": "random", "standin_deflection": "off"},
    ),
    "(e) L'_Zd": ("L_Zd anchored at a random view", {"standin_deflection": "random"}),
    "(e) L'_Zb + L'_Zd": (
        "both Standin terms anchored at a random view",
        {"standin_basic": "random", "standin_deflection": "random"},
    ),
}


def v1_ablation(name: str) -> dict:
    """The switches of a named v1 ablation row."""
    if name not in V1_ABLATIONS:
        raise ValueError(
            f"unknown Nef-Net v1 ablation {name!r}; expected one of {list(V1_ABLATIONS)}"
        )
    return dict(V1_ABLATIONS[name][1])
