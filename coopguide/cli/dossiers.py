"""``coopguide dossiers``, ``coopguide export`` and ``coopguide import``: dossiers from a terminal
(a trainer preparing files for groups, a script making backups). Qt-free; messages in French; a
refusal prints one line on stderr and exits with 1, changing nothing."""

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
    from coopguide.core.store import Store
    from coopguide.core.store.dossiers import Dossier


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    listing = commands.add_parser("dossiers", help="liste les dossiers avec leur avancement")
    listing.set_defaults(handler=dossiers_command)
    export = commands.add_parser("export", help="exporte un dossier dans un fichier .coopguide")
    export.add_argument("dossier", metavar="DOSSIER", help="nom du dossier")
    export.add_argument("fichier", metavar="FICHIER", help="fichier à écrire (.coopguide)")
    export.set_defaults(handler=export_command)
    imported = commands.add_parser("import", help="importe un fichier .coopguide (nouveau dossier ou fusion)")
    imported.add_argument("fichier", metavar="FICHIER", help="fichier .coopguide à lire")
    imported.add_argument(
        "--into", metavar="DOSSIER", help="fusionne dans ce dossier (la modification la plus récente l'emporte)"
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
    def action() -> int:
        from coopguide.core.store.progress import resolve, summary

        store, content = _open(args.data_dir)
        try:
            checklists = content.checklists()
            rows = []
            for dossier in store.dossiers.all():
                done, total = summary(resolve(store.items.rows(dossier.id), content), checklists)
                status = " (archivé)" if dossier.archived else ""
                members = ", ".join(dossier.members) or "—"
                percent = round(100 * done / total) if total else 0
                rows.append((f"{dossier.name}{status}", f"{done} / {total} ({percent} %)", members))
            width = max((len(r[0]) for r in rows), default=10)
            print(f"{'Dossier':<{width}}  {'Avancement':<18}  Membres")
            for name, progress, members in rows:
                print(f"{name:<{width}}  {progress:<18}  {members}")
            trashed = len(store.dossiers.trash())
            if trashed:
                print(f"\n{trashed} dossier(s) dans la corbeille.")
        finally:
            store.close()
        return 0

    return _run(action)


def export_command(args: argparse.Namespace) -> int:
    def action() -> int:
        from coopguide.core.store.exchange import export_dossier

        store, content = _open(args.data_dir)
        try:
            dossier = _find(store, args.dossier)
            written = export_dossier(store, dossier.id, Path(args.fichier), content.edition)
        finally:
            store.close()
        print(f"Dossier « {dossier.name} » exporté dans {written}")
        return 0

    return _run(action)


def _refuse_if_window_open(data_dir: str | None) -> None:
    """A writing command leaves the folder alone while the window holds it: the window keeps the
    progress in memory and its next edit or undo would be based on rows this command changed."""
    from coopguide.core.shared.instance_lock import WINDOW_OPEN, held_by_window

    if held_by_window(paths.user_data_dir(data_dir)):
        raise KnownError(WINDOW_OPEN)


def import_command(args: argparse.Namespace) -> int:
    def action() -> int:
        from coopguide.core.content.item_boxes import plain_text
        from coopguide.core.store import exchange

        _refuse_if_window_open(args.data_dir)
        store, content = _open(args.data_dir)
        try:
            data = exchange.read_exchange_file(Path(args.fichier))
            if args.into is None:
                dossier = exchange.import_as_new(store, data)
                print(f"Dossier importé : « {dossier.name} » ({len(data.items)} élément(s) renseigné(s)).")
                return 0
            target = _find(store, args.into)
            plan = exchange.plan_merge(store, target.id, data, content)
            exchange.apply_merge(store, plan)
        finally:
            store.close()
        items = content.items()
        print(f"Fusion dans « {target.name} » : {len(plan.changes)} changement(s).")
        for change in plan.changes:
            item = items.get(change.item_id)
            label = plain_text(item.text if item else change.after.item_text or change.item_id)
            print(f"  • {label} : {exchange.describe_change(change)}")
        for member in plan.new_members:
            print(f"  • nouveau membre : {member}")
        for member in plan.removed_members:
            print(f"  • membre retiré : {member}")
        if plan.description is not None:
            print("  • description modifiée")
        return 0

    return _run(action)
