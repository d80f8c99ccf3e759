"""Parts of a data set and their checks: the record-level train/test split every comparison
uses, real records cut into the book's preprocessed windows, a record store opened for
training, and the leads a protocol needs."""

from __future__ import annotations

from .record import Record

PARTS = ("all", "train", "test")
#: the share of records in the training part
TRAIN_FRACTION = 0.6


def part_of(
    records: list[Record], part="all", train_fraction=TRAIN_FRACTION, seed=0
) -> list[Record]:
    """The ``train`` or ``test`` part of ``records`` (split by record, seeded), or ``all``."""
    from .splits import train_part

    if part not in PARTS:
        raise ValueError(f"unknown part {part!r}; expected one of {PARTS}")
    if part == "all":
        return records
    train = train_part(len(records), train_fraction, seed)
    keep = [i for i in range(len(records)) if (i in train) == (part == "train")]
    if hasattr(records, "subset"):  # a record store stays on disk
        return records.subset(keep)
    return [records[i] for i in keep]


def real_windows(records, part="all", train_fraction=TRAIN_FRACTION, seed=0, max_windows=None):
    """Preprocessed 10-s windows of the ``part`` of real ``records`` (duplicates dropped first)."""
    from .preprocess import unique, windows

    chosen = part_of(unique(records), part, train_fraction, seed)
    return [w for r in chosen for w in windows(r, max_windows=max_windows)]


def store_records(folder, part="all", split_seed=0):
    """A record store's records, lazily: simulated ones as they are, real ones as preprocessed
    10-s windows (split by record first, as :func:`real_windows`; byte-identical duplicates
    are not searched for in a store)."""
    from .store import RecordStore, StoreWindows

    store = RecordStore(folder)
    if not store.complete:
        raise ValueError(
            f"{folder}: the record store is unfinished; resume it with nefnet cache build "
            "(or nefnet simulate --format store) and the same arguments"
        )
    if not len(store):
        raise ValueError(f"{folder}: the record store is empty")
    chosen = part_of(store, part, seed=split_seed)
    if hasattr(store[0], "true_angles"):  # simulated records are used as they are
        return chosen
    out = StoreWindows(chosen)
    if not len(out):
        raise ValueError(f"{folder}: no stored record gives a 10-s window of I, II, V1–V6")
    return out


def check_leads(records, leads, source="") -> None:
    """Raise ValueError naming the leads a protocol needs that some record lacks (a record
    store answers from its index)."""
    if hasattr(records, "lead_sets"):
        for have in records.lead_sets():
            missing = [v for v in leads if v not in have]
            if missing:
                raise ValueError(
                    f"{source}: stored records lack {missing} needed by the protocol; they "
                    f"have {list(have)}"
                )
        return
    for r in records:
        missing = [v for v in leads if v not in r.leads]
        if missing:
            raise ValueError(
                f"{source or r.name}: record {r.name} lacks {missing} needed by the protocol; "
                f"it has {list(r.leads)}"
            )
