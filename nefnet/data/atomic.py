"""Writes that cannot half-happen: a file is written under a temporary name beside it and
renamed into place, so an interrupt or a full disk leaves the old file (or none) and no
temporary one; a full disk is said in one line naming the file."""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path


class DiskFull(OSError):
    """The disk filled while a file was written; what was there before is kept."""

    user_error = True


def _is_disk_full(exc: BaseException) -> bool:
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return True
    # torch.save reports a short write as "unexpected pos N vs M"
    return isinstance(exc, RuntimeError) and "unexpected pos" in str(exc)


@contextlib.contextmanager
def replacing(path):
    """Yield the temporary path to write; on success it replaces ``path``."""
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    try:
        yield tmp
        os.replace(tmp, path)
    except (OSError, RuntimeError) as exc:
        if _is_disk_full(exc):
            kept = "the previous one is kept" if path.exists() else "nothing was written"
            raise DiskFull(f"{path}: the disk is full ({kept})") from exc
        raise
    finally:
        tmp.unlink(missing_ok=True)


def write_bytes(path, data: bytes):
    """``data`` into ``path``, synced to disk before the rename."""
    with replacing(path) as tmp, open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def umask() -> int:
    """The process's file-creation mask (read without changing it)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask
