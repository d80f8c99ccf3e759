"""Training and running the models: one recipe per stage, the three stages, checkpoints, the
model cache, the --data resolver, fast inference."""

from .. import lazy_access

__getattr__, __all__ = lazy_access(__name__, __path__)
