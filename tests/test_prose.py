"""The book states only what it computed: no measured-looking number is typed into a chapter's
prose (markdown cells and figure captions) or the book's pages. Numbers, ranges and verdicts
come from ``{glue:text}`` (nefnet.book.prose); the only typed quantities are the constants and
paper facts of ALLOWED, each with its reason."""

import json
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CHAPTERS = sorted((REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))
CHAPTERS += sorted((REPO / "notebooks").glob("appendix_*.ipynb"))
PAGES = sorted((REPO / "pages").glob("*.md"))

#: typed quantities allowed in prose, by page: {page: {text: reason}}
ALLOWED = {
    "04_nefnet_v2.ipynb": {
        "4,608 samples": "the input length the authors' LayerNorm(2304) fixes (their code)",
    },
    "05_three_stage.ipynb": {
        "60 ms": "the ST measuring point J + 60 ms (nefnet.scoring.fidelity.J_MS, a definition)",
        "95 %": "the Bland–Altman limits of agreement (mean ± 1.96 SD, a definition)",
    },
    "06_panobench.ipynb": {
        "10°": "the unit of the distance slope (dB per 10°)",
        "2 s": "the stretch of record the panorama figure draws (a plotting choice)",
        "60 ms": "the ST measuring point J + 60 ms (nefnet.scoring.fidelity.J_MS, a definition)",
        "95 %": "the Bland–Altman limits of agreement (mean ± 1.96 SD, a definition)",
    },
    "07_ablations.ipynb": {
        "1 %": "a column of the paper's Table 9 (a paper fact)",
        "100 %": "a column of the paper's Table 9 (a paper fact)",
    },
    "08_noise.ipynb": {
        "0.5–40 Hz": "the pass band of the package's filter (nefnet.chapters.noise.package_filter)",
    },
    "09_clinical.ipynb": {
        **{a: "an angle of the paper's Fig. 11 (a paper fact)" for a in ("90°", "130°", "132°")},
        **{a: "an angle of the paper's Fig. 11 (a paper fact)" for a in ("−99°", "140°", "100°")},
        "500 Hz": "the sampling rate the models were trained at (a constant)",
        "60 ms": "the ST measuring point J + 60 ms (nefnet.scoring.fidelity.J_MS, a definition)",
        "95 %": "the Bland–Altman limits of agreement (mean ± 1.96 SD, a definition)",
    },
    "10_real_records.ipynb": {
        "60 ms": "the ST measuring point J + 60 ms (nefnet.scoring.fidelity.J_MS, a definition)",
        "95 %": "the Bland–Altman limits of agreement (mean ± 1.96 SD, a definition)",
    },
    "intro.md": {
        "60 s": "the smoke-scale budget of a chapter (a target, not a measurement)",
        "15 min": "the book-scale budget of the whole book (a target, not a measurement)",
    },
}

_UNITS = (
    r"(?:dB|ms|s|min|h|%|°|µV|uV|mV|Hz|kHz|bpm|cm|mm|MB|GB|seconds?|minutes?|degrees?"
    r"|hours?|epochs?|iterations?|samples?|records?)"
)
_NUM = r"[−\-+]?\d+(?:[.,]\d+)?"
_RANGE = rf"{_NUM}(?:\s*(?:–|-|to|and|/)\s*{_NUM})*"
#: what reads as a measured quantity: a number with a unit, a score with a value, a decimal,
#: a multiplier
QUANTITY = [
    re.compile(rf"(?<![\w.\-]){_RANGE}[\s-]?{_UNITS}(?![A-Za-z])"),
    re.compile(
        rf"(?:R²|R\^2|\br\b|PSNR|SSIM|RMSE)\s*(?:=|≈|<|>|≤|≥|of|about|down to|up to)?"
        rf"\s*(?:about\s*)?{_RANGE}"
    ),
    re.compile(
        r"(?<![\w.§\d])(?<!Eq\. )(?<!Table )(?<!Fig\. )\d+\.\d+(?![\w.]*\d)"
        r"(?:\s*[–-]\s*\d+(?:\.\d+)?)?"
    ),
    re.compile(r"[×x]\s?\d+(?:\.\d+)?(?!\w)|\d+(?:\.\d+)?\s?×(?!\s?\d)"),
]
#: not prose: code blocks and directives, roles (glue, numref), inline code, maths, link targets
_STRIP = [
    re.compile(p, re.S)
    for p in (
        r"```.*?```",
        r"\{[\w:-]+\}`[^`]*`",
        r"`[^`]*`",
        r"\$\$.*?\$\$",
        r"\$[^$]*\$",
        r"\]\([^)]*\)",
    )
]


def typed_quantities(text: str) -> list[str]:
    """Measured-looking quantities typed into ``text`` (glued values are roles: stripped)."""
    for pattern in _STRIP:
        text = pattern.sub(" ", text)
    spans = []
    for pattern in QUANTITY:
        for m in pattern.finditer(text):
            if not any(a <= m.start() < b for a, b in spans):
                spans.append((m.start(), m.end()))
    return [text[a:b].strip() for a, b in sorted(spans)]


def prose_of(path: Path) -> list[str]:
    """Markdown cells and figure captions of a notebook, or a page's text."""
    if path.suffix != ".ipynb":
        return [path.read_text()]
    out = []
    for cell in json.loads(path.read_text())["cells"]:
        if cell["cell_type"] == "markdown":
            out.append("".join(cell["source"]))
        caption = cell.get("metadata", {}).get("mystnb", {}).get("figure", {}).get("caption")
        if caption:
            out.append(caption)
    return out


def test_the_detector_finds_typed_numbers_and_spares_glued_ones():
    text = (
        "V2 reaches 38.5 dB; R² ≈ 0.87–0.999; 12–15 dB below; gains of 0.5–3; 4× down; "
        "about 10° RMS; the {glue:text}`r2_range` and $2/\\sqrt3$; §3.3 and Table 5; "
        "a 10-s window; `0.5 ms` in code"
    )
    assert typed_quantities(text) == [
        "38.5 dB",
        "R² ≈ 0.87–0.999",
        "12–15 dB",
        "0.5–3",
        "4×",
        "10°",
        "10-s",
    ]


@pytest.mark.parametrize("path", CHAPTERS + PAGES, ids=lambda p: p.name)
def test_no_hand_typed_measured_number(path):
    allowed = ALLOWED.get(path.name, {})
    typed = [q for text in prose_of(path) for q in typed_quantities(text) if q not in allowed]
    assert not typed, (
        f"{path.name} types measured-looking quantities into its prose: {typed}; "
        "glue them from the cell that computes them (nefnet.book.prose), or add a "
        "constant or paper fact to ALLOWED with its reason"
    )


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_chapters_have_no_dates_or_issue_talk(path):
    text = " ".join(prose_of(path))
    assert not re.search(r"\b20\d\d-\d\d-\d\d\b", text), "a dated diary belongs in recorded/"
    assert not re.search(r"\bthe issue\b|\bissue #?\d", text, re.I), "no talk of issues"


def test_figures_are_named_and_referenced():
    for path in CHAPTERS:
        cells = json.loads(path.read_text())["cells"]
        names = [
            c["metadata"]["mystnb"]["figure"]["name"]
            for c in cells
            if "figure" in c.get("metadata", {}).get("mystnb", {})
        ]
        text = " ".join(prose_of(path))
        assert len(names) == len(set(names)), f"{path.name}: duplicate figure names"
        prefix = path.stem.split("_")[0]  # 01 … 11, or appendix
        assert all(n.startswith(f"fig-{prefix}-") for n in names), names
        unreferenced = [n for n in names if f"{{numref}}`{n}`" not in text]
        assert not unreferenced, f"{path.name}: figures the prose never refers to: {unreferenced}"


def glue_keys(path: Path) -> set:
    """The keys a chapter's prose reads from its own glued values."""
    keys = set()
    for text in prose_of(path):
        keys |= {
            k.split(":")[0] for k in re.findall(r"\{glue:text\}`([^`]+)`", text) if "::" not in k
        }
    return keys


GLUING = re.compile(r"\bprose\.(glue|value|span|verdict|relation)\(")


def test_chapter_modules_return_their_texts_and_never_glue():
    """One prose convention: the package's prose functions return a ``prose.Texts`` and the
    notebook glues each in one call (``prose.glue_all``); only nefnet/book/prose.py glues."""
    gluing = [
        f"{p.relative_to(REPO)}:{n}"
        for p in sorted((REPO / "nefnet").rglob("*.py"))
        if p != REPO / "nefnet" / "book" / "prose.py"
        for n, line in enumerate(p.read_text().splitlines(), 1)
        if GLUING.search(line)
    ]
    assert not gluing, f"these glue from inside the package; return a prose.Texts: {gluing}"


def test_texts_collect_without_gluing_and_glue_all_glues_them():
    from nefnet.book import prose

    before = prose.glued()
    t = prose.Texts()
    assert t.value("tx_a", -1.234, ".1f", "dB") == "−1.2 dB"
    assert t.relation("tx_b", [-2.0, -1.0]) == "1.0–2.0 dB below"
    assert t.verdict("tx_c", False) == "does not hold" and t.span("tx_d", 1, 2, "d") == "1–2"
    assert "tx_a" not in prose.glued() and prose.glued() == before
    assert prose.glue_all(t) == dict(t) and prose.glued()["tx_b"] == "1.0–2.0 dB below"
