"""A save killed with SIGKILL in the middle: the original survives, and the leftover goes."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rehab.storage.atomic import write_atomic
from tests.conftest import ROOT

EXAMPLE = ROOT / "protocols" / "example-pfp-calf-mobility.toml"

# The child saves a changed protocol, but stops for good right after the data is written and
# fsynced, before the rename: the moment a kill does the most harm.
CHILD = """
import os, sys, time
from pathlib import Path
import rehab.storage.atomic as atomic
from rehab.domain import editing
from rehab.storage.protocol_files import load_protocol, save_protocol

real_fsync = os.fsync
def fsync_then_hang(fd):
    real_fsync(fd)
    Path(sys.argv[2]).write_text("written")
    time.sleep(600)
atomic.os.fsync = fsync_then_hang
path = Path(sys.argv[1])
protocol = load_protocol(path).protocol
save_protocol(editing.update_details(protocol, title="Half-saved"), path)
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_killed_save_leaves_the_original_and_the_next_save_cleans_up(tmp_path: Path) -> None:
    path = tmp_path / EXAMPLE.name
    shutil.copy(EXAMPLE, path)
    marker = tmp_path / "marker"
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(path), str(marker)], cwd=ROOT)
    try:
        for _ in range(600):
            if marker.exists() or child.poll() is not None:
                break
            time.sleep(0.05)
        assert marker.exists(), "the child never reached the write"
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=10)
    finally:
        if child.poll() is None:
            child.kill()
    assert path.read_bytes() == EXAMPLE.read_bytes()  # byte-identical original
    leftovers = list(tmp_path.glob(f".{EXAMPLE.name}.*.tmp"))
    assert len(leftovers) == 1 and b"Half-saved" in leftovers[0].read_bytes()
    # A fresh leftover might be another editor's save in progress: it is kept...
    write_atomic(path, EXAMPLE.read_bytes())
    assert leftovers[0].exists()
    # ...an old one belongs to a dead save: the next save removes it.
    old = time.time() - 3600
    os.utime(leftovers[0], (old, old))
    write_atomic(path, EXAMPLE.read_bytes())
    assert list(tmp_path.glob("*.tmp")) == [] and list(tmp_path.glob(".*.tmp")) == []
