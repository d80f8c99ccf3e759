"""How a model configuration is stored in checkpoints and hashed into cache keys."""

from __future__ import annotations

from dataclasses import asdict

#: model-configuration fields added after models were shipped: left out of a stored
#: configuration (and so of its cache key) while they hold this default, so that checkpoints
#: written before them stay valid
LATE_FIELDS = {
    "attention": "gaa",
    "embedding": "learned",
    "angle_encoding": "angular",
    "deflections": True,
    "standin_basic": "average",
    "standin_deflection": "average",
}


def config_dict(cfg) -> dict:
    """A model configuration as stored in checkpoints and hashed into cache keys."""
    return {k: v for k, v in asdict(cfg).items() if LATE_FIELDS.get(k, object()) != v}
