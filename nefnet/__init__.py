"""nefnet — Electrocardio Panorama: synthesize the ECG seen from any viewpoint (θ, φ).

A thin package behind the executed Jupyter Book that reproduces Nef-Net (IJCAI 2021) and
NEF-NET v2. Chapters write ``import nefnet`` and call e.g. ``nefnet.dipole.fit_dipole``.

Modules: ``views`` (lead names, angle tables), ``geometry`` (axes, unit and lead vectors),
``dipole``, ``baselines``, ``metrics``, ``signal``, ``data`` (records and readers),
``paths``, ``fetch``, ``scales``, ``results``, ``plots``, ``widgets``, ``notebook``.
"""

from . import (baselines, beats, data, dipole, geometry, metrics, paths, plots,  # noqa: F401
               results, scales, signal, vcg, views, widgets)
from .notebook import setup  # noqa: F401

__version__ = "0.1.0"
