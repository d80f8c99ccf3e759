"""One call that prepares a chapter's kernel: seeds, torch device, plot renderers and style."""

from __future__ import annotations

import os
import random

import numpy as np

#: the plotly renderer whose text/html output survives into the Jupyter Book HTML
PLOTLY_RENDERER = "plotly_mimetype+notebook"


def seed_everything(seed: int) -> None:
    """Seed Python, NumPy and (if installed) PyTorch; make torch deterministic on CPU."""
    random.seed(seed)
    np.random.seed(seed)
    try:
        import torch
    except ImportError:  # pragma: no cover - torch is a dependency, but keep numpy-only use alive
        return
    torch.manual_seed(seed)
    torch.use_deterministic_algorithms(True, warn_only=True)


def setup(seed: int = 0, device: str = "cpu", plotly_renderer=None) -> dict:
    """Seed everything, resolve the torch ``device`` ("auto": a GPU when present), select a
    plotly renderer that renders in the book, set plot style, show tables the book's way
    (:mod:`nefnet.book.tables`), keep progress bars off the page (:mod:`nefnet.progress`), and
    let the C allocator keep freed blocks for reuse (:mod:`nefnet.training.runtime`). Returns
    what it chose."""
    import matplotlib.pyplot as plt
    import plotly.io as pio

    from .. import progress
    from ..training.runtime import tune_allocator
    from ..training.train import default_device
    from . import tables

    seed_everything(seed)
    tables.install()
    progress.quiet_in_notebooks()
    device = str(default_device(device))
    tune_allocator()
    renderer = plotly_renderer or os.environ.get("PLOTLY_RENDERER", PLOTLY_RENDERER)
    if renderer == PLOTLY_RENDERER:  # selects it and injects plotly.js here, once, rather than
        from plotly.offline import init_notebook_mode  # as an extra output of the first figure

        init_notebook_mode(connected=False)
    else:
        pio.renderers.default = renderer
    plt.rcParams.update(
        {
            "figure.dpi": 100,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.grid": True,
            "grid.alpha": 0.3,
            "font.size": 9,
        }
    )
    return {"seed": seed, "device": device, "plotly_renderer": pio.renderers.default}
