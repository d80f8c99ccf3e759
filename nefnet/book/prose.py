"""Numbers, ranges and verdicts for a chapter's prose, computed in its cells and glued into the
text with myst-nb's ``glue`` — the book states only what it computed::

    prose.value("dower_db", psnr["Dower"], ".1f", "dB")     →  {glue:text}`dower_db`  (31.2 dB)
    prose.span("r2", r2.min(), r2.max(), ".3f")              →  0.870–0.999 (−0.2 to 0.4)
    prose.verdict("v2_smaller", n_v2 < n_v1)                 →  holds / does not hold

Each glued text is also kept (:func:`glued`), so a chapter can write it to its results JSON and
tests can read the verdicts. Missing values (NaN, None) read "n/a".

One convention for every chapter: a chapter module never glues. Its prose functions
(``<section>_texts(...)``) collect their statements in a :class:`Texts` — the same calls as
here, without the side effect — and return it, a ``dict[str, str]``; the notebook glues each in
one call, ``prose.glue_all(ch.section_texts(...))``. A notebook glues its own parameters
(record counts, seconds) with :func:`value` directly.
"""

from __future__ import annotations

import math


def glue_all(texts: dict) -> dict:
    """Glue every ``name → text`` of a chapter's ``findings(...)`` in one call; returns them."""
    for name, text in texts.items():
        glue(name, text)
    return dict(texts)


def number(x, spec=".1f", unit="", sign=False) -> str:
    """``x`` formatted for prose: typographic minus, optional unit and sign, "n/a" if missing."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "n/a"
    x = float(x) if spec[-1:] in "efgEFG%" else x
    text = format(x, ("+" if sign else "") + spec)
    if text.lstrip("+-").rstrip("%").strip("0.") == "":  # rounds to zero: no sign
        text = format(abs(x) * 0, spec)
    text = text.replace("-", "−")
    return f"{text} {unit}" if unit and unit not in ("%", "°") else text + unit


def range_text(lo, hi, spec=".1f", unit="") -> str:
    """A range "lo–hi unit" for prose (one number when both ends round alike; "lo to hi" when an
    end is negative, since a dash between signed numbers reads as a minus)."""
    a, b = number(lo, spec), number(hi, spec)
    if spec.endswith("%"):  # "40–43 %", not "40%–43%"
        a, b, unit = a.rstrip("%"), b.rstrip("%"), "%"
    text = a if a == b else f"{a} to {b}" if a.startswith("−") or b.startswith("−") else f"{a}–{b}"
    return f"{text} {unit}" if unit and unit != "°" else text + unit


def relation_text(deltas, spec=".1f", unit="dB", above="above", below="below") -> str:
    """How far a quantity sits from references, e.g. "10.9–13.1 dB below" for the differences
    ``deltas`` (quantity − reference); mixed signs read "−1.2 to +0.8 dB (mean −0.2 dB) relative
    to", so that the sentence goes on with the reference."""
    d = [float(x) for x in deltas]
    if not d or any(math.isnan(x) for x in d):
        return "n/a"
    lo, hi = min(d), max(d)
    if hi < 0 or lo > 0:
        a, b = sorted((abs(lo), abs(hi)))
        ends = (
            number(a, spec)
            if number(a, spec) == number(b, spec)
            else f"{number(a, spec)}–{number(b, spec)}"
        )
        return f"{ends} {unit} {below if hi < 0 else above}"
    mean = sum(d) / len(d)
    return (
        f"{number(lo, spec, sign=True)} to {number(hi, spec, sign=True)} {unit} (mean "
        f"{number(mean, spec, unit, sign=True)}) relative to"
    )


class Texts(dict):
    """A chapter section's statements, ``name → text``, collected by the calls below without
    gluing; :func:`glue_all` glues them. Each call returns its text."""

    def glue(self, name: str, text) -> str:
        """Keep ``text`` under ``name``."""
        self[name] = str(text)
        return self[name]

    def value(self, name, x, spec=".1f", unit="", sign=False) -> str:
        """One number (:func:`number`)."""
        return self.glue(name, number(x, spec, unit, sign))

    def span(self, name, lo, hi, spec=".1f", unit="") -> str:
        """A range (:func:`range_text`)."""
        return self.glue(name, range_text(lo, hi, spec, unit))

    def relation(self, name, deltas, spec=".1f", unit="dB", above="above", below="below") -> str:
        """How far a quantity sits from references (:func:`relation_text`)."""
        return self.glue(name, relation_text(deltas, spec, unit, above, below))

    def verdict(self, name, ok, yes="holds", no="does not hold") -> str:
        """The word for a checked claim: ``yes`` when ``ok`` is true, else ``no``."""
        return self.glue(name, yes if bool(ok) else no)


class _Kernel(Texts):
    """Everything this kernel glued: the same calls, each also glued for ``{glue:text}``."""

    def glue(self, name: str, text) -> str:
        text = super().glue(name, text)
        try:
            from myst_nb import glue as myst_glue
        except ImportError:  # only the book build reads glued values; a bare install runs on
            return text
        myst_glue(name, text, display=False)
        return text


_GLUED = _Kernel()
#: the notebook's calls: glue ``text`` under ``name`` for ``{glue:text}`name``` and return it
glue, value, span, relation, verdict = (
    _GLUED.glue,
    _GLUED.value,
    _GLUED.span,
    _GLUED.relation,
    _GLUED.verdict,
)


def glued() -> dict[str, str]:
    """Everything glued so far in this kernel, by name."""
    return dict(_GLUED)
