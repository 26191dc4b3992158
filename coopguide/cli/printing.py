"""``coopguide print``, ``coopguide pack`` and ``coopguide actions``: PDFs for trainers, and a
dossier's next actions (as text, or its one-page PDF), from the command line.

Importing this module is cheap (argparse only): :mod:`coopguide.cli` builds its parser with it
for any command line but the everyday start. Qt is imported only when a PDF is made, through
:mod:`coopguide.printing.output`, which starts a window-less ``QGuiApplication`` (offscreen when
there is no display).

Errors the user can fix (unknown id, dossier or preset, unwritable file) print one French line on
stderr: exit code 2 for a wrong name, 1 for anything else; never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from coopguide.core.content.cache import LoadedContent
    from coopguide.core.content.model import Content
    from coopguide.core.store.dossiers import Dossier
    from coopguide.core.store.key_dates import KeyDate
    from coopguide.core.store.progress import ResolvedProgress

PAPERS = ("A4", "Letter")
EXIT_FAILED, EXIT_BAD_NAME = 1, 2


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The ``print`` and ``pack`` sub-commands, added to the main parser's sub-parsers."""
    printing = commands.add_parser(
        "print",
        help="imprime une check-list (ou un guide) en PDF, vierge ou remplie avec un dossier",
        description="Imprime une check-list ou un guide en PDF. Sans --dossier, la check-list est vierge.",
    )
    printing.add_argument(
        "target", metavar="ID", help="identifiant d'une check-list (ex. creer-une-scop.etapes) ou d'un guide"
    )
    pack = commands.add_parser(
        "pack",
        help="réunit guides et check-lists dans un seul PDF avec couverture et sommaire",
        description="Dossier de séance : plusieurs guides et check-lists en un PDF (couverture, sommaire, pages "
        "numérotées). Donnez une séance (--preset), des identifiants, ou --suivies avec --dossier.",
    )
    pack.add_argument("items", nargs="*", metavar="ID", help="guides et check-lists, dans l'ordre voulu")
    pack.add_argument("--preset", metavar="SEANCE", help="une séance de content/seances (ex. decouvrir-la-cae)")
    pack.add_argument("--title", metavar="TITRE", help="titre de la couverture (par défaut : celui de la séance)")
    pack.add_argument(
        "--suivies", action="store_true", help="toutes les check-lists que suit le dossier donné par --dossier"
    )
    for sub in (printing, pack):
        sub.add_argument("--out", required=True, metavar="FICHIER.pdf", help="le PDF à écrire")
        sub.add_argument("--dossier", metavar="NOM", help="remplit les check-lists avec l'avancement de ce dossier")
        sub.add_argument(
            "--blank", action="store_true", help="cases vides, même avec --dossier (son nom reste en en-tête)"
        )
        sub.add_argument("--paper", choices=PAPERS, default="A4", help="format du papier (par défaut : A4)")
        sub.set_defaults(handler=pdf_command)
    actions = commands.add_parser(
        "actions",
        help="les prochaines actions d'un dossier : en retard d'abord, qui, pour quand (texte ou PDF d'une page)",
        description="Les prochaines actions d'un dossier, dans les check-lists qu'il suit. Avec --out : la page "
        "« Nos prochaines actions » en PDF.",
    )
    actions.add_argument("--dossier", required=True, metavar="NOM", help="le dossier")
    actions.add_argument("--out", metavar="FICHIER.pdf", help="écrit la page à imprimer dans ce PDF")
    actions.add_argument("--paper", choices=PAPERS, default="A4", help="format du papier (par défaut : A4)")
    actions.set_defaults(handler=actions_command)


def actions_command(args: argparse.Namespace) -> int:
    """Without --out, the list as lines of text (late ones first); with it, the one-page PDF."""
    return _reported("actions", lambda: _actions(args))


def _actions(args: argparse.Namespace) -> int:
    import datetime as dt

    from coopguide.core.next_actions import SHOWN_ON_SCREEN, build_next_actions, due_text, more_text
    from coopguide.core.shared.dates import short_date

    data_dir = _data_dir(args)
    content = _loaded(data_dir).content
    progress, dossier, key_dates = _dossier(args.dossier, data_dir, content)
    board = build_next_actions(content, progress, dossier, dt.date.today(), key_dates)
    if args.out:
        from coopguide.core.next_actions_print import next_actions_document
        from coopguide.printing.output import ensure_application, write_pdf

        ensure_application()
        result = write_pdf(next_actions_document(board, content), args.out, args.paper)
        pages = f"{result.page_count} page{'s' if result.page_count > 1 else ''}"
        print(f"PDF écrit : {Path(args.out)} ({pages}, {args.paper}).")
        return 0
    print(f"Prochaines actions — {dossier.name} ({board.open_items} élément(s) à faire en tout)")
    for entry in board.key_dates:
        print(f"Date clé : {entry.label} le {short_date(entry.date)} ({entry.countdown})")
    for action in board.first(SHOWN_ON_SCREEN):
        due = due_text(action, board.today) or "sans date"
        who = action.assignee or "personne"  # NOBODY (« — personne — ») would double the dashes here
        print(f"☐ {action.number}. {action.text} [{action.checklist_title}] — {who} — {due}")
    if not board.actions:
        print("Rien à faire : tout est fait ou non applicable.")
    if board.more(SHOWN_ON_SCREEN):
        print(more_text(board.more(SHOWN_ON_SCREEN)))
    return 0


def _reported(command: str, run: Callable[[], int]) -> int:
    """``run()``, with a known error said in French on stderr: an unknown name exits with
    ``EXIT_BAD_NAME``, anything else the user can act on with ``EXIT_FAILED``."""
    from coopguide.core.printout.pack import UnknownTargetError
    from coopguide.core.shared.errors import KnownError

    try:
        return run()
    except UnknownTargetError as error:
        print(f"coopguide {command} : {error}", file=sys.stderr)
        return EXIT_BAD_NAME
    except KnownError as error:
        print(f"coopguide {command} : {error}", file=sys.stderr)
        return EXIT_FAILED


def _data_dir(args: argparse.Namespace) -> Path:
    from coopguide.core.shared import paths

    return paths.user_data_dir(getattr(args, "data_dir", None))


def _loaded(data_dir: Path) -> LoadedContent:
    """The content, rendered or read from the cache; its problems said in one line."""
    from coopguide.core.content import cache as content_cache
    from coopguide.core.shared import paths

    loaded = content_cache.load(paths.content_dir(), data_dir / "cache")
    if loaded.problems:
        print(
            f"Attention : le contenu a {len(loaded.problems)} problème(s) ; lancez « coopguide check-content ».",
            file=sys.stderr,
        )
    return loaded


def pdf_command(args: argparse.Namespace) -> int:
    return _reported(args.command, lambda: _checked_make(args))


def _checked_make(args: argparse.Namespace) -> int:
    from coopguide.core.printout.pack import UnknownTargetError

    if args.command == "pack" and [bool(args.preset), bool(args.items), args.suivies].count(True) != 1:
        raise UnknownTargetError(
            "Donnez une séance (--preset NOM), des identifiants de guides et de check-lists, ou --suivies : "
            "l'un des trois."
        )
    if args.command == "pack" and args.suivies and not args.dossier:
        raise UnknownTargetError("--suivies demande un dossier : ajoutez --dossier NOM.")
    return _make(args)


def _make(args: argparse.Namespace) -> int:
    from coopguide.core.printout.pack import find_preset, pack_document, single_document
    from coopguide.core.shared import paths
    from coopguide.printing.output import ensure_application, write_pdf

    data_dir = _data_dir(args)
    loaded = _loaded(data_dir)
    content = loaded.content
    progress, dossier, found = _dossier_progress(args.dossier, data_dir, content)
    if args.blank:
        progress = None
    if args.command == "print":
        document = single_document(args.target, content, loaded.html, progress, dossier)
    else:
        from coopguide.core.printout.pack import followed_targets
        from coopguide.core.store.scope import is_scoped, scope_line

        preset = None
        targets = followed_targets(content, found) if args.suivies else args.items
        if args.preset:
            from coopguide.core.content.presets import load_presets

            preset = find_preset(args.preset, load_presets(paths.content_dir())[0])
            targets = preset.targets
        note = scope_line(content, found) if found and is_scoped(content, found) else ""
        document = pack_document(
            targets, content, loaded.html, progress, dossier, args.title or "", preset, scope_note=note
        )
    ensure_application()
    result = write_pdf(document, args.out, args.paper)
    pages = f"{result.page_count} page{'s' if result.page_count > 1 else ''}"
    print(f"PDF écrit : {Path(args.out)} ({pages}, {'vierge' if document.blank else 'rempli'}, {args.paper}).")
    return 0


def _dossier_progress(
    name: str | None, data_dir: Path, content: Content
) -> tuple[ResolvedProgress | None, str, Dossier | None]:
    """(progress, dossier name, dossier) for ``--dossier NAME``; (None, "", None) without it."""
    if not name:
        return None, "", None
    progress, dossier, _key_dates = _dossier(name, data_dir, content)
    return progress, dossier.name, dossier


def _dossier(name: str, data_dir: Path, content: Content) -> tuple[ResolvedProgress, Dossier, list[KeyDate]]:
    """The dossier named ``name`` (spaces and case forgiven), its progress and its key dates."""
    from coopguide.core.printout.pack import UnknownTargetError
    from coopguide.core.shared.paths import DATABASE_NAME
    from coopguide.core.store import open_store
    from coopguide.core.store.progress import resolve

    if not (data_dir / DATABASE_NAME).exists():
        raise UnknownTargetError(
            f"Dossier inconnu : « {name} ». Aucune donnée dans {data_dir} (indiquez l'emplacement avec --data-dir)."
        )
    store = open_store(data_dir)
    for warning in store.warnings:
        print(warning, file=sys.stderr)
    try:
        dossier = store.dossiers.by_name(name)
        if dossier is None:
            known = ", ".join(f"« {d.name} »" for d in store.dossiers.all()) or "aucun"
            raise UnknownTargetError(f"Dossier inconnu : « {name} ». Dossiers existants : {known}.")
        return resolve(store.items.rows(dossier.id), content), dossier, store.key_dates.list(dossier.id)
    finally:
        store.close()
