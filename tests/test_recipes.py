"""One recipe per shipped model: the book's model cache, ``nefnet train`` and ``make weights``
build the same recipe, so they train the same model."""

import json

import pytest
import torch

from nefnet import cli
from nefnet.book import weights
from nefnet.cli.models import weights_digest
from nefnet.cli.train_recipe import recipe_of
from nefnet.training import recipe as recipe_module, recipes
from nefnet.training.checkpoints import load_model, planning, shipped_dir

MANIFEST = weights.manifest()


def cli_recipe(argv):
    """The recipe a ``nefnet train`` command line runs (parsed, not trained)."""
    return recipe_of(cli.build_parser().parse_args(["train", *argv]))


@pytest.fixture
def book_recipes(monkeypatch):
    """The recipes the book's pipeline functions hand to the model cache."""
    seen = []

    def capture(recipe, records=None, **kw):
        seen.append(recipe)
        return None, None

    from nefnet.book import pipeline, pipeline_deep, pipeline_v1

    for module in (pipeline, pipeline_v1, pipeline_deep, recipe_module):
        monkeypatch.setattr(module, "cached", capture)
    return seen


def test_every_shipped_model_has_one_recipe(book_recipes):
    assert len(MANIFEST) == len(weights.registry()) > 90
    for name, entry in MANIFEST.items():
        book_recipes.clear()
        weights.train(name, "book", progress=False)  # what make weights runs
        (built,) = book_recipes
        assert built == weights.recipe(name) == cli_recipe(["--recipe", name]), name
        assert built.file_name() == entry["file"], name


def test_the_book_loads_every_shipped_file():
    for name, entry in MANIFEST.items():
        with planning():
            assert weights.plan(name) == shipped_dir() / entry["file"], name


@pytest.mark.parametrize(
    "argv, name",
    [
        (["--stage", "pretrain"], "v2-paper-stage1"),
        (["--stage", "pretrain", "--variant", "lead-prior"], "v2-ours-stage1"),
        (["--stage", "device", "--sim-device", "sim-cpsc"], "v2-paper-stage2-sim-cpsc"),
        (
            ["--stage", "device", "--sim-device", "sim-tianchi", "--protocol", "(3,9)"],
            "v2-paper-stage2-sim-tianchi-(3,9)",
        ),
    ],
)
def test_the_cli_stages_build_the_shipped_recipes(argv, name):
    assert cli_recipe(argv) == weights.recipe(name)
    assert cli_recipe(argv).file_name() == MANIFEST[name]["file"]


def test_explicit_options_change_the_recipe_and_its_name():
    base = cli_recipe(["--stage", "pretrain"])
    longer = cli_recipe(["--stage", "pretrain", "--epochs", "40", "--crop-seconds", "5"])
    assert longer.train.epochs == 40 and longer.crop_seconds == 5.0
    assert longer.data["crop_seconds"] == 5.0 and longer.file_name() != base.file_name()
    assert longer.train.lr == base.train.lr and longer.crop_low == 0.8


def test_the_learning_rates_live_in_one_place():
    from nefnet.training.presets import PAPER_LR
    from nefnet.training.train import TrainConfig

    assert recipes.stage1("paper").train.lr == PAPER_LR["pretrain"]
    assert recipes.stage2(scale="paper").train.lr == PAPER_LR["device"]
    assert TrainConfig(stage="device").learning_rate == PAPER_LR["device"]


@pytest.mark.parametrize(
    "name",
    ["v2-paper-stage1", "v2-ours-stage2-sim-cpsc", "v1-window-(3,8,1)", "v1-beat-(3,8,1)"],
)
def test_nefnet_train_trains_the_books_model(tmp_path, monkeypatch, capsys, name):
    """At smoke scale: the book's cache and ``nefnet train --recipe`` give bit-identical
    weights, epoch losses and step losses of the first epoch (the same first batch)."""
    monkeypatch.setenv("NEFNET_MODELS", str(tmp_path / "cache"))
    monkeypatch.setenv("NEFNET_RETRAIN", "1")
    function, kwargs = weights.registry()[name]
    book, path = weights.trainer(function)(scale="smoke", progress=False, **kwargs)
    out = tmp_path / "cli.pt"
    argv = ["train", "--recipe", name, "--scale", "smoke", "--out", str(out), "--quiet"]
    assert cli.main(argv) == 0
    assert "first-step loss" in capsys.readouterr().out
    ours = torch.load(out, weights_only=True)
    theirs = torch.load(path, weights_only=True)
    assert ours["first_epoch_steps"] == theirs["first_epoch_steps"] != []
    assert ours["history"] == theirs["history"] and ours["data"] == theirs["data"]
    assert weights_digest(load_model(out)) == weights_digest(book)


@pytest.mark.slow
@pytest.mark.parametrize("name", ["v2-paper-stage1", "v2-paper-stage2-sim-ptbxl"])
def test_nefnet_train_reproduces_a_shipped_models_first_epoch(tmp_path, monkeypatch, name):
    """``nefnet train --recipe NAME --until-epoch 1`` at book scale gives the shipped model's
    first-epoch loss (bit-equal on one machine; across CPUs the float32 kernels differ: 4.1e-6
    relative measured between two x86 machines, so 2e-5 is allowed)."""
    monkeypatch.setenv("NEFNET_MODELS", str(tmp_path / "cache"))
    out = tmp_path / "one.pt"
    argv = ["train", "--recipe", name, "--until-epoch", "1", "--out", str(out), "--quiet"]
    assert cli.main(argv) == 0
    ours = torch.load(out, weights_only=True)["history"]
    shipped = torch.load(shipped_dir() / MANIFEST[name]["file"], weights_only=True)["history"]
    assert len(ours) == 1 and ours[0] == pytest.approx(shipped[0], rel=2e-5)


def test_show_recipe_prints_it_and_trains_nothing(tmp_path, capsys):
    assert cli.main(["train", "--recipe", "v2-paper-stage1", "--show-recipe"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["file"] == MANIFEST["v2-paper-stage1"]["file"] and shown["crop"] == "80%-100%"
    assert not list(tmp_path.iterdir())


def test_unknown_recipe_is_refused_in_one_line(capsys):
    assert cli.main(["train", "--recipe", "v9-nothing", "--out", "x.pt"]) == 2
    err = capsys.readouterr().err.strip().splitlines()[-1]
    assert "unknown recipe 'v9-nothing'" in err and "MODEL_CARDS" in err
