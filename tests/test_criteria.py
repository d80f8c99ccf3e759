"""The automatic bundle-branch-block criteria read the simulator's classes and refuse beats
without the leads they need."""

import numpy as np
import pandas as pd
import pytest

from nefnet import criteria
from nefnet.chapters import clinical
from nefnet.simulate import SimConfig, simulate_record


def _true_criteria(label, n=6):
    recs = [simulate_record(SimConfig(classes=(label,)), 11, k) for k in range(n)]
    pair = clinical.criteria_pair(recs, {}, clinical.FIG10_RECORDED, progress=False)
    return pair["true"]


def test_criteria_read_the_simulated_blocks():
    rbbb, lbbb, normal = (_true_criteria(c) for c in ("RBBB", "LBBB", "Normal"))
    assert rbbb["rsR′ in V1"].mean() >= 0.8 and normal["rsR′ in V1"].mean() <= 0.2
    assert lbbb["QS/rS in V1"].mean() >= 0.6 and lbbb["no q in I and V6"].mean() >= 0.8
    assert rbbb["qrs_ms"].median() > normal["qrs_ms"].median() + 15
    assert lbbb["qrs_ms"].median() > normal["qrs_ms"].median() + 15
    dx = [criteria.diagnose(r) for r in rbbb.to_dict("records")]
    assert dx.count("RBBB") >= 4


def test_agreement_and_accuracy_tables():
    t = pd.DataFrame({c: [True, False, True, True] for c in criteria.CRITERIA})
    s = t.copy()
    s.loc[0, "rsR′ in V1"] = False
    table = criteria.agreement(t, s, pd.Series(["a", "a", "b", "b"]))
    assert table.loc[("a", "rsR′ in V1"), "agreement"] == 0.5
    assert table.loc[("b", "rsR′ in V1"), "agreement"] == 1.0
    acc = criteria.diagnostic_accuracy(
        ["LBBB", "RBBB", "Normal", "RBBB"], ["LBBB", "neither", "RBBB", "RBBB"]
    )
    assert acc.loc["RBBB", "sensitivity"] == 0.5 and acc.loc["RBBB", "specificity"] == 0.5
    assert acc.loc["LBBB", "sensitivity"] == 1.0 and acc.loc["LBBB", "specificity"] == 1.0


def test_criteria_refuse_a_beat_without_v1():
    with pytest.raises(ValueError, match="missing \\['V1'\\]"):
        criteria.measure({"I": np.zeros(400), "V6": np.zeros(400)}, 500.0)
