"""The command line: ``coopguide [--data-dir DOSSIER] [--startup-check] [COMMANDE …]``.

This package builds the parser. Each sub-module owns its sub-commands: its ``add_parsers`` adds
their parsers and names the function that runs each one (``handler``):

- :mod:`coopguide.cli.content`: ``check-content``;
- :mod:`coopguide.cli.dossiers`: ``dossiers``, ``export``, ``import``;
- :mod:`coopguide.cli.printing`: ``print``, ``pack`` (the only commands that load Qt: the PDF painter);
- :mod:`coopguide.cli.search`: ``search``.

Importing this package and its sub-modules is cheap (argparse only): a command imports what it needs
when it runs. ``coopguide/__main__.py`` reads the everyday start without this package (see
``app_options``), and it alone opens the window, so the command line never imports the UI.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from coopguide import __version__
from coopguide.cli import content, dossiers, printing, search

Handler = Callable[[argparse.Namespace], int]


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
    for module in (content, dossiers, printing, search):  # the order of the help's list
        module.add_parsers(commands)
    return parser


def run(args: argparse.Namespace) -> int:
    """Runs the sub-command ``args`` was parsed for (``args.command`` is not None)."""
    handler: Handler = args.handler
    try:
        return handler(args)
    except (KeyboardInterrupt, BrokenPipeError):
        raise
    except Exception as error:  # each command reports KnownErrors itself: anything else is a bug
        from coopguide.core.shared.crash_report import BUG_EXIT_CODE, report_for_cli

        print(report_for_cli(error, getattr(args, "data_dir", None)), file=sys.stderr)
        return BUG_EXIT_CODE
