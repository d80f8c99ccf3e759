"""``nefnet explore``: the panorama explorer served as an app (Voila) on 127.0.0.1; prints its
address once the server answers and runs until Ctrl-C."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time

from . import options as opt

#: seconds to wait for the Voila server to answer before giving up
START_TIMEOUT_S = 60.0


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def check_port(port: int) -> int:
    """``port`` itself (0: a free one), refused when something already listens on it."""
    if port == 0:
        return free_port()
    if port > 65535:
        raise ValueError(f"--port {port} is not a port; expected 0 … 65535")
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError as exc:
            raise ValueError(f"--port {port} is in use on 127.0.0.1; choose another") from exc
    return port


def voila_command(port: int) -> list[str]:
    """The Voila command line that serves the explorer notebook on 127.0.0.1:``port``, with the
    app's template (:data:`nefnet.app.TEMPLATE`: a "Starting the kernel…" page until the
    controls appear; its folder must be on ``JUPYTER_PATH``, :func:`voila_environment`)."""
    from ..app import NOTEBOOK, TEMPLATE

    return [
        sys.executable,
        "-m",
        "voila",
        str(NOTEBOOK),
        "--no-browser",
        f"--port={port}",
        "--Voila.ip=127.0.0.1",
        "--theme=light",
        f"--template={TEMPLATE}",
        # start the kernel and run the explorer as the server starts, not on the first visit;
        # refill the pool only after an hour, so the next kernel does not compete with the
        # visitor's for the CPU
        "--preheat_kernel=True",
        "--VoilaKernelManager.fill_delay=3600",
    ]


def voila_environment(env: dict) -> dict:
    """``env`` with the app's template folder first on ``JUPYTER_PATH``."""
    from ..app import SHARE

    path = [str(SHARE), *filter(None, env.get("JUPYTER_PATH", "").split(os.pathsep))]
    return dict(env, JUPYTER_PATH=os.pathsep.join(path))


def wait_until_up(port: int, server: subprocess.Popen, timeout=START_TIMEOUT_S):
    """Return once the server accepts connections on ``port`` (without requesting the page,
    which would start a kernel); fail when it exits or ``timeout`` passes."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the Voila server exited with code {server.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=2).close()
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"the Voila server did not listen on port {port} within {timeout:g} s")


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def cmd_explore(args):
    from ..app import DATA_VAR, MODEL_VAR, SEED_VAR, load_model

    load_model(args.model)  # refuse a wrong model here, not in the app's kernel
    if args.data and not os.path.isdir(args.data):
        raise FileNotFoundError(f"--data {args.data} is not a folder")
    port = check_port(args.port)
    env = dict(os.environ, **{MODEL_VAR: args.model, SEED_VAR: str(args.seed)})
    if args.data:
        env[DATA_VAR] = str(args.data)
    url = f"http://127.0.0.1:{port}/"
    server = subprocess.Popen(voila_command(port), env=voila_environment(env), stdout=sys.stderr)
    previous = signal.signal(signal.SIGTERM, _interrupt)  # a terminated command stops Voila too
    try:
        wait_until_up(port, server)
        print(f"nefnet explore: the panorama explorer is at {url} (Ctrl-C stops it)", flush=True)
        print(
            "nefnet explore: the explorer's kernel starts with the server and draws the first "
            "panorama (about half a minute); a page opened sooner says so until its controls "
            "appear",
            file=sys.stderr,
            flush=True,
        )
        server.wait()
    except KeyboardInterrupt:
        print("nefnet explore: stopped", file=sys.stderr)
        return 0
    finally:
        signal.signal(signal.SIGTERM, previous)
        if server.poll() is None:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
    if server.returncode:
        raise RuntimeError(f"the Voila server exited with code {server.returncode}")
    return 0


def add_parser(sub):
    from ..training.panorama import MODEL

    e = sub.add_parser("explore", help="serve the panorama explorer (Voila) on 127.0.0.1")
    e.add_argument(
        "--model", default=MODEL, help=f"shipped model name or NEF-NET v2 .pt (default {MODEL})"
    )
    e.add_argument("--seed", type=opt.count, default=0, help="seed of the simulated records")
    e.add_argument("--data", help="dataset root holding the real CinC samples (optional)")
    e.add_argument("--port", type=opt.count, default=8866, help="port (default 8866; 0: any)")
    e.set_defaults(func=cmd_explore)
