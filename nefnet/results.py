"""Writing chapter results as JSON (atomically) under ``results/<chapter>/``."""

from __future__ import annotations

import json
import math
import os
import tempfile
from pathlib import Path

import numpy as np

from .paths import results_root


def _plain(obj):
    """JSON-safe copy: numpy scalars/arrays → Python; NaN/inf → None."""
    if isinstance(obj, dict):
        return {str(k): _plain(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_plain(v) for v in obj]
    if isinstance(obj, np.ndarray):
        return _plain(obj.tolist())
    if isinstance(obj, np.generic):
        obj = obj.item()
    if isinstance(obj, float) and not math.isfinite(obj):
        return None
    return obj


def write_json(path, data) -> Path:
    """Write ``data`` as pretty JSON via a temporary file + rename (never half-written)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
    try:
        with os.fdopen(fd, "w") as fh:
            json.dump(_plain(data), fh, indent=2, sort_keys=True)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def save_results(chapter: str, data: dict, name: str = "metrics", results_dir=None) -> Path:
    """Write ``results/<chapter>/<name>.json`` and return its path."""
    return write_json(results_root(results_dir) / chapter / f"{name}.json", data)


def load_results(chapter: str, name: str = "metrics", results_dir=None) -> dict:
    """Read back what :func:`save_results` wrote."""
    path = results_root(results_dir) / chapter / f"{name}.json"
    if not path.is_file():
        raise FileNotFoundError(f"no results at {path}; run notebooks/{chapter}.ipynb first")
    return json.loads(path.read_text())
