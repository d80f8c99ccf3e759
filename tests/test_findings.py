"""The findings page: one row per claim the book tests, each with a verdict computed from the
recorded scores and references, and a headline sentence that counts them."""

import pandas as pd

from nefnet.reproduce import (
    findings,
    ladder_scores,
    scale_claims,
    scale_extra_claims,
    scale_verdicts,
)


def _found():
    return findings.rows(ladder_scores.read_scores(), ladder_scores.read_extras(), "book")


def test_every_claim_the_chapters_test_has_a_row_with_a_verdict():
    found = _found()
    keys = [r["key"] for r in found]
    ladder = [c.key for c in scale_claims.CLAIMS + scale_extra_claims.EXTRA_CLAIMS]
    expected = [k for k in ladder if k not in findings.REAL_OF.values()]
    expected += [c.key for c in findings.CHAPTER_CLAIMS]
    assert sorted(keys) == sorted(expected)
    assert set(findings.EVIDENCE) == set(expected)
    grouped = set().union(*(m for m, _ in findings.GROUPS.values()))
    assert all(r["verdict"] in grouped for r in found)


def test_the_verdicts_follow_the_ladder_and_the_sign_rule():
    found = {r["key"]: r for r in _found()}
    verdicts = scale_verdicts.verdicts(ladder_scores.read_scores(), ladder_scores.read_extras())
    row = verdicts[(verdicts["claim"] == "over_lsq") & (verdicts["model"] == "faithful")].iloc[0]
    assert found["over_lsq"]["verdict"] == row["verdict"]
    for claim in findings.CHAPTER_CLAIMS:
        r = found[claim.key]
        ours = float(r["book"].replace("−", "-").split()[0])
        assert (r["verdict"] == findings.HOLDS) == (ours * claim.paper > 0), claim.key


def test_a_changed_reference_changes_the_verdict(monkeypatch):
    claim = findings.CHAPTER_CLAIMS[0]
    ref = findings.artefacts.load_reference(claim.artefact, "book")
    flipped = dict(ref["values"])
    flipped["Nef-Net v1 (8,12)"] = flipped["KIM (8,12)"] + 1.0
    real = findings.artefacts.load_reference
    monkeypatch.setattr(
        findings.artefacts,
        "load_reference",
        lambda name, scale: {"values": flipped} if name == claim.artefact else real(name, scale),
    )
    row = [r for r in findings.chapter_rows() if r["key"] == claim.key][0]
    assert row["book"] == "+1.00 dB" and row["verdict"] == findings.HOLDS


def test_the_headline_counts_every_row_in_whole_words():
    found = _found()
    counts = findings.counts(found)
    assert sum(counts.values()) == len(found)
    text = findings.summary_sentence(found)
    assert text.startswith(f"Of the {len(found)} claims the book tests, ")
    one = findings.summary_sentence(found[:1])
    assert (
        " 1 holds" in one or " 1 does not hold" in one or " 1 is mixed" in one or "1 moves" in one
    )


def test_the_html_links_every_row_to_its_section():
    found = _found()
    html = findings.to_html(found)
    for key in (r["key"] for r in found):
        chapter, section, _ = findings.EVIDENCE[key]
        assert f'href="{chapter}.html#{section}"' in html
    table = findings.table(found)
    assert not table.isna().to_numpy().any() and list(table)[-1] == "Evidence"
    assert isinstance(table, pd.DataFrame) and len(table) == len(found)


def test_the_best_variant_sentence():
    verdicts = scale_verdicts.verdicts(ladder_scores.read_scores(), ladder_scores.read_extras())
    text = findings.best_variant_sentence(verdicts)
    assert "against dipole-LSQ at its highest rung" in text and text.endswith(").")
    assert findings.best_variant_sentence(pd.DataFrame()) == (
        "No run of the scale ladder is scored yet."
    )
