"""``coopguide check-content``: checks the content as the app will read it. Qt-free."""

from __future__ import annotations

import argparse
from pathlib import Path

from coopguide.core.shared import paths


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    check = commands.add_parser("check-content", help="vérifie le contenu et affiche les erreurs (fichier:ligne)")
    check.add_argument("--content-dir", metavar="DOSSIER", help="contenu à vérifier (par défaut : celui livré)")
    check.set_defaults(handler=check_content_command)


def check_content_command(args: argparse.Namespace) -> int:
    from coopguide.core.content.validate import check_content

    root = Path(args.content_dir).resolve() if args.content_dir else paths.content_dir()
    report = check_content(root)
    for problem in report.problems:
        print(problem)
    counts = ", ".join(f"{value} {name}" for name, value in report.counts().items())
    if report.problems:
        print(f"{len(report.problems)} erreur(s) dans le contenu ({counts}).")
        return 1
    print(f"Contenu valide : {counts}.")
    return 0
