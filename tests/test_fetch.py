"""fetch_ptb.py against a loopback server laid out like PhysioNet's ptbdb/1.0.0."""

import hashlib
import shutil
import socket
import subprocess
import sys

import pytest

from nefnet.data import fetch
from nefnet.data.readers.ptb import PTB_RECORDS, ptb_available
from nefnet.data.readers.wfdb_io import signal_files

from .httpserver import RangeHandler


@pytest.fixture
def physionet_site(tmp_path, ptb_dir):
    """``<tmp>/site/files/ptbdb/1.0.0/patientNNN/<record files>`` + SHA256SUMS.txt."""
    root = tmp_path / "site"
    base = root / "files" / "ptbdb" / "1.0.0"
    sums = []
    for name, patient in PTB_RECORDS.items():
        (base / patient).mkdir(parents=True)
        for fname in [f"{name}.hea"] + signal_files(ptb_dir / f"{name}.hea"):
            shutil.copyfile(ptb_dir / fname, base / patient / fname)
            digest = hashlib.sha256((base / patient / fname).read_bytes()).hexdigest()
            sums.append(f"{digest} {patient}/{fname}")
    (base / "SHA256SUMS.txt").write_text("\n".join(sums) + "\n")
    return root, base


def test_fetch_script_downloads_and_verifies(physionet_site, http_server, tmp_path, repo):
    root, base = physionet_site
    server = http_server(root)
    url = f"http://127.0.0.1:{server.server_port}/files/ptbdb/1.0.0/"
    out = tmp_path / "data"
    res = subprocess.run(
        [
            sys.executable,
            str(repo / "data_scripts/fetch_ptb.py"),
            "--quiet",
            "--base-url",
            url,
            "--out",
            str(out / "ptb"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=repo,
    )
    assert res.returncode == 0, res.stderr
    assert sorted(ptb_available(out)) == sorted(PTB_RECORDS)
    for f in (out / "ptb").iterdir():
        src = next(base.glob(f"*/{f.name}"))
        assert f.read_bytes() == src.read_bytes()
    assert any(p.endswith("SHA256SUMS.txt") for p, _ in RangeHandler.log)


def test_resume_uses_range_request(physionet_site, http_server, tmp_path):
    root, base = physionet_site
    server = http_server(root)
    src = base / "patient001" / "s0010_re.dat"
    dest = tmp_path / "s0010_re.dat"
    dest.with_name(dest.name + ".part").write_bytes(src.read_bytes()[:1000])
    url = f"http://127.0.0.1:{server.server_port}/files/ptbdb/1.0.0/patient001/s0010_re.dat"
    fetch.download(url, dest, hashlib.sha256(src.read_bytes()).hexdigest(), progress=False)
    assert dest.read_bytes() == src.read_bytes()
    assert ("/files/ptbdb/1.0.0/patient001/s0010_re.dat", "bytes=1000-") in RangeHandler.log


def test_checksum_mismatch_leaves_nothing(physionet_site, http_server, tmp_path):
    root, _ = physionet_site
    server = http_server(root)
    url = f"http://127.0.0.1:{server.server_port}/files/ptbdb/1.0.0/patient001/s0010_re.hea"
    dest = tmp_path / "s0010_re.hea"
    with pytest.raises(ValueError, match="checksum mismatch"):
        fetch.download(url, dest, "0" * 64, progress=False)
    assert not dest.exists() and not list(tmp_path.glob("*.part"))


def test_offline_is_a_clear_error(tmp_path, repo):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    res = subprocess.run(
        [
            sys.executable,
            str(repo / "data_scripts/fetch_ptb.py"),
            "--quiet",
            "--base-url",
            f"http://127.0.0.1:{port}/",
            "--out",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=repo,
    )
    assert res.returncode == 1
    assert "cannot reach" in res.stderr and "--mirror" in res.stderr
    assert not list(tmp_path.iterdir())


def test_mirror_flat_and_physionet_layouts(physionet_site, ptb_dir, tmp_path, repo):
    _, base = physionet_site
    for mirror in (ptb_dir.parent, base):  # flat <mirror>/ptb/... and patientNNN/...
        out = tmp_path / mirror.name / "ptb"
        res = subprocess.run(
            [
                sys.executable,
                str(repo / "data_scripts/fetch_ptb.py"),
                "--quiet",
                "--mirror",
                str(mirror),
                "--out",
                str(out),
            ],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=repo,
        )
        assert res.returncode == 0, res.stderr
        assert sorted(ptb_available(out.parent)) == sorted(PTB_RECORDS)


def test_missing_from_mirror_and_unknown_record(tmp_path, repo):
    res = subprocess.run(
        [
            sys.executable,
            str(repo / "data_scripts/fetch_ptb.py"),
            "--quiet",
            "--mirror",
            str(tmp_path),
            "--out",
            str(tmp_path / "o"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=repo,
    )
    assert res.returncode == 1 and "found under mirror" in res.stderr
    res = subprocess.run(
        [
            sys.executable,
            str(repo / "data_scripts/fetch_ptb.py"),
            "--quiet",
            "--records",
            "s9999",
            "--mirror",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=repo,
    )
    assert res.returncode == 1 and "unknown PTB sample record" in res.stderr
