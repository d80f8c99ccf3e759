"""The deep baselines of NEF-NET v2's Table 2, by the paper's names: each lead-to-lead model
(:mod:`nefnet.models.lead_map`) with its configuration class and its sizes per training scale.

``book`` sizes are reduced so that training and (for SSSD) sampling fit 2 CPU cores; ``paper``
sizes follow the originals where their papers state them (SSSD: 200 diffusion steps, 36
residual layers of 256 channels, S4 state 64) and are otherwise ours.
"""

from __future__ import annotations

from .ecgrecover import ECGRecover, ECGRecoverConfig
from .ekgan import EKGAN, EKGANConfig
from .elstm import ELSTM, ELSTMConfig
from .sssd import SSSD, SSSDConfig

#: the paper's name → (model class, configuration class)
DEEP_BASELINES = {
    "E-LSTM": (ELSTM, ELSTMConfig),
    "ECGRecover": (ECGRecover, ECGRecoverConfig),
    "EKGAN": (EKGAN, EKGANConfig),
    "SSSD": (SSSD, SSSDConfig),
}

#: name → scale → configuration fields (beside the leads)
SIZES = {
    "E-LSTM": {
        "smoke": {"hidden": 8, "layers": 1},
        "book": {"hidden": 64, "layers": 2},
        "paper": {"hidden": 128, "layers": 2},
    },
    "ECGRecover": {
        "smoke": {"channels": 4, "depth": 2},
        "book": {"channels": 16, "depth": 3},
        "paper": {"channels": 32, "depth": 4},
    },
    "EKGAN": {
        "smoke": {"channels": 4, "depth": 2, "disc_channels": 4},
        "book": {"channels": 16, "depth": 4, "disc_channels": 16},
        "paper": {"channels": 32, "depth": 5, "disc_channels": 32},
    },
    "SSSD": {
        "smoke": {"channels": 8, "layers": 1, "state": 4, "steps": 8},
        "book": {"channels": 32, "layers": 4, "state": 8, "steps": 50},
        "paper": {"channels": 256, "layers": 36, "state": 64, "steps": 200, "beta_end": 0.02},
    },
}

#: the configuration's ``baseline`` field → the paper's name (how a checkpoint is told)
BY_SLUG = {
    cls.__dataclass_fields__["baseline"].default: name for name, (_, cls) in DEEP_BASELINES.items()
}


def check_name(name: str) -> str:
    if name not in DEEP_BASELINES:
        raise ValueError(f"unknown deep baseline {name!r}; expected one of {list(DEEP_BASELINES)}")
    return name


def config(name: str, recorded, targets, size: str):
    """The configuration of baseline ``name`` mapping ``recorded`` → ``targets`` at ``size``
    (a scale: "smoke", "book" or "paper")."""
    sizes = SIZES[check_name(name)]
    if size not in sizes:
        raise ValueError(f"no {name} size {size!r}; expected one of {sorted(sizes)}")
    return DEEP_BASELINES[name][1](recorded=recorded, targets=targets, **sizes[size])
