"""The tables a reviewer can re-run one by one (``nefnet reproduce table5``): which chapter
computes each, how to read its numbers from the chapter's results, the paper's numbers beside
them, and how far a re-run may drift from the committed reference before it counts as a
failure. References live in ``recorded/reference/<artefact>.<scale>.json``.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

from ..paths import repo_root
from .registry import ARTEFACTS, Artefact


def get(name: str) -> Artefact:
    if name not in ARTEFACTS:
        raise ValueError(f"unknown artefact {name!r}; expected one of {sorted(ARTEFACTS)}")
    return ARTEFACTS[name]


def listing(chapters) -> pd.DataFrame:
    """Every reproducible artefact and chapter, with the chapter that computes it."""
    rows = [(a.name, a.chapter, a.title) for a in ARTEFACTS.values()]
    rows += [(c[:2], c, "the whole chapter") for c in chapters]
    return pd.DataFrame(rows, columns=["artefact", "chapter", "what"]).set_index("artefact")


def reference_path(name: str, scale: str) -> Path:
    return repo_root() / "recorded" / "reference" / f"{name}.{scale}.json"


def load_reference(name: str, scale: str) -> dict | None:
    path = reference_path(name, scale)
    return json.loads(path.read_text()) if path.is_file() else None


def drift_table(artefact: Artefact, values: dict, reference: dict | None) -> pd.DataFrame:
    """This run, the committed reference and their difference per row, then the paper's rows."""
    ref = (reference or {}).get("values", {})
    rows = [
        (row, v, ref.get(row), None if row not in ref else v - ref[row])
        for row, v in values.items()
    ]
    rows += [(row, None, None, None) for row in ref if row not in values]
    table = pd.DataFrame(rows, columns=["row", "this run", "reference", "drift"]).set_index("row")
    table["paper"] = None
    for row, v in artefact.paper.items():
        table.loc[row, "paper"] = v
    return table


def exceeded(table: pd.DataFrame, artefact: Artefact) -> list[str]:
    """Rows whose drift exceeds the artefact's tolerance, or missing on one side."""
    ours = table[~table.index.str.startswith("paper · ")]
    bad = ours[ours["drift"].abs() > artefact.tolerance].index.tolist()
    return bad + ours[ours["this run"].isna()].index.tolist()


def run(name, scale="book", seeds=1, data=None, device=None, progress=True) -> dict:
    """Execute the artefact's chapter for seeds 0 … ``seeds``−1 with papermill and read its
    numbers: ``{"values": mean per row, "per_seed": [...], "notebooks": [...]}``."""
    import papermill as pm

    from ..paths import results_root
    from . import runs

    artefact = get(name)
    if artefact.chapter not in runs.chapters():
        raise ValueError(f"{name}: its chapter {artefact.chapter} is missing from notebooks/")
    declared = pm.inspect_notebook(str(repo_root() / "notebooks" / f"{artefact.chapter}.ipynb"))
    per_seed, notebooks = [], []
    for seed in range(seeds):
        out = results_root() / "runs" / f"{name}-{scale}-seed{seed}"
        params = {"SCALE": scale, "SEED": seed, "RESULTS_DIR": str(out)}
        params |= {"DATA_DIR": data} if data else {}
        params |= {"DEVICE": device} if device else {}
        params = {k: v for k, v in params.items() if k in declared}
        notebooks.append(
            runs.reproduce(artefact.chapter, params, out / f"{artefact.chapter}.ipynb", progress)
        )
        metrics = json.loads((out / artefact.chapter / "metrics.json").read_text())
        per_seed.append(artefact.extract(metrics))
    rows = list(per_seed[0])
    values = {r: float(np.mean([s[r] for s in per_seed if r in s])) for r in rows}
    return {"values": values, "per_seed": per_seed, "notebooks": [str(p) for p in notebooks]}


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
