"""Map a function over many items in forked processes, the calling process taking a share.

Why not `multiprocessing.Pool`: for `rehab check` on a repository the pool's import (9 ms),
its handler threads and its per-chunk messages cost about a tenth of the whole run on two
cores, and its worker processes leave the caller's core idle. Here each child computes one
fixed share and sends its results back once, through a pipe; the caller computes the first
share meanwhile.

Only for single-threaded callers (the CLI): forking a process that runs threads can copy a
held lock into the child.
"""

from __future__ import annotations

import os
import pickle
import signal
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def available_cpus() -> int:
    """CPUs this process may run on (a container's limit, not the machine's count)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def can_fork() -> bool:
    return hasattr(os, "fork")


def forked_map(fn: Callable[[T], R], items: Sequence[T], workers: int) -> list[R]:
    """`[fn(x) for x in items]`, in order, computed by `workers` processes.

    Shares are interleaved (item i goes to process i % workers) so slow files spread evenly.
    A child that fails in any way (an exception, a signal, a lost pipe) costs time, never a
    result: its share is computed again here, where a real error then raises as usual.
    """
    workers = max(1, min(workers, len(items)))
    if workers == 1 or not can_fork():
        return [fn(item) for item in items]
    shares = [items[i::workers] for i in range(workers)]
    children: list[tuple[int, int]] = []
    for share in shares[1:]:
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - runs in the child, which never returns
            os.close(read_end)
            code = 1
            try:
                with os.fdopen(write_end, "wb") as pipe:
                    pipe.write(pickle.dumps([fn(item) for item in share]))
                code = 0
            finally:
                os._exit(code)  # no atexit handlers, no flushing of the parent's buffers
        os.close(write_end)
        children.append((pid, read_end))
    results: list[list[R]] = []
    try:
        results.append([fn(item) for item in shares[0]])
        for k, share in enumerate(shares[1:]):
            pid, read_end = children[k]
            with os.fdopen(read_end, "rb") as pipe:
                children[k] = (pid, -1)  # the pipe is closed on leaving this block
                data = pipe.read()
            _, status = os.waitpid(pid, 0)
            children[k] = (0, -1)  # reaped
            results.append(pickle.loads(data) if status == 0 and data else [fn(x) for x in share])
    finally:
        # Only after an error here: stop and reap the children still running.
        for pid, read_end in children:
            if read_end >= 0:
                os.close(read_end)
            if pid:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
    ordered: list[R] = [None] * len(items)  # type: ignore[list-item]
    for index, share_results in enumerate(results):
        ordered[index::workers] = share_results
    return ordered
