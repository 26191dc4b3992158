"""Start-up to the first painted frame: ``coopguide --startup-check`` against a bare PySide6
QMainWindow, and the first start against the everyday start, all in the same run.

Every process is a fresh one, started in turn (the order flipped every round), RUNS times each:

- bare: a QMainWindow shown (``benchmarks/bare_window.py``); an event filter on it sees its first
  Paint event and, once that paint pass is over (a 0 ms timer), prints the time and quits;
- everyday: ``coopguide --startup-check`` on a data folder that already holds the database and the
  content cache; it quits the same way (``ui/app.py``: an event filter on the window), after
  printing the time of its first painted frame and of the window completed behind it;
- first start: the same on a new, empty data folder (database created, content cache written).

The content is a copy of ``content/`` with the rendered content a build ships beside it
(``packaging/ship_content_cache.py``), as installed; ``--no-shipped-cache`` leaves it out, as in a
checkout, and the first start renders every guide.

Times are read on the monotonic clock, which parent and child share: spawn → first painted frame,
→ window complete (the app's parts built after the first frame), and process teardown (the time
printed last → the process gone), reported apart because a user does not wait for it.

Bytecode: an installed app has its modules compiled (pip compiles a wheel at install; the frozen
build ships ``.pyc``). Here every process reads its bytecode from a private ``PYTHONPYCACHEPREFIX``
written by a warm-up run (``PYTHONDONTWRITEBYTECODE`` is lifted for that), so no process compiles
anything, the bare window included. ``--no-bytecode`` measures without (every import compiled).

Frozen (``--frozen``): the same, between the PyInstaller bundles: ``dist/coopguide`` (the app, with
its bundled content and rendered content) and ``dist/bare-window`` (``benchmarks/bare_window.py``
frozen with the app's options, ``packaging/bare_window.spec``). Both are made by
``python packaging/build.py --bare-window`` (about half a minute here once the build venv exists).

Goals: first painted frame ≤ 1.6 × the bare window's; first start ≤ 2 × the everyday start.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/startup.py [RUNS] [--no-bytecode] [--no-shipped-cache]
    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/startup.py [RUNS] --frozen
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from coopguide.core.content import cache
from coopguide.core.shared import paths

FRAME_GOAL, FIRST_START_GOAL = 1.6, 2.0
BARE = Path(__file__).with_name("bare_window.py")  # also frozen: packaging/bare_window.spec


class Run:
    """One process: spawn → first painted frame → complete → gone (seconds)."""

    def __init__(self, command: list[str], env: dict[str, str]) -> None:
        start = time.monotonic()
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        end = time.monotonic()
        if result.returncode != 0:
            raise SystemExit(f"{command} failed ({result.returncode}):\n{result.stderr}")
        stamps = dict(line.split(": ", 1) for line in result.stdout.splitlines() if "-monotonic: " in line)
        painted = float(stamps["first-paint-monotonic"])
        complete = float(stamps.get("complete-monotonic", painted))
        self.frame, self.complete, self.teardown = painted - start, complete - start, end - complete


def frozen_exe(name: str) -> Path:
    """A bundle of packaging/build.py: dist/coopguide, or dist/bare-window (``--bare-window``)."""
    folder = Path(__file__).resolve().parents[1] / "dist" / name
    found = next((p for p in (folder / name, folder / f"{name}.exe") if p.is_file()), None)
    if found is None:
        raise SystemExit(f"{folder} is missing: build it with python packaging/build.py --bare-window")
    return found


def median_ms(runs: list[Run], name: str) -> float:
    return statistics.median(getattr(run, name) for run in runs) * 1000


def main() -> int:
    args = [arg for arg in sys.argv[1:] if not arg.startswith("--")]
    runs = int(args[0]) if args else 15
    bytecode = "--no-bytecode" not in sys.argv
    work = Path(tempfile.mkdtemp(prefix="coopguide-bench-"))
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    if bytecode:
        env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
        env.pop("PYTHONDONTWRITEBYTECODE", None)
    else:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    shipped = "--no-shipped-cache" not in sys.argv
    frozen = "--frozen" in sys.argv
    if not frozen:  # the frozen app reads the content and the rendered content of its bundle
        content = work / "content"
        shutil.copytree(paths.content_dir(), content, ignore=shutil.ignore_patterns(cache.SHIPPED))
        if shipped:
            cache.write_shipped(content)
        env["COOPGUIDE_CONTENT_DIR"] = str(content)

    # the frozen bundles of packaging/build.py (--bare-window), or this checkout
    program = [str(frozen_exe("coopguide"))] if frozen else [sys.executable, "-m", "coopguide"]
    bare = [str(frozen_exe("bare-window"))] if frozen else [sys.executable, str(BARE)]

    def app(data_dir: Path) -> list[str]:
        return [*program, "--data-dir", str(data_dir), "--startup-check"]

    everyday_dir = work / "everyday"
    counter = 0

    def first_start() -> Run:
        nonlocal counter
        counter += 1
        folder = work / f"first-{counter}"
        run = Run(app(folder), env)
        shutil.rmtree(folder, ignore_errors=True)
        return run

    # Warm-up: bytecode written, OS file cache filled, the everyday folder made.
    first_start()
    Run(app(everyday_dir), env)
    Run(bare, env)
    results: dict[str, list[Run]] = {"bare": [], "everyday": [], "first": []}
    makers = {"bare": lambda: Run(bare, env), "everyday": lambda: Run(app(everyday_dir), env), "first": first_start}
    for number in range(runs):
        order = list(makers) if number % 2 == 0 else list(reversed(makers))
        for name in order:
            results[name].append(makers[name]())

    what = "frozen bundles (dist/)" if frozen else f"bytecode: {'yes' if bytecode else 'no'}"
    print(
        f"platform: {env['QT_QPA_PLATFORM']}, {runs} runs each, in turn; {what}; "
        f"shipped rendered content: {'yes' if shipped or frozen else 'no'}"
    )
    print(f"{'':<26}{'first frame':>12}{'complete':>12}{'teardown':>12}   (medians, ms)")
    for name, label in (
        ("bare", "bare PySide6 window"),
        ("everyday", "coopguide, everyday"),
        ("first", "coopguide, first start"),
    ):
        print(
            f"{label:<26}{median_ms(results[name], 'frame'):12.1f}{median_ms(results[name], 'complete'):12.1f}"
            f"{median_ms(results[name], 'teardown'):12.1f}"
        )
    frame = median_ms(results["everyday"], "frame") / median_ms(results["bare"], "frame")
    first = median_ms(results["first"], "frame") / median_ms(results["everyday"], "frame")
    paired = statistics.median(a.frame / b.frame for a, b in zip(results["everyday"], results["bare"], strict=True))
    print(
        f"first frame, everyday / bare:       {frame:5.2f}  (paired per round {paired:4.2f}; "
        f"goal <= {FRAME_GOAL}: {'met' if frame <= FRAME_GOAL else 'NOT met'})"
    )
    print(
        f"first frame, first start / everyday: {first:5.2f}  "
        f"(goal <= {FIRST_START_GOAL}: {'met' if first <= FIRST_START_GOAL else 'NOT met'})"
    )
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
