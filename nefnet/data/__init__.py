"""Records and data: the :class:`Record` type, the readers (``readers/``) and their registry of
dataset kinds, the record store (``store/``), fetching, splits, evaluation protocols and torch
datasets."""

from .catalog import catalog
from .readers.chapman import read_chapman
from .readers.cinc import list_cinc, read_cinc
from .readers.cpsc import read_cpsc2018
from .readers.labels import CPSC_CLASSES, parse_snomed
from .readers.panobench import read_panobench
from .readers.ptb import PTB_RECORDS, load_ptb, ptb_available
from .readers.ptbxl import ptbxl_split, read_ptbxl, read_ptbxl_index
from .preprocess import preprocess
from .record import Record
from .splits import load_split, make_split, save_split
from .readers.tianchi import read_tianchi
from .readers.wfdb_io import read_wfdb, write_wfdb

__all__ = ["Record", "read_wfdb", "write_wfdb", "PTB_RECORDS", "load_ptb", "ptb_available",
           "read_cinc", "list_cinc", "read_cpsc2018", "read_tianchi", "CPSC_CLASSES",
           "parse_snomed", "read_chapman", "read_panobench", "read_ptbxl", "read_ptbxl_index",
           "ptbxl_split", "catalog", "preprocess", "make_split", "save_split", "load_split"]
