"""Training and running the models: the three stages, checkpoints, evaluation, fast inference."""

from .. import lazy_access

__getattr__, __all__ = lazy_access(__name__, __path__)
