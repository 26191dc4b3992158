"""Counts reported by the reliability suite at the end of the pytest run (kills, ticks, files)."""

from __future__ import annotations

from collections import Counter

COUNTS: Counter = Counter()
DETAILS: dict[str, list[str]] = {}


def pytest_terminal_summary(terminalreporter):
    if COUNTS:
        terminalreporter.section("reliability counts")
        for name, value in sorted(COUNTS.items()):
            extra = f" ({', '.join(DETAILS[name])})" if name in DETAILS else ""
            terminalreporter.write_line(f"{name}: {value}{extra}")
