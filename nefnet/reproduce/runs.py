"""Re-execute a chapter notebook with papermill (what ``nefnet reproduce`` runs)."""

from __future__ import annotations

import ast
import math
from pathlib import Path

from ..paths import repo_root, results_root


def chapters() -> list[str]:
    """Chapter notebook stems of the checkout in book order (``00_findings``, ``01_dipole_theory``,
    ..., then the appendices)."""
    notebooks = repo_root() / "notebooks"
    return sorted(p.stem for p in notebooks.glob("[0-9][0-9]_*.ipynb")) + sorted(
        p.stem for p in notebooks.glob("appendix_*.ipynb")
    )


def _kind(value) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, (int, float)):
        return "number" if isinstance(value, float) else "int"
    return type(value).__name__


_WHAT = {
    "int": "a whole number",
    "number": "a number",
    "bool": "True or False",
    "str": "a string",
    "list": "a list",
    "tuple": "a list",
}


def _fits(value, default) -> bool:
    """``value`` has the kind of the notebook's ``default`` (a None default takes anything)."""
    if default is None:
        return True
    want, have = _kind(default), _kind(value)
    if want == "number":
        return have in ("int", "number") and math.isfinite(value)
    if want in ("list", "tuple"):
        return have in ("list", "tuple") and all(
            any(_fits(v, d) for d in default) if default else True for v in value
        )
    return want == have


def check_parameters(declared: dict, parameters: dict, chapter: str) -> None:
    """Validate parameter values before a kernel starts: each must have the kind of the
    notebook's default (a number where it is a number, ...); SCALE must be a known scale and
    DEVICE a torch device this machine has."""
    from ..book import scales

    for name, value in parameters.items():
        try:
            default = ast.literal_eval(declared[name]["default"])
        except (ValueError, SyntaxError):
            default = None
        if name == "SCALE" and value is not None:
            try:
                scales.resolve(value)
            except ValueError as exc:
                raise ValueError(f"parameter SCALE={value!r} of {chapter}: {exc}") from None
        elif name == "DEVICE":
            from ..training.train import check_device

            try:
                check_device(str(value))
            except Exception as exc:
                raise ValueError(f"parameter DEVICE={value!r} of {chapter}: {exc}") from None
        if not _fits(value, default):
            raise ValueError(
                f"parameter {name}={value!r} of {chapter}: expected "
                f"{_WHAT.get(_kind(default), 'a value')} like its default "
                f"{declared[name]['default']}"
            )


def reproduce(chapter: str, parameters=None, output=None, progress=True) -> Path:
    """Run ``notebooks/<chapter>.ipynb`` with ``parameters``; the executed copy goes to
    ``results/runs/<chapter>.ipynb`` (never over the source). Unknown parameters are refused."""
    import papermill as pm

    known = chapters()
    matches = [c for c in known if c == chapter or c.startswith(chapter)]
    if len(matches) != 1:
        raise ValueError(f"unknown or ambiguous chapter {chapter!r}; expected one of {known}")
    source = repo_root() / "notebooks" / f"{matches[0]}.ipynb"
    parameters = dict(parameters or {})
    declared = pm.inspect_notebook(str(source))
    unknown = sorted(set(parameters) - set(declared))
    if unknown:
        raise ValueError(
            f"unknown parameter(s) {unknown} for {matches[0]}; expected some of {sorted(declared)}"
        )
    check_parameters(declared, parameters, matches[0])
    output = Path(output) if output else results_root() / "runs" / f"{matches[0]}.ipynb"
    output.parent.mkdir(parents=True, exist_ok=True)
    pm.execute_notebook(
        str(source),
        str(output),
        parameters=parameters,
        cwd=str(source.parent),
        progress_bar=progress,
        kernel_name="python3",
    )
    return output
