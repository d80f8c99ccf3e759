"""The book's chapters executed in parallel into Jupyter Book's execution cache: what is
cached is found again under the build's own key, a failing chapter is named and left out."""

from __future__ import annotations

import nbformat
import pytest

from nefnet.book import prebuild


def _book(root, cells: dict):
    (root / "notebooks").mkdir()
    toc = ["format: jb-book", "root: intro", "parts:", "  - caption: C", "    chapters:"]
    for name, source in cells.items():
        nb = nbformat.v4.new_notebook()
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
        nb.cells = [nbformat.v4.new_code_cell(source)]
        nbformat.write(nb, root / "notebooks" / f"{name}.ipynb")
        toc.append(f"      - file: notebooks/{name}")
    (root / "_toc.yml").write_text("\n".join(toc) + "\n")


@pytest.mark.slow
def test_chapters_run_in_parallel_into_the_cache_and_a_failure_is_named(tmp_path, capsys):
    from jupyter_cache import get_cache

    _book(tmp_path, {"a_ok": "import os; print(os.environ['OMP_NUM_THREADS'])", "b_bad": "1/0"})
    cache_path = tmp_path / "_build" / ".jupyter_cache"
    failed = prebuild.prebuild(tmp_path, cache_path, workers=2, timeout=120)
    assert failed == ["b_bad"]
    cache = get_cache(str(cache_path))
    ok = nbformat.read(tmp_path / "notebooks" / "a_ok.ipynb", as_version=4)
    _, merged = cache.merge_match_into_notebook(ok)  # the build's lookup finds it
    assert merged.cells[0].outputs[0]["text"].strip() == "1"  # one torch thread per kernel
    with pytest.raises(KeyError):
        cache.match_cache_notebook(nbformat.read(tmp_path / "notebooks" / "b_bad.ipynb", 4))
    assert "b_bad failed" in capsys.readouterr().out
    assert prebuild.prebuild(tmp_path, cache_path, workers=2, timeout=120) == ["b_bad"]
    assert "1 chapter(s) to execute" in capsys.readouterr().out  # a_ok is not run again


def test_the_longest_chapters_start_first(repo):
    names = [p.stem for p in prebuild.chapters(repo)]
    assert names[0] == "05_three_stage" and len(names) == len(set(names)) >= 15
