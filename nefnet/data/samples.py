"""Every real record present under the data root, by dataset: what the realism scorecard and the
real-data sections compare SimPanobench with. A dataset that is absent simply does not appear."""

from __future__ import annotations

from ..paths import dataset_dir
from .cinc import list_cinc, read_cinc
from .cpsc import read_cpsc2018
from .ptb import load_ptb, ptb_available
from .record import Record
from .tianchi import read_tianchi


def real_records(data_dir=None) -> dict[str, list[Record]]:
    """``{dataset: [Record]}`` for the CinC 2021, PTB, CPSC2018 and Tianchi records present."""
    out = {}
    cinc = dataset_dir("cinc2021", data_dir)
    if cinc.is_dir() and any(cinc.rglob("*.hea")):
        out["CinC 2021"] = [read_cinc(p) for p in list_cinc(cinc)]
    if ptb_available(data_dir):
        out["PTB"] = [load_ptb(n, data_dir) for n in ptb_available(data_dir)]
    cpsc = sorted(dataset_dir("cpsc2018", data_dir).glob("*.mat"))
    if cpsc:
        out["CPSC2018"] = [read_cpsc2018(p) for p in cpsc]
    tianchi = sorted(dataset_dir("tianchi", data_dir).glob("*.txt"))
    if tianchi:
        out["Tianchi"] = [read_tianchi(p) for p in tianchi]
    return out
