"""The inputs a command names — data, records, checkpoints, recorded-lead sets — loaded and
checked, with errors that name the option."""

from __future__ import annotations

import sys


def records(args, protocol=None):
    """The records of ``--data`` (the ``--part`` of them), checked for the protocol's leads."""
    from ..data.parts import check_leads
    from ..training.data_spec import load_records

    try:
        records = load_records(
            args.data,
            getattr(args, "data_seed", args.seed),
            args.sim_device,
            part=args.part,
            split_seed=args.split_seed,
        )
    except (ValueError, FileNotFoundError) as exc:
        if str(exc).startswith("--data"):
            raise
        raise type(exc)(f"--data {args.data}: {exc}") from exc
    if protocol is not None:
        check_leads(records, list(protocol.recorded) + list(protocol.targets), args.data)
    return records


def model(path, option: str):
    """A NEF-NET v2 checkpoint named by ``option``: a file or a shipped model's name."""
    from ..training.checkpoints import load_model, resolve

    try:
        return load_model(resolve(path), expect="nefnet_v2")
    except (ValueError, FileNotFoundError) as exc:
        raise type(exc)(f"{option}: {exc}") from exc


def record_info(path, leads):
    """The header facts of ``--record`` (checked), which must hold ``leads``."""
    from ..data.readers.wfdb_stream import record_info as info_of, verify_checksums

    try:
        info = info_of(path)
        verify_checksums(info)
    except (ValueError, FileNotFoundError) as exc:
        raise type(exc)(f"--record: {exc}") from exc
    missing = [v for v in leads if v not in info["leads"]]
    if missing:
        raise ValueError(f"--record {path} has no lead(s) {missing}; it has {info['leads']}")
    if info["samples"] < 1:
        raise ValueError(f"--record {path}: no samples")
    _gate_start(info, path)
    return info


def _gate_start(info, path, seconds=10.0):
    """The plausibility gate on the first ``seconds`` of every lead of a streamed record."""
    from ..data.plausibility import gate
    from ..data.readers.wfdb_stream import read_window
    from ..data.record import Record

    stop = min(info["samples"], int(seconds * info["sampling_rate"]))
    try:
        signals = read_window(info, info["leads"], 0, stop)
        gate(Record(signals, info["sampling_rate"], info["leads"], info["base"].name))
    except ValueError as exc:
        raise ValueError(f"--record {path}: {exc}") from exc


def read_record(path):
    from ..data import read_wfdb
    from ..data.plausibility import gate

    try:
        return gate(read_wfdb(path))
    except (ValueError, FileNotFoundError) as exc:
        raise type(exc)(f"--record: {exc}") from exc


def model_rate(model):
    """The sampling rate (Hz) a model was trained at, when its checkpoint records it."""
    rate = (getattr(model, "trained_on", None) or {}).get("sampling_rate")
    return float(rate) if rate else None


def at_model_rate(record, model, what: str):
    """``record`` resampled to the model's training rate (with a note on stderr)."""
    from ..signal import resample

    rate = model_rate(model)
    if rate is None or rate == float(record.sampling_rate):
        return record
    print(
        f"nefnet: {what} {record.name} is sampled at {record.sampling_rate:g} Hz, the model at "
        f"{rate:g} Hz: resampled to {rate:g} Hz",
        file=sys.stderr,
    )
    return record.with_signals(resample(record.signals, record.sampling_rate, rate), rate)


def lead_set(leads, option: str):
    """Refuse a recorded set that cannot see the whole dipole; warn when ill-conditioned."""
    from ..dipole import check_lead_set

    try:
        info = check_lead_set(leads)
    except ValueError as exc:
        raise ValueError(f"{option} {','.join(leads)}: {exc}") from exc
    if info["ill_conditioned"]:
        print(
            f"nefnet: warning: {option} {','.join(leads)} is ill-conditioned (condition number "
            f"{info['condition_number']:.0f}); limb leads I, II help",
            file=sys.stderr,
        )
