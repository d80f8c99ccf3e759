"""nefnet — Electrocardio Panorama: synthesize the ECG seen from any viewpoint (θ, φ).

A thin package behind the executed Jupyter Book that reproduces Nef-Net (IJCAI 2021) and
NEF-NET v2. Chapters write ``import nefnet`` and call e.g. ``nefnet.dipole.fit_dipole``;
sub-modules load on first use, so scripts that need only the data layer start fast.

The core vocabulary sits at the top (views, geometry, dipole, baselines, metrics, signal, beats,
normalization, paths); the rest is grouped by role in sub-packages. ``nefnet.layout()`` lists
every module with the first line of its docstring — the one source of the package map.
"""

import importlib
import pkgutil

__version__ = "0.1.0"


def submodules(path) -> list[str]:
    """Public modules and sub-packages found in a package folder (derived, never typed)."""
    return sorted(m.name for m in pkgutil.iter_modules(path) if not m.name.startswith("_"))


def lazy_access(package: str, path):
    """``(__getattr__, __all__)`` for a package whose sub-modules import on first use."""
    names = submodules(path)

    def __getattr__(name):
        if name in names:
            return importlib.import_module(f"{package}.{name}")
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    return __getattr__, names


_getattr, _SUBMODULES = lazy_access(__name__, __path__)
__all__ = _SUBMODULES + ["setup", "layout", "pretrained"]


def __getattr__(name):
    if name == "setup":
        return importlib.import_module(f"{__name__}.book.notebook").setup
    if name == "layout":
        return importlib.import_module(f"{__name__}.book.layout").layout
    if name == "pretrained":
        return importlib.import_module(f"{__name__}.book.weights").pretrained
    return _getattr(name)
