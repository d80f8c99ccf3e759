"""Convert a dataset into a record store once (``nefnet cache build``, ``nefnet simulate
--format store``): streamed record by record, resumable, with a progress bar."""

from __future__ import annotations

from pathlib import Path

from tqdm.auto import tqdm

from .sources import stream
from .store import StoreWriter


def build_store(source, out, label: str, dtype="float32", workers=1, progress=True) -> int:
    """Write every record of ``source`` (a sequence of records) to the store ``out``; a store
    left unfinished by an interrupted build of the same ``label`` is resumed after its last
    whole shard. Returns the number of records in the store."""
    with StoreWriter(out, dtype=dtype, source=label) as writer:
        bar = tqdm(
            total=len(source),
            initial=writer.done,
            desc=f"store {Path(out).name}",
            unit="rec",
            disable=not progress,
        )
        with bar:
            for record in stream(source, writer.done, workers):
                writer.append(record)
                bar.update()
    return writer.done
