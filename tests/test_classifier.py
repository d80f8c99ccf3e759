"""The chapter 09 classifier: ROC-AUC, a stratified split, and a CNN that learns a separable
toy problem."""

import numpy as np

from nefnet.chapters import clinical_classifier as cc
from nefnet.data.record import Record


def test_auc_counts_ties_half_and_needs_both_classes():
    assert cc.auc([0.1, 0.4, 0.35, 0.8], [False, False, True, True]) == 0.75
    assert cc.auc([1, 1], [True, False]) == 0.5
    assert np.isnan(cc.auc([1, 2], [True, True]))


def test_split_is_stratified_and_seeded():
    recs = [
        Record(np.zeros((1, 10)), 500, ("I",), f"{c}{k}", {"label": c})
        for c in ("healthy", "LBBB", "RBBB")
        for k in range(10)
    ]
    train, test = cc.split(recs, 0.4, seed=3)
    assert len(test) == 12 and len(train) == 18
    assert sorted(cc.label_of(r) for r in test).count("Normal") == 4  # "healthy" read as Normal
    assert [r.name for r in cc.split(recs, 0.4, seed=3)[1]] == [r.name for r in test]


def test_cnn_learns_a_separable_problem():
    rng = np.random.default_rng(0)
    y = np.repeat(np.arange(3), 20)
    x = rng.normal(0, 0.1, (60, 2, 100)).astype(np.float32)
    x[y == 0, 0, 50] += 3.0  # the class is the spike's shape: up, down, or up-then-down
    x[y == 1, 0, 50] -= 3.0
    x[y == 2, 0, 50] += 3.0
    x[y == 2, 0, 54] -= 3.0
    model = cc.train(x, y, seed=0, epochs=80)
    scores = cc.evaluate(model, x, y)
    assert scores["accuracy"] > 0.9 and scores["AUC RBBB"] > 0.9
