"""Diagnostic labels: the nine CPSC2018 classes and their SNOMED-CT codes (PhysioNet/CinC
2020–2021 ``# Dx`` header lines).

A ``# Dx`` code that is not a well-formed SNOMED-CT identifier (digits with a valid Verhoeff
check digit) is refused; well-formed codes outside the nine classes are kept as "other".
"""

from __future__ import annotations

#: the CPSC2018 classes in REFERENCE.csv order (label 1 = Normal, …, 9 = STE)
CPSC_CLASSES = ("Normal", "AF", "I-AVB", "LBBB", "RBBB", "PAC", "PVC", "STD", "STE")

#: SNOMED-CT codes of the nine classes (CinC 2020/2021 mapping, incl. their equivalents)
SNOMED_TO_CPSC = {
    "426783006": "Normal",   # sinus rhythm
    "164889003": "AF",       # atrial fibrillation
    "270492004": "I-AVB",    # 1st degree AV block
    "164909002": "LBBB",     # left bundle branch block
    "733534002": "LBBB",     # complete left bundle branch block
    "59118001": "RBBB",      # right bundle branch block
    "713427006": "RBBB",     # complete right bundle branch block
    "284470004": "PAC",      # premature atrial contraction
    "63593006": "PAC",       # supraventricular premature beats
    "164884008": "PVC",      # ventricular ectopics
    "427172004": "PVC",      # premature ventricular contractions
    "17338001": "PVC",       # ventricular premature beats
    "429622005": "STD",      # ST depression
    "164931005": "STE",      # ST elevation
}

_D = [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
      [2, 3, 4, 0, 1, 7, 8, 9, 5, 6], [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
      [4, 0, 1, 2, 3, 9, 5, 6, 7, 8], [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
      [6, 5, 9, 8, 7, 1, 0, 4, 3, 2], [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
      [8, 7, 6, 5, 9, 3, 2, 1, 0, 4], [9, 8, 7, 6, 5, 4, 3, 2, 1, 0]]
_P = [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 5, 7, 6, 2, 8, 3, 0, 9, 4]]
for _ in range(6):
    _P.append([_P[1][v] for v in _P[-1]])


def verhoeff_ok(code: str) -> bool:
    """True when ``code`` passes the Verhoeff check used by SNOMED-CT identifiers."""
    check = 0
    for i, ch in enumerate(reversed(code)):
        check = _D[check][_P[i % 8][int(ch)]]
    return check == 0


def parse_snomed(codes) -> tuple[list[str], list[str]]:
    """``'59118001,426177001'`` (or a list) → (codes, CPSC classes present).

    Raises ``ValueError`` naming a code that is not a valid SNOMED-CT identifier.
    """
    items = codes.split(",") if isinstance(codes, str) else list(codes)
    items = [c.strip() for c in items if c.strip()]
    for code in items:
        if not (code.isdigit() and 6 <= len(code) <= 18 and verhoeff_ok(code)):
            raise ValueError(f"unknown SNOMED-CT code {code!r}: not a valid identifier "
                             "(digits with a Verhoeff check digit), e.g. 59118001 = RBBB")
    classes = sorted({SNOMED_TO_CPSC[c] for c in items if c in SNOMED_TO_CPSC},
                     key=CPSC_CLASSES.index)
    return items, classes
