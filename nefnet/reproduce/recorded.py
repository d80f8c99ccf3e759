"""Results recorded by the benchmark and investigation scripts, committed under ``recorded/``.

A script that takes too long for the book build (an investigation over model variants, a speed
benchmark) writes its figures here with the date, the machine and the command that produced them.
A chapter that quotes such figures renders the file — its table and its provenance — instead of
carrying numbers typed from a diary.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import platform
import shlex
import sys
from pathlib import Path

from ..data.jsonio import write_json
from ..paths import recorded_root, repo_root


def recorded_dir() -> Path:
    """``$NEFNET_RECORDED`` or ``<repo>/recorded`` (:func:`nefnet.paths.recorded_root`)."""
    return recorded_root()


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def machine() -> dict:
    """What the figures were measured on."""
    import numpy
    import torch

    return {
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "torch_threads": torch.get_num_threads(),
        "python": platform.python_version(),
        "torch": torch.__version__,
        "numpy": numpy.__version__,
        "system": platform.system(),
    }


def write(name: str, results, settings: dict, argv=None) -> Path:
    """Write ``recorded/<name>.json``: the results with the settings, the command line, the
    date (UTC) and the machine."""
    argv = sys.argv if argv is None else argv
    command = " ".join(shlex.quote(a) for a in ["python", _relative(argv[0]), *argv[1:]])
    data = {
        "name": name,
        "date": _dt.datetime.now(_dt.UTC).strftime("%Y-%m-%d"),
        "command": command,
        "machine": machine(),
        "settings": settings,
        "results": results,
    }
    return write_json(recorded_dir() / f"{name}.json", data)


def _relative(path: str) -> str:
    p = Path(path).resolve()
    try:
        return str(p.relative_to(repo_root()))
    except ValueError:
        return p.name


def load(name: str) -> dict:
    """Read ``recorded/<name>.json``; a clear error says which script writes it."""
    path = recorded_dir() / f"{name}.json"
    if not path.is_file():
        raise FileNotFoundError(
            f"no recorded results {path}: the scripts in benchmarks/ and "
            f"scripts/ write them (see the README)"
        )
    return json.loads(path.read_text())


def provenance(record: dict) -> str:
    """One line saying where and how a recorded result was measured (the date stays in the
    file: the book carries none)."""
    m = record["machine"]
    return (
        f"measured by `{record['command']}` on {m['cpu']} "
        f"({m['cores']} cores, {m['torch_threads']} torch threads), torch {m['torch']}"
    )
