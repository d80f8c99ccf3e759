"""Scores of the scale ladder's runs, recorded once per run in ``recorded/scale/scores.json``.

Every run is scored on the same held-out records: on SimPanobench, the unseen V2 and the
supervised leads of (3,8,1) on :data:`TEST_RECORDS` test records of each 12-lead device (the
last 5 s; Stage III calibrates on the first 5 s, as the papers split), after Stage I, Stage II
and Stage III; on real records, the held-out CinC windows of chapter 10 — zero-shot (the run's
sim-ptbxl Stage II) and after a real Stage II at the ``book`` budget started from the run's
Stage I. The baselines (dipole-LSQ, population regression) are scored on the same records.
"""

from __future__ import annotations

import json

from ..book.pipeline import records_digest
from ..data.parts import TRAIN_FRACTION, real_windows
from ..data.protocols import get_protocol
from ..data.samples import real_records
from ..scoring.evaluate import score_last, summarize
from ..scoring.methods import dipole_lsq_method, model_method, regression_method
from ..scoring.per_patient import linear_limit, per_patient_method, score_per_record
from ..training import checkpoints
from ..training.calibrate import CalibrationConfig
from ..training.deviation import deviation_experiment
from ..training.onthefly import score_calibrated
from ..training.recipe import fit
from ..training.recipes import real_stage2
from ..training.sim_records import DEVICES_12, TEST_SEED, device_records, stage2_records
from . import ladder
from .recorded import machine

SCORES = "scores.json"
#: test records per device, Stage III iterations, population-regression training records
TEST_RECORDS, ITERATIONS, REGRESSION_RECORDS = 12, 100, 200
PROTOCOL = "(3,8,1)"
#: the Table 10 protocol: its device, records and angle-table deviations (degrees)
TABLE10_DEVICE, TABLE10_RECORDS, TABLE10_DEG = "sim-cpsc", 6, (10, 20, 30)


def _summary(scores) -> dict:
    """Mean PSNR/SSIM per role, and the unseen PSNR of each record by name (the spread)."""
    s = summarize(scores)
    unseen = scores[scores["role"] == "unseen"].groupby("record")["psnr"].mean()
    return {
        role: {"psnr": float(s.loc[role, "psnr"]), "ssim": float(s.loc[role, "ssim"])}
        for role in s.index
    } | {"unseen_per_record": {str(k): round(float(v), 4) for k, v in unseen.items()}}


def test_sets(n=TEST_RECORDS) -> dict:
    """The held-out SimPanobench records of each 12-lead device."""
    return {d: device_records(d, n, TEST_SEED) for d in DEVICES_12}


def cinc_windows(data_dir=None):
    """(training windows, held-out windows) of the real CinC sample (empty when absent)."""
    cinc = real_records(data_dir).get("CinC 2021", [])
    if len(cinc) < 2:
        return [], []
    return real_windows(cinc, "train", TRAIN_FRACTION), real_windows(cinc, "test", TRAIN_FRACTION)


#: the rows :func:`baselines` scores
BASELINES = ("dipole-LSQ", "population regression", "per-patient linear", "linear limit")


def _linear(records, train, protocol) -> dict:
    return {
        "dipole-LSQ": _summary(score_last(dipole_lsq_method, records, protocol)),
        "population regression": _summary(
            score_last(regression_method(train, protocol), records, protocol)
        ),
        "per-patient linear": _summary(score_per_record(per_patient_method, records, protocol)),
        "linear limit": _summary(score_last(linear_limit, records, protocol)),
    }


def baselines(test, cinc) -> dict:
    """The linear rows (:data:`BASELINES`) on the ladder's held-out records: dipole-LSQ,
    population regression, the per-patient linear fit on each record's calibration seconds and
    the linear limit (an oracle)."""
    protocol, out = get_protocol(PROTOCOL), {"sim": {}, "real": {}}
    for d, recs in test.items():
        out["sim"][d] = _linear(recs, stage2_records(d, REGRESSION_RECORDS), protocol)
    train, held = cinc
    if held:
        out["real"] = _linear(held, train, protocol)
    return out


def _baselines_current(base) -> bool:
    return all(set(BASELINES) <= set(rows) for rows in base["sim"].values())


def _model(recipe):
    return checkpoints.load_model(ladder.checkpoint_of(recipe))


def _real_stage2(first, train, progress):
    """The run's Stage I calibrated on the real CinC training windows at the book budget."""
    recipe = real_stage2(
        len(train), "cinc2021", records_digest(train), "book-x1", PROTOCOL, first=first
    )
    path = ladder.ladder_dir() / "checkpoints" / recipe.file_name()
    if not (path.is_file() and checkpoints.complete(path, recipe.model, recipe.train)):
        fit(recipe, train, _model(first), checkpoint=path, resume=True, progress=progress)
        ladder.strip_optimizer(path)
    return checkpoints.load_model(path)


def table10(rung, model, seed, test, progress=False) -> dict:
    """The Table 10 protocol on the run's Stage II model of :data:`TABLE10_DEVICE`: PSNR of the
    unseen V2 with the right table, a wrong one and after OF-CAL, and the angle errors."""
    protocol, cfg = get_protocol(PROTOCOL), CalibrationConfig(iterations=ITERATIONS, seed=0)
    runs = ladder.recipes(rung, model, seed)
    net = _model(runs[1 + DEVICES_12.index(TABLE10_DEVICE)])
    recs = test[TABLE10_DEVICE][:TABLE10_RECORDS]
    return {
        str(deg): deviation_experiment(model_method(net), net, recs, protocol, deg, cfg, seed=deg)
        for deg in TABLE10_DEG
    }


def score_run(rung, model, seed, test, cinc, progress=False, with_table10=True) -> dict:
    """One finished run's scores: per device and stage on SimPanobench, the Table 10 protocol
    (unless ``with_table10`` is False), and on real CinC."""
    protocol, runs = get_protocol(PROTOCOL), ladder.recipes(rung, model, seed)
    cfg = CalibrationConfig(iterations=ITERATIONS, seed=0)
    train, held = cinc
    out = {"rung": rung, "model": model, "seed": seed, "sim": {}, "real": {}}
    out["items"] = {"stage1": ladder.items_seen(runs[0])}
    if model == "v1-window":
        net = _model(runs[0])
        for d, recs in test.items():
            out["sim"][d] = {"Stage II": _summary(score_last(model_method(net), recs, protocol))}
        if held:
            out["real"]["zero-shot"] = _summary(score_last(model_method(net), held, protocol))
        return out
    first = _model(runs[0])
    out["items"]["stage2"] = ladder.items_seen(runs[1])
    for d, recipe in zip(DEVICES_12, runs[1:]):
        second, recs = _model(recipe), test[d]
        calibrated, _ = score_calibrated(second, recs, protocol, cfg, progress=progress)
        out["sim"][d] = {
            "Stage I": _summary(score_last(model_method(first), recs, protocol)),
            "Stage II": _summary(score_last(model_method(second), recs, protocol)),
            "Stage III": _summary(calibrated),
        }
    if with_table10:
        out["table10"] = table10(rung, model, seed, test, progress)
    if held:
        zero = _model(runs[1])  # sim-ptbxl: the PTB-XL stand-in
        out["real"]["zero-shot"] = _summary(score_last(model_method(zero), held, protocol))
        real2 = _real_stage2(runs[0], train, progress)
        out["real"]["Stage II"] = _summary(score_last(model_method(real2), held, protocol))
        calibrated, _ = score_calibrated(real2, held, protocol, cfg, progress=progress)
        out["real"]["Stage III"] = _summary(calibrated)
    return out


def run_key(rung, model, seed) -> str:
    return f"{rung}/{model}/seed-{seed}"


def read_scores() -> dict:
    path = ladder.ladder_dir() / SCORES
    return json.loads(path.read_text()) if path.is_file() else {"runs": {}}


def read_extras() -> dict:
    """The chapter-07 claims at each rung (``scripts/scale_extras.py``): empty when absent."""
    path = ladder.ladder_dir() / "extras.json"
    return json.loads(path.read_text()) if path.is_file() else {"rungs": {}}


def write_scores(scores: dict):
    path = ladder.ladder_dir() / SCORES
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(scores, indent=1, sort_keys=True) + "\n")
    tmp.replace(path)


def finished(rung, model, seed) -> bool:
    """Whether every recipe of the run is trained."""
    runs = ladder.read_manifest()["runs"]
    return all(runs.get(r.file_name(), {}).get("done") for r in ladder.recipes(rung, model, seed))


def score_finished(command="", progress=False, data_dir=None) -> list[str]:
    """Score every finished run of the plan not scored yet (and the baselines once, again when
    :data:`BASELINES` has rows they lack); returns the keys scored."""
    scores, done = read_scores(), []
    test, cinc = None, None
    if "baselines" in scores and not _baselines_current(scores["baselines"]):  # rows added since
        test, cinc = test_sets(), cinc_windows(data_dir)
        scores["baselines"] = baselines(test, cinc)
        write_scores(scores)
        done.append("baselines")
    for rung, model, seed in ladder.PLAN:
        key = run_key(rung, model, seed)
        have = scores["runs"].get(key)
        if have is not None and model != "v1-window" and "table10" not in have:
            have["table10"] = table10(rung, model, seed, test or test_sets(), progress)
            write_scores(scores)
            done.append(f"{key} (Table 10)")
        if key in scores["runs"] or not finished(rung, model, seed):
            continue
        if test is None:
            test, cinc = test_sets(), cinc_windows(data_dir)
        if "baselines" not in scores:
            scores["baselines"] = baselines(test, cinc)
        scores["runs"][key] = score_run(rung, model, seed, test, cinc, progress)
        scores |= {"command": command, "machine": machine(), "test_records": TEST_RECORDS}
        scores["real_windows"] = {"train": len(cinc[0]), "test": len(cinc[1])}
        write_scores(scores)
        done.append(key)
    return done
