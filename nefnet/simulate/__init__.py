"""SimPanobench: a physics-grounded 48-view ECG simulator with exact ground truth at any view.

Several cardiac dipole sources (atria, septum, left/right ventricle, repolarisation) inside an
ellipsoidal torso, potentials by the full dipole formula, Wilson's central terminal, per-subject
anatomy, per-exam electrode displacement, nine CPSC2018 classes, device profiles and noise.
"""

from .classes import CLASSES
from .devices import DEVICES, get_device
from .generate import (
    SIM_VIEWS,
    SIMULATOR_VERSION,
    SimConfig,
    SimRecord,
    any_view,
    simulate_record,
)

__all__ = [
    "CLASSES",
    "DEVICES",
    "get_device",
    "SIM_VIEWS",
    "SIMULATOR_VERSION",
    "SimConfig",
    "SimRecord",
    "any_view",
    "simulate_record",
]
