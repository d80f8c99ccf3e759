"""Shared fixtures: the real PTB sample records and a loopback HTTP server."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from nefnet.data.ptb import ptb_available
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
