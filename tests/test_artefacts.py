"""`nefnet reproduce` for single tables: the registry, the drift table, and a smoke-scale re-run
that reproduces the committed smoke reference exactly (same seed, CPU)."""

from __future__ import annotations

import json

import pytest

from nefnet import cli
from nefnet.reproduce import artefacts
from nefnet.reproduce.runs import chapters


def test_listing_names_every_artefact_and_chapter(capsys):
    assert cli.main(["reproduce", "--list"]) == 0
    out = capsys.readouterr().out
    for name, art in artefacts.ARTEFACTS.items():
        assert name in out and art.chapter in chapters()
    assert all(c in out for c in chapters())


def test_drift_table_flags_rows_beyond_the_tolerance():
    art = artefacts.get("table5")
    table = artefacts.drift_table(art, {"a": 30.0, "b": 25.0}, {"values": {"a": 29.8, "b": 26.0}})
    assert table.loc["a", "drift"] == pytest.approx(0.2) and table.loc["b", "drift"] == -1.0
    assert artefacts.exceeded(table, art) == ["b"]
    assert table.loc["paper · + Stage II (Device)", "paper"] == pytest.approx(31.7625)
    missing = artefacts.drift_table(art, {"a": 30.0}, {"values": {"a": 30.0, "c": 1.0}})
    assert artefacts.exceeded(missing, art) == ["c"]
    with pytest.raises(ValueError, match="expected one of"):
        artefacts.get("table99")


@pytest.mark.parametrize("scale", ["smoke", "book"])
def test_committed_references_name_their_command(scale):
    for name in artefacts.ARTEFACTS:
        ref = artefacts.load_reference(name, scale)
        assert ref is not None, f"no {scale} reference for {name}: nefnet reproduce {name} ..."
        assert ref["command"].startswith(f"nefnet reproduce {name} --scale {scale}")
        assert ref["seeds"] == [0] and ref["values"]


@pytest.mark.slow
def test_smoke_rerun_reproduces_the_committed_reference_exactly(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("NEFNET_RESULTS", str(tmp_path))
    monkeypatch.setenv("NEFNET_MODELS", str(tmp_path / "models"))
    assert cli.main(["reproduce", "v1-table2", "--scale", "smoke", "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "every row within" in out
    result = json.loads((tmp_path / "v1-table2.json").read_text())
    reference = artefacts.load_reference("v1-table2", "smoke")["values"]
    assert result["values"] == reference  # bit for bit: same seed, same numbers
