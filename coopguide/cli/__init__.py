"""The command line: ``coopguide [--data-dir DOSSIER] [--startup-check] [COMMANDE …]``.

This package builds the parser. Each sub-module owns its sub-commands: its ``add_parsers`` adds
their parsers and names the function that runs each one (``handler``):

- :mod:`coopguide.cli.content`: ``check-content``;
- :mod:`coopguide.cli.dossiers`: ``dossiers``, ``export``, ``import``;
- :mod:`coopguide.cli.printing`: ``print``, ``pack``, ``actions`` (the only commands that load Qt: the PDF
  painter, ``actions`` only with ``--out``);
- :mod:`coopguide.cli.search`: ``search``.

Importing this package and its sub-modules is cheap (argparse only): a command imports what it needs
when it runs. ``coopguide/__main__.py`` reads the everyday start without this package (see
``app_options``), and it alone opens the window, so the command line never imports the UI.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any, TextIO, cast

from coopguide import __version__
from coopguide.cli import content, dossiers, printing, search
from coopguide.core.shared.safe_text import printable

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
    for sub in commands.choices.values():  # also after the command: « coopguide dossiers --data-dir D »
        sub.add_argument(
            "--data-dir", metavar="DOSSIER", default=argparse.SUPPRESS, help="dossier des données de l'utilisateur"
        )
    return parser


class Printable:
    """Wraps ``sys.stdout``/``sys.stderr`` while a command runs: a control character in a name, a
    note or a file (ESC, BEL, bidi override…) is written out as ``\\u001b``, never sent to the
    terminal, whichever ``print`` shows it."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(printable(text))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def run(args: argparse.Namespace) -> int:
    """Runs the sub-command ``args`` was parsed for (``args.command`` is not None)."""
    handler: Handler = args.handler
    stdout, stderr = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = cast(TextIO, Printable(stdout)), cast(TextIO, Printable(stderr))
    try:
        return handler(args)
    except (KeyboardInterrupt, BrokenPipeError):
        raise
    except Exception as error:  # each command reports KnownErrors itself: anything else is a bug
        from coopguide.core.shared.crash_report import BUG_EXIT_CODE, report_for_cli

        print(report_for_cli(error, getattr(args, "data_dir", None)), file=sys.stderr)
        return BUG_EXIT_CODE
    finally:
        sys.stdout, sys.stderr = stdout, stderr
