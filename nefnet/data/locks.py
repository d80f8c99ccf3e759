"""One writer per output: a lock file beside what a run writes (a checkpoint, a synthesized
record), holding the writer's process id. A second run on the same output is refused while the
first is alive; the lock of a run that was killed is recognised (its process is gone) and
replaced."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


def lock_path(target) -> Path:
    target = Path(target)
    return target.with_name(f".{target.name}.lock")


def _owner(lock: Path) -> int | None:
    try:
        return int(lock.read_text().strip() or 0) or None
    except (OSError, ValueError):
        return None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextlib.contextmanager
def exclusive(target):
    """Hold the lock of ``target`` while the block runs; refuse when a live run holds it."""
    lock = lock_path(target)
    lock.parent.mkdir(parents=True, exist_ok=True)
    for _ in range(2):
        try:
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            break
        except FileExistsError:
            pid = _owner(lock)
            if pid is not None and pid != os.getpid() and _alive(pid):
                raise FileExistsError(
                    f"{target}: another nefnet run (process {pid}) is writing it; wait for that "
                    f"run to finish, or stop it (its lock: {lock})"
                ) from None
            if pid == os.getpid():  # this process holds it already (a nested call)
                yield
                return
            lock.unlink(missing_ok=True)  # left by a run that was killed
    else:
        raise FileExistsError(f"{target}: could not take its lock {lock}")
    try:
        os.write(fd, str(os.getpid()).encode())
        os.close(fd)
        yield
    finally:
        lock.unlink(missing_ok=True)
