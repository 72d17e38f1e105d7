"""forked_map: the same list as a plain loop, whatever happens to the children."""

from __future__ import annotations

import os

import pytest

from rehab.parallel import can_fork, forked_map

pytestmark = pytest.mark.skipif(not can_fork(), reason="no fork on this platform")

PARENT = os.getpid()


def _square_with_pid(x: int) -> tuple[int, int]:
    return x * x, os.getpid()


@pytest.mark.parametrize("count", [0, 1, 2, 7, 100])
@pytest.mark.parametrize("workers", [1, 2, 3, 8])
def test_results_in_order(count: int, workers: int) -> None:
    found = forked_map(_square_with_pid, list(range(count)), workers)
    assert [value for value, _ in found] == [x * x for x in range(count)]


def test_children_do_a_share_and_the_caller_too() -> None:
    found = forked_map(_square_with_pid, list(range(10)), 3)
    pids = {pid for _, pid in found}
    assert PARENT in pids and len(pids) == 3


def _dies_in_children(x: int) -> int:
    if os.getpid() != PARENT:
        os._exit(3)  # a child killed mid-way (out of memory, a signal)
    return x + 1


def test_a_child_that_dies_costs_time_not_results() -> None:
    assert forked_map(_dies_in_children, list(range(9)), 3) == list(range(1, 10))


def _raises_in_children(x: int) -> int:
    if os.getpid() != PARENT:
        raise RuntimeError("child only")
    return -x


def test_an_exception_in_a_child_is_recomputed_here() -> None:
    assert forked_map(_raises_in_children, list(range(6)), 2) == [0, -1, -2, -3, -4, -5]


def _always_fails(x: int) -> int:
    if x == 4:
        raise ValueError("file 4 is bad")
    return x


def test_a_real_error_raises_in_the_caller_and_leaves_no_child() -> None:
    with pytest.raises(ValueError, match="file 4 is bad"):
        forked_map(_always_fails, list(range(8)), 4)
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # every child was reaped
