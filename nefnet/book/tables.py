"""How the book shows a table (installed by :func:`nefnet.setup` for every DataFrame and Series a
chapter displays): numbers rounded for display per column, integral columns as integers, snake-case
column names in words with their unit, "—" with a footnote for a missing value, no truncated
text, and wide tables in a box that scrolls sideways."""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd

#: what a missing value reads in a table, and the footnote a table with one carries
MISSING = "—"
MISSING_NOTE = f"{MISSING} no value: not measured or not applicable for this row."
#: significant digits a column's largest value keeps (one fewer below 1; fewer still when the
#: column is rounded coarser)
SIGNIFICANT = 4
#: decimals beyond which a column is written in scientific notation
MAX_DECIMALS = 6
_WORDS = {
    "psnr": "PSNR",
    "ssim": "SSIM",
    "sd": "SD",
    "qrs": "QRS",
    "hr": "HR",
    "rmse": "RMSE",
    "snr": "SNR",
    "lsq": "LSQ",
    "st": "ST",
    "ofcal": "OF-CAL",
    "rss": "RSS",
    "cpu": "CPU",
    "gpu": "GPU",
}
_UNITS = {
    "db": "dB",
    "deg": "°",
    "ms": "ms",
    "mv": "mV",
    "uv": "µV",
    "s": "s",
    "hz": "Hz",
    "pct": "%",
    "mb": "MB",
}
_SNAKE = re.compile(r"^[a-z][a-z0-9]*(?:_[a-zA-Z0-9]+)+$")


def label(name):
    """A snake-case column name in words with its unit ("psnr_unseen_db" → "PSNR unseen (dB)");
    any other label is returned as it is."""
    if not isinstance(name, str) or not _SNAKE.match(name):
        return name
    words = name.split("_")
    unit = _UNITS.get(words[-1].lower()) if len(words) > 1 else None
    if unit and words[-2] == "per":  # "samples_per_s" → "Samples per s"
        words, unit = words[:-1] + [unit], None
    elif unit:
        words = words[:-1]
    text = " ".join(_WORDS.get(w.lower(), w) for w in words)
    text = text[:1].upper() + text[1:]
    return f"{text} ({unit})" if unit else text


def _decimals(values: np.ndarray) -> int | None:
    """Decimals that show a float column: what it was rounded to, at most :data:`SIGNIFICANT`
    significant digits of its largest value; None for scientific notation."""
    finite = values[np.isfinite(values)]
    if finite.size == 0 or np.all(finite == np.round(finite)):
        return 0
    big = float(np.max(np.abs(finite)))
    digits = SIGNIFICANT if big >= 1 else SIGNIFICANT - 1
    by_size = max(0, digits - 1 - math.floor(math.log10(big)))
    if by_size > MAX_DECIMALS:
        return None
    for d in range(by_size + 1):
        if np.allclose(finite, np.round(finite, d), rtol=0, atol=1e-9 * max(big, 1.0)):
            return d
    return by_size


def _number(x, decimals) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)) or x is pd.NA:
        return MISSING
    if isinstance(x, (bool, np.bool_)):
        return str(bool(x))
    if isinstance(x, (float, np.floating)) and math.isinf(x):
        return "∞" if x > 0 else "−∞"
    if isinstance(x, (int, np.integer)):
        text = f"{x:,}" if abs(int(x)) >= 10_000 else str(int(x))
    elif x == 0:
        text = "0"
    elif decimals is None:
        text = f"{float(x):.2e}"
    elif decimals == 0:
        text = f"{float(x):,.0f}" if abs(x) >= 10_000 else f"{float(x):.0f}"
    else:
        text = f"{float(x):.{decimals}f}"
    return text.replace("-", "−") if text.startswith("-") else text


def _column_text(col: pd.Series) -> pd.Series:
    floats = np.array(
        [v for v in col if isinstance(v, (float, np.floating)) and not isinstance(v, bool)],
        float,
    )
    decimals = _decimals(floats) if floats.size else 0
    return col.map(
        lambda v: (
            _number(v, decimals)
            if v is None or isinstance(v, (int, float, np.integer, np.floating)) or v is pd.NA
            else str(v)
        )
    )


def _missing(frame: pd.DataFrame) -> bool:
    return bool(frame.isna().to_numpy().any())


def _relabel(index: pd.Index) -> pd.Index:
    if isinstance(index, pd.MultiIndex):
        return index.set_levels([level.map(label) for level in index.levels]).set_names(
            [label(n) for n in index.names]
        )
    return index.map(label).set_names(label(index.name))


def display_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` as the text a reader sees: every cell formatted, the labels in words."""
    out = pd.DataFrame(
        {k: _column_text(frame.iloc[:, k]) for k in range(frame.shape[1])}, index=frame.index
    )
    out.columns = _relabel(frame.columns)
    out.index = _relabel(frame.index)
    return out


def to_html(obj) -> str:
    """The HTML the book shows for a DataFrame or Series."""
    frame = (
        obj.to_frame(obj.name if obj.name is not None else "value")
        if isinstance(obj, pd.Series)
        else obj
    )
    with pd.option_context("display.max_colwidth", None):
        table = display_frame(frame).to_html(
            classes="nefnet-table",
            border=0,
            escape=True,
            max_rows=pd.get_option("display.max_rows"),
            max_cols=None,
        )
    note = f'<p class="nefnet-table-note">{MISSING_NOTE}</p>' if _missing(frame) else ""
    return (
        f'<div class="nefnet-table-box" style="overflow-x:auto;max-width:100%">{table}</div>{note}'
    )


def install() -> bool:
    """Show every DataFrame and Series of this kernel through :func:`to_html` (False outside
    IPython)."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with the book extra
        return False
    ip = get_ipython()
    if ip is None:
        return False
    html = ip.display_formatter.formatters["text/html"]
    html.for_type(pd.DataFrame, to_html)
    html.for_type(pd.Series, to_html)
    return True


def protocol_table(protocols) -> pd.DataFrame:
    """Protocols as a table a reader scans: one row each, its recorded, supervised and unseen
    leads written out."""
    return pd.DataFrame(
        {
            "recorded": [", ".join(p.recorded) for p in protocols],
            "supervised": [", ".join(p.supervised) for p in protocols],
            "unseen": [", ".join(p.unseen) or MISSING for p in protocols],
        },
        index=pd.Index([p.name for p in protocols], name="protocol"),
    )
