"""``coopguide dossiers``, ``coopguide export`` and ``coopguide import``: dossiers from a terminal
(a trainer preparing files for groups, a script making backups). Qt-free; messages in French; a
refusal prints one line on stderr and exits with 1, changing nothing."""

from __future__ import annotations

import sys
from pathlib import Path

from coopguide.core.shared import paths
from coopguide.core.shared.errors import KnownError


def _open(data_dir: str | None):
    from coopguide.core.content.cache import load
    from coopguide.core.store import open_store

    folder = paths.user_data_dir(data_dir)
    return open_store(folder), load(paths.content_dir(), folder / "cache").content


def _find(store, name: str):
    dossier = store.dossiers.by_name(name)
    if dossier is None:
        known = ", ".join(f"« {d.name} »" for d in store.dossiers.all())
        raise KnownError(f"Aucun dossier ne s'appelle « {name} ». Dossiers existants : {known}.")
    return dossier


def _run(action) -> int:
    try:
        return action()
    except KnownError as error:
        print(str(error), file=sys.stderr)
        return 1


def dossiers_command(data_dir: str | None) -> int:
    def action() -> int:
        from coopguide.core.store.progress import resolve, summary

        store, content = _open(data_dir)
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


def export_command(data_dir: str | None, name: str, target: str) -> int:
    def action() -> int:
        from coopguide.core.store.exchange import export_dossier

        store, content = _open(data_dir)
        try:
            dossier = _find(store, name)
            written = export_dossier(store, dossier.id, Path(target), content.edition)
        finally:
            store.close()
        print(f"Dossier « {dossier.name} » exporté dans {written}")
        return 0

    return _run(action)


def import_command(data_dir: str | None, source: str, into: str | None) -> int:
    def action() -> int:
        from coopguide.core.content.item_boxes import plain_text
        from coopguide.core.store import exchange

        store, content = _open(data_dir)
        try:
            data = exchange.read_exchange_file(Path(source))
            if into is None:
                dossier = exchange.import_as_new(store, data)
                print(f"Dossier importé : « {dossier.name} » ({len(data.items)} élément(s) renseigné(s)).")
                return 0
            target = _find(store, into)
            plan = exchange.plan_merge(store, target.id, data, content)
            exchange.apply_merge(store, plan)
        finally:
            store.close()
        items = content.items()
        print(
            f"Fusion dans « {target.name} » : {len(plan.changes)} changement(s), "
            f"{plan.kept_local} élément(s) plus récents gardés tels quels."
        )
        for change in plan.changes:
            item = items.get(change.item_id)
            label = plain_text(item.text if item else change.after.item_text or change.item_id)
            print(f"  • {label} : {exchange.describe_change(change)}")
        for member in plan.new_members:
            print(f"  • nouveau membre : {member}")
        return 0

    return _run(action)
