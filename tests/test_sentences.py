"""Verdicts as whole sentences chosen by a rule: each form reads, whatever the numbers say."""

import math

import pytest

from nefnet.chapters import ablations_v1, nefnet_v1_window, three_stage_prose

from .hygiene import prose_problems


@pytest.mark.parametrize(
    "standin, anchor, start",
    [
        (True, True, "Both of the paper's claims hold here"),
        (False, False, "Neither of the paper's claims holds here"),
        (True, False, "Of the paper's two claims, that Standin learning helps synthesis holds"),
        (False, True, "Of the paper's two claims, that the averaged anchor beats a random one"),
    ],
)
def test_the_standin_claims_sentence(standin, anchor, start):
    text = ablations_v1.claims_sentence(standin, anchor)
    assert text.startswith(start) and text.endswith(".") and prose_problems(text) == []


def test_the_drops_sentence_agrees_in_number():
    assert " 1 loses it " in ablations_v1.drops_sentence(7, 1, 1, 9)
    assert "1 of the 9 rows gains" in ablations_v1.drops_sentence(7, 1, 1, 9)
    assert " 2 lose it " in ablations_v1.drops_sentence(7, 2, 0, 9)


def test_the_training_sentence_says_what_the_loss_did():
    assert "too few to tell" in nefnet_v1_window.training_sentence([0.5])
    falling = nefnet_v1_window.training_sentence([1.0 - 0.1 * k for k in range(10)])
    assert "fell by 57%" in falling and "had not converged" in falling
    assert "levelled off" in nefnet_v1_window.training_sentence([0.5] * 10)
    assert "n/a" not in falling


def test_the_displaced_electrode_clause():
    assert "too little to measure" in three_stage_prose.physical_clause([math.nan, math.nan])
    part = three_stage_prose.physical_clause([-1.26, 0.75])
    assert "only in part" in part and "−126 to 75 %" in part and prose_problems(part) == []
    assert "recovered by some model (20–90 %" in three_stage_prose.physical_clause([0.2, 0.9])


def test_the_v2_margin_clause():
    assert three_stage_prose.margin_clause(3.5, 3.0) == "by at least 3 dB on every device"
    short = three_stage_prose.margin_clause(0.2, 3.0)
    assert short.startswith("but not by the expected 3 dB") and "+0.2 dB" in short
    assert prose_problems(f"Both end 0.2–4.2 dB above v1, {short}.") == []
