"""Run scales: one code path, three parameter presets (``smoke`` / ``book`` / ``paper``).

A chapter's ``parameters`` cell holds ``SCALE = None``; :func:`resolve` turns that into
``$NEFNET_SCALE`` or ``"book"``, so tests can run every notebook at ``smoke`` scale through the
environment while papermill (``-p SCALE smoke``) overrides it explicitly.
"""

from __future__ import annotations

from types import MappingProxyType

from ..training.presets import SCALES, TRAINING, resolve, training_preset

__all__ = ["PRESETS", "SCALES", "preset", "resolve"]

#: per-chapter presets; every scale of a chapter defines the same keys (the training presets of
#: the shared models, "stage1", "stage2" and "v1", live in :mod:`nefnet.training.presets`)
PRESETS = {
    "01_dipole_theory": {
        # seconds of each PTB record used (None = whole record); first half fits, second scores
        "smoke": {"seconds": 20.0, "grid_step_deg": 60, "slider_step_deg": 30},
        "book": {"seconds": None, "grid_step_deg": 30, "slider_step_deg": 15},
        "paper": {"seconds": None, "grid_step_deg": 30, "slider_step_deg": 10},
    },
    "02_data": {
        # SimPanobench records per class for the statistics; seconds per record; records per
        # device for the realism scorecard
        "smoke": {"per_class": 3, "duration": 10.0, "realism_records": 8},
        "book": {"per_class": 20, "duration": 10.0, "realism_records": 150},
        "paper": {"per_class": 100, "duration": 10.0, "realism_records": 400},
    },
    "07_ablations": {
        # test records (sim-cpsc, 10 s, the last 5 s scored) and the device records of the
        # data-efficiency study (the last one: all of Stage II's), and the test records of the
        # Nef-Net v1 ablation (its training budget, v1_records and v1_epochs, is added from the
        # v1 training preset)
        "smoke": {
            "test_records": 2,
            "table9_records": [2, 8, 16],
            "v1_test_records": 4,
        },
        "book": {
            "test_records": 6,
            "table9_records": [2, 10, 20, 100, 200],
            "v1_test_records": 15,
        },
        "paper": {
            "test_records": 100,
            "table9_records": [50, 250, 500, 2500, 5000],
            "v1_test_records": 1000,
        },
    },
    "08_noise": {
        # test records per device for the Table 12 analogue, devices used, the device, test
        # records and SNRs (dB) of the SNR sweep
        "smoke": {
            "test_records": 2,
            "devices": 1,
            "sweep_device": "sim-ptbxl",
            "sweep_records": 2,
            "snrs": [12, 0],
        },
        "book": {
            "test_records": 6,
            "devices": 4,
            "sweep_device": "sim-cpsc",
            "sweep_records": 6,
            "snrs": [24, 18, 12, 6, 0, -6],
        },
        "paper": {
            "test_records": 100,
            "devices": 4,
            "sweep_device": "sim-cpsc",
            "sweep_records": 100,
            "snrs": [24, 18, 12, 6, 0, -6],
        },
    },
    "09_clinical": {
        # test records per class for the Table 4 analogue (sim-cpsc), simulated records per
        # class (Normal, LBBB, RBBB) for the criteria, real roahd beats per class
        # (None: all); classifier training and test records per class (simulated)
        "smoke": {
            "table4_records": 1,
            "criteria_records": 3,
            "roahd_beats": 5,
            "classifier_train": 4,
            "classifier_test": 3,
        },
        "book": {
            "table4_records": 6,
            "criteria_records": 20,
            "roahd_beats": None,
            "classifier_train": 40,
            "classifier_test": 20,
        },
        "paper": {
            "table4_records": 100,
            "criteria_records": 200,
            "roahd_beats": None,
            "classifier_train": 200,
            "classifier_test": 100,
        },
    },
    "12_scale": {
        # held-out records per device re-scored live from the recorded ladder scores
        "smoke": {"recheck_records": 1},
        "book": {"recheck_records": 3},
        "paper": {"recheck_records": 12},
    },
    "10_real_records": {
        # held-out windows scored (None: all), Stage III iterations per window
        "smoke": {"test_windows": 4, "iterations": 10},
        "book": {"test_windows": None, "iterations": 100},
        "paper": {"test_windows": None, "iterations": 100},
    },
    "06_panobench": {
        # test records per 12-lead device and of the 48-view device (10 s; the last 5 s are
        # scored), 12-lead devices used, Stage II records the population regression is fitted
        # on, the (inputs, supervised) grid of the Table 3 analogue, and the protocols whose
        # NEF-NET v2 row also gets Stage III (with its iterations)
        "smoke": {
            "test_records": 2,
            "devices": 1,
            "stage3_protocols": ["(3,8,1)"],
            "iterations": 10,
            "regression_records": 16,
            "panobench_records": 2,
            "grid": [[3, 12], [3, 3]],
        },
        "book": {
            "test_records": 6,
            "devices": 4,
            "stage3_protocols": ["(3,8,1)", "(5,6,1)"],
            "iterations": 100,
            "regression_records": 50,
            "panobench_records": 8,
            # every input set with all 12 supervised views; 3 inputs with each supervision
            "grid": [[3, 12], [5, 12], [7, 12], [9, 12], [3, 3], [3, 6], [3, 9]],
        },
        "paper": {
            "test_records": 100,
            "devices": 4,
            "stage3_protocols": ["(3,9)", "(8,12)", "(3,8,1)", "(5,6,1)"],
            "iterations": 100,
            "regression_records": 2000,
            "panobench_records": 200,
            "grid": [[i, s] for i in (3, 5, 7, 9) for s in (3, 6, 9, 12)],
        },
    },
    "05_three_stage": {
        # test records per device (10 s: first 5 s calibrate, last 5 s scored), devices used,
        # Stage III iterations, records of the displacement experiment
        "smoke": {
            "test_records": 2,
            "devices": 2,
            "iterations": 10,
            "displaced_records": 2,
            "regression_records": 20,
        },
        "book": {
            "test_records": 6,
            "devices": 4,
            "iterations": 100,
            "displaced_records": 6,
            "regression_records": 200,
        },
        "paper": {
            "test_records": 100,
            "devices": 4,
            "iterations": 100,
            "displaced_records": 100,
            "regression_records": 2000,
        },
    },
    "04_nefnet_v2": {
        "smoke": {"lengths_s": (5, 10, 20)},
        "book": {"lengths_s": (5, 10, 60)},
        "paper": {"lengths_s": (5, 10, 60)},
    },
}


def preset(chapter: str, scale=None, **overrides) -> MappingProxyType:
    """The read-only parameter preset of ``chapter`` at ``scale`` (with checked overrides)."""
    if chapter in TRAINING:
        return preset_of_training(chapter, scale, overrides)
    if chapter not in PRESETS:
        raise ValueError(f"no presets for chapter {chapter!r}; known: {sorted(PRESETS)}")
    values = dict(PRESETS[chapter][resolve(scale)])
    if chapter == "07_ablations":  # the v1 ablation trains with the v1 training preset's budget
        v1 = TRAINING["v1"][resolve(scale)]
        values |= {"v1_records": v1["ablation_records"], "v1_epochs": v1["ablation_epochs"]}
    unknown = sorted(set(overrides) - set(values))
    if unknown:
        raise ValueError(
            f"unknown parameter(s) {unknown} for chapter {chapter}; "
            f"expected some of {sorted(values)}"
        )
    values.update({k: v for k, v in overrides.items() if v is not None})
    return MappingProxyType(values)


def preset_of_training(stage, scale, overrides) -> MappingProxyType:
    """A training preset read through :func:`preset` (the chapters' one call)."""
    if overrides:
        raise ValueError(f"the {stage} training preset takes no overrides; change the recipe")
    return training_preset(stage, scale)
