"""The one entry point: ``coopguide`` and ``python -m coopguide``.

No argument opens the app. Sub-commands work without a display and never import Qt.
"""

from __future__ import annotations

import argparse
import os
import sys

from coopguide import __version__


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="coopguide",
        description="Coopguide : guides et check-lists pour créer ou reprendre une entreprise en coopérative.",
    )
    parser.add_argument("--version", action="version", version=f"Coopguide {__version__}")
    parser.add_argument(
        "--data-dir", metavar="DOSSIER", help="dossier des données de l'utilisateur (remplace COOPGUIDE_DATA_DIR)"
    )
    parser.add_argument(
        "--startup-check",
        action="store_true",
        help="ouvre la fenêtre, affiche le guide par défaut et quitte (tests, mesures)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMANDE")
    check = commands.add_parser("check-content", help="vérifie le contenu et affiche les erreurs (fichier:ligne)")
    check.add_argument("--content-dir", metavar="DOSSIER", help="contenu à vérifier (par défaut : celui livré)")
    commands.add_parser("dossiers", help="liste les dossiers avec leur avancement")
    export = commands.add_parser("export", help="exporte un dossier dans un fichier .coopguide")
    export.add_argument("dossier", metavar="DOSSIER", help="nom du dossier")
    export.add_argument("fichier", metavar="FICHIER", help="fichier à écrire (.coopguide)")
    imported = commands.add_parser("import", help="importe un fichier .coopguide (nouveau dossier ou fusion)")
    imported.add_argument("fichier", metavar="FICHIER", help="fichier .coopguide à lire")
    imported.add_argument(
        "--into", metavar="DOSSIER", help="fusionne dans ce dossier (la modification la plus récente l'emporte)"
    )
    from coopguide.cli_print import add_print_parsers  # argparse only: cheap

    add_print_parsers(commands)
    from coopguide.cli_search import add_search_parser  # argparse only: cheap

    add_search_parser(commands)
    return parser


def app_options(argv: list[str]) -> tuple[str | None, bool] | None:
    """``(data_dir, startup_check)`` when ``argv`` holds only the app's own options, written out in
    full (``--data-dir DOSSIER``, ``--data-dir=DOSSIER``, ``--startup-check``), read as the parser
    reads them (the last ``--data-dir`` wins); else None. This is the everyday start: building the
    parser (its sub-commands, their modules, argparse's translations) costs ~5 ms. Anything else (a
    command, ``--help``, an abbreviation, a mistake) goes to the parser, so help and messages stay
    the same; tests/core/test_cli_and_paths.py compares both readings."""
    data_dir, startup_check, position = None, False, 0
    while position < len(argv):
        arg = argv[position]
        if arg == "--startup-check":
            startup_check, position = True, position + 1
        elif arg.startswith("--data-dir="):
            data_dir, position = arg.removeprefix("--data-dir="), position + 1
        elif arg == "--data-dir" and position + 1 < len(argv) and not argv[position + 1].startswith("-"):
            data_dir, position = argv[position + 1], position + 2
        else:
            return None
    return data_dir, startup_check


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    options = app_options(argv)
    if options is not None:
        from coopguide.ui.app import run_app

        return run_app(data_dir=options[0], startup_check=options[1])
    args = build_parser().parse_args(argv)
    if args.command == "check-content":
        from coopguide.cli import check_content_command

        return check_content_command(args.content_dir)
    if args.command in ("dossiers", "export", "import"):
        from coopguide import cli_dossiers

        if args.command == "dossiers":
            return cli_dossiers.dossiers_command(args.data_dir)
        if args.command == "export":
            return cli_dossiers.export_command(args.data_dir, args.dossier, args.fichier)
        return cli_dossiers.import_command(args.data_dir, args.fichier, args.into)
    if args.command == "search":
        from coopguide.cli_search import search_command

        return search_command(args)
    if args.command in ("print", "pack"):
        from coopguide.cli_print import run

        return run(args)
    from coopguide.ui.app import run_app

    return run_app(data_dir=args.data_dir, startup_check=args.startup_check)


def entry_point() -> int:
    """``main`` for a terminal: output piped into ``head`` or ``more`` that stops early is not an error."""
    try:
        return main()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
        return 0


if __name__ == "__main__":
    sys.exit(entry_point())
