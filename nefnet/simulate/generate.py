"""SimPanobench records: subjects, exams, classes, devices and noise → views × time in mV.

Every record is reproducible from ``(seed, index)``. Views are the 12 standard leads (limb
leads from RA/LA/LL, unipolar leads referenced to Wilson's central terminal) and the 42
Panobench chest/back electrodes; :func:`any_view` returns the exact signal of a virtual
electrode at any (θ, φ) seen from the subject's heart.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace

import numpy as np

from ..data.record import Record, SimRecord  # noqa: F401 (SimRecord: the simulator's type)
from ..geometry import derive_limb_leads, limb_leads_from_electrodes, wilson_central_terminal
from ..views import ANGLES, LEADS_12, PANOBENCH_42
from . import devices, noise
from .classes import CLASSES, recipe
from .rhythm import beat_times
from .sources import source_waveforms, wave_boundaries
from .torso import CHEST, SOURCES, random_anatomy

#: every simulated view: the 12 standard leads then view-1..view-42
SIM_VIEWS = tuple(LEADS_12) + tuple(PANOBENCH_42)


#: bumped whenever the physics changes, so models cached on older simulated data are not reused
#: (2: chest electrodes at anatomical landmarks, heart near the anterior wall, spread of axes;
#: 3: source positions, limb distance, V5/V6 and orientation spread calibrated on the scorecard)
SIMULATOR_VERSION = 3
#: where V1–V6 can be placed (see ``SimConfig.chest_placement``)
PLACEMENTS = ("landmarks", "table")


@dataclass
class SimConfig:
    """What to simulate. Unknown keys are refused by :meth:`from_dict`."""

    duration: float = 10.0  # seconds
    device: str = devices.DEFAULT_DEVICE  # a key of devices.DEVICES
    classes: tuple = CLASSES  # drawn uniformly per record
    heart_rate: tuple = (50.0, 110.0)  # bpm range
    angle_spread_deg: float = 10.0  # anatomy-driven angle deviation (RMS)
    displacement_deg: float = 0.0  # per-exam electrode displacement SD
    placement_cm: float = 1.0  # per-exam placement error of V1–V6 on the skin (SD, cm)
    # where V1–V6 sit: "landmarks" (intercostal spaces, sternal border, clavicular and axillary
    # lines, as a technician places them) or "table" (along the papers' nominal (θ, φ))
    chest_placement: str = "landmarks"
    displaced: dict = field(default_factory=dict)  # fixed extra displacement per chest view,
    # e.g. {"V3": (0.0, 20.0)} (dθ, dφ) degrees
    noise_snr_db: dict = field(default_factory=dict)  # e.g. {"baseline": 12, "emg": 18}

    @classmethod
    def from_dict(cls, values: dict) -> SimConfig:
        names = {f.name for f in fields(cls)}
        unknown = sorted(set(values) - names)
        if unknown:
            raise ValueError(f"unknown simulation parameter(s) {unknown}; expected {sorted(names)}")
        return cls(**values)

    def validate(self):
        devices.get_device(self.device)
        bad = [c for c in self.classes if c not in CLASSES]
        if bad:
            raise ValueError(f"unknown class(es) {bad}; expected some of {CLASSES}")
        if self.chest_placement not in PLACEMENTS:
            raise ValueError(
                f"unknown chest_placement {self.chest_placement!r}; expected one of {PLACEMENTS}"
            )
        if self.duration < 2.0:
            raise ValueError(f"duration {self.duration} s is too short; need ≥ 2 s")
        lo, hi = self.heart_rate
        if not 30 <= lo <= hi <= 200:
            raise ValueError(f"heart_rate range {self.heart_rate} must lie within 30–200 bpm")
        unknown = sorted(set(self.noise_snr_db) - set(noise.NOISE_TYPES))
        if unknown:
            raise ValueError(f"unknown noise type(s) {unknown}; expected {noise.NOISE_TYPES}")
        for kind, snr in self.noise_snr_db.items():  # below -20 dB the noise is 10× the ECG
            if isinstance(snr, bool) or not isinstance(snr, (int, float)) or not -20 <= snr <= 80:
                raise ValueError(
                    f"noise {kind}={snr!r}: SNR must be a number of dB within -20 … 80 "
                    "(-20: noise ten times the ECG's amplitude; 80: none to speak of)"
                )
        unknown = sorted(set(self.displaced) - set(CHEST))
        if unknown:
            raise ValueError(
                f"cannot displace {unknown}: only chest views have electrodes (e.g. {CHEST[:6]})"
            )
        for view, d in self.displaced.items():
            if np.shape(d) != (2,) or not np.all(np.isfinite(d)) or np.max(np.abs(d)) > 90:
                raise ValueError(
                    f"displacement of {view} must be (dθ, dφ) degrees within ±90, got {d!r}"
                )
        return self


def _subject_templates(label, rng):
    templates, rhythm = recipe(label, rng)
    amp = np.exp(rng.normal(0, 0.2))
    qrs_w, qt = rng.normal(1.0, 0.07), rng.normal(1.0, 0.05)
    if label in ("LBBB", "RBBB"):  # a block is complete by definition: never narrower
        qrs_w = 1.0 + abs(qrs_w - 1.0)

    def vary(k):
        factor = qrs_w if k.wave == "QRS" else qt if k.wave in ("T", "ST") else 1.0
        return replace(k.scaled(amp), centre=k.centre * factor, width=k.width * factor)

    return {kind: [vary(k) for k in ks] for kind, ks in templates.items()}, rhythm


def _fibrillatory_waves(n, fs, rng):
    t = np.arange(n) / fs
    out = np.zeros((3, n))
    for _ in range(3):
        direction = rng.normal(size=3)
        direction /= np.linalg.norm(direction)
        f = rng.uniform(4.0, 8.0)
        out += np.outer(
            direction, rng.uniform(0.03, 0.06) * np.sin(2 * np.pi * f * t + rng.uniform(0, 6.3))
        )
    return out


def _views_from_potentials(potentials):
    """Chest (48) + limb (RA, LA, LL) electrode potentials → SIM_VIEWS signals."""
    chest = dict(zip(CHEST, potentials[: len(CHEST)]))
    ra, la, ll = potentials[len(CHEST) :]
    wct = wilson_central_terminal(ra, la, ll)
    limb = limb_leads_from_electrodes(ra, la, ll)
    return np.stack([limb[v] if v in limb else chest[v] - wct for v in SIM_VIEWS])


def _label(config: SimConfig, rng) -> str:
    """A record's class: the first draw of its generator, uniform over ``config.classes``."""
    return config.classes[int(rng.integers(len(config.classes)))]


def record_label(config: SimConfig, seed: int, index: int) -> str:
    """The class record ``index`` of seed ``seed`` gets, without simulating it."""
    return _label(config, np.random.default_rng([seed, index]))


def _draw(config: SimConfig, seed: int, index: int):
    """All random choices of one record, from its own generator."""
    rng = np.random.default_rng([seed, index])
    label = _label(config, rng)
    anatomy = random_anatomy(rng, config.angle_spread_deg)
    templates, rhythm = _subject_templates(label, rng)
    hr = rng.uniform(*config.heart_rate)
    disp = np.zeros((len(CHEST), 2))
    if config.displacement_deg > 0:
        disp = rng.normal(0, config.displacement_deg, (len(CHEST), 2))
    for view, d in config.displaced.items():  # no random draws: same subject as undisplaced
        disp[CHEST.index(view)] += np.asarray(d, dtype=float)
    error = rng.normal(0, config.placement_cm, (6, 2))
    return rng, label, anatomy, templates, rhythm, hr, disp, error


def simulate_record(config: SimConfig = None, seed: int = 0, index: int = 0) -> SimRecord:
    """One SimPanobench record (deterministic in ``(seed, index)``)."""
    config = (config or SimConfig()).validate()
    device = devices.get_device(config.device)
    fs, n = device.sampling_rate, int(round(config.duration * device.sampling_rate))
    rng, label, anatomy, templates, rhythm, hr, disp, error = _draw(config, seed, index)
    r_times, kinds = beat_times(rhythm, hr, config.duration, rng)
    src = source_waveforms(templates, r_times, kinds, n, fs)  # (S, 3, T)
    if label == "AF":
        src[SOURCES.index("atria")] += _fibrillatory_waves(n, fs, rng)
    electrodes = np.vstack(
        [
            anatomy.chest_electrodes(
                displacement_deg=disp,
                error_cm=error,
                landmarks=config.chest_placement == "landmarks",
            ),
            anatomy.limb_electrodes(),
        ]
    )
    # the device response is linear and the same on every lead: filter the 15 source channels
    # once instead of the 54 views
    recorded_src = devices.response(src, device)
    potentials = np.einsum("esd,sdt->et", anatomy.lead_field(electrodes), recorded_src)
    clean = _views_from_potentials(potentials)
    rr = np.diff(r_times, append=2 * r_times[-1] - r_times[-2])
    waves = wave_boundaries(templates, r_times, kinds, rr, fs, n)
    if config.noise_snr_db:  # on the electrodes: every lead formed from them stays consistent
        potentials = potentials + noise.electrode_noise(
            _views_from_potentials,
            potentials,
            clean,
            fs,
            waves["r_peak"],
            config.noise_snr_db,
            rng,
            device.powerline,
        )
    noisy = _derive_limb(devices.digitise(_views_from_potentials(potentials), device, rng), device)
    return SimRecord(
        noisy,
        fs,
        SIM_VIEWS,
        f"sim{seed:04d}_{index:05d}",
        {
            "seed": seed,
            "index": index,
            "rhythm": rhythm,
            "heart_rate": hr,
            "config": config.__dict__ | {"classes": list(config.classes)},
        },
        clean=clean,
        label=label,
        device=device.name,
        subject=index,
        exam=0,
        nominal_angles=_angle_table(),
        true_angles=_true(anatomy, electrodes),
        displacement=_per_view(np.radians(disp)),
        waves=waves,
        sources=src,
        anatomy=anatomy,
    )


def _derive_limb(views, device):
    """III, aVR, aVL, aVF computed from the digitised I and II (and quantised), as ECG devices
    record 8 channels and derive the rest: Einthoven's and Goldberger's laws hold to
    quantisation."""
    step = device.adc_uv / 1000.0
    lead = {v: i for i, v in enumerate(SIM_VIEWS)}
    for name, value in derive_limb_leads(views[lead["I"]], views[lead["II"]]).items():
        views[lead[name]] = np.round(value / step) * step
    return views


def _angle_table():
    return np.array([np.radians(ANGLES[v]) for v in SIM_VIEWS])


def _per_view(chest_values):
    """Chest-electrode rows → SIM_VIEWS rows (limb leads: NaN; they have no electrode angle)."""
    lookup = dict(zip(CHEST, chest_values))
    return np.array([lookup.get(v, (np.nan, np.nan)) for v in SIM_VIEWS], dtype=float)


def _true(anatomy, electrodes):
    table = _per_view(anatomy.true_angles(electrodes[: len(CHEST)]))
    limb = ~np.isin(SIM_VIEWS, CHEST)
    table[limb] = _angle_table()[limb]  # limb leads keep their nominal (hexaxial) direction
    return table


def any_view(record: SimRecord, theta, phi) -> np.ndarray:
    """Exact clean signal (V, T) of virtual unipolar electrodes at (θ, φ) radians, seen from the
    subject's heart centre (the way Panobench's CT angles were defined)."""
    from ..geometry import check_angles

    theta, phi = check_angles(np.atleast_1d(theta), np.atleast_1d(phi))
    if record.sources is None or record.anatomy is None:
        record = simulate_record(
            SimConfig.from_dict(_config_dict(record)), record.meta["seed"], record.meta["index"]
        )
    anatomy = record.anatomy
    electrodes = np.vstack([anatomy.electrode_at(theta, phi), anatomy.limb_electrodes()])
    recorded_src = devices.response(record.sources, devices.get_device(record.device))
    pot = np.einsum("esd,sdt->et", anatomy.lead_field(electrodes), recorded_src)
    return pot[:-3] - wilson_central_terminal(*pot[-3:])


def _config_dict(record):
    cfg = dict(record.meta["config"])
    cfg["classes"] = tuple(cfg["classes"])
    cfg["heart_rate"] = tuple(cfg["heart_rate"])
    return cfg
