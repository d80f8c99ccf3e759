"""Execute the book's chapters in parallel into Jupyter Book's execution cache, before
``jupyter-book build`` (``make book``): the build then finds every chapter cached and only
renders. The chapters are independent (none reads another's results), so on two cores two run
at once, the longest first; each kernel gets one torch thread, so two kernels do not fight
over the cores.

A chapter runs exactly as myst-nb runs it in ``execute_notebooks: cache`` mode — in its own
folder, with the book's timeout, errors not allowed — and is stored under the same key (the
hash of its code cells and kernel), so the build's output is the same as a serial build's. A
chapter already in the cache with unchanged code is not run again; a chapter that fails is
reported by name and left out of the cache, so the build runs it again and shows its error.

    python -m nefnet.book.prebuild [--workers N] [--cache _build/.jupyter_cache]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from ..paths import repo_root

#: Jupyter Book's cache for ``jupyter-book build .`` (its build folder's ``.jupyter_cache``)
CACHE = Path("_build") / ".jupyter_cache"
#: the chapters that take longest at book scale, started first (the rest follow in book order)
LONGEST = ("05_three_stage", "06_panobench", "10_real_records", "08_noise", "02_data")


def chapters(root: Path) -> list[Path]:
    """The notebooks of the book's table of contents, the longest first."""
    import yaml

    toc = yaml.safe_load((root / "_toc.yml").read_text())
    files = [c["file"] for part in toc["parts"] for c in part["chapters"]]
    paths = [root / f"{f}.ipynb" for f in files if (root / f"{f}.ipynb").is_file()]
    rank = {name: k for k, name in enumerate(LONGEST)}
    return sorted(paths, key=lambda p: rank.get(p.stem, len(rank)))


def _execute(path: str, timeout: int):
    """Run one chapter in its folder (a worker process); returns the executed notebook, the
    seconds it took and the error text (None when it ran through)."""
    import nbformat
    from jupyter_cache.executors.utils import single_nb_execution

    os.environ["OMP_NUM_THREADS"] = "1"  # the kernel inherits it: one torch thread per chapter
    nb = nbformat.read(path, as_version=4)
    result = single_nb_execution(
        nb, cwd=str(Path(path).parent), timeout=timeout, allow_errors=False, meta_override=True
    )
    return nb, result.time, result.exc_string if result.err is not None else None


def prebuild(root: Path, cache_path: Path, workers: int = 2, timeout: int = 1800) -> list[str]:
    """Execute every chapter of the book at ``root`` that ``cache_path`` lacks, ``workers`` at
    a time, and cache it; returns the names of the chapters that failed."""
    import nbformat
    from jupyter_cache import get_cache
    from jupyter_cache.base import CacheBundleIn

    cache = get_cache(str(cache_path))
    todo = []
    for path in chapters(root):
        try:
            cache.match_cache_notebook(nbformat.read(path, as_version=4))
        except KeyError:
            todo.append(path)
    print(f"prebuild: {len(todo)} chapter(s) to execute, {workers} at a time", flush=True)
    failed, start = [], time.monotonic()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        jobs = {pool.submit(_execute, str(p), timeout): p for p in todo}
        for job in as_completed(jobs):
            path = jobs[job]
            nb, seconds, error = job.result()
            if error is not None:
                failed.append(path.stem)
                print(f"prebuild: {path.stem} failed ({seconds:.0f} s):\n{error}", flush=True)
                continue
            bundle = CacheBundleIn(nb, str(path), data={"execution_seconds": seconds})
            cache.cache_notebook_bundle(bundle, check_validity=False, overwrite=True)
            print(f"prebuild: {path.stem} {seconds:.0f} s", flush=True)
    print(f"prebuild: {time.monotonic() - start:.0f} s wall", flush=True)
    return failed


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1))
    ap.add_argument("--cache", type=Path, default=None, help=f"default: <repo>/{CACHE}")
    args = ap.parse_args(argv)
    if args.workers < 1:
        ap.error(f"--workers {args.workers}: expected at least 1")
    root = repo_root()
    failed = prebuild(root, args.cache or root / CACHE, args.workers)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
