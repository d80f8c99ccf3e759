"""The roahd real single beats: reader, refusals, and the fetch script against a loopback server
laid out like the roahd repository's raw files."""

from __future__ import annotations

import shutil
import subprocess
import sys

import numpy as np
import pytest

from nefnet.data.fetch import sha256
from nefnet.data.readers.roahd import ROAHD_FILES, ROAHD_SHA256, read_roahd


@pytest.fixture(scope="module")
def beats(samples):
    folder = samples("roahd")
    return {label: read_roahd(folder / name) for label, name in ROAHD_FILES.items()}


def test_reads_every_beat_as_twelve_leads(beats):
    assert {k: len(v) for k, v in beats.items()} == {"healthy": 150, "LBBB": 50, "RBBB": 50}
    rec = beats["LBBB"][3]
    assert rec.signals.shape == (12, 1024) and rec.sampling_rate == 1000.0
    assert rec.meta["label"] == "LBBB" and rec.name == "LBBB-3"
    i, ii, iii = rec.select(["I", "II", "III"])
    assert np.allclose(iii, ii - i)


def test_class_means_look_like_their_class(beats):
    """The lead order is read from roahd's documentation; the class means agree with it."""

    def mean(label, lead):
        return np.mean([r.select([lead])[0] for r in beats[label]], axis=0)

    assert mean("LBBB", "V1").min() < -2 * mean("LBBB", "V1").max()  # deep QS/rS in V1
    assert mean("LBBB", "V6").max() > 0.3  # broad R in V6
    assert mean("RBBB", "V1").max() > 2 * abs(mean("RBBB", "V1").min())  # R′ in V1


def test_refuses_what_is_not_a_roahd_file(tmp_path, samples):
    (tmp_path / "x.rda").write_bytes(b"not R data")
    with pytest.raises(ValueError, match="x.rda: not a readable R data file"):
        read_roahd(tmp_path / "x.rda")
    with pytest.raises(FileNotFoundError, match="nothere.rda"):
        read_roahd(tmp_path / "nothere.rda")


def test_fetch_script_downloads_and_verifies(samples, http_server, tmp_path, repo):
    site = tmp_path / "site" / "astamm" / "roahd" / "abc" / "data"
    site.mkdir(parents=True)
    for name in ROAHD_SHA256:
        shutil.copy(samples("roahd") / name, site / name)
    server = http_server(tmp_path / "site")
    url = f"http://127.0.0.1:{server.server_port}/astamm/roahd/abc/data/"
    out = tmp_path / "out"
    cmd = [sys.executable, str(repo / "data_scripts/fetch_roahd.py"), "--quiet", "--out", str(out)]
    res = subprocess.run(cmd + ["--base-url", url], capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    assert {p.name: sha256(p) for p in out.iterdir()} == ROAHD_SHA256
    (site / "mfD_LBBB.rda").write_bytes(b"tampered")
    (out / "mfD_LBBB.rda").unlink()
    res = subprocess.run(cmd + ["--base-url", url], capture_output=True, text=True, timeout=120)
    assert res.returncode == 1 and "checksum mismatch" in res.stderr
    assert sorted(p.name for p in out.iterdir()) == ["mfD_RBBB.rda", "mfD_healthy.rda"]
