"""Run scales: one code path, three parameter presets (``smoke`` / ``book`` / ``paper``).

A chapter's ``parameters`` cell holds ``SCALE = None``; :func:`resolve` turns that into
``$NEFNET_SCALE`` or ``"book"``, so tests can run every notebook at ``smoke`` scale through the
environment while papermill (``-p SCALE smoke``) overrides it explicitly.
"""

from __future__ import annotations

import os
from types import MappingProxyType

SCALES = ("smoke", "book", "paper")

#: per-chapter presets; every scale of a chapter defines the same keys
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
    # the shared NEF-NET v2 Stage I model (chapters 04 and 05 load the same cached model)
    "stage1": {
        # queries: query views per item (the encoder's work is shared by them)
        "smoke": {
            "preset": "smoke",
            "records": 24,
            "epochs": 2,
            "batch_size": 8,
            "crop_seconds": 1.25,
            "lr": 2e-3,
            "lr_step": 15,
            "queries": 2,
        },
        "book": {
            "preset": "book",
            "records": 400,
            "epochs": 20,
            "batch_size": 16,
            "crop_seconds": 2.5,
            "lr": 2e-3,
            "lr_step": 14,
            "queries": 4,
        },
        "paper": {
            "preset": "paper",
            "records": 20000,
            "epochs": 200,
            "batch_size": 32,
            "crop_seconds": 9.2,
            "lr": 1e-3,
            "lr_step": 50,
            "queries": 4,
        },
    },
    # Stage II (Device Calibration) of the shared Stage I model, per device
    "stage2": {
        "smoke": {"records": 16, "epochs": 1, "batch_size": 8, "crop_seconds": 1.25, "lr": 5e-4},
        "book": {"records": 200, "epochs": 4, "batch_size": 16, "crop_seconds": 2.5, "lr": 5e-4},
        "paper": {"records": 5000, "epochs": 50, "batch_size": 32, "crop_seconds": 9.2, "lr": 5e-4},
    },
    # Nef-Net v1 training runs (chapter 03; the window-mode model also in chapter 05)
    "v1": {
        # beat mode (chapter 03) and continuous-window mode (chapter 05, window_*)
        "smoke": {
            "preset": "smoke",
            "records": 16,
            "epochs": 1,
            "batch_size": 16,
            "lr": 1e-3,
            "lr_step": 20,
            "beat_length": 512,
            "window_records": 16,
            "window_epochs": 1,
            "window_lr": 1e-3,
            "window_lr_step": 20,
        },
        "book": {
            "preset": "book",
            "records": 60,
            "epochs": 6,
            "batch_size": 16,
            "lr": 2e-3,
            "lr_step": 5,
            "beat_length": 512,
            "window_records": 200,
            "window_epochs": 15,
            "window_lr": 1e-3,
            "window_lr_step": 8,
        },
        "paper": {
            "preset": "paper",
            "records": 20000,
            "epochs": 100,
            "batch_size": 64,
            "lr": 1e-3,
            "lr_step": 40,
            "beat_length": 512,
            "window_records": 20000,
            "window_epochs": 100,
            "window_lr": 1e-3,
            "window_lr_step": 40,
        },
    },
    "07_ablations": {
        # test records (sim-cpsc, 10 s, the last 5 s scored) and the device records of the
        # data-efficiency study (the last one: all of Stage II's)
        # and the Nef-Net v1 ablation (beat mode): its training records and epochs (the v1
        # preset's other settings) and its test records
        "smoke": {
            "test_records": 2,
            "table9_records": [2, 8, 16],
            "v1_records": 16,
            "v1_epochs": 1,
            "v1_test_records": 4,
        },
        "book": {
            "test_records": 6,
            "table9_records": [2, 10, 20, 100, 200],
            "v1_records": 100,
            "v1_epochs": 15,
            "v1_test_records": 15,
        },
        "paper": {
            "test_records": 100,
            "table9_records": [50, 250, 500, 2500, 5000],
            "v1_records": 20000,
            "v1_epochs": 100,
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
    "10_real_records": {
        # held-out windows scored (None: all), Stage III iterations per window
        "smoke": {"test_windows": 4, "iterations": 10},
        "book": {"test_windows": None, "iterations": 100},
        "paper": {"test_windows": None, "iterations": 100},
    },
    "06_panobench": {
        # test records per 12-lead device and of the 48-view device (10 s; the last 5 s are
        # scored), 12-lead devices used, Stage II records the population regression is fitted
        # on, and the (inputs, supervised) grid of the Table 3 analogue
        "smoke": {
            "test_records": 2,
            "devices": 1,
            "regression_records": 16,
            "panobench_records": 2,
            "grid": [[3, 12], [3, 3]],
        },
        "book": {
            "test_records": 6,
            "devices": 4,
            "regression_records": 50,
            "panobench_records": 8,
            # every input set with all 12 supervised views; 3 inputs with each supervision
            "grid": [[3, 12], [5, 12], [7, 12], [9, 12], [3, 3], [3, 6], [3, 9]],
        },
        "paper": {
            "test_records": 100,
            "devices": 4,
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


def resolve(scale=None) -> str:
    """``scale`` if given, else ``$NEFNET_SCALE``, else ``"book"``; validated."""
    value = scale if scale is not None else os.environ.get("NEFNET_SCALE") or "book"
    if value not in SCALES:
        raise ValueError(f"unknown scale {value!r}; expected one of {SCALES}")
    return value


def preset(chapter: str, scale=None, **overrides) -> MappingProxyType:
    """The read-only parameter preset of ``chapter`` at ``scale`` (with checked overrides)."""
    if chapter not in PRESETS:
        raise ValueError(f"no presets for chapter {chapter!r}; known: {sorted(PRESETS)}")
    values = dict(PRESETS[chapter][resolve(scale)])
    unknown = sorted(set(overrides) - set(values))
    if unknown:
        raise ValueError(
            f"unknown parameter(s) {unknown} for chapter {chapter}; "
            f"expected some of {sorted(values)}"
        )
    values.update({k: v for k, v in overrides.items() if v is not None})
    return MappingProxyType(values)
