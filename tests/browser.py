"""Headless Debian Chromium through playwright (no browser download), kept offline."""

import shutil

import pytest

#: console messages that are known, harmless noise (reference/toolchain.md)
CONSOLE_ALLOW = ("THEBE_JS_URL", "Got invalid theme mode", "favicon.ico")
#: external requests allowed to fail offline: plotly's optional LaTeX MathJax, icon fonts
EXTERNAL_ALLOW = ("cdnjs.cloudflare.com/ajax/libs/mathjax", "fontawesome", "font-awesome")


def launch(p):
    """Debian's chromium, headless, with the flags that keep it quiet and offline."""
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if exe is None:
        pytest.fail(
            "Debian chromium is required for the browser tests: apt-get install chromium "
            "(make test and .ci/run install it)"
        )
    return p.chromium.launch(
        executable_path=exe,
        headless=True,
        args=[
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    )


def offline(page, port, external):
    """Let the page reach 127.0.0.1:``port`` only; record and abort every other request."""

    def route(r):
        if r.request.url.startswith(f"http://127.0.0.1:{port}/"):
            return r.continue_()
        external.append(r.request.url)
        return r.abort()

    page.route("**/*", route)


def needed_network(external) -> list[str]:
    """The external requests that are not known, optional assets."""
    return [u for u in external if not any(a in u for a in EXTERNAL_ALLOW)]
