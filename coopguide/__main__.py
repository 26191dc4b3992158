"""The one entry point: ``coopguide`` and ``python -m coopguide``.

No argument opens the app. Sub-commands (the :mod:`coopguide.cli` package builds the parser) work
without a display and never import Qt, except ``print`` and ``pack`` for the PDF painter.
"""

from __future__ import annotations

import gc
import os
import sys


def app_options(argv: list[str]) -> tuple[str | None, bool] | None:
    """``(data_dir, startup_check)`` when ``argv`` holds only the app's own options, written out in
    full (``--data-dir DOSSIER``, ``--data-dir=DOSSIER``, ``--startup-check``), read as the parser
    reads them (the last ``--data-dir`` wins); else None. This is the everyday start: building the
    parser (argparse, the :mod:`coopguide.cli` modules, argparse's translations) costs ~5 ms. Anything
    else (a command, ``--help``, an abbreviation, a mistake) goes to the parser, so help and messages
    stay the same; tests/core/test_cli_and_paths.py compares both readings."""
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
    if options is None:
        from coopguide import cli

        args = cli.build_parser().parse_args(argv)
        if args.command is not None:
            return cli.run(args)
        options = args.data_dir, args.startup_check
    # No cyclic garbage collection until the first frame is painted (coopguide.ui.app enables it
    # again there): the start allocates ~100 000 objects that all live on (modules, Qt's enums, the
    # content), and collecting them again and again cost ~7 ms of the first frame. Whatever path
    # the start takes (a refusal, a dialog, an error), it is enabled again when the app returns.
    gc.disable()
    try:
        from coopguide.ui.pyside_feature_check import read_sources_directly

        read_sources_directly()  # before the app's ~70 modules: PySide6 checks each one (~9 ms less)
        from coopguide.ui.app import run_app

        return run_app(data_dir=options[0], startup_check=options[1])
    finally:
        gc.enable()


def entry_point() -> int:
    """``main`` for a terminal: output piped into ``head`` or ``more`` that stops early is not an error."""
    try:
        return main()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
        return 0


if __name__ == "__main__":
    sys.exit(entry_point())
