"""The book's machinery: scales, shared trained models, results, prose, recorded results,
reproduction, paper numbers."""

from .. import lazy_access

__getattr__, __all__ = lazy_access(__name__, __path__)
