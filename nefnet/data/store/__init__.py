"""The out-of-core record store: raw little-endian shards and a JSON-lines index per shard,
written once (:func:`build_store`, resumable) and read record by record (:class:`RecordStore`),
real records cut into the book's windows when read (:class:`StoreWindows`)."""

from .build import build_store, stream
from .records import DTYPES, STORE_FILE, RecordStore, StoreWriter, is_store
from .windows import StoreWindows

__all__ = [
    "DTYPES",
    "STORE_FILE",
    "RecordStore",
    "StoreWindows",
    "StoreWriter",
    "build_store",
    "is_store",
    "stream",
]
