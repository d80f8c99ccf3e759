"""Data layer: the :class:`Record` type and readers.

Used in: notebooks/01_dipole_theory
"""

from .record import Record
from .wfdb_io import read_wfdb, write_wfdb
from .ptb import PTB_RECORDS, load_ptb, ptb_available

__all__ = ["Record", "read_wfdb", "write_wfdb", "PTB_RECORDS", "load_ptb", "ptb_available"]
