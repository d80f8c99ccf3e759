"""The built-page checks of tests/hygiene.py find what they are meant to find, and spare clean
pages; the book's own table display and sentence helpers produce what they allow."""

import math

import numpy as np
import pandas as pd
import pytest

from nefnet.book import prose, tables

from .hygiene import page_problems, prose_problems


def _page(body: str) -> str:
    return f"<html><body><main>{body}</main></body></html>"


def _output(cls: str, text: str) -> str:
    return (
        f'<div class="cell"><div class="cell_output"><div class="output {cls}">'
        f"<pre>{text}</pre></div></div></div>"
    )


@pytest.mark.parametrize(
    "body, what",
    [
        (_output("stderr", "RuntimeWarning: invalid value"), "stderr"),
        (_output("stream", "train: 40%|████ | 4/10 [00:02<00:03, 2.1it/s]"), "progress bar"),
        (_output("text_plain", "{'a': 1}"), "raw list, dict or tuple"),
        (_output("text_plain", "x    1\nName: v, dtype: int64"), "raw pandas Series"),
        (_output("stream", "Protocol(name='(3,8,1)', recorded=())"), "raw object repr"),
        (_output("text_plain", "'30°'"), "raw string repr"),
        ('<div class="cell_output"><table><tr><td>NaN</td></tr></table></div>', "missing"),
        ('<div class="cell_output"><table><tr><td>24.466967</td></tr></table></div>', "five"),
        (
            '<div class="cell_output"><table><tbody><tr><td>52935.0</td></tr><tr><td>3.0</td>'
            "</tr></tbody></table></div>",
            "whole numbers shown as floats",
        ),
        (
            '<div class="cell_output"><table><tr><td>C with keys ...</td></tr></table></div>',
            "trunc",
        ),
        ('<div class="cell_input"><pre># NBVAL_CHECK_OUTPUT\nx</pre></div>', "test marker"),
        (
            '<script type="application/vnd.jupyter.widget-view+json">{"model_id": "abc"}</script>',
            "empty widget",
        ),
        (
            '<script type="application/vnd.jupyter.widget-state+json">{"state": {"v": {'
            '"model_module": "@jupyter-widgets/controls", "model_name": "VBoxModel", "state": '
            '{"children": ["IPY_MODEL_f"]}}, "f": {"model_module": "anywidget", "model_name": '
            '"AnyModel", "state": {}}}}</script>'
            '<script type="application/vnd.jupyter.widget-view+json">{"model_id": "v"}</script>',
            "cannot draw anywidget",
        ),
        ("<p>ours ends between −2.3 and +1.0 dB dipole-LSQ.</p>", "unit followed by"),
        ("<p>after Stage II ours ends 1.0 dB it, and</p>", "dangling"),
        ("<p>the claim does not hold and does not hold here.</p>", "doubled"),
        ("<p>it recovers −126–75 % of the lost PSNR.</p>", "ambiguous sign"),
        ("<p>Its loss fell by n/a over the last epoch.</p>", "missing value in prose"),
    ],
)
def test_each_check_finds_its_problem(body, what):
    problems = page_problems(_page(body))
    assert any(what in p for p in problems), problems


def test_a_clean_page_has_no_problem():
    frame = pd.DataFrame({"psnr_unseen_db": [28.468021, np.nan], "records": [52935.0, 3.0]})
    body = (
        "<p>None of the datasets can be downloaded; ours is 0.7 dB below dipole-LSQ on average "
        "(−2.3 to +1.0 dB relative to it across devices), 40–43 % of it.</p>"
        '<div class="cell_output"><div class="output text_html">'
        f"{tables.to_html(frame)}</div></div>" + _output("stream", "scale: book; device: cpu")
    )
    assert page_problems(_page(body)) == []


def test_the_table_display_rounds_counts_and_names_columns():
    frame = pd.DataFrame(
        {
            "psnr_unseen_db": [28.468021, 29.375518, math.nan],
            "windows": [52935.0, 21837.0, 3.0],
            "ssim": [0.9641511, 0.93, 0.9],
            "note": ["x" * 120, "b", "c"],
        }
    )
    shown = tables.display_frame(frame)
    assert list(shown.columns) == ["PSNR unseen (dB)", "windows", "ssim", "note"]
    assert list(shown["PSNR unseen (dB)"]) == ["28.47", "29.38", tables.MISSING]
    assert list(shown["windows"]) == ["52,935", "21,837", "3"]
    assert shown["ssim"].iloc[0] == "0.964"  # three significant digits below 1
    assert tables.display_frame(pd.DataFrame({"c": [math.inf, 1.5]}))["c"].tolist() == ["∞", "1.5"]
    html = tables.to_html(frame)
    assert "x" * 120 in html and tables.MISSING_NOTE in html and "overflow-x:auto" in html
    assert "NaN" not in html
    assert tables.MISSING_NOTE not in tables.to_html(frame.dropna())
    assert tables.display_frame(pd.DataFrame({"v": [-1.5, 2.25]}))["v"].tolist() == [
        "−1.50",
        "2.25",
    ]


def test_ranges_and_relations_read_as_sentences():
    assert prose.range_text(-1.85, -0.13, ".2f") == "−1.85 to −0.13"
    assert prose.range_text(0.40, 0.43, ".0%") == "40–43 %"
    text = prose.relation("t_rel", [-2.3, 1.0])
    assert text == "−2.3 to +1.0 dB (mean −0.6 dB) relative to"
    assert prose_problems(f"ours ends {text} dipole-LSQ.") == []
    assert prose.relation("t_rel2", [1.0, 2.0]) == "1.0–2.0 dB above"
