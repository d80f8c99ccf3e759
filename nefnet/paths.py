"""Where data and results live: one mechanism for chapters, tests and scripts.

* ``NEFNET_DATA`` — root of downloaded datasets (default: ``<repo>/data``), one sub-folder per
  dataset (``ptb/``, ``ptbxl/``, ...);
* ``NEFNET_RESULTS`` — where chapters write their JSON results (default: ``<repo>/results``).

Outside a source checkout the defaults are ``./data`` and ``./results`` of the working folder.
"""

from __future__ import annotations

import os
from pathlib import Path


def repo_root() -> Path:
    """The source checkout containing this package, or the working folder when installed."""
    here = Path(__file__).resolve().parent.parent
    return here if (here / "pyproject.toml").is_file() else Path.cwd()


def data_root(override=None) -> Path:
    """Root folder of the datasets: ``override``, else ``$NEFNET_DATA``, else ``<repo>/data``."""
    if override:
        return Path(override).expanduser()
    env = os.environ.get("NEFNET_DATA")
    return Path(env).expanduser() if env else repo_root() / "data"


def dataset_dir(name: str, override=None) -> Path:
    """Folder of one dataset (e.g. ``dataset_dir("ptb")``)."""
    return data_root(override) / name


def results_root(override=None) -> Path:
    """Root of chapter results: ``override``, else ``$NEFNET_RESULTS``, else ``<repo>/results``."""
    if override:
        return Path(override).expanduser()
    env = os.environ.get("NEFNET_RESULTS")
    return Path(env).expanduser() if env else repo_root() / "results"
