"""The live explorer through a real kernel: `nefnet explore` (Voila) and chapter 11 in
JupyterLab, driven by headless Chromium. Moving the θ slider must come back redrawn."""

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from nefnet.book.lab import lab_command
from nefnet.cli.explore import free_port

from .browser import launch, needed_network, offline

pytestmark = [pytest.mark.slow, pytest.mark.browser]
REPO = Path(__file__).resolve().parents[1]
#: the live figure's title names the angle it shows and the recorded leads ("… from I,II,V3")
LIVE_TITLE = """() => [...document.querySelectorAll('.js-plotly-plot .gtitle')]
  .map(t => t.textContent).filter(t => t.includes('virtual lead') && t.includes(' from '))"""
LIVE_LEAD = """() => {
  const gd = [...document.querySelectorAll('.js-plotly-plot')].find(
    g => g.layout && g.layout.title && String(g.layout.title.text || '').includes(' from '));
  const t = gd.data.find(d => d.name === 'NEF-NET v2');
  return Array.from(t.y).slice(0, 300);
}"""


def _started(cmd, env, pattern, timeout=120):
    """Start ``cmd``; return the process and the first match of ``pattern`` in its output."""
    proc = subprocess.Popen(
        cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=REPO
    )
    deadline, seen = time.monotonic() + timeout, []
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line and proc.poll() is not None:
            break
        seen.append(line)
        match = re.search(pattern, line)
        if match:
            return proc, match
    proc.kill()
    pytest.fail(f"{cmd[:4]} did not print {pattern!r}:\n{''.join(seen[-30:])}")


def _closed(port, ceiling_s=20.0) -> bool:
    """Whether nothing listens on ``port`` any more (polled until it holds or the ceiling)."""
    import socket

    deadline = time.monotonic() + ceiling_s
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) != 0:
                return True
        time.sleep(0.25)
    return False


def _stop(proc):
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()


#: JavaScript conditions the JupyterLab test waits on, and what each means when it never holds
KERNEL_IDLE = (
    "window.jupyterapp?.shell?.currentWidget?.sessionContext?.session?.kernel?.status === 'idle'",
    "the notebook's kernel, idle",
)
ALL_EXECUTED = (
    "(() => { const p = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')];"
    " return p.length > 0 && p.every(e => /\\[\\d+\\]/.test(e.textContent)); })()",
    "an execution count on every code cell (all cells run)",
)
SLIDER = (
    "document.querySelector('.widget-slider .noUi-handle') !== null",
    "the explorer's θ slider (the widget model rendered)",
)
ERRORS = (
    "[...document.querySelectorAll('.jp-OutputArea-output[data-mime-type="
    '"application/vnd.jupyter.stderr"], .jp-RenderedText[data-mime-type='
    '"application/vnd.jupyter.error"]\')].map(e => e.textContent.slice(0, 300))'
)


def _wait(page, condition, ceiling_ms=900_000):
    """Wait until ``condition`` (JS, what it means) holds; fail naming what never appeared and
    the cells' error output. The ceiling only ends a hung run: the wait ends when it holds."""
    from playwright.sync_api import TimeoutError as Timeout

    js, what = condition
    try:
        page.wait_for_function(js, timeout=ceiling_ms, polling=250)
    except Timeout:
        errors = page.evaluate(ERRORS)
        raise AssertionError(f"{what} never appeared; cell errors: {errors or 'none'}") from None


def _turn_theta(page, presses=3):
    """Press → on the first slider (θ) and wait for the live figure to show the new angle."""
    _wait(page, (f"({LIVE_TITLE})().length > 0", "the live figure's title"))
    title = page.evaluate(LIVE_TITLE)[0]
    before = page.evaluate(LIVE_LEAD)
    theta = int(re.search(r"θ = (\d+)°", title).group(1))
    handle = page.locator(".widget-slider .noUi-handle").first
    handle.focus()
    for _ in range(presses):
        handle.press("ArrowRight")
    want = f"θ = {theta + presses}°"
    redrawn = f"({LIVE_TITLE})().some(t => t.includes('{want}'))"
    _wait(page, (redrawn, f"the live figure redrawn by the kernel at {want}"))
    return title, page.evaluate(LIVE_TITLE)[0], before, page.evaluate(LIVE_LEAD)


def test_nefnet_explore_serves_a_live_explorer():
    """`nefnet explore` prints its address; θ moves; the kernel sends a new waveform back."""
    from playwright.sync_api import sync_playwright

    cmd = [sys.executable, "-m", "nefnet.cli", "explore", "--port", "0"]
    proc, match = _started(cmd, dict(os.environ), r"explorer is at (http://127\.0\.0\.1:(\d+)/)")
    url, port, external = match.group(1), int(match.group(2)), []
    try:
        with sync_playwright() as p:
            browser = launch(p)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            offline(page, port, external)
            served = page.goto(url, wait_until="load", timeout=120000).text()
            title, title_after, before, after = _turn_theta(page)
            waiting = page.evaluate("document.getElementById('loading')")
            browser.close()
    finally:
        _stop(proc)
    assert _closed(port), f"the Voila server on port {port} outlived nefnet explore"
    # the page says what is happening until the controls appear, then the message goes
    assert "Starting the kernel…" in served and "its controls appear here" in served
    assert waiting is None, "the loading message is still on the page after the controls"
    assert title != title_after
    assert len(before) == len(after) > 100 and before != after
    assert not needed_network(external), f"the app needs the network for: {external}"


def test_jupyterlab_runs_chapter_11_with_live_widgets(tmp_path):
    """Chapter 11 opened in JupyterLab (the `make lab` server), run all: the widgets render and
    a θ move is answered by the kernel."""
    from playwright.sync_api import sync_playwright

    shutil.copy(REPO / "notebooks" / "11_panorama_explorer.ipynb", tmp_path / "ch11.ipynb")
    env = dict(os.environ)
    for var in ("JUPYTER_CONFIG_DIR", "JUPYTERLAB_SETTINGS_DIR", "JUPYTERLAB_WORKSPACES_DIR"):
        env[var] = str(tmp_path / var.lower())
    cmd = lab_command(free_port(), tmp_path, browser=False, token=False)
    proc, match = _started(cmd, env, r"(http://127\.0\.0\.1:(\d+)/lab)")
    port, external = int(match.group(2)), []
    try:
        with sync_playwright() as p:
            browser = launch(p)
            page = browser.new_page(viewport={"width": 1280, "height": 1000})
            offline(page, port, external)
            page.goto(f"http://127.0.0.1:{port}/lab/tree/ch11.ipynb", wait_until="load")
            _wait(page, KERNEL_IDLE)
            page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
            _wait(page, ALL_EXECUTED)
            _wait(page, SLIDER)
            title, title_after, before, after = _turn_theta(page)
            browser.close()
    finally:
        _stop(proc)
    assert title != title_after and before != after
    assert not needed_network(external), f"JupyterLab needs the network for: {external}"
