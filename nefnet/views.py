"""Lead names, lead order and the (θ, φ) angle tables — the single source of truth.

Angles are stored here in **degrees**, exactly as the papers print them; every other module
converts with :func:`nefnet.geometry.view_angles` and works in radians.

Canonical 12-lead order is the papers' code order ``I, II, V1..V6, III, aVR, aVL, aVF``: the
first eight are the independent leads of a real recording, the last four are derived from
I and II (Einthoven/Goldberger).
"""

from __future__ import annotations

import re

INDEPENDENT_8 = ("I", "II", "V1", "V2", "V3", "V4", "V5", "V6")
DERIVED_LIMB = ("III", "aVR", "aVL", "aVF")
LEADS_12 = INDEPENDENT_8 + DERIVED_LIMB
#: the clinical display order (I, II, III, aVR, aVL, aVF, V1..V6)
CLINICAL_ORDER_12 = ("I", "II", "III", "aVR", "aVL", "aVF") + INDEPENDENT_8[2:]
LIMB_LEADS = ("I", "II", "III", "aVR", "aVL", "aVF")
PRECORDIAL = INDEPENDENT_8[2:]
#: Frank orthogonal leads as recorded (Frank frame: X left, Y inferior, Z posterior)
FRANK = ("X", "Y", "Z")

#: (θ°, φ°) of the 12 standard leads (NEF-NET code table; θ from superior, φ from anterior
#: towards the patient's left). V3 is the code value (the v1 paper text misprints it).
ANGLES_12 = {
    "I": (90.0, 90.0),
    "II": (150.0, 90.0),
    "V1": (90.0, -10.0),
    "V2": (90.0, 10.0),
    "V3": (95.0, 15.0),
    "V4": (99.0, 30.0),
    "V5": (96.0, 60.0),
    "V6": (96.0, 90.0),
    "III": (150.0, -90.0),
    "aVR": (60.0, -90.0),
    "aVL": (60.0, 90.0),
    "aVF": (180.0, 90.0),
}

#: (θ°, φ°) of the 42 Panobench chest/back electrodes (NEF-NET v2 paper, Table 8)
PANOBENCH_42 = {
    "view-1": (106, -102),
    "view-2": (121, -101),
    "view-3": (132, -99),
    "view-4": (52, -83),
    "view-5": (68, -78),
    "view-6": (90, -74),
    "view-7": (109, -75),
    "view-8": (125, -77),
    "view-9": (137, -81),
    "view-10": (43, -74),
    "view-11": (63, -61),
    "view-12": (90, -54),
    "view-13": (113, -55),
    "view-14": (131, -62),
    "view-15": (144, -70),
    "view-16": (30, -73),
    "view-17": (54, -51),
    "view-18": (90, -33),
    "view-19": (118, -40),
    "view-20": (137, -54),
    "view-21": (149, -64),
    "view-22": (20, 70),
    "view-23": (48, 42),
    "view-24": (90, 11),
    "view-25": (122, 32),
    "view-26": (141, 51),
    "view-27": (153, 63),
    "view-28": (30, 69),
    "view-29": (54, 48),
    "view-30": (90, 32),
    "view-31": (119, 41),
    "view-32": (139, 55),
    "view-33": (152, 67),
    "view-34": (40, 80),
    "view-35": (60, 71),
    "view-36": (90, 65),
    "view-37": (117, 66),
    "view-38": (135, 69),
    "view-39": (147, 77),
    "view-40": (112, 105),
    "view-41": (129, 103),
    "view-42": (140, 100),
}
PANOBENCH_42 = {k: (float(t), float(p)) for k, (t, p) in PANOBENCH_42.items()}

#: the 48 Panobench views in the authors' array order: I, II, view-1..view-42, III, aVR, aVL, aVF
PANOBENCH_48 = ("I", "II") + tuple(PANOBENCH_42) + DERIVED_LIMB

#: every named view: the 12 standard leads and the 42 Panobench electrodes
ANGLES = {**ANGLES_12, **PANOBENCH_42}

#: Panobench groups of Table 8 (for plots)
PANOBENCH_GROUPS = {
    "RA": tuple(f"view-{i}" for i in range(1, 4)),
    "right chest": tuple(f"view-{i}" for i in range(4, 22)),
    "left chest": tuple(f"view-{i}" for i in range(22, 40)),
    "LA": tuple(f"view-{i}" for i in range(40, 43)),
}

_ALIASES = {
    "i": "I",
    "ii": "II",
    "iii": "III",
    "avr": "aVR",
    "avl": "aVL",
    "avf": "aVF",
    "vx": "X",
    "vy": "Y",
    "vz": "Z",
    "x": "X",
    "y": "Y",
    "z": "Z",
    "lead i": "I",
    "lead ii": "II",
    "lead iii": "III",
}
_ALIASES.update({f"v{i}": f"V{i}" for i in range(1, 7)})
_ALIASES.update({k.lower(): k for k in PANOBENCH_42})
_ALIASES.update({f"view{i}": f"view-{i}" for i in range(1, 43)})
_ALIASES.update({f"view_{i}": f"view-{i}" for i in range(1, 43)})


#: a virtual view named by its angles in degrees, as ``nefnet synthesize`` writes it
_VIRTUAL = re.compile(r"^t(\d+(?:\.\d+)?)p(-?\d+(?:\.\d+)?)$")


def virtual_name(theta_deg: float, phi_deg: float) -> str:
    """The name of a virtual view at (θ, φ) degrees, to 0.1°: ``t90p-30``, ``t62.5p45``."""
    return f"t{round(float(theta_deg), 1):g}p{round(float(phi_deg), 1) + 0.0:g}"


def virtual_angles(name: str):
    """(θ, φ) degrees of a virtual view name, or ``None`` when ``name`` is not one."""
    m = _VIRTUAL.match(str(name).strip())
    if not m:
        return None
    theta, phi = float(m.group(1)), float(m.group(2))
    return (theta, phi) if theta <= 180 and -180 <= phi <= 180 else None


def canonical_lead(name: str) -> str:
    """Map a lead name as spelled by a dataset (``'avr'``, ``'vx'``, ``'V1'``) to its canonical
    name; a virtual view named by its angles (``t90p45``) is its own canonical name.

    Raises ``ValueError`` naming the lead and the accepted names when it is unknown.
    """
    key = str(name).strip().lower()
    if key in _ALIASES:
        return _ALIASES[key]
    if virtual_angles(key) is not None:
        return key
    known = ", ".join(LEADS_12 + FRANK) + ", view-1..view-42, tθpφ (a virtual view, degrees)"
    raise ValueError(f"unknown lead {name!r}; expected one of {known}")


def canonical_leads(names) -> tuple[str, ...]:
    """:func:`canonical_lead` for a sequence; also rejects duplicates."""
    out = tuple(canonical_lead(n) for n in names)
    dup = sorted({n for n in out if out.count(n) > 1})
    if dup:
        raise ValueError(f"duplicate leads {dup} in {list(names)}")
    return out
