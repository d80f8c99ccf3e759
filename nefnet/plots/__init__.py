"""Every figure of the book and its widgets: functions return figures, nothing is shown or saved."""

from .. import lazy_access

__getattr__, __all__ = lazy_access(__name__, __path__)
