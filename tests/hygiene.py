"""What a reader must not meet on a built page: output debris (stderr, progress bars, raw
reprs, test markers, empty widget areas), tables with NaN cells, unrounded or float counts or
truncated text, and glued prose that does not read ("nan" in a sentence, a range whose sign
is ambiguous, a unit followed by a stray word, a doubled phrase). :func:`page_problems` lists
every problem of one HTML page; tests/test_book.py runs it on every page of the built book."""

from __future__ import annotations

import json
import re

from bs4 import BeautifulSoup

#: a table cell a reader should not see
_BAD_CELLS = (
    (re.compile(r"^(?:NaN|nan|None|<NA>|NaT|inf|-inf)$"), "a missing value shown raw"),
    (re.compile(r"^[−-]?\d+\.\d{5,}$"), "a number with five or more decimals"),
    (re.compile(r"(?:…|\.\.\.)$"), "truncated text"),
)
#: text outputs that are a Python repr rather than something written for a reader
_REPR = (
    (re.compile(r"^\s*[\[{(]"), "a raw list, dict or tuple"),
    (re.compile(r"^\s*['\"]"), "a raw string repr"),
    (re.compile(r"\bdtype: \w+"), "a raw pandas Series"),
    (re.compile(r"\b[A-Z]\w*\(\w+="), "a raw object repr"),
)
_PROGRESS = re.compile(r"\d+%\|[^|]*\||\bit/s\]|s/it\]|/s, loss=|epoch/s")
#: words that may follow a glued quantity's unit in a sentence
_AFTER_UNIT = set(
    "above below of from across against on in at than over under per with for to and or by "
    "between into after before behind ahead apart better worse higher lower lead leads less "
    "more the its their each wide long short off rms up down beyond is are was were when while "
    "where which if as once away sooner later earlier relative here there eager compiled span "
    "lower-bound".split()
)
_UNIT_WORD = re.compile(r"\d(?: ?)(?:dB|mV|ms|pp)\s+([A-Za-z][\w-]*)")
_MIXED_RANGE = re.compile(r"−\d[\d.,]*\s?–\s?[+−]?\d")
_MISSING_WORD = re.compile(
    r"(?<![\w/-])(?:nan|NaN|n/a|None(?! (?:of|is|are|was|were|has|have|can|could)\b))(?![\w/-])"
)
_DOUBLED = re.compile(r"\b((?:\w+ ){1,4}\w+),? and \1\b|\b(\w{3,}) \2\b", re.IGNORECASE)
_DANGLING_IT = re.compile(r"\d (?:dB|%|°|mV|ms) it\b")


_FLOAT_WHOLE = re.compile(r"^[−-]?\d[\d,]*\.0$")
_NUMBER = re.compile(r"^[−+-]?\d[\d,]*(?:\.\d+)?(?:e[−+-]?\d+)?$")


def _cell_problems(soup) -> list[str]:
    out = []
    for table in soup.select("div.cell_output table"):
        columns = {}
        for row in table.select("tbody tr"):
            for k, cell in enumerate(row.select("td")):
                columns.setdefault(k, []).append(cell.get_text(" ", strip=True))
        for cell in table.select("td, th"):
            text = cell.get_text(" ", strip=True)
            for pattern, what in _BAD_CELLS:
                if pattern.search(text):
                    out.append(f"table cell {text!r}: {what}")
                    break
        for cells in columns.values():  # counts as floats: a column of whole numbers with ".0"
            numbers = [c for c in cells if _NUMBER.match(c)]
            if numbers and all(_FLOAT_WHOLE.match(c) for c in numbers):
                out.append(f"table column of whole numbers shown as floats: {numbers[:3]}")
    return out


def _output_problems(soup) -> list[str]:
    out = []
    for block in soup.select("div.cell_output div.output"):
        classes = set(block.get("class", []))
        text = block.get_text()
        if "stderr" in classes:
            out.append(f"stderr output: {text.strip()[:80]!r}")
        elif _PROGRESS.search(text):
            out.append(f"progress bar: {text.strip()[:80]!r}")
        elif classes & {"text_plain", "stream"}:
            for pattern, what in _REPR:
                if pattern.search(text):
                    out.append(f"{what}: {text.strip()[:80]!r}")
                    break
    for code in soup.select("div.cell_input"):
        if "NBVAL_" in code.get_text():
            out.append(f"test marker in a code cell: {code.get_text().strip()[:60]!r}")
    return out


#: widget modules whose models the static page's widget manager can draw
STATIC_MODULES = ("@jupyter-widgets/base", "@jupyter-widgets/controls", "@jupyter-widgets/output")


def _children(state: dict, model: str) -> list[str]:
    """``model`` and every model its state refers to ("IPY_MODEL_<id>")."""
    seen, todo = [], [model]
    while todo:
        m = todo.pop()
        if m in seen or m not in state:
            continue
        seen.append(m)
        todo += [x[10:] for x in _refs(state[m].get("state", {}))]
    return seen


def _refs(value) -> list[str]:
    if isinstance(value, str):
        return [value] if value.startswith("IPY_MODEL_") else []
    if isinstance(value, dict):
        return [r for v in value.values() for r in _refs(v)]
    if isinstance(value, list):
        return [r for v in value for r in _refs(v)]
    return []


def _widget_problems(soup) -> list[str]:
    state = {}
    for script in soup.select('script[type="application/vnd.jupyter.widget-state+json"]'):
        state |= json.loads(script.string or "{}").get("state", {})
    out = []
    for script in soup.select('script[type="application/vnd.jupyter.widget-view+json"]'):
        model = json.loads(script.string or "{}").get("model_id")
        if model not in state:
            out.append(f"an empty widget area (model {model} has no saved state)")
            continue
        for m in _children(state, model):
            name, module = state[m].get("model_name"), state[m].get("model_module")
            if name in ("FloatProgressModel", "IntProgressModel"):
                out.append("a progress bar widget")
            elif module not in STATIC_MODULES:
                out.append(f"an empty widget area: the static page cannot draw {module} {name}")
    return out


def prose_text(soup) -> str:
    """The page's prose: its text without code, outputs, figures' data or navigation."""
    body = soup.select_one("main") or soup
    body = BeautifulSoup(str(body), "html.parser")
    for junk in body.select(
        "div.cell_input, div.cell_output, script, style, nav, div.bd-sidebar, pre, code, "
        "div.toggle, .headerlink, div.bd-footer-content, footer, div.toctree-wrapper"
    ):
        junk.decompose()
    return re.sub(r"\s+", " ", body.get_text(" "))


def prose_problems(text: str) -> list[str]:
    """Glued sentences that do not read (see the module's docstring)."""
    out = []
    for m in _MISSING_WORD.finditer(text):
        out.append(f"a missing value in prose: …{text[max(0, m.start() - 50) : m.end() + 20]}…")
    for m in _MIXED_RANGE.finditer(text):
        out.append(f"a range with an ambiguous sign: …{text[m.start() : m.end() + 10]}…")
    for m in _UNIT_WORD.finditer(text):
        if m.group(1).lower() not in _AFTER_UNIT:
            out.append(f"a unit followed by {m.group(1)!r}: …{text[m.start() : m.end()]}…")
    for m in _DANGLING_IT.finditer(text):
        out.append(f"a quantity followed by a dangling 'it': …{text[m.start() : m.end()]}…")
    for m in _DOUBLED.finditer(text):
        out.append(f"a doubled phrase: …{m.group(0)}…")
    return out


def page_problems(html: str) -> list[str]:
    """Every problem of one built page, each a line naming what and where."""
    soup = BeautifulSoup(html, "html.parser")
    return (
        _output_problems(soup)
        + _cell_problems(soup)
        + _widget_problems(soup)
        + prose_problems(prose_text(soup))
    )
