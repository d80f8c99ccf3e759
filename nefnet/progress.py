"""Progress bars on long work — on the command line and in a live JupyterLab session, never on
a page of the built book: a notebook executed in batch (Jupyter Book, papermill) draws none.
``NEFNET_PROGRESS=1`` or ``0`` forces them on or off."""

from __future__ import annotations

import os

from tqdm.auto import tqdm as _tqdm

_QUIET = False


def batch_kernel() -> bool:
    """True inside a notebook kernel that no live Jupyter server started (a batch execution:
    Jupyter Book, papermill); a server's kernels carry ``JPY_SESSION_NAME``."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with the book extra
        return False
    shell = get_ipython()
    kernel = shell is not None and type(shell).__name__ == "ZMQInteractiveShell"
    return kernel and "JPY_SESSION_NAME" not in os.environ


def quiet_in_notebooks() -> bool:
    """Switch the package's bars off in a batch-executed notebook (see :func:`batch_kernel`) or
    as ``NEFNET_PROGRESS`` says; returns whether they are off."""
    global _QUIET
    forced = os.environ.get("NEFNET_PROGRESS", "").strip()
    _QUIET = forced == "0" if forced in ("0", "1") else batch_kernel()
    return _QUIET


def tqdm(*args, disable=False, **kwargs):
    """``tqdm.auto.tqdm``, off where :func:`quiet_in_notebooks` turned the bars off."""
    return _tqdm(*args, disable=bool(disable) or _QUIET, **kwargs)
