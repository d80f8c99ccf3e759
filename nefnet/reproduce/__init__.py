"""Reproduction: the artefacts a reviewer re-runs table by table (``nefnet reproduce``), their
committed references and drift, chapter re-execution with papermill, and the figures the
benchmark scripts record (rendered by the appendices)."""

from .. import lazy_access

__getattr__, __all__ = lazy_access(__name__, __path__)
