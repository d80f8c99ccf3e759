"""The plausibility gate: no finding on the real sample records, each damage caught by its own
check in one line naming the lead, and every input path behind the gate."""

import re
import warnings

import numpy as np
import pytest

from nefnet import cli
from nefnet.data import damage, plausibility
from nefnet.data.readers.wfdb_io import write_wfdb
from nefnet.data.samples import real_records


@pytest.fixture(scope="module")
def real():
    records = real_records()
    if not records:
        pytest.fail("the real sample records are missing (make data)")
    return records


def test_no_finding_on_any_real_sample_record(real):
    for records in real.values():
        for r in records:
            assert plausibility.findings(r) == [], r.name


@pytest.mark.parametrize(
    "name", [n for n, v in damage.DAMAGES.items() if v[1] not in damage.PARTIAL]
)
def test_each_damage_is_caught_by_its_check_in_one_line(real, name):
    _, check, lead = damage.DAMAGES[name]
    for r in real["CinC 2021"][:5]:
        found = plausibility.findings(damage.damaged(r, name))
        assert [f.check for f in found][:1] == [check], (r.name, found)
        assert len(found[0].message.splitlines()) == 1
        assert found[0].message.startswith(f"record {r.name!r}")


def test_the_limb_check_names_the_inverted_lead_or_the_swapped_pair(real):
    r = real["CinC 2021"][0]
    inverted = plausibility.findings(damage.damaged(r, "lead I inverted"))[0].message
    assert inverted.endswith("lead I looks inverted")
    swapped = plausibility.findings(damage.damaged(r, "leads aVL and aVF swapped"))[0].message
    assert swapped.endswith("leads aVL and aVF look swapped")


def test_microvolts_are_named_as_such_and_a_doubt_only_warns(real):
    r = real["CinC 2021"][0]
    with pytest.raises(ValueError, match="look like µV, not mV"):
        plausibility.gate(damage.damaged(r, "µV labelled mV"))
    with pytest.warns(plausibility.ImplausibleRecord, match="looks inverted"):
        out = plausibility.gate(damage.damaged(r, "lead I inverted"))
    assert np.array_equal(out.signals[1], r.signals[1])


def test_the_gate_table_measures_every_damage(real):
    table = damage.gate_table(real)
    assert table.loc["as recorded", "flagged"] == 0
    checked = table[~table["expected check"].isin(["none", *damage.PARTIAL])]
    assert (checked["by the expected check"] == checked["n"]).all()
    share = table["by the expected check"] / table["n"]
    # the statistical checks: a rate stated too high is the easy side, neighbours the hard one
    assert share["half the stated rate"] >= 0.8 > share["twice the stated rate"] > 0
    assert share["lead V3 inverted"] >= 0.2 and share["leads V1 and V4 swapped"] > 0
    assert share["leads V1 and V2 swapped"] < 0.1


def _caught(records, name, check):
    for r in records:
        found = [f for f in plausibility.findings(damage.damaged(r, name)) if f.check == check]
        if found:
            return r, found[0]
    raise AssertionError(f"no record where {check} catches {name!r}")


def test_a_rate_stated_too_high_is_warned_about_with_the_rate_the_beats_show(real):
    r, found = _caught(real["CinC 2021"], "half the stated rate", "sampling rate")
    assert not found.refuse and len(found.message.splitlines()) == 1
    guess = float(re.search(r"about (\d+) Hz, not the 500 Hz stated", found.message).group(1))
    assert 150 <= guess <= 400  # sampled at 250 Hz
    with pytest.warns(plausibility.ImplausibleRecord, match="check the sampling rate"):
        plausibility.gate(damage.damaged(r, "half the stated rate"))


def test_an_inverted_precordial_lead_is_named(real):
    r, found = _caught(real["CinC 2021"], "lead V3 inverted", "precordial leads")
    assert found.lead == "V3" and found.message.endswith("lead V3 looks inverted")
    assert found.message.startswith(f"record {r.name!r}")
    assert ": lead V3: the dipole fit's residual falls from " in found.message


def test_no_doubt_on_the_real_single_beats():
    from nefnet.data.precordial_check import IMPROVEMENT_MIN, best_undo
    from nefnet.data.readers.roahd import roahd_beats

    beats = roahd_beats()
    assert {b.meta["label"] for b in beats} == {"healthy", "LBBB", "RBBB"}
    for b in beats:
        words, before, after = best_undo(b.signals, b.leads, b.sampling_rate)
        assert before / after <= IMPROVEMENT_MIN, (b.meta, words, before, after)


def _wfdb(tmp_path, record, name):
    folder = tmp_path / name
    return write_wfdb(record, folder).with_suffix("")


def _edit_gains(base, edit):
    """Rewrite each signal line's ADC gain of a WFDB header with ``edit(gain text)``."""
    hea = base.with_suffix(".hea")
    lines = hea.read_text().splitlines()
    for k in range(1, len(lines)):
        parts = lines[k].split()
        gain, rest = re.match(r"^([-+\d.eE]+)(.*)$", parts[2]).groups()
        parts[2] = edit(gain) + rest
        lines[k] = " ".join(parts)
    hea.write_text("\n".join(lines) + "\n")


def test_synthesize_refuses_a_record_in_microvolts_and_writes_nothing(real, tmp_path, capsys):
    base = _wfdb(tmp_path, real["CinC 2021"][0], "in")
    _edit_gains(base, lambda g: repr(float(g) / 1000))  # µV numbers labelled mV
    out = tmp_path / "out"
    argv = ["synthesize", "--record", str(base), "--checkpoint", "v2-ours-stage2-sim-ptbxl"]
    code = cli.main(argv + ["--recorded", "I,II,V3", "--views", "90,45", "--out", str(out)])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(err) == 1, err
    assert "--record" in err[0] and "look like µV, not mV" in err[0]
    assert not out.exists()


def test_a_negative_wfdb_gain_is_refused(real, tmp_path):
    from nefnet.data import read_wfdb

    base = _wfdb(tmp_path, real["CinC 2021"][0], "neg")
    _edit_gains(base, lambda g: "-" + g)
    with pytest.raises(ValueError, match="negative ADC gain .* inverts the lead"):
        read_wfdb(base)


def test_real_folders_are_read_through_the_gate(real, tmp_path):
    from nefnet.data.kinds import FolderSource

    r = real["CinC 2021"][0]
    write_wfdb(damage.damaged(r, "lead I inverted"), tmp_path / "w")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        FolderSource("wfdb", tmp_path / "w")[0]
    assert any("lead I looks inverted" in str(w.message) for w in caught)


def test_a_plausible_record_synthesizes_with_a_shipped_model_named(real, tmp_path, capsys):
    base = _wfdb(tmp_path, real["CinC 2021"][0], "in")
    out = tmp_path / "out"
    argv = ["synthesize", "--record", str(base), "--checkpoint", "v2-ours-stage2-sim-ptbxl"]
    argv += ["--recorded", "I,II,V3", "--views", "90,45", "--out", str(out), "--quiet"]
    assert cli.main(argv) == 0, capsys.readouterr().err
    assert sorted(p.suffix for p in out.iterdir()) == [".dat", ".hea"]
