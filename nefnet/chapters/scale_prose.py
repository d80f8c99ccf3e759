"""Chapter 12's prose: the ladder's numbers, and every claim's verdict as a whole sentence —
computed from the verdict table, glued in one call (``prose.glue_all(findings(...))``)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..reproduce import ladder, promotion, scale_claims, scale_extra_claims, scale_verdicts
from ..training.presets import LADDER
from .scale import MODEL_LABELS, factor_label, reach_text


def ladder_texts() -> dict[str, str]:
    """The ladder's numbers for the prose: the ×1 budget against the paper's, the rungs, the
    wide rung, the record caps and the in-memory limit."""
    from ..models import NefNetV2Config
    from ..training.presets import RECORD_CAP
    from ..training.recipes import stage1
    from ..training.sim_records import IN_MEMORY

    book, paper = stage1("book-x1", "faithful"), stage1("paper", "faithful")
    wide = [r for r, (_, width) in LADDER.items() if width != "book"][0]
    factors = [factor_label(k) for r, k in ladder.RUNGS.items() if LADDER[r][1] == "book"]
    return {
        "book_items": f"{ladder.items_seen(book):,}",
        "book_channels": f"{book.model.channels}",
        "paper_ratio": f"{ladder.items_seen(paper) / ladder.items_seen(book):,.0f}",
        "paper_channels": f"{paper.model.channels}",
        "higher_factors": ", ".join(f[1:] for f in factors[1:-1]) + f" and {factors[-1][1:]}",
        "rungs": ", ".join(factors[:-1]) + f" and {factors[-1]}",
        "wide_rung": factor_label(ladder.RUNGS[wide]),
        "wide_channels": f"{NefNetV2Config.preset(LADDER[wide][1]).channels}",
        "cap_stage1": f"{RECORD_CAP['stage1']:,}",
        "cap_stage2": f"{RECORD_CAP['stage2']:,}",
        "in_memory": f"{IN_MEMORY}",
        "class_holds": scale_verdicts.HOLDS,
        "class_fails": scale_verdicts.FAILS,
        "class_moving": scale_verdicts.MOVING,
        "class_mixed": scale_verdicts.MIXED,
        "confidence": f"{scale_verdicts.CONFIDENCE:.0%}".replace("%", " %"),
    }


def rungs_text(extras: dict) -> str:
    """The rungs above ×1 that ``extras`` scores, in words ("none yet" when only ×1)."""
    higher = [factor_label(ladder.RUNGS[r]) for r in extras.get("rungs", {}) if r != "book-x1"]
    return ", ".join(higher) if higher else "(none scored yet)"


def _sentence(v) -> str:
    """One claim's verdict as a sentence: the gap at the highest rung scored against its
    target, the trend when one can be fitted, the class and any extrapolated rung."""
    from ..book.prose import number

    unit = v["unit"]
    trend = (
        ""
        if not np.isfinite(v["se"])
        else f", with a trend of {number(v['slope'], '.2f', unit, sign=True)} per tenfold "
        f"items (± {number(v['se'], '.2f', unit)})"
    )
    target = "the paper's value" if v["paper_target"] else "the goal"
    reach = reach_text(v["reach_items"])
    tail = "" if reach == "—" else f"; the trend would reach {target} at {reach}"
    n = v["rungs"]
    where = "at the one rung scored" if n == 1 else f"at the highest of {n} rungs scored"
    share = v["top_gap_db"] / v["target_db"] if v["target_db"] else np.nan
    of = (
        ""
        if not share > 0
        else " (under 1 % of it)"
        if share < 0.01
        else (f" ({number(share, '.0%')} of it)")
    )
    return (
        f"{MODEL_LABELS[v['model']]}: {number(v['top_gap_db'], '.2f', unit, sign=True)} "
        f"{where}, against {target} of {number(v['target_db'], '.2f', unit, sign=True)}"
        f"{of}{trend}; verdict: {v['verdict']}{tail}."
    )


def findings(verdicts: pd.DataFrame, table: pd.DataFrame) -> dict[str, str]:
    """The chapter's prose as whole sentences: one per claim and NEF-NET v2 model (saying so
    when a claim has no scored run yet), and the top rung scored."""
    out = {}
    for claim in scale_claims.CLAIMS:
        for model in scale_claims.V2_MODELS:
            hit = verdicts[(verdicts["claim"] == claim.key) & (verdicts["model"] == model)]
            out[f"{claim.key}_{model.replace('-', '_')}"] = (
                _sentence(hit.iloc[0])
                if len(hit)
                else f"{MODEL_LABELS[model]}: no run of this claim is scored yet."
            )
    for claim in scale_extra_claims.EXTRA_CLAIMS:
        model = claim.models[0]
        hit = verdicts[(verdicts["claim"] == claim.key) & (verdicts["model"] == model)]
        out[claim.key] = (
            _sentence(hit.iloc[0])
            if len(hit)
            else f"{MODEL_LABELS[model]}: no rung of this claim is scored yet."
        )
    top = table.loc[table["Stage I items"].idxmax()]
    out["top_rung"] = f"{top['× items']} ({int(top['Stage I items']):,} Stage I items)"
    out["runs_scored"] = f"{len(table)}"
    return out


def goal(verdicts: pd.DataFrame, claim="over_lsq") -> str:
    """The goal of the ladder as a sentence: the best NEF-NET v2 variant's gap over dipole-LSQ
    at its top rung, by how much it misses the goal, and where its trend would reach it."""
    from ..book.prose import number

    rows = verdicts[verdicts["claim"] == claim]
    if rows.empty:
        return "No run is scored yet."
    best = rows.loc[rows["top_gap_db"].idxmax()]
    gap, target = best["top_gap_db"], best["target_db"]
    head = (
        f"{MODEL_LABELS[best['model']]}, the better variant, ends "
        f"{number(gap, '.2f', 'dB', sign=True)} against dipole-LSQ at its highest rung"
    )
    if gap >= target:
        return f"{head}: the goal of {number(target, '.0f', 'dB', sign=True)} is reached."
    reach = reach_text(best["reach_items"])
    where = (
        f"its trend would reach it at {reach}"
        if reach != "—"
        else "no trend fitted so far leads there"
    )
    return (
        f"{head}: it misses the goal of {number(target, '.0f', 'dB', sign=True)} by "
        f"{number(target - gap, '.2f', 'dB')}, and {where}."
    )


def _rung_words(rung: str) -> str:
    return f"{rung} ({factor_label(ladder.RUNGS[rung])} the items)"


def shipped_text(scores: dict) -> str:
    """Which rung the book trains each shipped model at, against its best scored rung (mean
    unseen V2 over the rung's training seeds), as sentences; a model whose best rung is not
    the book's says by how much the book's models are behind it."""
    from ..book.prose import number

    out = []
    for model in promotion.SHIPPED:
        means = promotion.rung_means(scores, model)
        if not means:
            out.append(f"{MODEL_LABELS[model]}: no run is scored yet.")
            continue
        book, best = promotion.book_rung(model), promotion.best_rung(scores, model)
        head = f"The book trains {MODEL_LABELS[model]} at {_rung_words(book)}"
        if book == best:
            out.append(
                f"{head}, its best scored rung ({number(means[best], '.2f', 'dB')} on the "
                "unseen V2)."
            )
            continue
        behind = means[best] - means.get(book, np.nan)
        out.append(
            f"{head}; its best scored rung is {_rung_words(best)}, "
            f"{number(behind, '.2f', 'dB')} higher on the unseen V2, which the book does not "
            "train with yet."
        )
    return " ".join(out)
