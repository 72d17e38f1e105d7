"""Run every benchmark and print a table of ratios: `python bench/run.py [--quick]`.

Each figure compares rehab with a floor measured side by side in the same run (the machines
are noisy, so absolute times mean little): the median of several runs of each, alternated.
`--quick` uses tiny sizes and one run so CI proves the benchmarks still work; its ratios
are not meaningful.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from bench import generate  # noqa: E402

FLOORS = HERE / "floors"
PY = sys.executable
ONLY = ("check", "export", "startup", "batch", "search")
ENV = dict(os.environ)
"""The benchmarks' environment: main() points the caches at the run's own temporary folder."""


BASE: Path | None = None
"""`--base TREE`: another checkout of rehab (main, say) run alternately with ours and the floor,
so a change is measured against the code before it in the same minutes."""


def _wall(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> float:
    """Wall time of a whole process; a failing run stops the benchmark (never a fast crash).

    The first-frame scripts print `ready <time.time()>` when the measured moment comes: for
    them the figure is process start to that moment, not to the end of the process.
    """
    start, started = time.perf_counter(), time.time()
    result = subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=env or ENV)
    elapsed = time.perf_counter() - start
    if result.returncode not in (0, 1) or "Traceback" in result.stderr:
        raise SystemExit(f"benchmark command failed: {' '.join(args)}\n{result.stderr[-2000:]}")
    if "first_frame.py" in " ".join(args):
        stamps = [
            line.split()[1] for line in result.stdout.splitlines() if line.startswith("ready ")
        ]
        if not stamps:
            raise SystemExit(f"no first frame: {' '.join(args)}\n{result.stderr[-2000:]}")
        return float(stamps[0]) - started
    return elapsed


def _base_env() -> dict[str, str]:
    """The base checkout first on the path, with caches of its own (its code differs)."""
    assert BASE is not None
    return {**ENV, "PYTHONPATH": str(BASE), "REHAB_CACHE_DIR": ENV["REHAB_CACHE_DIR"] + "-base"}


def _base_wall(args: list[str], cwd: Path) -> float:
    assert BASE is not None
    # `python -m` puts the working folder first on the path: run from the base checkout.
    return _wall(args, BASE if cwd == ROOT else cwd, _base_env())


def _paired(
    ours: list[str], floor: list[str], cwd: Path, runs: int
) -> tuple[float, float, float | None]:
    """Medians of our command, the floor (and the base checkout's run of our command), run
    alternately so noise hits them alike."""
    a: list[float] = []
    b: list[float] = []
    c: list[float] = []
    for _ in range(runs):
        a.append(_wall(ours, cwd))
        if BASE is not None:
            c.append(_base_wall(ours, cwd))
        b.append(_wall(floor, cwd))
    return statistics.median(a), statistics.median(b), statistics.median(c) if c else None


def bench_check(work: Path, count: int, runs: int) -> list[dict[str, object]]:
    """Two rows: every file checked afresh, and the everyday case of a repository where the
    files are unchanged since the last check (served from the findings cache)."""
    folder = work / "check" / "protocols"
    generate.protocols(folder, count)
    floor = [PY, str(FLOORS / "parse_only.py"), str(folder)]
    check = [PY, "-m", "rehab", "check", str(folder)]
    fresh, fresh_floor, fresh_base = _paired([*check, "--no-cache"], floor, work, runs)
    _wall(check, work)  # fills the cache
    if BASE is not None:
        _base_wall(check, work)
    warm, warm_floor, warm_base = _paired(check, floor, work, runs)
    return [
        {
            "name": f"check {count} protocols, all checked afresh (--no-cache)",
            "ours": fresh,
            "floor": fresh_floor,
            "base": fresh_base,
            "budget": 1.5,
        },
        {
            "name": f"check {count} protocols, unchanged since the last check",
            "ours": warm,
            "floor": warm_floor,
            "base": warm_base,
            "budget": 1.5,
        },
    ]


def bench_export(work: Path, runs: int) -> dict[str, object]:
    template = generate.largest_template()
    out = work / "export"
    out.mkdir()
    ours, floor, base = _paired(
        [
            PY,
            "-m",
            "rehab",
            "export",
            str(template),
            "-o",
            str(out / "ours.pdf"),
            "--date",
            "2026-01-01",
        ],
        [PY, str(FLOORS / "reportlab_handout.py"), str(template), str(out / "floor.pdf")],
        ROOT,
        runs,
    )
    return {
        "name": f"export {template.stem}",
        "ours": ours,
        "floor": floor,
        "base": base,
        "budget": 1.3,
    }


def bench_startup(work: Path, count: int, runs: int) -> list[dict[str, object]]:
    """The app on a folder of `count` protocols (the floor lists 50 items): its first frame
    (the budget), and, without a budget, the moment every protocol in the list is checked."""
    folder = work / "startup" / "protocols"
    generate.protocols(folder, count)
    floor = [PY, str(FLOORS / "first_frame.py"), "minimal"]
    first, first_floor, first_base = _paired(
        [PY, str(FLOORS / "first_frame.py"), "rehab", str(folder)], floor, ROOT, runs
    )
    checked, checked_floor, checked_base = _paired(
        [PY, str(FLOORS / "first_frame.py"), "rehab-checked", str(folder)], floor, ROOT, runs
    )
    return [
        {
            "name": "startup to first frame",
            "ours": first,
            "floor": first_floor,
            "base": first_base,
            "budget": 1.3,
        },
        {
            "name": f"startup until all {count} protocols in the list are checked",
            "ours": checked,
            "floor": checked_floor,
            "base": checked_base,
            "budget": None,
        },
    ]


def bench_batch(work: Path, count: int, runs: int) -> dict[str, object]:
    folder = work / "batch" / "protocols"
    generate.protocols(folder, count)
    template = generate.largest_template()
    ours, floor, base = _paired(
        [
            PY,
            "-m",
            "rehab",
            "export",
            str(folder),
            "--out-dir",
            str(work / "batch" / "out"),
            "--date",
            "2026-01-01",
        ],
        [
            PY,
            str(FLOORS / "reportlab_handout.py"),
            str(template),
            str(work / "batch" / "f.pdf"),
            str(count),
        ],
        ROOT,
        runs,
    )
    return {
        "name": f"batch export {count}, per document",
        "ours": ours / count,
        "floor": floor / count,
        "base": base / count if base is not None else None,
        "budget": None,
    }


def bench_search(work: Path, count: int) -> dict[str, object]:
    """Two processes: the first load of the folder (parses it all, writes the index), then a
    later start, whose load, keystrokes and peak memory are what a clinician meets daily."""
    folder = generate.library(work / "library", count)

    def once(env: dict[str, str] | None = None, cache: Path = work / "cache") -> dict[str, object]:
        result = subprocess.run(
            [PY, str(FLOORS / "search_tui.py"), str(folder), str(cache)],
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
            env=env,
        )
        data: dict[str, object] = json.loads(result.stdout.strip().splitlines()[-1])
        return data

    cold = once()
    data = once()
    data["cold_load_s"] = cold["load_s"]
    data["name"] = f"search {data['entries']} exercises"
    if BASE is not None:  # its own index (the index is keyed on the code)
        base_cache = work / "cache-base-search"
        base_cold = once(_base_env(), base_cache)
        base = once(_base_env(), base_cache)
        base["cold_load_s"] = base_cold["load_s"]
        data["base"] = base
    return data


def _search_line(search: dict[str, object]) -> str:
    return (
        f"load {float(search['load_s']):.2f} s (budget 1 s; "  # type: ignore[arg-type]
        f"first load of the folder {float(search['cold_load_s']):.2f} s), "  # type: ignore[arg-type]
        f"keystroke median {float(search['keystroke_ms']):.1f} ms (budget 16 ms), "  # type: ignore[arg-type]
        f"peak memory {float(search['peak_mb']):.0f} MB (budget 150 MB)"  # type: ignore[arg-type]
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="tiny sizes, one run (for CI)")
    parser.add_argument(
        "--only",
        choices=ONLY,
        action="append",
        help="run only these benchmarks (repeatable; default all)",
    )
    parser.add_argument(
        "--runs", type=int, default=None, help="runs of each command (default 5, quick 1)"
    )
    parser.add_argument(
        "--base",
        type=Path,
        metavar="TREE",
        help="also run another checkout's rehab (e.g. main), alternated with ours and the floor",
    )
    parser.add_argument(
        "--no-bytecode",
        dest="bytecode",
        action="store_false",
        help="do not compile rehab's sources first (the default compiles them, as installing "
        "rehab does; see README)",
    )
    args = parser.parse_args()
    only = set(args.only or ONLY)
    global BASE
    BASE = args.base.resolve() if args.base else None
    if args.bytecode:
        # pip byte-compiles a package it installs; an editable checkout under
        # PYTHONDONTWRITEBYTECODE=1 compiles every module in every process instead (the
        # floors import only the standard library and ReportLab, which are compiled).
        for tree in [ROOT, *([BASE] if BASE else [])]:
            subprocess.run([PY, "-m", "compileall", "-q", str(tree / "rehab")], check=True)
    runs = args.runs or (1 if args.quick else 5)
    rows: list[dict[str, object]] = []
    search: dict[str, object] | None = None
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        ENV["REHAB_CACHE_DIR"] = str(work / "cache")
        if "check" in only:
            rows.extend(bench_check(work, 20 if args.quick else 1000, runs))
        if "export" in only:
            rows.append(bench_export(work, runs))
        if "startup" in only:
            rows.extend(bench_startup(work, 5 if args.quick else 50, runs))
        if "batch" in only:
            rows.append(bench_batch(work, 3 if args.quick else 100, 1 if args.quick else 3))
        if "search" in only:
            search = bench_search(work, 300 if args.quick else 13000)
    if BASE is None:
        print("| benchmark | rehab | floor | ratio | budget |")
        print("|---|---|---|---|---|")
    else:
        print(f"| benchmark | rehab | floor | ratio | budget | base ({BASE.name}) | base ratio |")
        print("|---|---|---|---|---|---|---|")
    for row in rows:
        ours, floor = float(row["ours"]), float(row["floor"])  # type: ignore[arg-type]
        budget = f"<= {row['budget']}x" if row["budget"] else "-"
        line = f"| {row['name']} | {ours:.3f} s | {floor:.3f} s | {ours / floor:.2f}x | {budget} |"
        if row.get("base") is not None:
            base = float(row["base"])  # type: ignore[arg-type]
            line += f" {base:.3f} s | {base / floor:.2f}x |"
        print(line)
    if search is None:
        return 0
    print()
    print(f"{search['name']}: {_search_line(search)}")
    if "base" in search:
        print(f"base ({BASE.name if BASE else ''}): {_search_line(search['base'])}")  # type: ignore[arg-type]
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
