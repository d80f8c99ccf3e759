"""Where data, results, trained models and recorded figures live — the one place that reads
locations from the environment, for chapters, tests, scripts and the command line.

* ``NEFNET_DATA`` — root of downloaded datasets (default: ``<repo>/data``), one sub-folder per
  dataset (``ptb/``, ``ptbxl/``, ...);
* ``NEFNET_RESULTS`` — where chapters write their JSON results (default: ``<repo>/results``);
* ``NEFNET_MODELS`` — the trained-model cache (default: ``<results>/models``);
* ``NEFNET_RECORDS`` — record stores of simulated training sets (default: ``<results>/records``;
  gigabytes, never committed);
* ``NEFNET_RECORDED`` — benchmark and investigation figures (default: ``<repo>/recorded``).

Outside a source checkout the defaults are ``./data``, ``./results`` and ``./recorded`` of the
working folder.
"""

from __future__ import annotations

import os
from pathlib import Path


def repo_root() -> Path:
    """The source checkout containing this package, or the working folder when installed."""
    here = Path(__file__).resolve().parent.parent
    return here if (here / "pyproject.toml").is_file() else Path.cwd()


def _location(variable: str, override, default) -> Path:
    """``override``, else ``$variable``, else ``default()`` (user folders expanded)."""
    if override:
        return Path(override).expanduser()
    env = os.environ.get(variable)
    return Path(env).expanduser() if env else default()


def data_root(override=None) -> Path:
    """Root folder of the datasets: ``override``, else ``$NEFNET_DATA``, else ``<repo>/data``."""
    return _location("NEFNET_DATA", override, lambda: repo_root() / "data")


def dataset_dir(name: str, override=None) -> Path:
    """Folder of one dataset (e.g. ``dataset_dir("ptb")``)."""
    return data_root(override) / name


def results_root(override=None) -> Path:
    """Root of chapter results: ``override``, else ``$NEFNET_RESULTS``, else ``<repo>/results``."""
    return _location("NEFNET_RESULTS", override, lambda: repo_root() / "results")


def models_root(override=None) -> Path:
    """The trained-model cache: ``override``, else ``$NEFNET_MODELS``, else ``<results>/models``."""
    return _location("NEFNET_MODELS", override, lambda: results_root() / "models")


def records_root(override=None) -> Path:
    """Record stores of simulated training sets: ``override``, else ``$NEFNET_RECORDS``, else
    ``<results>/records``."""
    return _location("NEFNET_RECORDS", override, lambda: results_root() / "records")


def recorded_root(override=None) -> Path:
    """Recorded figures: ``override``, else ``$NEFNET_RECORDED``, else ``<repo>/recorded``."""
    return _location("NEFNET_RECORDED", override, lambda: repo_root() / "recorded")
