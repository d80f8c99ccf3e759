"""What the book's headline models train on, in items seen: the budgets differ where a model
trains at its best rung of the scale ladder (:data:`nefnet.training.presets.PROMOTED`,
chapter 12), so every chapter that compares them says so."""

from __future__ import annotations

import pandas as pd

from ..models import VARIANT_LABELS
from ..training import recipes
from ..training.presets import variant_scale
from . import ladder, promotion

V1_LABEL = "Nef-Net v1 (window mode)"


def budgets(scale=None) -> pd.DataFrame:
    """Per headline model: the scale or rung it trains at, its Stage I items and its Stage II
    items on one device (Nef-Net v1: its one training run, counted as Stage II)."""
    rows = {}
    for variant, name in VARIANT_LABELS.items():
        rows[name] = {
            "trains at": variant_scale(scale, variant),
            "Stage I items": ladder.items_seen(recipes.stage1(scale, variant)),
            "Stage II items": ladder.items_seen(recipes.stage2("sim-ptbxl", scale, variant)),
        }
    plain = variant_scale(scale, "paper")
    rows[V1_LABEL] = {
        "trains at": promotion.book_rung("v1-window") if plain == "book" else plain,
        "Stage I items": 0,
        "Stage II items": ladder.items_seen(recipes.v1_window("(3,8,1)", scale)),
    }
    return pd.DataFrame.from_dict(rows, orient="index")


def budget_sentence(scale=None, see: str = "the table below") -> str:
    """Whether the headline models see the same number of training items (``see``: where the
    numbers are), and which of them train at a promoted rung of the scale ladder."""
    table = budgets(scale)
    total = table["Stage I items"] + table["Stage II items"]
    same = (
        "see the same number of training items"
        if total.nunique() == 1
        else f"do not see the same number of training items ({see})"
    )
    plain = variant_scale(scale, "paper")
    promoted = table[table["trains at"] != plain]
    if promoted.empty:
        return f"The three models {same}"
    names = " and ".join(promoted.index)
    rungs = ", ".join(promoted["trains at"])
    verb = "trains at its best rung" if len(promoted) == 1 else "train at their best rungs"
    rest = " and ".join(n for n in table.index if n not in promoted.index)
    return (
        f"The three models {same}: {names} {verb} of chapter 12's scale ladder ({rungs}), "
        f"{rest} at the {plain} budget"
    )
