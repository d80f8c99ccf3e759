"""The tables a reviewer can re-run one by one (``nefnet reproduce table5``): which chapter
computes each, how to read its numbers from the chapter's results, the paper's numbers beside
them, and two verdicts — how far a re-run drifts from the committed reference (beyond the
artefact's tolerance it fails) and how far it is from the paper (a gap and a word, never a
failure: our numbers are SimPanobench's). References live in
``recorded/reference/<artefact>.<scale>.json``.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

from ..paths import repo_root
from .artefact import Artefact
from .registry import ARTEFACTS


def get(name: str) -> Artefact:
    if name not in ARTEFACTS:
        raise ValueError(f"unknown artefact {name!r}; expected one of {sorted(ARTEFACTS)}")
    return ARTEFACTS[name]


def listing(chapters) -> pd.DataFrame:
    """Every reproducible artefact and chapter, with the chapter that computes it."""
    rows = [(a.name, a.chapter, a.title) for a in ARTEFACTS.values()]
    rows += [(c[:2], c, "the whole chapter") for c in chapters]
    return pd.DataFrame(rows, columns=["artefact", "chapter", "what"]).set_index("artefact")


def listing_text(chapters, width: int = 80) -> str:
    """:func:`listing` as lines of at most ``width`` columns, in chapter order: each chapter
    (how to re-run it whole), then its artefacts with their titles wrapped beneath the name."""
    import textwrap

    table = listing(chapters)
    lines = []
    for chapter in chapters:
        lines.append(
            f"{chapter}  (nefnet reproduce {chapter[:2] if chapter[:2].isdigit() else chapter})"
        )
        for name, row in table[table["chapter"] == chapter].iterrows():
            if row["what"] == "the whole chapter":
                continue
            lines += textwrap.wrap(
                row["what"], width, initial_indent=f"  {name:<19} ", subsequent_indent=" " * 22
            )
    return "\n".join(lines)


def reference_path(name: str, scale: str) -> Path:
    return repo_root() / "recorded" / "reference" / f"{name}.{scale}.json"


def load_reference(name: str, scale: str) -> dict | None:
    path = reference_path(name, scale)
    return json.loads(path.read_text()) if path.is_file() else None


def drift_table(artefact: Artefact, values: dict, reference: dict | None, spread=None, same=None):
    """This run, its spreads, the committed reference and the drift per row, then the paper's
    value, the gap to it and a one-word verdict; the paper's own rows follow. ``same`` are the
    values of the runs made like the reference (training seed 0, its evaluation seeds): the
    drift is theirs (default: ``values``)."""
    ref = (reference or {}).get("values", {})
    same = values if same is None else same
    rows = [
        (row, v, ref.get(row), None if row not in ref or row not in same else same[row] - ref[row])
        for row, v in values.items()
    ]
    rows += [(row, None, None, None) for row in ref if row not in values]
    table = pd.DataFrame(rows, columns=["row", "this run", "reference", "drift"]).set_index("row")
    for column, sds in (spread or {}).items():
        table[column] = [sds.get(row) for row in table.index]
    table["paper"] = [artefact.paper.get(artefact.paper_row(row)) for row in table.index]
    table["gap to paper"] = table["this run"] - pd.to_numeric(table["paper"])
    table["vs paper"] = [
        verdict(g, artefact.tolerance_of(row)) for row, g in table["gap to paper"].items()
    ]
    paired = {artefact.paper_row(row) for row in table.index}
    for row, v in artefact.paper.items():
        if row not in paired:
            table.loc[row, "paper"] = v
    table["vs paper"] = table["vs paper"].fillna("")
    return table


def verdict(gap, tolerance) -> str:
    """One word for a gap to the paper: "matches" within the tolerance, else "above"/"below"
    ("—" without a paper number)."""
    if gap is None or not np.isfinite(gap):
        return "—"
    return "matches" if abs(gap) <= tolerance else "above" if gap > 0 else "below"


def exceeded(table: pd.DataFrame, artefact: Artefact) -> list[str]:
    """Rows whose drift from the reference exceeds the artefact's tolerance, or missing on one
    side (the paper's rows never count)."""
    ours = table[~table.index.str.startswith("paper · ")]
    limits = pd.Series([artefact.tolerance_of(r) for r in ours.index], index=ours.index)
    bad = ours[pd.to_numeric(ours["drift"]).abs() > limits].index.tolist()
    return bad + ours[ours["this run"].isna()].index.tolist()


def refuse(artefact: Artefact, declared, data=None, train_seeds=1) -> None:
    """One-line refusals of what the artefact's chapter cannot do."""
    if data is not None:
        if artefact.reads is None:
            takes = sorted(a.name for a in ARTEFACTS.values() if a.reads)
            raise ValueError(
                f"--data: {artefact.name} is computed by chapter {artefact.chapter} on "
                f"SimPanobench only and reads no data folder; --data is read by {takes}"
            )
        if not Path(data).is_dir():
            raise FileNotFoundError(f"--data {data}: no such folder ({artefact.reads})")
    if train_seeds > 1 and "TRAIN_SEED" not in declared:
        takes = sorted({a.name for a in ARTEFACTS.values() if a.chapter in _seeded()})
        raise ValueError(
            f"--train-seeds: chapter {artefact.chapter} ({artefact.name}) trains its models "
            f"with fixed seeds (no TRAIN_SEED parameter); artefacts that take it: {takes}"
        )


def _seeded() -> set:
    import papermill as pm

    from . import runs

    out = set()
    for chapter in runs.chapters():
        path = repo_root() / "notebooks" / f"{chapter}.ipynb"
        if "TRAIN_SEED" in pm.inspect_notebook(str(path)):
            out.add(chapter)
    return out


def run(
    name, scale="book", eval_seeds=1, data=None, device=None, progress=True, train_seeds=1
) -> dict:
    """Execute the artefact's chapter for every training seed 0 … ``train_seeds``−1 (the models
    are trained with it: seed 0 are the shipped ones) and evaluation seed 0 … ``eval_seeds``−1
    (the chapter's SEED), read its numbers and their spreads: ``{"values": mean per row,
    "runs": [...], "spread": {"SD over training seeds": …, "SD over evaluation seeds": …,
    "SD over records": …}, "notebooks": [...]}``."""
    import papermill as pm

    from ..paths import results_root
    from . import runs as chapters

    artefact = get(name)
    if artefact.chapter not in chapters.chapters():
        raise ValueError(f"{name}: its chapter {artefact.chapter} is missing from notebooks/")
    declared = pm.inspect_notebook(str(repo_root() / "notebooks" / f"{artefact.chapter}.ipynb"))
    refuse(artefact, declared, data, train_seeds)
    done, notebooks, spreads = [], [], []
    for train_seed in range(train_seeds):
        for seed in range(eval_seeds):
            tag = f"train{train_seed}-seed{seed}" if train_seeds > 1 else f"seed{seed}"
            out = results_root() / "runs" / f"{name}-{scale}-{tag}"
            params = {"SCALE": scale, "SEED": seed, "RESULTS_DIR": str(out)}
            params |= {"TRAIN_SEED": train_seed} if train_seeds > 1 else {}
            params |= {"DATA_DIR": str(data)} if data else {}
            params |= {"DEVICE": device} if device else {}
            params = {k: v for k, v in params.items() if k in declared}
            path = out / f"{artefact.chapter}.ipynb"
            notebooks.append(chapters.reproduce(artefact.chapter, params, path, progress))
            metrics = json.loads((out / artefact.chapter / "metrics.json").read_text())
            done.append({"train_seed": train_seed, "eval_seed": seed})
            done[-1]["values"] = artefact.extract(metrics)
            if artefact.spread is not None:
                spreads.append(artefact.spread(metrics))
    values = _mean([r["values"] for r in done])
    spread = {
        "SD over training seeds": _sd(done, "train_seed"),
        "SD over evaluation seeds": _sd(done, "eval_seed"),
    }
    if spreads:
        spread["SD over records"] = _mean(spreads)
    spread = {k: v for k, v in spread.items() if v}
    return {
        "values": values,
        "runs": done,
        "spread": spread,
        "notebooks": list(map(str, notebooks)),
    }


def like_reference(result: dict, reference: dict | None) -> dict:
    """The mean of the runs made as the reference was (training seed 0 and the reference's
    evaluation seeds): what its drift is measured on."""
    seeds = set((reference or {}).get("seeds", [0]))
    runs = [r for r in result["runs"] if r["train_seed"] == 0 and r["eval_seed"] in seeds]
    return _mean([r["values"] for r in runs or result["runs"]])


def _mean(dicts: list[dict]) -> dict:
    return {r: float(np.mean([d[r] for d in dicts if r in d])) for r in dicts[0]}


def _sd(done: list[dict], key: str) -> dict:
    """Per row, the SD (ddof 1) over the values of ``key`` of the means over the other seed;
    empty when only one value of ``key`` was run."""
    groups = sorted({r[key] for r in done})
    if len(groups) < 2:
        return {}
    means = [_mean([r["values"] for r in done if r[key] == g]) for g in groups]
    return {row: float(np.std([m[row] for m in means], ddof=1)) for row in means[0]}


def write_reference(name, scale, result, command: str, seeds: int) -> Path:
    from ..data.jsonio import write_json

    data = {
        "artefact": name,
        "scale": scale,
        "seeds": list(range(seeds)),
        "command": command,
        "values": result["values"],
    }
    return write_json(reference_path(name, scale), data)
