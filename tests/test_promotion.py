"""The book's models come from the scale ladder's best rungs, and the shipped weights that are
stored in float16 score like their float32 selves."""

from __future__ import annotations

import copy

import pytest
import torch

from nefnet.book import pipeline, weights
from nefnet.chapters import scale_prose
from nefnet.data.protocols import get_protocol
from nefnet.models import VARIANT_LABELS
from nefnet.reproduce import ladder, ladder_scores, promotion
from nefnet.scoring.evaluate import score_last, summarize
from nefnet.scoring.methods import model_method
from nefnet.training import presets, recipes


@pytest.mark.parametrize("model", sorted(presets.PROMOTED))
def test_a_promoted_model_trains_at_its_best_scored_rung(model):
    scores = ladder_scores.read_scores()
    assert promotion.book_rung(model) == promotion.best_rung(scores, model)
    means = promotion.rung_means(scores, model)
    assert means[promotion.book_rung(model)] > means["book-x1"]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_the_books_nefnet_v1_is_the_ladders_model_of_its_rung(seed):
    rung = promotion.book_rung("v1-window")
    (rung_recipe,) = ladder.recipes(rung, "v1-window", seed)
    book = recipes.v1_window("(3,8,1)", "book", seed=seed)
    assert book.file_name() == rung_recipe.file_name()
    assert ladder.items_seen(book) == ladder.items_seen(rung_recipe)


def test_the_books_lead_prior_models_are_the_ladders_models_of_their_rung():
    rung = promotion.book_rung("lead-prior")
    assert rung != "book-x1"
    first, *second = ladder.recipes(rung, "lead-prior", 0)
    assert recipes.stage1("book", "lead-prior").file_name() == first.file_name()
    for device, rung_recipe in zip(ladder.DEVICES_12, second, strict=True):
        book = recipes.stage2(device, "book", "lead-prior")
        assert book.file_name() == rung_recipe.file_name()
        assert ladder.items_seen(book) == ladder.items_seen(rung_recipe)
    # the paper variant shares the presets and stays at the book budget
    paper = recipes.stage1("book", "paper")
    assert paper.file_name() == recipes.stage1("book-x1", "paper").file_name()
    assert ladder.items_seen(paper) < ladder.items_seen(first)


def _run(model, rung, seed, psnr):
    stage = promotion.last_stage(model)
    sim = {"sim-cpsc": {stage: {"unseen": {"psnr": psnr}}}}
    return {"model": model, "rung": rung, "seed": seed, "sim": sim, "real": {}}


def test_the_chapter_says_when_a_better_rung_is_not_the_books(monkeypatch):
    runs = {
        "a": _run("lead-prior", "book-x1", 0, 27.0),
        "b": _run("lead-prior", "book-x16", 0, 28.5),
        "c": _run("v1-window", "book-x1", 0, 22.0),
        "d": _run("v1-window", "book-x4", 0, 24.0),
    }
    monkeypatch.setattr(presets, "PROMOTED", {"v1-window": "book-x4"})
    monkeypatch.setattr(promotion, "PROMOTED", {"v1-window": "book-x4"})
    text = scale_prose.shipped_text({"runs": runs})
    lead, v1 = text.split(". The book trains ")
    assert "best scored rung is book-x16" in lead and "1.50 dB higher" in lead
    assert "does not train with yet" in lead
    assert v1.startswith("Nef-Net v1") and "book-x4" in v1 and "its best scored rung (24.00" in v1


def _unseen(model, records):
    table = summarize(score_last(model_method(model), records, get_protocol("(3,8,1)"), 5.0))
    return float(table.loc["unseen", "psnr"])


@pytest.mark.parametrize("name", ["v1-window-(3,8,1)", "v2-ours-stage2-sim-cpsc"])
def test_float16_storage_changes_scores_by_under_five_hundredths_of_a_db(name):
    model = weights.pretrained(name)
    assert all(p.dtype == torch.float32 for p in model.parameters())
    half = copy.deepcopy(model).half().float()
    assert any(
        not torch.equal(a, b) for a, b in zip(model.parameters(), half.parameters(), strict=True)
    )
    records = pipeline.device_records("sim-cpsc", 4, pipeline.TEST_SEED)
    assert abs(_unseen(half, records) - _unseen(model, records)) < 0.05


def test_the_chapters_say_which_models_train_at_a_promoted_rung():
    from nefnet.reproduce import budgets

    table = budgets.budgets("book")
    ours = VARIANT_LABELS["lead-prior"]
    assert table.loc[ours, "trains at"] == promotion.book_rung("lead-prior")
    assert table.loc[ours, "Stage I items"] > table.loc[VARIANT_LABELS["paper"], "Stage I items"]
    text = budgets.budget_sentence("book")
    assert text.startswith("The three models do not see the same number of training items")
    assert f"{ours} and {budgets.V1_LABEL} train at their best rungs" in text
    assert text.endswith(f"{VARIANT_LABELS['paper']} at the book budget")
    assert budgets.budget_sentence("smoke", "x") == (
        "The three models do not see the same number of training items (x)"
    )
