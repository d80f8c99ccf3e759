"""The plausibility gate: whether a record can be an ECG in mV, before anything is computed
from it. Every real reader (:class:`~nefnet.data.kinds.FolderSource`), ``--record`` and
``synthesize`` pass their records through :func:`gate`.

The checks and their bounds (README, "What nefnet refuses, and why"):

* **finite** — a NaN or infinite sample is refused (naming the lead and the count).
* **amplitude** — a lead whose 99.9th percentile of ``|x − median|`` exceeds
  :data:`AMPLITUDE_MAX_MV` is refused: the largest QRS complexes seen at the body surface stay
  under 10 mV, and the real sample records reach 11.4 mV with artefacts (a wrong gain or a
  corrupt header lands far beyond). When the signals /1000 would be plausible, the message
  says they look like µV.
* **units (V)** — a record whose leads all swing less than :data:`AMPLITUDE_MIN_MV` (but not
  flat) is refused: its values look like volts (×1000 would be plausible mV).
* **offset** — a lead whose median exceeds :data:`OFFSET_MAX_MV` in size is refused (an
  electrode offset or a baseline field gone wrong; the real samples stay under 0.3 mV).
* **limb leads** — where I, II and III or the augmented leads are present, Einthoven's law
  (III = II − I) and Goldberger's (aVR = −(I + II)/2, aVL = I − II/2, aVF = II − I/2) must
  hold to :data:`LIMB_RESIDUAL_MAX` of the leads' RMS (the real samples: ≤ 1 %, rounding).
  A record that breaks them gets a warning naming the inverted lead or the swapped pair that
  explains it (a software mislabel: a reversed arm electrode keeps the laws).
* **sampling rate** — heart rate × the averaged beat's spectral edge must stay within
  :data:`~nefnet.data.rate_check.TEMPO_BOUNDS` (300–4,500 bpm·Hz; the real samples:
  849–3,207): outside, a warning gives the rate the beats look sampled at
  (:mod:`~nefnet.data.rate_check`).
* **precordial leads** — where I, II and V1–V6 are present, no single inversion or swap of
  precordial leads may lower the nominal dipole fit's residual by more than
  :data:`~nefnet.data.precordial_check.IMPROVEMENT_MIN` (1.7×; the real samples: ≤ 1.60×):
  otherwise a warning names the lead (:mod:`~nefnet.data.precordial_check`). Swaps of
  neighbouring precordial leads mostly pass unseen.
"""

from __future__ import annotations

import itertools
import warnings
from dataclasses import dataclass

import numpy as np

from .precordial_check import precordial_doubt
from .rate_check import rate_doubt
from .record import Record

AMPLITUDE_MAX_MV = 25.0
AMPLITUDE_MIN_MV = 0.02
OFFSET_MAX_MV = 1000.0
LIMB_RESIDUAL_MAX = 0.10
#: the limb-lead laws: lead → its value from I and II
LAWS = {
    "III": lambda i, ii: ii - i,
    "aVR": lambda i, ii: -(i + ii) / 2,
    "aVL": lambda i, ii: i - ii / 2,
    "aVF": lambda i, ii: ii - i / 2,
}
LIMB = ("I", "II", "III", "aVR", "aVL", "aVF")


@dataclass(frozen=True)
class Finding:
    check: str
    lead: str | None
    refuse: bool
    message: str


def _where(record: Record) -> str:
    source = record.meta.get("source") if isinstance(record.meta, dict) else None
    return f"record {record.name!r}" + (f" ({source})" if source else "")


def _amplitudes(x: np.ndarray) -> np.ndarray:
    return np.percentile(np.abs(x - np.median(x, axis=1, keepdims=True)), 99.9, axis=1)


def _signal_findings(record: Record) -> list[Finding]:
    x, where = record.signals, _where(record)
    bad = [(n, int((~np.isfinite(row)).sum())) for n, row in zip(record.leads, x)]
    bad = [(n, k) for n, k in bad if k]
    if bad:
        what = ", ".join(f"{n} ({k})" for n, k in bad)
        msg = f"{where}: NaN or infinite samples in lead(s) {what}; expected finite mV values"
        return [Finding("finite", bad[0][0], True, msg)]
    out, amp = [], _amplitudes(x)
    k = int(np.argmax(amp))
    if amp[k] > AMPLITUDE_MAX_MV:
        hint = (
            " — the signals look like µV, not mV (divide by 1000)"
            if amp[k] / 1000 <= AMPLITUDE_MAX_MV and np.median(amp) / 1000 >= AMPLITUDE_MIN_MV
            else " — a wrong gain or a corrupt header?"
        )
        out.append(
            Finding(
                "amplitude",
                record.leads[k],
                True,
                f"{where}: lead {record.leads[k]} swings {amp[k]:.4g} mV about its median; "
                f"an ECG stays under {AMPLITUDE_MAX_MV:g} mV{hint}",
            )
        )
    elif 0 < amp.max() < AMPLITUDE_MIN_MV:  # varies, but by less than any ECG
        out.append(
            Finding(
                "units",
                None,
                True,
                f"{where}: every lead stays under {AMPLITUDE_MIN_MV:g} mV (largest "
                f"{amp.max():.3g} mV); the signals look like volts, not mV (multiply by 1000)",
            )
        )
    med = np.abs(np.median(x, axis=1))
    k = int(np.argmax(med))
    if med[k] > OFFSET_MAX_MV:
        out.append(
            Finding(
                "offset",
                record.leads[k],
                True,
                f"{where}: lead {record.leads[k]} sits {med[k]:.4g} mV from zero; an ECG "
                f"offset stays under {OFFSET_MAX_MV:g} mV (a corrupt baseline field?)",
            )
        )
    return out


def limb_residuals(leads: dict) -> dict[str, float]:
    """Each available limb-lead law's residual RMS relative to the RMS of the leads it ties."""
    if "I" not in leads or "II" not in leads:
        return {}
    i, ii = leads["I"], leads["II"]
    out = {}
    for name, law in LAWS.items():
        if name in leads:
            scale = np.sqrt(np.mean(np.stack([i, ii, leads[name]]) ** 2))
            res = np.sqrt(np.mean((leads[name] - law(i, ii)) ** 2))
            out[name] = float(res / scale) if scale > 0 else 0.0
    return out


def _explanations(leads: dict):
    """(words, leads after undoing it) for every single inverted lead and swapped pair."""
    for name in leads:
        yield f"lead {name} looks inverted", leads | {name: -leads[name]}
    for a, b in itertools.combinations(leads, 2):
        yield f"leads {a} and {b} look swapped", leads | {a: leads[b], b: leads[a]}


def _limb_findings(record: Record) -> list[Finding]:
    leads = {n: record.signals[record.leads.index(n)] for n in LIMB if n in record.leads}
    worst = limb_residuals(leads)
    if not worst or max(worst.values()) <= LIMB_RESIDUAL_MAX:
        return []
    law = max(worst, key=worst.get)
    fixed = [
        words
        for words, undone in _explanations(leads)
        if max(limb_residuals(undone).values()) <= LIMB_RESIDUAL_MAX
    ]
    why = fixed[0] if len(fixed) == 1 else "a limb lead is inverted, swapped or mislabelled"
    return [
        Finding(
            "limb leads",
            law,
            False,
            f"{_where(record)}: lead {law} breaks Einthoven/Goldberger by "
            f"{worst[law]:.0%} of the limb leads' RMS (expected ≤ {LIMB_RESIDUAL_MAX:.0%}); {why}",
        )
    ]


def _doubts(record: Record) -> list[Finding]:
    """The warnings that need a whole beat: the sampling rate and the precordial leads."""
    out, where = [], _where(record)
    rate = rate_doubt(record.signals, float(record.sampling_rate))
    if rate:
        out.append(Finding("sampling rate", None, False, f"{where}: {rate}"))
    precordial = precordial_doubt(record.signals, record.leads, float(record.sampling_rate))
    if precordial:
        lead, words = precordial
        out.append(Finding("precordial leads", lead, False, f"{where}: lead {lead}: {words}"))
    return out


def findings(record: Record) -> list[Finding]:
    """Every check's finding on ``record`` (empty: plausible)."""
    out = _signal_findings(record)
    if any(f.check == "finite" for f in out):
        return out
    if any(f.refuse for f in out):
        return out + _limb_findings(record)
    return out + _limb_findings(record) + _doubts(record)


def gate(record: Record) -> Record:
    """``record`` if plausible; a one-line ValueError for the first refusal, and a one-line
    warning for each doubt."""
    found = findings(record)
    for f in found:
        if f.refuse:
            raise ValueError(f.message)
    for f in found:
        warnings.warn(f.message, ImplausibleRecord, stacklevel=2)
    return record


class ImplausibleRecord(UserWarning):
    """A record that passes the gate with a doubt (e.g. limb leads that break Einthoven)."""
