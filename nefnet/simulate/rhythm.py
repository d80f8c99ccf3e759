"""Beat clocks: R-peak times, RR intervals and beat kinds for each rhythm."""

from __future__ import annotations

import numpy as np

RHYTHMS = ("sinus", "af", "pac", "pvc")


def beat_times(rhythm: str, heart_rate: float, duration: float, rng: np.random.Generator):
    """R-peak times (s) covering [−2 s, duration + 2 s] and beat kinds (0 normal, 1 ectopic).

    Sinus rhythm has respiratory sinus arrhythmia (0.25 Hz, ±3 %) and 2 % beat-to-beat jitter;
    AF has irregularly irregular RR (±18 %); PAC/PVC insert 1–2 premature ectopic beats
    (coupling 0.60–0.70 RR) followed by a non-compensatory (PAC) or compensatory (PVC) pause.
    """
    if rhythm not in RHYTHMS:
        raise ValueError(f"unknown rhythm {rhythm!r}; expected one of {RHYTHMS}")
    rr0 = 60.0 / heart_rate
    t = -2.0 - rng.uniform(0, rr0)
    times, kinds = [], []
    n_ectopic = int(rng.integers(1, 3)) if rhythm in ("pac", "pvc") else 0
    ectopic_at = set(rng.uniform(1.0, max(duration - 1.0, 1.5), n_ectopic).round(1))
    pending_pause = 0.0
    while t < duration + 2.0:
        times.append(t)
        if pending_pause:
            rr, kind, pending_pause = pending_pause, 0, 0.0
        elif any(abs(t - e) < rr0 / 2 for e in ectopic_at) and kinds and kinds[-1] == 0:
            coupling = rng.uniform(0.60, 0.70)
            rr, kind = coupling * rr0, 1
            pending_pause = (2.0 - coupling) * rr0 if rhythm == "pvc" else 1.1 * rr0
        elif rhythm == "af":
            rr, kind = max(0.35, rr0 * (1.0 + rng.normal(0, 0.18))), 0
        else:
            rr = rr0 * (1.0 + 0.03 * np.sin(2 * np.pi * 0.25 * t) + rng.normal(0, 0.02))
            kind = 0
        kinds.append(kind)
        t += rr
    times = np.array(times)
    # kinds[i] describes the interval *after* beat i; the ectopic beat is the one that ends it
    beat_kind = np.concatenate([[0], np.array(kinds[:-1])])
    return times, beat_kind
