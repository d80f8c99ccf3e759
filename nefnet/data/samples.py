"""Every real record present under the data root, by dataset: what the realism scorecard and the
real-data sections compare SimPanobench with. A dataset that is absent simply does not appear."""

from __future__ import annotations

from ..paths import dataset_dir
from .kinds import read_folder
from .readers.ptb import load_ptb, ptb_available
from .record import Record


def real_records(data_dir=None) -> dict[str, list[Record]]:
    """``{dataset: [Record]}`` for the CinC 2021, PTB, CPSC2018 and Tianchi records present."""
    out = {}
    cinc = dataset_dir("cinc2021", data_dir)
    if cinc.is_dir() and any(cinc.rglob("*.hea")):
        out["CinC 2021"] = read_folder("cinc", cinc)
    if ptb_available(data_dir):
        out["PTB"] = [load_ptb(n, data_dir) for n in ptb_available(data_dir)]
    for name, folder, kind, pattern in (
        ("CPSC2018", "cpsc2018", "cpsc", "*.mat"),
        ("Tianchi", "tianchi", "tianchi", "*.txt"),
    ):
        if any(dataset_dir(folder, data_dir).glob(pattern)):
            out[name] = read_folder(kind, dataset_dir(folder, data_dir))
    return out
