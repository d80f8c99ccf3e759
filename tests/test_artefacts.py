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
    assert art.rerun_tolerance_of("a") == pytest.approx(1e-3)
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
def test_smoke_rerun_reproduces_the_committed_reference(tmp_path, monkeypatch, capsys):
    """Within the artefact's re-run tolerance of the committed reference (another CPU's
    floating point moves the sixth digit), and bit for bit the same on this machine."""
    monkeypatch.setenv("NEFNET_RESULTS", str(tmp_path))
    monkeypatch.setenv("NEFNET_MODELS", str(tmp_path / "models"))
    runs = []
    for _ in range(2):
        assert cli.main(["reproduce", "v1-table2", "--scale", "smoke", "--quiet"]) == 0
        assert "every row within" in capsys.readouterr().out
        runs.append(json.loads((tmp_path / "v1-table2.json").read_text())["values"])
    art, reference = artefacts.get("v1-table2"), artefacts.load_reference("v1-table2", "smoke")
    assert runs[0] == runs[1]  # same seed, same machine, same numbers
    assert set(runs[0]) == set(reference["values"])
    for row, value in reference["values"].items():
        assert runs[0][row] == pytest.approx(value, abs=art.rerun_tolerance_of(row)), row


def test_the_drift_table_faces_the_paper_with_a_gap_and_a_word():
    art = artefacts.get("table5")
    ours = {"NEF-NET v2 · + Stage II": 31.9, "NEF-NET v2 · Stage I": 25.0, "dipole-LSQ": 29.0}
    table = artefacts.drift_table(art, ours, None)
    row = table.loc["NEF-NET v2 · + Stage II"]
    assert row["paper"] == pytest.approx(31.7625) and row["vs paper"] == "matches"
    assert table.loc["NEF-NET v2 · Stage I", "vs paper"] == "below"
    assert table.loc["NEF-NET v2 · Stage I", "gap to paper"] == pytest.approx(25.0 - 31.175)
    assert table.loc["dipole-LSQ", "vs paper"] == "—"  # the paper has no such row
    assert "paper · + Stage III (On-the-fly)" in table.index  # unpaired paper rows stay
    assert artefacts.exceeded(table, art) == []  # no reference: nothing drifts


def test_table10_keeps_both_columns_and_ssim_rows_have_their_tolerance():
    ref = artefacts.load_reference("table10", "book")["values"]
    assert any(r.endswith("· uncorrected") for r in ref)
    assert any(r.endswith("· after OF-CAL") for r in ref)
    art = artefacts.get("table11")
    assert art.tolerance_of("A · synthesis SSIM") == 0.02 and art.tolerance_of("A · x PSNR") == 0.5
    assert "paper · A · synthesis SSIM" in art.paper


@pytest.mark.parametrize(
    "argv, message",
    [
        (["table5", "--data", "."], "table5 is computed by chapter 05_three_stage on SimPanobench"),
        (["fig10", "--data", "/nonexistent"], "no such folder"),
        (["real-v2", "--train-seeds", "2"], "trains its models with fixed seeds"),
    ],
)
def test_what_an_artefact_cannot_do_is_refused_in_one_line(argv, message, capsys):
    assert cli.main(["reproduce", *argv, "--scale", "smoke", "--quiet"]) == 2
    err = capsys.readouterr().err.strip()
    assert message in err and len(err.splitlines()) == 1, err


def test_help_says_which_verdict_is_the_exit_status(capsys):
    assert cli.main(["reproduce", "--help"]) == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "exit status 1 when a row drifts beyond the artefact's tolerance" in text
    assert "never an exit status" in text and "--train-seeds" in text and "--eval-seeds" in text


def test_v2_table1_is_computed_from_the_papers_table2():
    from nefnet.reproduce.v2_table1 import paper_table1

    t = paper_table1()  # the paper's printed Table 1: 24.10–28.01 and 32.07 (+7.97)–34.82 (+6.81)
    assert tuple(t.loc["Nef-Net", ["synthesis PSNR, lowest", "synthesis PSNR, highest"]]) == (
        24.10,
        28.01,
    )
    assert t.loc["NEF-NET v2", "gain over Nef-Net, lowest"] == pytest.approx(7.97)
    assert t.loc["NEF-NET v2", "gain over Nef-Net, highest"] == pytest.approx(6.81)
    art = artefacts.get("v2-table1")
    assert (
        art.versus("Nef-Net v1 · synthesis PSNR, lowest")
        == "paper · Nef-Net · synthesis PSNR, lowest"
    )
    assert art.versus("NEF-NET v2 + lead prior (ours) · synthesis PSNR, lowest") is None
    assert art.versus("NEF-NET v2 · + Stage III · synthesis PSNR, lowest") == (
        "paper · NEF-NET v2 · synthesis PSNR, lowest"
    )  # the paper's v2 rows are after Stage III


def test_table7_shares_face_the_papers_part_of_the_same_role():
    art = artefacts.get("table7")
    paper = art.paper
    for part in ("training", "testing"):
        shares = [v for k, v in paper.items() if k.startswith(f"paper · {part} · ")]
        assert len(shares) == 9 and sum(shares) == pytest.approx(100.0)
    assert paper["paper · training · RBBB"] == pytest.approx(100 * 1356 / 5501)
    assert art.paper_row("sim-cpsc test · LBBB") == "paper · testing · LBBB"
    assert art.paper_row("sim-cpsc Stage II training · AF") == "paper · training · AF"
