"""Figures of the noise chapter: PSNR against SNR per noise type, and what a synthesis from
noisy leads looks like beside the noisy and the noise-free reference."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from . import legends


def sweep_figure(sweep, names: dict):
    """One panel per noise type: mean PSNR (against the truth) over the SNR, per method; solid
    with the recorded leads as they are, dashed after the package's filters."""
    kinds = list(dict.fromkeys(sweep["noise"]))
    ncols = min(2, len(kinds))  # two panels a row: each keeps a readable width on the page
    nrows = int(np.ceil(len(kinds) / ncols))
    fig, axes = plt.subplots(
        nrows, ncols, figsize=(5.0 * ncols, 3.3 * nrows), sharey=True, squeeze=False
    )
    for ax in axes.flat[len(kinds) :]:
        ax.set_visible(False)
    axes = list(axes.flat)
    mean = sweep.groupby(["noise", "method", "inputs", "snr_db"])["psnr"].mean()
    methods = list(dict.fromkeys(sweep["method"]))
    colours = dict(zip(methods, plt.rcParams["axes.prop_cycle"].by_key()["color"]))
    for ax, kind in zip(axes, kinds):
        for method in methods:
            for inputs, style in (("raw", "-"), ("filtered", "--")):
                s = mean.loc[(kind, method, inputs)]
                ax.plot(
                    s.index,
                    s.values,
                    style,
                    marker=".",
                    color=colours[method],
                    label=f"{method}" if inputs == "raw" else None,
                )
        ax.set_title(names.get(kind, kind), fontsize=10)
        ax.set_xlabel("SNR of the recorded leads (dB)")
        ax.invert_xaxis()
    for k in range(0, len(kinds), ncols):
        axes[k].set_ylabel("PSNR against the truth (dB)")
    legends.below(fig)
    fig.tight_layout()
    return fig


def example_figure(time, rows: dict, view="V2"):
    """``rows``: {noise name: (noisy reference, truth, synthesis)} of one view."""
    fig, axes = plt.subplots(len(rows), 1, figsize=(10, 1.9 * len(rows)), sharex=True)
    for ax, (name, (noisy, truth, synth)) in zip(np.atleast_1d(axes), rows.items()):
        ax.plot(time, noisy, color="0.7", lw=1.0, label=f"recorded {view} (noisy)")
        ax.plot(time, truth, color="k", lw=1.0, label="noise-free truth")
        ax.plot(time, synth, color="tab:red", lw=1.0, label="synthesized from noisy leads")
        ax.set_ylabel("mV")
        ax.set_title(name, fontsize=9, loc="left")
    legends.below(fig, ncols=5)
    np.atleast_1d(axes)[-1].set_xlabel("time (s)")
    fig.tight_layout()
    return fig
