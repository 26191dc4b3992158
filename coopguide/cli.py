"""Command-line sub-commands. Qt-free: they run on a machine with no display."""

from __future__ import annotations

from pathlib import Path

from coopguide.core.shared import paths


def check_content_command(content_dir: str | None) -> int:
    from coopguide.core.content.validate import check_content

    root = Path(content_dir).resolve() if content_dir else paths.content_dir()
    report = check_content(root)
    for problem in report.problems:
        print(problem)
    counts = ", ".join(f"{value} {name}" for name, value in report.counts().items())
    if report.problems:
        print(f"{len(report.problems)} erreur(s) dans le contenu ({counts}).")
        return 1
    print(f"Contenu valide : {counts}.")
    return 0
