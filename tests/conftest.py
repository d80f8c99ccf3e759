"""Shared fixtures: the real PTB sample records and a loopback HTTP server."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from nefnet.data.readers.ptb import ptb_available
from nefnet.paths import dataset_dir

from .httpserver import serve

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def ptb_dir() -> Path:
    """Folder holding the two PTB sample records (fetched by `make data`)."""
    folder = dataset_dir("ptb")
    if len(ptb_available()) < 2:
        pytest.fail(
            f"the PTB sample records are missing from {folder}: run "
            "`make data DATA_MIRROR=<folder with ptb/>` or "
            "`python data_scripts/fetch_ptb.py` (or set NEFNET_DATA)"
        )
    return folder


@pytest.fixture(scope="session")
def samples():
    """Folder of one set of real sample records under the data root (cinc2021, cpsc2018,
    tianchi)."""

    def get(name: str) -> Path:
        folder = dataset_dir(name)
        if not folder.is_dir() or not any(folder.iterdir()):
            pytest.fail(
                f"sample records {name}/ missing under {folder.parent}: run "
                "`make data DATA_MIRROR=<folder with the samples>` or "
                "`python data_scripts/fetch_samples.py --mirror <folder>`"
            )
        return folder

    return get


@pytest.fixture
def http_server():
    """Start a loopback HTTP server (Range-capable) on a folder; yields a starter function."""
    servers = []

    def start(root: Path):
        server = serve(root)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture
def ptbxl_root(samples, tmp_path):
    """A PTB-XL folder layout (index CSV, records100/, records500/) rebuilt from the PTB-XL
    records among the CinC samples."""
    import pandas as pd

    from nefnet.data import Record, read_cinc, write_wfdb

    rows = []
    for k, path in enumerate(sorted(samples("cinc2021").glob("HR060*.hea"))):
        rec = read_cinc(path.with_suffix(""))
        ecg_id = int(rec.name[2:])
        sub = f"{ecg_id // 1000 * 1000:05d}"
        for rate, tag in ((500, "hr"), (100, "lr")):
            low = rec if rate == 500 else read_cinc(path.with_suffix(""), sampling_rate=100)
            write_wfdb(
                Record(low.signals, rate, low.leads, f"{ecg_id:05d}_{tag}"),
                tmp_path / f"records{rate}" / sub,
            )
        rows.append(
            {
                "ecg_id": ecg_id,
                "patient_id": 100 + k // 2,
                "age": 50,
                "scp_codes": "{'NORM': 100.0}",
                "strat_fold": k + 1,
                "filename_lr": f"records100/{sub}/{ecg_id:05d}_lr",
                "filename_hr": f"records500/{sub}/{ecg_id:05d}_hr",
            }
        )
    pd.DataFrame(rows).to_csv(tmp_path / "ptbxl_database.csv", index=False)
    return tmp_path
