"""Legends outside the data: beside a single plot, or below a figure of several (one legend
for all). The book's figures are saved with a tight bounding box, so both stay on the page."""

from __future__ import annotations

#: the legend style of every figure
STYLE = {"fontsize": 7, "frameon": False}


def beside(ax, **kwargs):
    """The legend of ``ax`` to its right, outside the axes."""
    return ax.legend(
        loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0.0, **(STYLE | kwargs)
    )


def below(fig, axes=None, ncols=4, **kwargs):
    """One legend for the figure, below its axes: the entries of ``axes`` (default: every
    axes of ``fig``), each label once."""
    axes = fig.axes if axes is None else list(getattr(axes, "flat", axes))
    seen = {}
    for ax in axes:
        for handle, label in zip(*ax.get_legend_handles_labels()):
            seen.setdefault(label, handle)
    if not seen:
        return None
    return fig.legend(
        list(seen.values()),
        list(seen),
        loc="upper center",
        bbox_to_anchor=(0.5, 0.0),
        ncols=min(ncols, len(seen)),
        **(STYLE | kwargs),
    )
