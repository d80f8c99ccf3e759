"""One module per chapter's own analysis; only that chapter's notebook imports it."""

from .. import lazy_access

__getattr__, __all__ = lazy_access(__name__, __path__)
