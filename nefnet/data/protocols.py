"""Which views are recorded, supervised and held out: the papers' evaluation protocols and the
Any-Pairs sampler of NEF-NET v2 Stage I.

12-lead protocols (notation (recorded, supervised[, unseen])):

* (3,9)   — I, II, V3 → the other 9 leads;
* (8,12)  — the 8 independent leads → all 12;
* (3,8,1) — I, II, V3 recorded; V1, V4–V6 + 4 derived supervise; V2 unseen;
* (5,6,1) — I, II, V1–V3 recorded; V5, V6 + 4 derived supervise; V4 unseen.

Panobench Table-3 sets follow the **authors' code** (inputs I, II, view-28 …), not the paper's
printed table (I, II, view-18 …): the code's numbers are what the published results used
(reference/upstream_code_facts.md §4.2). Derived limb leads (III, aVR, aVL, aVF) are never
scored as independent targets: :attr:`Protocol.independent_targets` drops them.
"""

from __future__ import annotations

import re

from dataclasses import dataclass

import numpy as np

from ..views import DERIVED_LIMB, INDEPENDENT_8, LEADS_12


@dataclass(frozen=True)
class Protocol:
    name: str
    recorded: tuple
    supervised: tuple
    unseen: tuple = ()

    @property
    def targets(self) -> tuple:
        return self.supervised + self.unseen

    @property
    def independent_targets(self) -> tuple:
        return tuple(v for v in self.targets if v not in DERIVED_LIMB)


def _rest(recorded, exclude=()):
    return tuple(v for v in LEADS_12 if v not in recorded and v not in exclude)


PROTOCOLS = {
    "(3,9)": Protocol("(3,9)", ("I", "II", "V3"), _rest(("I", "II", "V3"))),
    "(8,12)": Protocol("(8,12)", INDEPENDENT_8, LEADS_12),
    "(3,8,1)": Protocol("(3,8,1)", ("I", "II", "V3"), _rest(("I", "II", "V3"), ("V2",)),
                        ("V2",)),
    "(5,6,1)": Protocol("(5,6,1)", ("I", "II", "V1", "V2", "V3"),
                        _rest(("I", "II", "V1", "V2", "V3"), ("V4",)), ("V4",)),
}

_V = "view-{}".format
PANOBENCH_INPUTS = {3: ("I", "II", _V(28)), 5: ("I", "II", _V(28), _V(1), _V(40)),
                    7: ("I", "II", _V(28), _V(1), _V(40), _V(13), _V(34)),
                    9: ("I", "II", _V(28), _V(1), _V(40), _V(13), _V(34), _V(8), _V(19))}
PANOBENCH_SUPERVISION = {
    3: (_V(2), _V(14), _V(41)),
    6: (_V(2), _V(9), _V(14), _V(23), _V(30), _V(41)),
    9: (_V(2), _V(5), _V(9), _V(14), _V(23), _V(26), _V(30), _V(35), _V(41)),
    12: (_V(2), _V(5), _V(7), _V(9), _V(14), _V(17), _V(23), _V(26), _V(30), _V(33), _V(35),
         _V(41)),
}


def get_protocol(name: str) -> Protocol:
    """A 12-lead protocol by name, or a Panobench one as ``panobench(inputs,supervised)``."""
    found = re.fullmatch(r"panobench\((\d+),(\d+)\)", name.replace(" ", ""))
    if found:
        return panobench_protocol(int(found[1]), int(found[2]))
    if name not in PROTOCOLS:
        raise ValueError(
            f"unknown protocol {name!r}; expected one of {list(PROTOCOLS)} or "
            f"panobench(N,M) with N in {sorted(PANOBENCH_INPUTS)}, M in "
            f"{sorted(PANOBENCH_SUPERVISION)}"
        )
    return PROTOCOLS[name]


def panobench_protocol(n_inputs: int = 3, n_supervised: int = 9, views=None) -> Protocol:
    """Table-3 protocol: recorded inputs, supervised views; every other view is unseen."""
    if n_inputs not in PANOBENCH_INPUTS or n_supervised not in PANOBENCH_SUPERVISION:
        raise ValueError(f"Panobench sets: inputs {sorted(PANOBENCH_INPUTS)}, supervision "
                         f"{sorted(PANOBENCH_SUPERVISION)}; got ({n_inputs}, {n_supervised})")
    rec, sup = PANOBENCH_INPUTS[n_inputs], PANOBENCH_SUPERVISION[n_supervised]
    from ..views import PANOBENCH_48

    pool = PANOBENCH_48 if views is None else tuple(views)
    unseen = tuple(v for v in pool if v not in rec and v not in sup and v not in DERIVED_LIMB)
    return Protocol(f"panobench({n_inputs},{n_supervised})", rec, sup, unseen)


def any_pairs(views, rng: np.random.Generator, extra=(1, 3), n_queries: int = 1):
    """NEF-NET v2 Any-Pairs sampling: recorded = I, II + 1–3 random other independent views;
    queries = views drawn from the remaining independent ones. Returns (recorded, queries)."""
    views = tuple(views)
    if "I" not in views or "II" not in views:
        raise ValueError("Any-Pairs sampling needs leads I and II among the views")
    pool = [v for v in views if v not in ("I", "II") and v not in DERIVED_LIMB]
    k = int(rng.integers(extra[0], extra[1] + 1))
    if len(pool) < k + n_queries:
        raise ValueError(f"{len(pool)} candidate views cannot give {k} extra + {n_queries} queries")
    pick = rng.choice(len(pool), size=k + n_queries, replace=False)
    chosen = [pool[i] for i in pick]
    return ("I", "II") + tuple(chosen[:k]), tuple(chosen[k:])
