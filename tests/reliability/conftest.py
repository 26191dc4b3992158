"""Counts reported by the reliability suite at the end of the pytest run (files tried, kills, ticks
checked, tracebacks, rows changed on refusal): the figures of the reliability note.

Each count is added where the thing happens (a file read, a process killed), never written by hand.
With ``COOPGUIDE_RELIABILITY_COUNTS=file.json`` they are also written there, with the tests'
outcomes, for ``scripts/reliability_figures.py``.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

COUNTS: Counter = Counter()
DETAILS: dict[str, list[str]] = {}
COUNTS_FILE_ENV = "COOPGUIDE_RELIABILITY_COUNTS"
TRACEBACK = "Traceback (most recent call last)"
# What must stay at 0, and the count that says how many times it was looked for: shown (0 included)
# whenever it was looked for at least once.
MUST_BE_ZERO = {
    "tracebacks": "runs checked for a traceback",
    "rows changed on refusal": "refusals checked for changed rows",
    "acknowledged ticks lost": "acknowledged ticks checked",
}


def checked_for_traceback(output: str) -> str:
    """Count one run (a started process, an input read in-process) whose output was looked at for a
    Python traceback, and the traceback if there is one. Returns ``output`` for the caller's asserts."""
    COUNTS["runs checked for a traceback"] += 1
    COUNTS["tracebacks"] += TRACEBACK in output
    return output


def pytest_terminal_summary(terminalreporter):
    for bad, looked_for in MUST_BE_ZERO.items():
        if COUNTS[looked_for]:
            COUNTS[bad] += 0  # a Counter lists a key once it is set
    if COUNTS:
        terminalreporter.section("reliability counts")
        for name, value in sorted(COUNTS.items()):
            extra = f" ({', '.join(DETAILS[name])})" if name in DETAILS else ""
            terminalreporter.write_line(f"{name}: {value}{extra}")
    target = os.environ.get(COUNTS_FILE_ENV)
    if target:
        outcomes = {key: len(terminalreporter.stats.get(key, [])) for key in ("passed", "failed", "error", "skipped")}
        record = {"counts": dict(COUNTS), "details": DETAILS, "outcomes": outcomes}
        Path(target).write_text(json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8")
