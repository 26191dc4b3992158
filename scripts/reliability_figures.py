"""The figures of the reliability note, measured by running the reliability suite now.

Runs ``pytest tests/reliability`` (offscreen) with ``COOPGUIDE_RELIABILITY_COUNTS`` set, so that
``tests/reliability/conftest.py`` writes what the tests counted where it happened: files tried,
processes killed with SIGKILL, acknowledged ticks checked and lost, runs checked for a Python
traceback, refusals checked for changed rows. Prints them with the tests' outcomes. A failed or
skipped test makes the figures partial, and the script says so (exit code 1 on any failure).

    .venv/bin/python scripts/reliability_figures.py [extra pytest arguments]
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COUNTS_FILE_ENV = "COOPGUIDE_RELIABILITY_COUNTS"  # the same name as tests/reliability/conftest.py
FILE_KINDS = ("hostile exchange files tried", "damaged side files tried", "bad data files tried")


def run_suite(record: Path, extra: list[str]) -> int:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        COUNTS_FILE_ENV: str(record),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/reliability", *extra]
    return subprocess.run(command, cwd=ROOT, env=env, check=False).returncode


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="coopguide-figures-") as folder:
        record = Path(folder) / "counts.json"
        code = run_suite(record, sys.argv[1:])
        if not record.exists():
            print(f"pytest stopped before writing the counts (exit code {code})", file=sys.stderr)
            return 1
        data = json.loads(record.read_text(encoding="utf-8"))
    counts, outcomes = data["counts"], data["outcomes"]

    def count(name: str) -> int:
        return int(counts.get(name, 0))

    print("\nReliability figures (tests/reliability, measured by this run)")
    print(f"  files tried: {sum(count(kind) for kind in FILE_KINDS)}")
    for kind in FILE_KINDS:
        print(f"    {kind}: {count(kind)}")
    print(f"  kills (SIGKILL): {count('kill -9 kills')}")
    print(
        f"  data lost: {count('acknowledged ticks lost')} acknowledged ticks "
        f"(of {count('acknowledged ticks checked')} checked after kills)"
    )
    print(
        f"  tracebacks: {count('tracebacks')} (in {count('runs checked for a traceback')} runs: "
        "started processes and files read in-process)"
    )
    print(
        f"  rows changed on refusal: {count('rows changed on refusal')} "
        f"(in {count('refusals checked for changed rows')} refused files)"
    )
    accepted = count("hostile files accepted (then imported twice, nothing changed)")
    print(f"  hostile exchange files accepted, then imported twice without change: {accepted}")
    print("  tests: " + ", ".join(f"{value} {key}" for key, value in outcomes.items()))
    if outcomes["failed"] or outcomes["error"]:
        print("  FIGURES INVALID: some tests failed", file=sys.stderr)
        return 1
    if outcomes["skipped"]:
        print("  figures partial: some tests were skipped (see pytest's summary above)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
