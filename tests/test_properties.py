"""Property-based checks (hypothesis) of the angle and view-list parsers and of the Record and
WFDB reader invariants."""

from __future__ import annotations

import argparse

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from nefnet.cli import options
from nefnet.data.record import Record
from nefnet.views import LEADS_12, virtual_angles, virtual_name

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
theta = st.integers(0, 1800).map(lambda v: v / 10)
phi = st.integers(-1800, 1800).map(lambda v: v / 10)


@SETTINGS
@given(st.lists(st.tuples(theta, phi), min_size=1, max_size=6, unique=True))
def test_views_parse_what_they_say(pairs):
    text = ";".join(f"{t!r},{p!r}" for t, p in pairs)
    if len({virtual_name(t, p) for t, p in pairs}) < len(pairs):
        return  # same view to 0.1° (e.g. φ = ±180): refused, tested below
    out = options.views(text)
    assert out.shape == (len(pairs), 2)
    assert np.allclose(np.degrees(out), pairs)


@SETTINGS
@given(theta, phi)
def test_a_view_twice_is_refused(t, p):
    with pytest.raises(argparse.ArgumentTypeError, match="twice"):
        options.views(f"{t},{p};{t},{p}")


@SETTINGS
@given(
    st.one_of(
        st.floats(180.05, 1e6).map(lambda v: (v, 0.0)),
        st.floats(-1e6, -0.05).map(lambda v: (v, 0.0)),
        st.floats(180.05, 1e6).map(lambda v: (90.0, v)),
        st.floats(-1e6, -180.05).map(lambda v: (90.0, v)),
    )
)
def test_views_out_of_range_are_refused(pair):
    with pytest.raises(argparse.ArgumentTypeError, match="out of range"):
        options.views(f"{pair[0]!r},{pair[1]!r}")


@SETTINGS
@given(st.lists(st.floats(-180, 180), min_size=1, max_size=5).filter(lambda v: len(v) != 2))
def test_a_view_is_exactly_two_numbers(values):
    with pytest.raises(argparse.ArgumentTypeError):
        options.views(",".join(repr(v) for v in values))


@SETTINGS
@given(theta, phi)
def test_virtual_names_carry_their_angles(t, p):
    assert virtual_angles(virtual_name(t, p)) == pytest.approx((t, p))


@SETTINGS
@given(st.permutations(LEADS_12).flatmap(lambda leads: st.integers(1, 12).map(lambda n: leads[:n])))
def test_lead_lists_are_canonical_and_ordered(leads):
    spelled = ",".join(n.lower() if i % 2 else n for i, n in enumerate(leads))
    assert options.lead_list(spelled) == list(leads)
    with pytest.raises(argparse.ArgumentTypeError, match="duplicate"):
        options.lead_list(spelled + "," + leads[0])


records = st.builds(
    lambda leads, length, rate, seed: Record(
        np.random.default_rng(seed).normal(0, 0.5, (len(leads), length)), rate, leads, "r"
    ),
    st.permutations(LEADS_12).flatmap(lambda leads: st.integers(1, 12).map(lambda n: leads[:n])),
    st.integers(1, 400),
    st.sampled_from([250.0, 500.0, 1000.0]),
    st.integers(0, 2**16),
)


@SETTINGS
@given(records)
def test_record_invariants(rec):
    assert rec.signals.shape == (len(rec.leads), rec.signals.shape[1]) and rec.duration > 0
    picked = list(reversed(rec.leads))
    assert np.array_equal(rec.select(picked), rec.signals[::-1])
    assert rec.has(rec.leads) and not rec.has(["Z"])
    copy = rec.with_signals(rec.signals * 2)
    assert copy.leads == rec.leads and copy.sampling_rate == rec.sampling_rate


@SETTINGS
@given(records)
def test_wfdb_round_trip_within_quantisation(tmp_path_factory, rec):
    from nefnet.data import read_wfdb, write_wfdb

    folder = tmp_path_factory.mktemp("wfdb")
    back = read_wfdb(write_wfdb(rec, folder))
    assert back.leads == rec.leads and back.sampling_rate == rec.sampling_rate
    span = np.ptp(rec.signals, axis=1, keepdims=True) + 1e-9
    assert np.all(np.abs(back.signals - rec.signals) <= span / 2**15 + 1e-6)
