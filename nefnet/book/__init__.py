"""The book's machinery: scales, the shared trained models and their shipped weights, results,
prose, paper numbers, the package's own map and import layers."""

from .. import lazy_access

__getattr__, __all__ = lazy_access(__name__, __path__)
