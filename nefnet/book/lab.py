"""JupyterLab on the chapters (``make lab``): the project's own Python as the kernel, served on
127.0.0.1 only, with no update or news checks (the project runs offline)."""

from __future__ import annotations

import argparse
import os
import sys

from ..paths import repo_root


def lab_command(port: int, root_dir=None, browser: bool = True, token: bool = True) -> list[str]:
    """The ``jupyter lab`` command line; ``token=False`` (tests only) serves without a token and
    exposes the app object to the page so that a browser can drive it."""
    cmd = [
        sys.executable,
        "-m",
        "jupyter",
        "lab",
        f"--ServerApp.open_browser={browser}",
        "--ip=127.0.0.1",
        f"--port={port}",
        "--ServerApp.port_retries=0",
        "--ServerApp.allow_root=True",
        f"--ServerApp.root_dir={root_dir or repo_root() / 'notebooks'}",
        "--LabApp.news_url=",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    if not token:
        cmd += ["--IdentityProvider.token=", "--ServerApp.password=", "--expose-app-in-browser"]
    return cmd


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--port", type=int, default=8888, help="port on 127.0.0.1 (default 8888)")
    ap.add_argument("--no-browser", action="store_true", help="print the address only")
    args = ap.parse_args(argv)
    cmd = lab_command(args.port, browser=not args.no_browser)
    os.execv(cmd[0], cmd)


if __name__ == "__main__":
    main()
