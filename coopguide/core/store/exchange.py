"""Importing a ``.coopguide`` file (:mod:`exchange_file`): as a new dossier, or merged into one.

A format 2 file carries the dossier's Yjs document (:mod:`document`): merging applies it to the
local document, which never looks at clocks, so merging A into B and B into A gives the same
dossier on both and merging a file twice changes nothing. A format 1 file (older versions) merges
as before: for each item, the version with the later ``updated_at`` wins, written as a local edit.

Each import is one transaction; nothing is written before the user saw the plan
(:func:`plan_merge`) and confirmed.
"""

from __future__ import annotations

from dataclasses import dataclass

from coopguide.core.content.model import Content
from coopguide.core.shared.dates import short_date
from coopguide.core.store import Store, key_dates
from coopguide.core.store.dossiers import Dossier, clean_description, clean_members
from coopguide.core.store.exchange_file import (
    FILE_SUFFIX,
    MAX_FILE_BYTES,
    ExchangeFile,
    ExchangeFileError,
    check_merged,
    export_dossier,
    export_payload,
    parse_exchange,
    read_exchange_file,
)
from coopguide.core.store.progress import STATE_LABELS, ItemProgress, alias_map, is_newer, resolve

__all__ = [
    "FILE_SUFFIX",
    "MAX_FILE_BYTES",
    "ExchangeFile",
    "ExchangeFileError",
    "KeyDateChange",
    "MergeChange",
    "MergePlan",
    "apply_merge",
    "describe_change",
    "export_dossier",
    "export_payload",
    "import_as_new",
    "parse_exchange",
    "plan_merge",
    "read_exchange_file",
]

COMPARED = ("state", "done_by", "note", "due", "assignee", "due_rule")


def import_as_new(store: Store, exchange: ExchangeFile, name: str | None = None) -> Dossier:
    """A new dossier holding the file's progress; its name gets « (2) » if it is already taken.
    With a document, the new dossier continues that document, so later merges with the laptop it
    came from share its history."""
    name = store.dossiers.free_name(name or exchange.name)
    with store.db.transaction("importer le dossier") as conn:
        new_id = store.dossiers.insert(conn, name, exchange.description, exchange.members, exchange.created_at)
        if exchange.document is not None:
            store.documents.start(conn, new_id, exchange.document)
            store.dossiers.write_scope(conn, new_id, exchange.scope)  # the document already holds it
            key_dates.write_rows(conn, new_id, store.documents.load(conn, new_id).key_dates())
        store.items.upsert(conn, new_id, exchange.items)  # a format 1 file: seeded from these rows later
    return store.dossiers.require(new_id)


@dataclass(frozen=True)
class MergeChange:
    item_id: str
    before: ItemProgress
    after: ItemProgress


@dataclass(frozen=True)
class KeyDateChange:
    """A key date the merge adds, moves or removes (``before``/``after``: ISO dates, "" for none)."""

    kind: str
    label: str  # the user's name of an ``autre-…`` date; "" for the content's kinds
    before: str
    after: str


@dataclass(frozen=True)
class MergePlan:
    dossier_id: int
    changes: tuple[MergeChange, ...]  # per item, as the dossier's items would read after the merge
    new_members: tuple[str, ...]
    removed_members: tuple[str, ...] = ()
    description: str | None = None  # the new description, when it changes
    document: bytes | None = None  # format 2: what apply_merge merges (it recomputes the rows)
    scope_changed: bool = False  # the followed check-lists change: from ``scope_before`` to ``scope``
    scope_before: tuple[str, ...] | None = None
    scope: tuple[str, ...] | None = None
    key_dates: tuple[KeyDateChange, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not (
            self.changes
            or self.new_members
            or self.removed_members
            or self.description is not None
            or self.scope_changed
            or self.key_dates
        )


def plan_merge(store: Store, dossier_id: int, exchange: ExchangeFile, content: Content | None = None) -> MergePlan:
    """What merging would change, computed without writing: shown to the user before they confirm.

    With ``content``, rows are attributed to the current items (former ids, see progress.resolve),
    so the plan lists what the user will see change."""
    dossier = store.dossiers.require(dossier_id)
    if exchange.document is None:
        return _plan_format_1(store, dossier, exchange, content)
    from coopguide.core.store.document_check import DocumentError

    merged = store.documents.snapshot(store.db.conn, dossier_id)  # a copy: merging into it writes nothing
    local_rows = merged.rows()
    local_dates = merged.key_dates()
    try:
        merged.merge(exchange.document)
    except DocumentError as error:
        raise ExchangeFileError("Le fichier à fusionner est abîmé : son document est illisible.") from error
    changes = _changes(local_rows, check_merged(merged, local_rows), content)
    values = merged.dossier_values()
    members = _members_after(dossier.members, values["members"])
    description = clean_description(values["description"])
    return MergePlan(
        dossier_id,
        changes,
        new_members=tuple(m for m in members if m not in dossier.members),
        removed_members=tuple(m for m in dossier.members if m not in members),
        description=description if description != dossier.description else None,
        document=exchange.document,
        scope_changed=values["scope"] != dossier.scope,
        scope_before=dossier.scope,
        scope=values["scope"],
        key_dates=_key_date_changes(local_dates, merged.key_dates()),
    )


def _key_date_changes(before: dict[str, dict[str, str]], after: dict[str, dict[str, str]]) -> tuple[KeyDateChange, ...]:
    changes = []
    for kind in sorted({*before, *after}):
        old, new = before.get(kind, {}), after.get(kind, {})
        if (old.get("date"), old.get("label")) != (new.get("date"), new.get("label")):
            label = new.get("label") or old.get("label") or ""
            changes.append(KeyDateChange(kind, label, old.get("date", ""), new.get("date", "")))
    return tuple(sorted(changes, key=lambda c: (c.after or c.before, c.kind)))


def apply_merge(store: Store, plan: MergePlan) -> None:
    dossier = store.dossiers.require(plan.dossier_id)
    with store.db.transaction("fusionner le dossier") as conn:
        if plan.document is None:
            store.items.record(conn, plan.dossier_id, [change.after for change in plan.changes])
            members = clean_members((*dossier.members, *plan.new_members))
            store.documents.record_dossier(conn, plan.dossier_id, dossier.name, dossier.description, members)
            store.dossiers.write_values(conn, plan.dossier_id, dossier.name, dossier.description, members)
            return
        from coopguide.core.store.document_check import DocumentError

        # Format 2: merge the document as it is now (not as when the plan was made) and let the
        # rows follow it; the name stays this computer's (names are unique per computer).
        try:
            document = store.documents.merge(conn, plan.dossier_id, plan.document)
        except DocumentError as error:
            raise ExchangeFileError("Le fichier à fusionner est abîmé : son document est illisible.") from error
        stored = {row.item_id: row for row in store.items.rows(plan.dossier_id)}
        rows = check_merged(document, stored.values())  # refused: the transaction and the cache go
        store.items.upsert(conn, plan.dossier_id, [row for row in rows if stored.get(row.item_id) != row])
        key_dates.write_rows(conn, plan.dossier_id, document.key_dates())
        values = document.dossier_values()
        store.dossiers.write_values(
            conn,
            plan.dossier_id,
            dossier.name,
            clean_description(values["description"]),
            _members_after(dossier.members, values["members"]),
        )
        if values["scope"] != dossier.scope:
            store.dossiers.write_scope(conn, plan.dossier_id, values["scope"])


def _members_after(local: tuple[str, ...], merged: tuple[str, ...]) -> tuple[str, ...]:
    """The merged members, in this computer's order first, newcomers after."""
    folded = {m.casefold(): m for m in clean_members(merged)}
    kept = [folded.pop(m.casefold()) for m in local if m.casefold() in folded]
    return (*kept, *folded.values())


def _changes(
    before_rows: list[ItemProgress], after_rows: list[ItemProgress], content: Content | None
) -> tuple[MergeChange, ...]:
    if content is not None:
        before = resolve(before_rows, content).by_item
        after = resolve(after_rows, content).by_item
    else:
        before = {row.item_id: row for row in before_rows}
        after = {row.item_id: row for row in after_rows}
    changes = []
    for item_id, row in sorted(after.items()):
        old = before.get(item_id) or ItemProgress(item_id)
        if not _same_values(old, row):
            changes.append(MergeChange(item_id, old, row))
    return tuple(changes)


def _plan_format_1(store: Store, dossier: Dossier, exchange: ExchangeFile, content: Content | None) -> MergePlan:
    """Format 1: per item, the more recently changed version (by ``updated_at``). A row the file
    holds under an item's current id wins over one under its former id, whatever their dates."""
    aliases = alias_map(content) if content else {}
    incoming_by_id: dict[str, ItemProgress] = {}
    for incoming in exchange.items:
        current_id = aliases.get(incoming.item_id, incoming.item_id)
        if incoming.item_id != current_id and current_id in {row.item_id for row in exchange.items}:
            continue
        incoming_by_id[current_id] = incoming.with_changes(item_id=current_id)
    rows = store.items.rows(dossier.id)
    local = resolve(rows, content).by_item if content else {row.item_id: row for row in rows}
    changes: list[MergeChange] = []
    for current_id, incoming in sorted(incoming_by_id.items()):
        before = local.get(current_id) or ItemProgress(current_id)
        if not _same_values(before, incoming) and is_newer(incoming.updated_at, before.updated_at):
            changes.append(MergeChange(current_id, before, incoming))
    known = {m.casefold() for m in dossier.members}
    new_members = tuple(m for m in exchange.members if m.casefold() not in known)
    return MergePlan(dossier.id, tuple(changes), new_members)


def _same_values(a: ItemProgress, b: ItemProgress) -> bool:
    return all(getattr(a, k) == getattr(b, k) for k in COMPARED)


def describe_change(change: MergeChange) -> str:
    """« fait → non applicable ; note modifiée ; échéance : 2026-12-01 » — what the user is shown."""
    before, after = change.before, change.after
    parts = []
    if before.state != after.state:  # who and when are shown beside it (merge_preview.when_text)
        parts.append(f"{STATE_LABELS[before.state]} → {STATE_LABELS[after.state]}")
    if before.note != after.note:
        parts.append("note ajoutée" if not before.note else "note effacée" if not after.note else "note modifiée")
    if before.due != after.due:
        parts.append(f"échéance : {short_date(after.due) if after.due else 'aucune'}")
    if before.due_rule != after.due_rule:
        parts.append(f"échéance relative : {after.due_rule or 'aucune'}")
    if before.assignee != after.assignee:
        parts.append(f"responsable : {after.assignee or 'personne'}")
    if before.done_by != after.done_by and before.state == after.state:
        parts.append(f"fait par : {after.done_by or 'personne'}")
    return " ; ".join(parts)
