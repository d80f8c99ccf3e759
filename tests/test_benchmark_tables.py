"""The benchmark appendix renders the recorded files and holds each figure to its target."""

import re

import pytest

from nefnet.book import benchmarks, recorded


def _write(name, results, settings=None):
    recorded.write(name, results, settings or {}, argv=["benchmarks/x.py"])


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("NEFNET_RECORDED", str(tmp_path))
    return tmp_path


def test_headline_judges_each_target(folder):
    _write(
        "bench_inference",
        [
            {
                "precision": "fp32",
                "compiled": False,
                "median_ms": 120.0,
                "min_ms": 1,
                "max_ms": 1,
                "first_call_s": 0,
                "max_abs_diff": 0,
            }
        ],
    )
    _write(
        "bench_explorer",
        {
            "update_ms_median": 12.0,
            "update_ms_max": 20.0,
            "encode_ms": 5.0,
            "full_forward_ms_median": 4.0,
        },
    )
    _write(
        "bench_holter", [{"hours": 1, "peak_rss_mb": 300.0}, {"hours": 24, "peak_rss_mb": 400.0}]
    )
    records = benchmarks.load_all()
    assert set(records) == {"bench_inference", "bench_explorer", "bench_holter"}  # no training
    head = benchmarks.headline(records)
    assert list(head["met"]) == [False, True, False]  # 120 > 100 ms; 12 ≤ 50 ms; 1.33× > 1.15×
    source = " ".join(benchmarks.sources(records).iloc[0])
    assert "python benchmarks/x.py" in source and "cores" in source
    assert not re.search(r"\d{4}-\d\d-\d\d", source)  # the date stays in the file


def test_the_committed_files_render():
    records = benchmarks.load_all()
    assert set(records) == set(benchmarks.BENCHMARKS), "a benchmark has no recorded file"
    assert len(benchmarks.headline(records)) == 3
    stages = benchmarks.training(records["bench_training"])
    assert {"stage1-paper", "stage2-ours", "stage3-ours", "v1-beat"} <= set(stages.index)
    assert (stages["peak_rss_mb"] >= stages["peak_rss_mb_after_data"]).all()
    sizes = benchmarks.model_sizes(records["bench_training"])
    assert sizes["parameters"].dropna().gt(0).all()
