"""Convert a dataset into a record store once (``nefnet cache build``, ``nefnet simulate
--format store``): streamed record by record, resumable, with a progress bar."""

from __future__ import annotations

from pathlib import Path

from ...progress import tqdm

from .records import StoreWriter


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


def _read(args):
    source, k = args
    return source[k]


def stream(source: Sequence, start: int = 0, workers: int = 1, ahead: int = 2):
    """Yield ``source[start:]`` in order, read by ``workers`` processes with at most
    ``ahead × workers`` records in flight — memory stays flat however long the source."""
    if workers <= 1:
        for k in range(start, len(source)):
            yield source[k]
        return
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(workers) as pool:
        pending, k = deque(), start
        while pending or k < len(source):
            while k < len(source) and len(pending) < ahead * workers:
                pending.append(pool.submit(_read, (source, k)))
                k += 1
            yield pending.popleft().result()
