"""NEF-NET v2's named model variants: configuration switches on one deployable base, never
forks. ``NefNetV2Config.variant(name, preset)`` builds them for the CLI, the chapters and the
investigation script alike."""

#: the angle noise ε of the paper's training, in degrees (NefNetV2Config's default; a switch
#: of the deployable base)
EPSILON_DEG = 2.5

#: every variant starts from this: a linear output on inputs min–max scaled by the recorded views
#: only (a deployed model does not know the targets' range) and no angle jitter (a Nef-Net v1
#: device the v2 paper does not use; the "jitter" variant measures it)
DEPLOYABLE = {"output": "linear", "normalize": "recorded", "jitter_deg": 0.0}

_RANGE = {"normalize": "range"}
#: name → (what it is, its switches on top of :data:`DEPLOYABLE`)
VARIANTS = {
    "paper": ("the paper's architecture", {}),
    "faithful": (
        "the paper's configuration as published: its angle noise ε, the sigmoid(y/3) output and "
        "inputs min–max scaled jointly with the targets (the papers' loaders)",
        {"output": "sigmoid", "normalize": "all", "jitter_deg": EPSILON_DEG},
    ),
    "lead-prior": (
        "ours: + a lead path that also sees the dipole-LSQ weights, inputs divided "
        "by their range without a shift",
        {"lead_path": True, "lead_prior": True, **_RANGE},
    ),
    "jitter": (
        "the paper's architecture with the Nef-Net v1 angle jitter",
        {"jitter_deg": EPSILON_DEG},
    ),
    "paper-range": (
        "the paper's architecture, inputs divided by their range without a shift",
        _RANGE,
    ),
    "lead-path": (
        "+ a lead path (a signed, angle-weighted sum of the recorded signals), range scaling",
        {"lead_path": True, **_RANGE},
    ),
    "pair-film": (
        "+ a lead path and FiLM from the (query, recorded view) pair, range scaling",
        {"lead_path": True, "pair_film": True, **_RANGE},
    ),
}
#: how tables name the two variants the chapters train
VARIANT_LABELS = {"paper": "NEF-NET v2", "lead-prior": "NEF-NET v2 + lead prior (ours)"}

_EPS = {"jitter_deg": EPSILON_DEG}
#: the ablations of the paper's Table 11 and two more, each a set of switches on the paper's
#: architecture *with* its angle noise ε (C): name → (what it removes, switches)
ABLATIONS = {
    "A": (
        "averaged encoder–decoder: no GAA (views weighted alike), no GeoVT",
        {**_EPS, "attention": "mean", "geovt_layers": 0},
    ),
    "B": ("+ GeoVT, views still weighted alike", {**_EPS, "attention": "mean"}),
    "C": ("+ Geometric Angular Attention: NEF-NET v2 with ε", _EPS),
    "D": ("C without the angle noise ε (the paper variant)", {}),
    "plain attention": (
        "C with keys from the views' features instead of their angles",
        {**_EPS, "attention": "content"},
    ),
    "fixed encoding": (
        "C with the Angular Encoding through a projection never trained",
        {**_EPS, "embedding": "fixed"},
    ),
}
#: the ablations as variants ("ablation A" …), so the pipeline trains them like any other
VARIANTS |= {f"ablation {name}": spec for name, spec in ABLATIONS.items()}
