"""Scoring synthesis methods: one synthesis-method protocol (classical transforms, dipole fits,
trained models), the runner that scores them on records, and the metrics tables — usable by
the simulator's realism scorecard as by every chapter."""

from .. import lazy_access

__getattr__, __all__ = lazy_access(__name__, __path__)
