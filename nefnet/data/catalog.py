"""The datasets of NEF-NET v2 Table 6, with the reader and fetch route this project provides."""

from __future__ import annotations

import pandas as pd

from ..paths import dataset_dir

#: paper facts (Table 6) + how to read and get each dataset here
DATASETS = [
    {"dataset": "PTB-XL", "records": 21837, "sampling_rate": "500/1000 Hz", "duration": "10 s",
     "leads": "12", "reader": "read_ptbxl", "folder": "ptbxl",
     "get": "PhysioNet ptb-xl (open)"},
    {"dataset": "Tianchi", "records": 31779, "sampling_rate": "500 Hz", "duration": "10 s",
     "leads": "12 (8 recorded)", "reader": "read_tianchi", "folder": "tianchi",
     "get": "Tianchi competition site (login needed)"},
    {"dataset": "CPSC2018", "records": 6877, "sampling_rate": "500 Hz", "duration": "6–60 s",
     "leads": "12", "reader": "read_cpsc2018 / read_cinc", "folder": "cpsc2018",
     "get": "CPSC 2018 site, or PhysioNet/CinC 2020 (open)"},
    {"dataset": "ChinaDB (Chapman)", "records": 10646, "sampling_rate": "500 Hz",
     "duration": "10 s", "leads": "12", "reader": "read_chapman", "folder": "chapman",
     "get": "figshare (open)"},
    {"dataset": "Panobench", "records": 4470, "sampling_rate": "250 Hz", "duration": "10 s",
     "leads": "48 views", "reader": "read_panobench", "folder": "panobench",
     "get": "not released; SimPanobench stands in"},
]


def catalog(data_dir=None) -> pd.DataFrame:
    """Table 6 with a column saying whether the dataset (or samples of it) is present here."""
    rows = []
    for d in DATASETS:
        folder = dataset_dir(d["folder"], data_dir)
        present = folder.is_dir() and any(folder.iterdir())
        rows.append({**{k: v for k, v in d.items() if k != "folder"},
                     "present here": "yes" if present else "no"})
    return pd.DataFrame(rows).set_index("dataset")
