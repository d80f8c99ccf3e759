"""Chapter results as JSON under ``results/<chapter>/`` (written atomically)."""

from __future__ import annotations

import json
from pathlib import Path

from ..data.jsonio import write_json
from ..paths import results_root


def save_results(chapter: str, data: dict, name: str = "metrics", results_dir=None) -> Path:
    """Write ``results/<chapter>/<name>.json`` and return its path."""
    return write_json(results_root(results_dir) / chapter / f"{name}.json", data)


def load_results(chapter: str, name: str = "metrics", results_dir=None) -> dict:
    """Read back what :func:`save_results` wrote."""
    path = results_root(results_dir) / chapter / f"{name}.json"
    if not path.is_file():
        raise FileNotFoundError(f"no results at {path}; run notebooks/{chapter}.ipynb first")
    return json.loads(path.read_text())
