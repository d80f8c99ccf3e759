"""Diagnostic fidelity: the same fiducials on the true and the synthesized lead."""

import numpy as np
import pytest

from nefnet.book import pipeline
from nefnet.data.protocols import get_protocol
from nefnet.scoring import fidelity

PROTOCOL = get_protocol("(3,8,1)")


@pytest.fixture(scope="module")
def records():
    return pipeline.device_records("sim-ptbxl", 2, pipeline.TEST_SEED)


def _oracle(gain):
    """A method that returns ``gain`` × the true targets (an oracle, for the test only)."""

    def run(x, recorded, ang_in, targets, ang_out, *, joint=None, bounds=None, truth=None):
        return gain * truth

    run.needs_truth = True
    return run


def test_the_truth_agrees_with_itself(records):
    rows = fidelity.measure_rows(_oracle(1.0), records, PROTOCOL)
    assert set(rows["role"]) == {"recorded", "supervised", "unseen"} and len(rows) > 0
    table = fidelity.agreement(rows[rows["role"] != "recorded"])
    assert np.allclose(table["bias"], 0.0) and np.allclose(table["LoA high"], 0.0)
    assert np.allclose(table["slope synth/true"], 1.0)


def test_halved_amplitudes_read_as_a_slope_of_one_half(records):
    rows = fidelity.measure_rows(_oracle(0.5), records, PROTOCOL)
    table = fidelity.agreement(rows[rows["role"] == "unseen"])
    for m in fidelity.AMPLITUDES:
        assert table.loc[m, "slope synth/true"] == pytest.approx(0.5, abs=1e-6)
    # the width threshold is relative to the lead's own peak: scaling does not change it
    assert table.loc["QRS width (ms)", "bias"] == pytest.approx(0.0, abs=1e-9)


def test_frontal_axis_from_i_and_avf(records):
    rows = fidelity.measure_rows(_oracle(1.0), records, PROTOCOL)
    axis = fidelity.frontal_axis(rows)
    assert len(axis) > 0 and (axis["axis true"].between(-180, 180)).all()
    # I is recorded (its "synthesis" is the noisy input), aVF synthesized exactly here
    assert np.abs(axis["axis synth"] - axis["axis true"]).max() < 30


def test_agreement_table_leaves_derived_limb_leads_out(records):
    rows = fidelity.measure_rows(_oracle(1.0), records, PROTOCOL)
    table = fidelity.agreement_table({"truth": rows})
    supervised = rows[(rows["role"] == "supervised") & rows["view"].isin(["V1", "V4", "V5", "V6"])]
    assert table.loc[("truth", "supervised", "R amplitude (mV)"), "beats"] == len(supervised)


def _one_beat(rec):
    """The second beat of a simulated record as a record of its own (no simulator boundaries),
    and that beat's true boundaries within it."""
    from nefnet.data.record import Record

    w, fs = rec.waves, rec.sampling_rate
    lo, hi = w["qrs_on"][1] - int(0.3 * fs), w["qrs_on"][1] + int(0.7 * fs)
    beat = Record(rec.signals[:, lo:hi], fs, rec.leads, "beat", {"single_beat": True})
    return beat, {k: int(w[k][1]) - lo for k in ("qrs_on", "qrs_off")}


def test_a_single_beat_is_delineated_on_its_repeats(records):
    from nefnet.data.delineate import delineate_single_beat

    beat, truth = _one_beat(records[0])
    found = fidelity.fiducials(beat)
    assert all(len(v) == 1 for v in found.values())
    fs = beat.sampling_rate
    for key, at in truth.items():  # within 40 ms of the simulator's own boundary
        assert abs(found[key][0] - at) <= 0.04 * fs, (key, found[key][0], at)
    with pytest.raises(ValueError, match="odd number"):
        delineate_single_beat(beat, copies=2)


def test_fidelity_of_a_single_beat_reads_the_whole_beat(records):
    beat, _ = _one_beat(records[0])
    rows = fidelity.measure_rows(_oracle(0.5), [beat], PROTOCOL)  # 5 s asked, 1 s there
    assert fidelity.scored_beats(rows) == 1
    table = fidelity.agreement_table({"half": rows}, ("unseen",), fidelity.AMPLITUDES)
    assert "QRS width (ms)" not in table.index.get_level_values("measure")
    assert table.loc[("half", "unseen", "R amplitude (mV)"), "bias"] < 0


def test_a_record_without_a_delineated_beat_is_left_out(records):
    from nefnet.data.record import Record

    beat, _ = _one_beat(records[0])
    signals = beat.signals.copy()
    signals[beat.leads.index("II")] = 0.0  # nothing for the delineator to find
    flat = Record(signals, beat.sampling_rate, beat.leads, "flat", {"single_beat": True})
    rows = fidelity.measure_rows(_oracle(1.0), [flat, beat], PROTOCOL)
    assert set(rows["record"]) == {"beat"} and fidelity.scored_beats(rows) == 1
