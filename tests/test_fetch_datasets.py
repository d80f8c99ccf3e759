"""fetch_ptbxl.py and fetch_cinc.py against loopback servers laid out like PhysioNet."""

import hashlib
import shutil
import subprocess
import sys

import pandas as pd
import pytest

from nefnet.data import (
    Record,
    fetch,
    list_cinc,
    read_cinc,
    read_ptbxl,
    read_ptbxl_index,
    write_wfdb,
)


def _sums(root, base):
    lines = [
        f"{hashlib.sha256(p.read_bytes()).hexdigest()} {p.relative_to(root).as_posix()}"
        for p in sorted(base.rglob("*"))
        if p.is_file()
    ]
    (root / "SHA256SUMS.txt").write_text("\n".join(lines) + "\n")


def _run(repo, script, *args):
    return subprocess.run(
        [sys.executable, str(repo / "data_scripts" / script), "--quiet", *args],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=repo,
    )


@pytest.fixture
def ptbxl_site(samples, tmp_path):
    root = tmp_path / "site" / "files" / "ptb-xl" / "1.0.3"
    rows = []
    for k, path in enumerate(sorted(samples("cinc2021").glob("HR060*.hea"))[:4]):
        ecg_id = int(path.stem[2:])
        sub = f"{ecg_id // 1000 * 1000:05d}"
        for rate, tag in ((500, "hr"), (100, "lr")):
            rec = read_cinc(path.with_suffix(""), sampling_rate=rate)
            write_wfdb(
                Record(rec.signals, rate, rec.leads, f"{ecg_id:05d}_{tag}"),
                root / f"records{rate}" / sub,
            )
        rows.append(
            {
                "ecg_id": ecg_id,
                "patient_id": k,
                "strat_fold": k + 7,
                "scp_codes": "{'NORM': 100.0}",
                "filename_lr": f"records100/{sub}/{ecg_id:05d}_lr",
                "filename_hr": f"records500/{sub}/{ecg_id:05d}_hr",
            }
        )
    pd.DataFrame(rows).to_csv(root / "ptbxl_database.csv", index=False)
    (root / "scp_statements.csv").write_text(",diagnostic\nNORM,1\n")
    _sums(root, root)
    return tmp_path / "site"


def test_fetch_ptbxl(ptbxl_site, http_server, tmp_path, repo):
    server = http_server(ptbxl_site)
    url = f"http://127.0.0.1:{server.server_port}/files/ptb-xl/1.0.3/"
    out = tmp_path / "ptbxl"
    res = _run(
        repo,
        "fetch_ptbxl.py",
        "--base-url",
        url,
        "--out",
        str(out),
        "--rate",
        "both",
        "--limit",
        "3",
    )
    assert res.returncode == 0, res.stderr
    index = read_ptbxl_index(out)
    assert len(list(out.rglob("*.dat"))) == 6  # 3 records × 2 rates
    assert read_ptbxl(out, int(index.index[0]), 100, index).signals.shape == (12, 1000)
    # tamper with the site: the checksum check refuses the changed file
    victim = next((ptbxl_site / "files/ptb-xl/1.0.3/records500").rglob("*.dat"))
    victim.write_bytes(victim.read_bytes()[::-1])
    fetch._CHECKSUM_CACHE.clear()
    res = _run(repo, "fetch_ptbxl.py", "--base-url", url, "--out", str(tmp_path / "again"))
    assert res.returncode == 1 and "checksum mismatch" in res.stderr
    assert not list((tmp_path / "again").rglob("*.part"))


def test_fetch_cinc_with_root_checksums(samples, http_server, tmp_path, repo):
    site = tmp_path / "site"
    root = site / "files" / "challenge-2021" / "1.0.3"
    group = root / "training" / "georgia" / "g8"
    group.mkdir(parents=True)
    names = [p.stem for p in sorted(samples("cinc2021").glob("E075*.hea"))[:5]]
    for n in names:
        for ext in (".hea", ".mat"):
            shutil.copyfile(samples("cinc2021") / f"{n}{ext}", group / f"{n}{ext}")
    (group / "RECORDS").write_text("\n".join(names) + "\n")
    _sums(root, root)  # published at the database root, as PhysioNet does
    server = http_server(site)
    url = f"http://127.0.0.1:{server.server_port}/files/challenge-2021/1.0.3/training/"
    res = _run(
        repo,
        "fetch_cinc.py",
        "--source",
        "georgia",
        "--groups",
        "g8",
        "--limit",
        "4",
        "--base-url",
        url,
        "--out",
        str(tmp_path / "cinc"),
    )
    assert res.returncode == 0, res.stderr
    recs = [read_cinc(p) for p in list_cinc(tmp_path / "cinc")]
    assert len(recs) == 4 and all(r.signals.shape == (12, 5000) for r in recs)
    sums = fetch.read_checksums(url)
    assert "georgia/g8/RECORDS" in sums  # the root file was found and re-based
    res = _run(
        repo,
        "fetch_cinc.py",
        "--source",
        "georgia",
        "--groups",
        "g99",
        "--base-url",
        url,
        "--out",
        str(tmp_path / "none"),
    )
    assert res.returncode == 1 and "HTTP 404" in res.stderr
