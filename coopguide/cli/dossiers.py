"""``coopguide dossiers``, ``coopguide export`` and ``coopguide import``: dossiers from a terminal
(a trainer preparing files for groups, a script making backups). Qt-free; messages in French; a
refusal prints one line on stderr and exits with 1, changing nothing.

Several files or a folder (a USB key) go through :mod:`coopguide.core.exchange_batch`, as in the
window: one line per file or dossier, a refused file stops none of the others, and the exit code
is 1 when any was refused."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from coopguide.core.shared import paths
from coopguide.core.shared.errors import KnownError

if TYPE_CHECKING:
    from coopguide.core.content.model import Content
    from coopguide.core.exchange_batch import ImportResult, ReadFile
    from coopguide.core.store import Store
    from coopguide.core.store.dossiers import Dossier


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    listing = commands.add_parser("dossiers", help="liste les dossiers avec leur avancement")
    listing.set_defaults(handler=dossiers_command)
    export = commands.add_parser(
        "export",
        help="exporte un ou plusieurs dossiers dans des fichiers .coopguide",
        description="Un dossier vers un FICHIER, ou un ou plusieurs dossiers vers un RÉPERTOIRE existant "
        "(une clé USB) : un fichier par dossier, nommé d'après le dossier, sans remplacer aucun fichier.",
    )
    export.add_argument("dossiers", metavar="DOSSIER", nargs="*", help="nom du dossier (plusieurs possibles)")
    export.add_argument("destination", metavar="DESTINATION", help="fichier à écrire, ou répertoire existant")
    export.add_argument("--all", action="store_true", help="tous les dossiers en cours (ni archivés, ni supprimés)")
    export.set_defaults(handler=export_command)
    imported = commands.add_parser(
        "import",
        help="importe des fichiers .coopguide (nouveaux dossiers ou fusion)",
        description="Chaque FICHIER, ou chaque fichier .coopguide d'un RÉPERTOIRE (pas de ses sous-répertoires), "
        "devient un nouveau dossier, ou est fusionné avec --into ou --by-name. Un fichier refusé n'arrête pas "
        "les autres ; le code de sortie est 1 si un fichier au moins a été refusé.",
    )
    imported.add_argument("fichiers", metavar="FICHIER", nargs="+", help="fichier .coopguide, ou répertoire")
    target = imported.add_mutually_exclusive_group()
    target.add_argument("--into", metavar="DOSSIER", help="fusionne chaque fichier dans ce dossier")
    target.add_argument(
        "--by-name",
        action="store_true",
        help="fusionne chaque fichier dans le dossier du même nom s'il existe (comme la fenêtre le propose)",
    )
    imported.set_defaults(handler=import_command)


def _open(data_dir: str | None) -> tuple[Store, Content]:
    from coopguide.core.content.cache import load
    from coopguide.core.store import open_store

    folder = paths.user_data_dir(data_dir)
    store = open_store(folder)
    for warning in store.warnings:
        print(warning, file=sys.stderr)
    return store, load(paths.content_dir(), folder / "cache").content


def _find(store: Store, name: str) -> Dossier:
    dossier = store.dossiers.by_name(name)
    if dossier is None:
        known = ", ".join(f"« {d.name} »" for d in store.dossiers.all())
        raise KnownError(f"Aucun dossier ne s'appelle « {name} ». Dossiers existants : {known}.")
    return dossier


def _run(action: Callable[[], int]) -> int:
    try:
        return action()
    except KnownError as error:
        print(str(error), file=sys.stderr)
        return 1


def dossiers_command(args: argparse.Namespace) -> int:
    """One line per dossier: its progress over the check-lists it follows (its scope), how many
    it follows, its members."""

    def action() -> int:
        from coopguide.core.store.progress import resolve
        from coopguide.core.store.scope import all_checklists, followed_checklists, scoped_progress

        store, content = _open(args.data_dir)
        try:
            every = len(all_checklists(content))
            rows = []
            for dossier in store.dossiers.all():
                done, total = scoped_progress(resolve(store.items.rows(dossier.id), content), content, dossier)
                status = " (archivé)" if dossier.archived else ""
                members = ", ".join(dossier.members) or "—"
                percent = round(100 * done / total) if total else 0
                followed = len(followed_checklists(content, dossier))
                lists = "toutes" if followed == every else f"{followed} sur {every}"
                rows.append((f"{dossier.name}{status}", f"{done} / {total} ({percent} %)", lists, members))
            width = max((len(r[0]) for r in rows), default=10)
            print(f"{'Dossier':<{width}}  {'Avancement':<18}  {'Check-lists':<11}  Membres")
            for name, progress, lists, members in rows:
                print(f"{name:<{width}}  {progress:<18}  {lists:<11}  {members}")
            trashed = len(store.dossiers.trash())
            if trashed:
                print(f"\n{trashed} dossier(s) dans la corbeille.")
        finally:
            store.close()
        return 0

    return _run(action)


def export_command(args: argparse.Namespace) -> int:
    """One dossier to a file (as given), or dossiers to an existing folder under safe, unique names."""

    def action() -> int:
        from coopguide.core.exchange_batch import export_to_folder
        from coopguide.core.store.exchange import export_dossier

        destination = Path(args.destination)
        store, content = _open(args.data_dir)
        try:
            if args.all and args.dossiers:
                raise KnownError("Donnez des noms de dossiers ou --all, pas les deux.")
            chosen = store.dossiers.in_use() if args.all else [_find(store, name) for name in args.dossiers]
            if not chosen:
                raise KnownError("Aucun dossier à exporter : donnez au moins un nom de dossier, ou --all.")
            if not destination.is_dir():
                if len(chosen) > 1:
                    raise KnownError(
                        f"« {destination} » n'est pas un répertoire existant : pour exporter plusieurs dossiers, "
                        "donnez le répertoire où écrire leurs fichiers."
                    )
                written = export_dossier(store, chosen[0].id, destination, content.edition)
                print(f"Dossier « {chosen[0].name} » exporté dans {written}")
                return 0
            results = export_to_folder(store, [d.id for d in chosen], destination, content.edition)
        finally:
            store.close()
        for result in results:
            if result.path is None:
                print(f"Dossier « {result.dossier_name} » refusé : {result.refused}", file=sys.stderr)
                continue
            taken = f" (« {result.wanted_name} » existait déjà)" if result.wanted_name else ""
            print(f"Dossier « {result.dossier_name} » exporté dans {result.path}{taken}")
        return 1 if any(r.refused for r in results) else 0

    return _run(action)


def _refuse_if_window_open(data_dir: str | None) -> None:
    """A writing command leaves the folder alone while the window holds it: the window keeps the
    progress in memory and its next edit or undo would be based on rows this command changed."""
    from coopguide.core.shared.instance_lock import WINDOW_OPEN, held_by_window

    if held_by_window(paths.user_data_dir(data_dir)):
        raise KnownError(WINDOW_OPEN)


def _exchange_files(arguments: list[str]) -> tuple[list[Path], list[str]]:
    """The files named, and the ``.coopguide`` files of the folders named; refusals for folders
    holding none (or unreadable)."""
    from coopguide.core.exchange_batch import files_in_folder

    paths: list[Path] = []
    refused: list[str] = []
    for argument in map(Path, arguments):
        if not argument.is_dir():
            paths.append(argument)
            continue
        try:
            paths += files_in_folder(argument)
        except KnownError as error:
            refused.append(str(error))
    return paths, refused


def import_command(args: argparse.Namespace) -> int:
    """Each file as a new dossier, or merged (``--into``, ``--by-name``); one line per file, the merge
    details under it, in check-list order. Exit code 1 when any file was refused."""

    def action() -> int:
        from coopguide.core import exchange_batch

        _refuse_if_window_open(args.data_dir)
        paths, refused = _exchange_files(args.fichiers)
        for reason in refused:
            print(reason, file=sys.stderr)
        store, content = _open(args.data_dir)
        try:
            into = _find(store, args.into).id if args.into else None
            files = exchange_batch.read_files(paths)
            dossiers = store.dossiers.all()
            choices = []
            for read in files:
                same = exchange_batch.same_name_dossier(dossiers, read.exchange) if read.exchange else None
                choices.append((read, into if args.into else same.id if args.by_name and same else None))
            results = exchange_batch.import_files(store, choices, content)
        finally:
            store.close()
        for read, result in zip(files, results, strict=True):
            _report_import(read, result, content)
        return 1 if refused or any(r.refused for r in results) else 0

    return _run(action)


def _report_import(read: ReadFile, result: ImportResult, content: Content) -> None:
    """One line for the file (stderr when refused), a merge's changes under it, and a warning when
    the file's dates are ahead of this computer's clock. (Control characters are written out by
    :class:`coopguide.cli.Printable`.)"""
    from coopguide.core.merge_preview import build_preview, future_warning, preview_text

    name = result.path.name
    if result.refused or result.dossier is None or read.exchange is None:
        print(f"« {name} » refusé : {result.refused}", file=sys.stderr)
        return
    if result.plan is None:
        count = len(read.exchange.items)
        print(f"« {name} » : nouveau dossier « {result.dossier.name} » ({count} élément(s) renseigné(s)).")
    else:
        changes, members = len(result.plan.changes), len(result.plan.new_members)
        joined = f", {members} nouveau(x) membre(s)" if members else ""
        print(f"« {name} » : fusionné dans « {result.dossier.name} » : {changes} changement(s){joined}.")
        for line in preview_text(build_preview(result.plan, read.exchange, content)):
            print(line)
    warning = future_warning(read.exchange)
    if warning:
        print(f"« {name} » : {warning}", file=sys.stderr)
