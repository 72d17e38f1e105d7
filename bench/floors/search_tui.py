"""Library search at scale, in process: load time, per-keystroke list update, peak memory.

Usage: search_tui.py LIBRARY_FOLDER CACHE_DIR; prints one JSON line. The first run with an
empty CACHE_DIR measures a cold load (every file parsed, the index written); run it again for
the load a clinician sees every later day.
"""

import asyncio
import json
import resource
import statistics
import sys
import time
from pathlib import Path


async def main(folder: Path, cache: Path) -> dict[str, float]:
    from rehab.check import Context
    from rehab.storage.library_files import load_catalog, load_library
    from rehab.tui.app import RehabApp
    from rehab.tui.widgets.exercise_browser import ExerciseBrowser

    start = time.perf_counter()
    library = load_library([folder], cache)
    load_s = time.perf_counter() - start
    durations: list[float] = []
    original = ExerciseBrowser.refresh_results

    def timed(self: ExerciseBrowser) -> None:
        begin = time.perf_counter()
        original(self)
        durations.append(time.perf_counter() - begin)

    ExerciseBrowser.refresh_results = timed  # type: ignore[method-assign]
    app = RehabApp(Context(library, load_catalog()), Path("."))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("l")
        await pilot.pause()
        durations.clear()
        for char in "calf raise variant 12":
            await pilot.press("space" if char == " " else char)
            await pilot.pause()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "entries": len(library),
        "load_s": load_s,
        "keystroke_ms": statistics.median(durations) * 1000,
        "peak_mb": peak_mb,
    }


if __name__ == "__main__":
    print(json.dumps(asyncio.run(main(Path(sys.argv[1]), Path(sys.argv[2])))))
