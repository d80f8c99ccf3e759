"""Synthesis methods: one calling convention for neural models and geometric baselines alike, so
one scoring code (:mod:`nefnet.scoring.evaluate`) serves them all.

A method is any callable of the :class:`SynthesisMethod` protocol::

    method(signals (R, T) mV, recorded names, input_angles (R, 2) rad,
           targets names, target_angles (Q, 2) rad, *, joint=None, bounds=None) → (Q, T) mV

``joint=(offset, scale)`` is the papers' normalisation of the scored window (recorded + targets
together); only a model trained that way uses it. ``bounds`` are a beat's 8 deflection
boundaries, which only Nef-Net v1 in beat mode uses.
"""

from __future__ import annotations

from typing import Protocol as _Protocol

import numpy as np

from .. import baselines, dipole
from ..data.protocols import Protocol
from ..geometry import unit_vector
from .synthesis import synthesize


class SynthesisMethod(_Protocol):
    def __call__(
        self,
        signals: np.ndarray,
        recorded: tuple,
        input_angles: np.ndarray,
        targets: tuple,
        target_angles: np.ndarray,
        *,
        joint=None,
        bounds=None,
    ) -> np.ndarray: ...


def dipole_lsq_method(x, recorded, ang_in, targets, ang_out, *, joint=None, bounds=None):
    """Dipole least squares along the given angles (no training)."""
    u_in, u_out = unit_vector(*np.asarray(ang_in).T), unit_vector(*np.asarray(ang_out).T)
    return dipole.project(dipole.fit_dipole(x, vectors=u_in), vectors=u_out)


#: the linear lead transformations of the v1 paper, by name: they map lead names, not angles
BASELINES = {
    "Dower": baselines.dower_route,
    "KIM": baselines.kors_route,
    "KQO": baselines.kqo_route,
    "dipole-LSQ": dipole.synthesize,
}


def baseline_method(name: str) -> SynthesisMethod:
    """A linear baseline by name: "Dower", "KIM" (Kors), "KQO" or "dipole-LSQ" (nominal
    angles of the lead names)."""
    if name not in BASELINES:
        raise ValueError(f"unknown baseline {name!r}; expected one of {sorted(BASELINES)}")
    route = BASELINES[name]

    def run(x, recorded, ang_in, targets, ang_out, *, joint=None, bounds=None):
        return route(x, list(recorded), list(targets))

    return run


def regression_method(train_records, protocol: Protocol, ridge=1e-6) -> SynthesisMethod:
    """Population linear regression from the recorded to the target views, fitted on
    ``train_records`` (targets: their reference signals, noise-free where simulated)."""
    model = baselines.PopulationRegression(protocol.recorded, protocol.targets, ridge)
    model.fit(
        [
            np.vstack([r.select(protocol.recorded), r.select_reference(protocol.targets)])
            for r in train_records
        ],
        protocol.recorded + protocol.targets,
    )

    def run(x, recorded, ang_in, targets, ang_out, *, joint=None, bounds=None):
        return model.predict(x)

    return run


def model_method(model, normalize_by=None) -> SynthesisMethod:
    """A trained model (NEF-NET v2, Nef-Net v1, dipole-LSQ as a module, a fast wrapper) as a
    method: inputs scaled as it was trained (or by ``normalize_by``), output in mV."""

    def run(x, recorded, ang_in, targets, ang_out, *, joint=None, bounds=None):
        return synthesize(
            model, x, ang_in, ang_out, joint=joint, bounds=bounds, normalize_by=normalize_by
        )

    return run


def lead_map_method(model) -> SynthesisMethod:
    """A lead-to-lead model (a deep baseline, :mod:`nefnet.models.lead_map`) as a method: it
    runs only on the recorded and target leads it was trained on, by name, in that order."""

    def run(x, recorded, ang_in, targets, ang_out, *, joint=None, bounds=None):
        have = (tuple(recorded), tuple(targets))
        want = (model.cfg.recorded, model.cfg.targets)
        if have != want:
            raise ValueError(
                f"this {type(model).__name__} maps {list(want[0])} → {list(want[1])}; "
                f"asked for {list(have[0])} → {list(have[1])} (it knows no other leads)"
            )
        return synthesize(model, x, ang_in, ang_out, joint=joint, bounds=bounds)

    return run


def per_examination(factory) -> SynthesisMethod:
    """Mark ``factory(record) → method`` — a method fitted to each examination (Stage III,
    the per-patient linear fit) — so scoring code builds one per record."""

    def make(record):
        return factory(record)

    make.per_examination = True
    return make


def for_record(method, record) -> SynthesisMethod:
    """``method`` itself, or the one a :func:`per_examination` factory builds for ``record``."""
    return method(record) if getattr(method, "per_examination", False) else method


def with_deviation(method: SynthesisMethod, deviation) -> SynthesisMethod:
    """``method`` told recorded angles that are off by ``deviation`` (R, 2) rad."""

    def run(x, recorded, ang_in, targets, ang_out, *, joint=None, bounds=None):
        return method(x, recorded, ang_in + deviation, targets, ang_out, joint=joint, bounds=bounds)

    return run
