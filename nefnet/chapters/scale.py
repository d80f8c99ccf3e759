"""Chapter 12 (does scale change the verdicts?): the scale ladder's runs, their cost and scores,
every headline claim's gap against training items with its trend, and the verdict classes —
read from ``recorded/scale`` (the campaign's manifest and run scores), one run re-scored live
to show the recorded scores still hold.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..models import VARIANT_LABELS
from ..reproduce import ladder, ladder_scores, promotion, scale_claims
from ..training.presets import LADDER, training_preset

#: how the chapter names the ladder's models
MODEL_LABELS = {
    "faithful": "NEF-NET v2 (the paper's configuration)",
    "lead-prior": VARIANT_LABELS["lead-prior"],
    "v1-window": "Nef-Net v1 (window mode)",
    "paper": "NEF-NET v2 (the book's paper variant, Table 11 row D)",
    "v1": "Nef-Net v1 (beat mode, chapter 07)",
}


def factor_label(factor) -> str:
    return f"×{int(factor)}"


def rung_table() -> pd.DataFrame:
    """The rungs: × items, Stage I records, epochs, items and width; Stage II's budget."""
    rows = {}
    for rung, k in ladder.RUNGS.items():
        s1, s2 = training_preset("stage1", rung), training_preset("stage2", rung)
        width = LADDER[rung][1]
        rows[rung] = {
            "× items": factor_label(k),
            "width (channels)": 64 if width == "book-c64" else 32,
            "Stage I records": s1["records"],
            "Stage I epochs": s1["epochs"],
            "Stage I items": s1["records"] * s1["epochs"],
            "Stage II records": s2["records"],
            "Stage II epochs": s2["epochs"],
        }
    return pd.DataFrame(rows).T.rename_axis("rung")


def campaign_table(manifest: dict) -> pd.DataFrame:
    """One row per run of the plan: its recipes trained, items, wall time (hours) and the
    Stage I loss; runs not started are left out."""
    runs = manifest.get("runs", {})
    rows = []
    for rung, model, seed in ladder.PLAN:
        entries = [runs.get(r.file_name()) for r in ladder.recipes(rung, model, seed)]
        have = [e for e in entries if e]
        if not have:
            continue
        first = entries[0] or {}
        rows.append(
            {
                "rung": rung,
                "× items": factor_label(ladder.RUNGS[rung]),
                "model": MODEL_LABELS[model],
                "seed": seed,
                "recipes done": f"{sum(bool(e.get('done')) for e in have)} of {len(entries)}",
                "Stage I items": first.get("items"),
                "wall time (h)": sum(e.get("wall_s") or 0.0 for e in have) / 3600,
                "Stage I final loss": first.get("final_loss", first.get("last_loss")),
                "shipped before": bool(first.get("shipped")),
            }
        )
    return pd.DataFrame(rows)


def _kind(recipe) -> tuple:
    """What a recipe's training speed depends on: architecture, stage and width."""
    return recipe.arch, recipe.train.stage, getattr(recipe.model, "channels", None)


def rates(manifest: dict) -> dict:
    """Measured items/s per (architecture, stage, width), the median over finished recipes."""
    runs, seen = manifest.get("runs", {}), {}
    for rung, model, seed in ladder.PLAN:
        for recipe in ladder.recipes(rung, model, seed):
            e = runs.get(recipe.file_name(), {})
            if e.get("done") and e.get("wall_s"):
                seen.setdefault(_kind(recipe), []).append(e["items"] / e["wall_s"])
    return {k: float(np.median(v)) for k, v in seen.items()}


def plan_table(manifest: dict) -> pd.DataFrame:
    """Every run of the campaign in its order: done, in progress or queued, and the hours it
    still needs at the measured rates (n/a where no recipe of its kind has finished)."""
    runs, speed, rows = manifest.get("runs", {}), rates(manifest), []
    for k, (rung, model, seed) in enumerate(ladder.PLAN, 1):
        recipes = ladder.recipes(rung, model, seed)
        entries = [runs.get(r.file_name(), {}) for r in recipes]
        done = sum(bool(e.get("done")) for e in entries)
        left = 0.0
        for r, e in zip(recipes, entries):
            if not e.get("done"):
                rate = speed.get(_kind(r), np.nan)
                share = 1 - e.get("epochs_done", 0) / r.train.epochs
                left += share * ladder.items_seen(r) / rate / 3600
        status = (
            "done"
            if done == len(recipes)
            else "queued"
            if not any(entries)
            else (f"{done} of {len(recipes)} recipes done")
        )
        rows.append(
            {
                "order": k,
                "rung": rung,
                "model": MODEL_LABELS[model],
                "seed": seed,
                "status": status,
                "hours left (estimated)": left,
            }
        )
    return pd.DataFrame(rows).set_index("order")


def _real(run, stage):
    s = run["real"].get(stage)
    return np.nan if s is None else s["unseen"]["psnr"]


def score_table(scores: dict) -> pd.DataFrame:
    """Rung × model × seed → unseen V2 PSNR on SimPanobench (mean of the four devices) and on
    the real CinC held-out windows, dipole-LSQ on the same records, and the gaps."""
    base = scores["baselines"]
    lsq_sim = float(np.mean([d["dipole-LSQ"]["unseen"]["psnr"] for d in base["sim"].values()]))
    lsq_real = base["real"]["dipole-LSQ"]["unseen"]["psnr"] if base.get("real") else np.nan
    rows = []
    for run in scores["runs"].values():
        real = "zero-shot" if run["model"] == "v1-window" else "Stage III"
        sim, cinc = promotion.unseen_psnr(run), _real(run, real)
        rows.append(
            {
                "rung": run["rung"],
                "× items": factor_label(ladder.RUNGS[run["rung"]]),
                "model": MODEL_LABELS[run["model"]],
                "seed": run["seed"],
                "Stage I items": run["items"]["stage1"],
                "SimPanobench V2 (dB)": sim,
                "dipole-LSQ, SimPanobench (dB)": lsq_sim,
                "gap, SimPanobench (dB)": sim - lsq_sim,
                "real CinC V2 (dB)": cinc,
                "dipole-LSQ, real CinC (dB)": lsq_real,
                "gap, real CinC (dB)": cinc - lsq_real,
            }
        )
    table = pd.DataFrame(rows)
    table["order"] = table["rung"].map({r: k for k, r in enumerate(ladder.RUNGS)})
    table = table.sort_values(["order", "model", "seed"]).drop(columns="order")
    return table.reset_index(drop=True)


def rung_summary(table: pd.DataFrame) -> pd.DataFrame:
    """:func:`score_table` by rung and model: the mean over training seeds, their number and
    the SD of the SimPanobench gap over them (NaN with one seed)."""
    cols = [
        "SimPanobench V2 (dB)",
        "gap, SimPanobench (dB)",
        "real CinC V2 (dB)",
        "gap, real CinC (dB)",
    ]
    order = {r: k for k, r in enumerate(ladder.RUNGS)}
    g = table.groupby(["rung", "model"], sort=False)
    out = g[cols].mean()
    out.insert(0, "seeds", g["seed"].count())
    out["SD of the gap over seeds (dB)"] = g["gap, SimPanobench (dB)"].std(ddof=1)
    out = out.reset_index()
    out.insert(1, "× items", out["rung"].map(lambda r: factor_label(ladder.RUNGS[r])))
    out = out.assign(o=out["rung"].map(order)).sort_values(["o", "model"]).drop(columns="o")
    return out.drop(columns="rung").set_index(["× items", "model"])


def verdict_table(verdicts: pd.DataFrame) -> pd.DataFrame:
    """The verdicts for reading: claim, model, class, the top rung's gap, the trend per decade
    of items (± its standard error) and where it would reach its target."""
    out = pd.DataFrame(
        {
            "claim": verdicts["text"],
            "model": verdicts["model"].map(MODEL_LABELS),
            "rungs": verdicts["rungs"],
            "unit": verdicts["unit"],
            "gap at the top rung": verdicts["top_gap_db"],
            "target": verdicts["target_db"],
            "target from": np.where(verdicts["paper_target"], "paper", "goal"),
            "trend per 10× items": verdicts["slope"].where(np.isfinite(verdicts["se"])),
            "± SE": verdicts["se"].where(np.isfinite(verdicts["se"])),
            "verdict": verdicts["verdict"],
            "reaches target at": [reach_text(v) for v in verdicts["reach_items"]],
        }
    )
    return out


def reach_text(items, base=None) -> str:
    """The extrapolated rung (× the book's items) where a trend reaches its target."""
    if items is None or (isinstance(items, float) and np.isnan(items)):
        return "—"
    base = base or ladder.items_seen(ladder.recipes("book-x1", "faithful")[0])
    return f"≈ ×{items / base:,.0f} (extrapolated)"


def recheck(scores: dict, n: int) -> tuple[str, dict]:
    """Re-score the top-rung NEF-NET v2 run (the paper's configuration when scored) on the
    first ``n`` held-out records of each device, SimPanobench only: ``(its key, scores)``."""
    v2 = [(k, r) for k, r in scores["runs"].items() if r["model"] in scale_claims.V2_MODELS]
    key, run = max(v2, key=lambda kr: (kr[1]["items"]["stage1"], kr[1]["model"] == "faithful"))
    test = ladder_scores.test_sets(n)
    again = ladder_scores.score_run(
        run["rung"], run["model"], run["seed"], test, ([], []), with_table10=False
    )
    return key, again


def live_check(recorded: dict, rescored: dict) -> pd.DataFrame:
    """Recorded against re-scored unseen V2 PSNR per device and stage of one run, over the
    records re-scored (the recorded value is the mean of the same records)."""
    rows = []
    for device, stages in rescored["sim"].items():
        for stage, s in stages.items():
            now = s["unseen_per_record"]
            was = recorded["sim"][device][stage]["unseen_per_record"]
            a, b = np.mean([was[k] for k in now]), np.mean(list(now.values()))
            rows.append(
                {
                    "device": device,
                    "stage": stage,
                    "records": len(now),
                    "recorded (dB)": a,
                    "re-scored (dB)": b,
                    "drift (dB)": b - a,
                }
            )
    return pd.DataFrame(rows)


def result_rows(verdicts: pd.DataFrame) -> dict:
    """The artefact rows of ``nefnet reproduce``: each claim × model's gap per rung."""
    rows = {}
    base = ladder.items_seen(ladder.recipes("book-x1", "faithful")[0])
    for _, v in verdicts.iterrows():
        for items, gap in v["gap_by_items"].items():
            rows[f"{v['claim']} · {v['model']} · ×{int(items) // base}"] = round(float(gap), 4)
    return rows
