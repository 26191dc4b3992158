"""Start-up time of `coopguide --startup-check` against a bare PySide6 QMainWindow, same run.

Both are started as fresh processes, alternating, RUNS times each; medians and their ratio are
printed (goal: ratio <= 1.3). The data folder is prepared once first, so the measured starts are
the everyday case (database and content cache exist); the first start (which migrates the database
and renders the content) is reported separately.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/startup.py [RUNS]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time

BARE = (
    "from PySide6.QtCore import QTimer\n"
    "from PySide6.QtWidgets import QApplication, QMainWindow\n"
    "app = QApplication([])\n"
    "window = QMainWindow()\n"
    "window.show()\n"
    "QTimer.singleShot(0, app.quit)\n"
    "raise SystemExit(app.exec())\n"
)


def timed(command: list[str], env: dict) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    data_dir = tempfile.mkdtemp(prefix="coopguide-bench-")
    app = [sys.executable, "-m", "coopguide", "--data-dir", data_dir, "--startup-check"]
    bare = [sys.executable, "-c", BARE]
    first = timed(app, env)
    timed(bare, env)  # warm the OS file cache for both before measuring
    app_times, bare_times = [], []
    for _ in range(runs):
        bare_times.append(timed(bare, env))
        app_times.append(timed(app, env))
    bare_median, app_median = statistics.median(bare_times), statistics.median(app_times)
    ratio = app_median / bare_median
    print(f"platform: {env['QT_QPA_PLATFORM']}, runs: {runs} each, alternating")
    print(f"bare PySide6 window  median {bare_median * 1000:7.1f} ms")
    print(f"coopguide start      median {app_median * 1000:7.1f} ms")
    print(f"ratio                {ratio:7.2f}  (goal <= 1.30: {'met' if ratio <= 1.3 else 'NOT met'})")
    print(f"first start (migrate database, render and cache content): {first * 1000:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
