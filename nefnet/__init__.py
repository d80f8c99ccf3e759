"""nefnet — Electrocardio Panorama: synthesize the ECG seen from any viewpoint (θ, φ).

A thin package behind the executed Jupyter Book that reproduces Nef-Net (IJCAI 2021) and
NEF-NET v2. Chapters write ``import nefnet`` and call e.g. ``nefnet.dipole.fit_dipole``;
sub-modules load on first use, so scripts that need only the data layer start fast.

Modules: ``views`` (lead names, angle tables), ``geometry`` (axes, unit and lead vectors),
``dipole``, ``baselines``, ``metrics``, ``signal``, ``beats``, ``vcg``, ``data`` (records,
readers, protocols, datasets), ``simulate`` (SimPanobench), ``models`` (Nef-Net v1, NEF-NET v2),
``train``, ``calibrate``, ``evaluate``, ``modelio``, ``pipeline``, ``paths``, ``fetch``,
``scales``, ``results``, ``plots``, ``simplots``, ``widgets``, ``notebook``.
"""

import importlib

__version__ = "0.1.0"

_SUBMODULES = ("architecture", "baselines", "beats", "calibrate", "data", "dipole", "evaluate",
               "fetch", "geometry", "metrics", "modelio", "models", "notebook", "paths",
               "pipeline", "plots", "reproduce", "results", "scales", "signal", "simplots",
               "simulate", "train", "vcg", "views", "widgets")
__all__ = list(_SUBMODULES) + ["setup"]


def __getattr__(name):
    if name in _SUBMODULES:
        return importlib.import_module(f"{__name__}.{name}")
    if name == "setup":
        return importlib.import_module(f"{__name__}.notebook").setup
    raise AttributeError(f"module 'nefnet' has no attribute {name!r}")
