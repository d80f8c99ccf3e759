"""The book builds with -W -n --keep-going; Chromium renders its figures and widgets offline."""

import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from .browser import CONSOLE_ALLOW, launch, needed_network, offline
from .httpserver import serve
from .hygiene import page_problems

pytestmark = pytest.mark.slow

CHAPTER = "notebooks/01_dipole_theory.html"


@pytest.fixture(scope="module")
def built_book(repo, tmp_path_factory, ptb_dir):
    """Build the whole book at smoke scale into _build/test-book (its own execution cache)."""
    out = repo / "_build" / "test-book"
    env = dict(
        os.environ,
        NEFNET_SCALE="smoke",
        NEFNET_RESULTS=str(tmp_path_factory.mktemp("book-results")),
    )
    jb = Path(sys.executable).with_name("jupyter-book")
    res = subprocess.run(
        [str(jb), "build", "-W", "-n", "--keep-going", "--path-output", str(out), str(repo)],
        capture_output=True,
        text=True,
        env=env,
        timeout=1800,
    )
    assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-3000:]
    return out / "_build" / "html"


def test_book_pages_and_offline_assets(built_book):
    page = (built_book / CHAPTER).read_text()
    assert "plotly-graph-div" in page  # plotly survived into the HTML (no silent drop)
    assert "application/vnd.jupyter.widget-state+json" in page
    for asset in ("require.js", "embed-amd.js", "mathjax/tex-mml-chtml.js"):
        assert (built_book / "_static" / asset).is_file()
        assert re.search(r'src="[^"]*_static/' + re.escape(asset), page)
    assert not re.search(r'<script[^>]+src="https?://(cdn\.jsdelivr\.net|unpkg\.com)', page)
    assert (built_book / "index.html").is_file() or (built_book / "pages" / "intro.html").is_file()
    for table in ("theta_deg", "Hexaxial", "RankDeficientLeadSet"):
        assert table in page


def _pages(built_book):
    return sorted((built_book / "notebooks").glob("*.html")) + [built_book / "pages" / "intro.html"]


def test_every_page_is_free_of_debris_and_broken_prose(built_book):
    """No stderr, progress bar, raw repr, test marker, empty widget area, NaN or unrounded
    table cell, or glued sentence that does not read, on any page (tests/hygiene.py)."""
    problems = {
        page.name: found
        for page in _pages(built_book)
        if (found := page_problems(page.read_text()))
    }
    assert not problems, "\n".join(f"{k}: {p}" for k, v in problems.items() for p in v)


def test_the_findings_page_links_every_claim_to_its_section(built_book):
    from nefnet.reproduce import findings

    page = (built_book / "notebooks" / "00_findings.html").read_text()
    assert "Of the " in page and "claims the book tests" in page
    for chapter, section, _ in findings.EVIDENCE.values():
        assert f'href="{chapter}.html#{section}"' in page
        target = (built_book / "notebooks" / f"{chapter}.html").read_text()
        assert f'id="{section}"' in target, (chapter, section)
    intro = (built_book / "pages" / "intro.html").read_text()
    assert "00_findings.html" in intro


def test_appendix_renders_the_recorded_benchmarks(built_book):
    page = (built_book / "notebooks" / "appendix_benchmarks.html").read_text()
    for figure in ("Samples per s", "slider move", "Peak RSS (MB)", "bench_holter.json"):
        assert figure in page
    assert "fig-appendix-training" in page and "<img" in page


def test_appendix_gives_the_paper_scale_route(built_book):
    page = (built_book / "notebooks" / "appendix_paper_scale.html").read_text()
    for step in ("fetch_ptbxl.py", "nefnet cache build", "--onthefly 100", "nproc_per_node"):
        assert step in page
    assert "extrapolation" in page and "Stage I h" in page and "allreduce_share" in page


@pytest.mark.browser
@pytest.mark.parametrize("chapter,widgets", [(CHAPTER, True), ("notebooks/02_data.html", False)])
def test_chromium_renders_chapter(built_book, tmp_path, chapter, widgets):
    from playwright.sync_api import sync_playwright

    server = serve(built_book)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    console, external = [], []
    try:
        with sync_playwright() as p:
            browser = launch(p)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.on("console", lambda m: m.type == "error" and console.append(m.text))
            page.on("pageerror", lambda e: console.append(str(e)))
            offline(page, server.server_port, external)
            page.goto(f"http://127.0.0.1:{server.server_port}/{chapter}", wait_until="load")
            page.wait_for_selector(".plotly-graph-div .main-svg", timeout=30000)
            if widgets:
                page.wait_for_selector(".widget-slider, .jupyter-widgets .slider", timeout=30000)
            page.wait_for_selector("mjx-container", timeout=30000)
            page.wait_for_timeout(1500)
            n_svg = page.locator(".plotly-graph-div .main-svg").count()
            page.screenshot(path=str(tmp_path / "chapter.png"), full_page=False)
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    assert n_svg >= (2 if widgets else 1)  # ch. 01: sphere + slider figure; ch. 02: torso
    assert not needed_network(external), f"page needs the network for: {external}"
    errors = [
        m
        for m in console
        if not any(a in m for a in CONSOLE_ALLOW) and "Failed to load resource" not in m
    ]
    assert not errors, errors


#: what a reader's browser shows that the page should not: a widget view the embedder did not
#: draw (its area stays empty), an output the browser shows as stderr, a Python traceback, a
#: progress bar, a raw repr as an output, or "nan" in a table cell — read from the rendered
#: page, after its scripts ran
_RENDERED_PROBLEMS = r"""() => {
  const out = [];
  const views = 'script[type="application/vnd.jupyter.widget-view+json"]';
  for (const s of document.querySelectorAll(views)) {
    const area = s.parentElement;
    if (!area.querySelector('.jupyter-widgets, .widget-box, .widget-inline-hbox, .widget-slider'))
      out.push('an empty widget area');
  }
  for (const e of document.querySelectorAll('.output.stderr, .stderr'))
    if (e.offsetParent !== null && e.innerText.trim())
      out.push('stderr: ' + e.innerText.slice(0, 80));
  const text = document.querySelector('main, article, body').innerText;
  if (text.includes('Traceback (most recent call last)')) out.push('a traceback');
  if (/\d+%\|[█▏▎▍▌▋▊▉ ]*\|/.test(text)) out.push('a progress bar');
  const repr = [/^\s*[\[{(]/, /^\s*['"]/, /\bdtype: \w+/, /\b[A-Z]\w*\(\w+=/];
  for (const e of document.querySelectorAll('.cell_output .output.text_plain'))
    if (repr.some(r => r.test(e.innerText))) out.push('a raw repr: ' + e.innerText.slice(0, 40));
  for (const td of document.querySelectorAll('table td'))
    if (['nan', 'NaN', 'None'].includes(td.innerText.trim())) { out.push('a nan cell'); break; }
  return out;
}"""


@pytest.mark.browser
def test_the_rendered_page_check_finds_what_it_looks_for():
    from playwright.sync_api import sync_playwright

    view = '{"model_id": "x", "version_major": 2, "version_minor": 0}'
    html = (
        f'<main><div><script type="application/vnd.jupyter.widget-view+json">{view}</script></div>'
        '<div class="output stderr"><pre>RuntimeWarning: invalid value</pre></div>'
        "<pre>train: 40%|████      | 2/5</pre>"
        '<div class="cell_output"><div class="output text_plain"><pre>{\'CinC\': 49}</pre></div>'
        "</div><table><tr><td>nan</td></tr></table></main>"
    )
    with sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page()
        page.set_content(html)
        found = page.evaluate(_RENDERED_PROBLEMS)
        browser.close()
    assert found[0] == "an empty widget area" and found[1].startswith("stderr: RuntimeWarning")
    assert found[2:] == ["a progress bar", "a raw repr: {'CinC': 49}", "a nan cell"]


@pytest.mark.browser
def test_chromium_finds_no_debris_on_any_rendered_page(built_book):
    """Every page as Chromium renders it, offline, after its scripts ran: no empty widget area,
    visible stderr, traceback, progress bar, raw repr or nan cell (the static checks read the
    HTML; this reads what the reader sees)."""
    from playwright.sync_api import sync_playwright

    server = serve(built_book)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    problems, external = {}, []
    try:
        with sync_playwright() as p:
            browser = launch(p)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            offline(page, server.server_port, external)
            for path in _pages(built_book):
                rel = path.relative_to(built_book).as_posix()
                page.goto(f"http://127.0.0.1:{server.server_port}/{rel}", wait_until="load")
                if page.locator('script[type="application/vnd.jupyter.widget-view+json"]').count():
                    page.wait_for_selector(".jupyter-widgets", timeout=30000, state="attached")
                page.wait_for_timeout(500)
                if found := page.evaluate(_RENDERED_PROBLEMS):
                    problems[rel] = found
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    assert len(_pages(built_book)) >= 16
    assert not problems, "\n".join(f"{k}: {v}" for k, v in problems.items())


EXPLORER = "notebooks/11_panorama_explorer.html"
_VISIBLE_LEAD = """() => {
  const gd = [...document.querySelectorAll('.plotly-graph-div')].find(
    g => g.layout && g.layout.sliders && g.layout.sliders.length);
  const t = gd._fullData.find(d => d.visible === true && d.name === 'NEF-NET v2');
  return [gd.layout.title.text, Array.from(t.y).slice(0, 200)];
}"""


@pytest.mark.browser
def test_chromium_turns_the_static_explorer(built_book):
    """Chapter 11's static figure works without a kernel: moving the φ slider in the built HTML
    shows another precomputed lead, and choosing another θ keeps that φ, offline."""
    from playwright.sync_api import sync_playwright

    server = serve(built_book)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    external = []
    try:
        with sync_playwright() as p:
            browser = launch(p)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            offline(page, server.server_port, external)
            page.goto(f"http://127.0.0.1:{server.server_port}/{EXPLORER}", wait_until="load")
            page.wait_for_selector(".slider-rail-rect", timeout=30000)
            title, before = page.evaluate(_VISIBLE_LEAD)
            rail = page.locator(".slider-rail-rect").first
            rail.scroll_into_view_if_needed()
            box = rail.bounding_box()
            page.mouse.click(box["x"] + box["width"] - 2, box["y"] + box["height"] / 2)
            page.wait_for_timeout(800)
            title_after, after = page.evaluate(_VISIBLE_LEAD)
            page.locator(".updatemenu-header").first.click()  # another θ keeps the φ chosen
            page.locator(".updatemenu-dropdown-button").first.click()
            page.wait_for_timeout(800)
            title_theta, _ = page.evaluate(_VISIBLE_LEAD)
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    assert title != title_after and "φ = 150°" in title_after, (title, title_after)
    assert "φ = 150°" in title_theta and title_theta != title_after, (title_after, title_theta)
    assert before != after
    assert not needed_network(external), f"page needs the network for: {external}"
