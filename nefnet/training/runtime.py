"""Process-level tuning of the C allocator for PyTorch on the CPU.

glibc serves blocks above a (dynamic) threshold with ``mmap`` and returns them to the kernel when
freed, so every forward pass of a model with megabyte-sized activations pays for fresh,
zero-filled pages. Keeping freed blocks in the heap for reuse removes those page faults: NEF-NET v2
book-preset inference of 48 views × 10 s on 2 cores ran ~20 % faster and twice as fast once
compiled (``benchmarks/bench_inference.py --no-tune-allocator`` shows the difference), a
book-preset training step 5–10 % faster. Numbers are unchanged — only where memory comes from.
The cost: the process keeps its peak heap instead of shrinking.

Called by the entry points (CLI, chapter set-up, benchmarks), never on import.
"""

from __future__ import annotations

import ctypes
import ctypes.util

_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3
_KEEP = 1 << 30  # blocks up to 1 GiB come from (and return to) the heap
_done = False


def tune_allocator() -> bool:
    """Keep freed large blocks for reuse (glibc only). Returns whether the setting took effect;
    on other C libraries it does nothing and returns False. Idempotent."""
    global _done
    if _done:
        return True
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name)
        mallopt = libc.mallopt
    except (OSError, AttributeError, TypeError):
        return False
    _done = bool(mallopt(_M_MMAP_THRESHOLD, _KEEP)) and bool(mallopt(_M_TRIM_THRESHOLD, _KEEP))
    return _done
