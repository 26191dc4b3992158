"""A dossier as a Yjs document (pycrdt): the truth that merges between laptops.

The ``item_progress`` and ``dossiers`` rows stay the fast view the app queries; this document is
what travels in a ``.coopguide`` file and what merges. Merging two documents never looks at a
clock: Yjs orders concurrent changes by its own ids, so every laptop ends with the same dossier
whatever the order of exchanges and the time each computer believes it is.

Layout of the document (names are part of the exchange format, never renamed):

- map ``dossier``: ``nom``, ``description``, ``cree_le``, ``perimetre`` (the check-lists the dossier
  follows, a JSON list of ids as one string, replaced as a whole; absent: every check-list, which is
  also what a file from before scopes says);
- map ``membres``: member name folded to lower case → the name as written;
- map ``elements``: ``<item id>|etat`` → {state, done_at, done_by, at}, ``|echeance`` → {value, at}
  plus ``regle`` when the due date is counted from a key date (« jugement-ouverture+10 »: documents
  written before it have none, and a Coopguide that does not know it rewrites the group without it
  when it sets a date by hand, which is what the user meant),
  ``|responsable`` → {value, at}, ``|texte`` → {item_text, content_edition}, ``|note`` → {at};
  each key is replaced as a whole (last writer wins, by Yjs order), so a tick and its « fait par »
  never come from two different edits, while a due date and a tick made on two laptops both stay;
- text ``note:<item id>``: the item's note as shared text, so two people editing one note on two
  laptops keep both texts;
- map ``dates``: key date kind → {date, label, at} (``core/store/key_dates.py``); a removed date is
  a deleted key. When a key date changes here or in a merge, every due date counted from it is
  computed again (:meth:`DossierDocument.recompute_dues`), written with the key date's ``at``, so
  two laptops recomputing after the same merge write the very same value.

**Seeding.** A dossier that has rows but no document yet (an existing database at the schema step,
a v1 file imported) gets its first state from :func:`seed_update`, written by client ids derived
from the values themselves. Two laptops holding the same note before their first v2 exchange thus
write the very same Yjs operation, which Yjs keeps once, instead of the note appearing twice.
Seeded values are marked (``graine``): when two laptops whose rows had diverged before the upgrade
first merge, the more recent seed wins, as format 1 merges did (:meth:`DossierDocument.merge`).
A third laptop that diverged too meets values already re-written by that merge, and Yjs order
decides there: a limit, on the first exchanges after the upgrade only.

pycrdt costs ~55 ms to import: this module is imported on first write, never on the start path.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from typing import Any

from pycrdt import Doc, Map, Text

from coopguide.core.shared.relative_dates import parse_rule
from coopguide.core.store.document_check import DocumentError, check_update
from coopguide.core.store.progress import ItemProgress, instant
from coopguide.core.store.text_edits import edit_text

__all__ = ["DocumentError", "DossierDocument", "check_update", "seed_update"]

DOSSIER, MEMBERS, ITEMS, KEY_DATES = "dossier", "membres", "elements", "dates"
SCOPE = "perimetre"  # in the ``dossier`` map
KEY_DATE_FIELDS = ("date", "label", "at")
NOTE_PREFIX = "note:"
GROUPS = ("etat", "echeance", "responsable", "texte", "note")
SEED_MARK = "graine"  # in a group written by a seed: see DossierDocument._first_meetings
SEED_CLIENT_BITS = 52  # client ids of seeds: below 2**53, like the random ones of Yjs


def _seeded(value: object) -> bool:
    return isinstance(value, dict) and value.get(SEED_MARK) == "1"


def _key(item_id: str, group: str) -> str:
    return f"{item_id}|{group}"


def _seed_client(*parts: str) -> int:
    digest = hashlib.blake2b("\x1f".join(parts).encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") >> (64 - SEED_CLIENT_BITS)


class DossierDocument:
    """One dossier's Yjs document, with the edits the app makes and the rows it projects."""

    def __init__(self, update: bytes | None = None) -> None:
        self.doc: Doc[Any] = Doc()
        self._items: Map[Any] = self.doc.get(ITEMS, type=Map)
        self._dossier: Map[Any] = self.doc.get(DOSSIER, type=Map)
        self._members: Map[Any] = self.doc.get(MEMBERS, type=Map)
        self._dates: Map[Any] = self.doc.get(KEY_DATES, type=Map)
        # Transactions that changed something, deletions included (a member removed or a note cut
        # moves no clock, so comparing states misses them); Yjs reports no event for a no-op.
        self.changes = 0
        self._subscription = self.doc.observe(self._count_change)
        if update:
            self.apply(update)

    # -- exchange ------------------------------------------------------------------------------
    def apply(self, update: bytes) -> None:
        """Merge an update (from the database or a file). Applying one twice changes nothing."""
        try:
            self.doc.apply_update(update)
        except Exception as error:  # pycrdt raises ValueError or its own errors on a bad update
            raise DocumentError(str(error)) from error
        except BaseException as error:
            # pyo3's PanicException derives from BaseException: Yrs failed an assertion on this
            # update (another document under one of this one's client ids). This document is
            # then unusable; callers drop it (a copy, or the cache: see documents.py).
            if type(error).__name__ != "PanicException":
                raise
            raise DocumentError("document incohérent avec celui de cet ordinateur") from error

    def _count_change(self, _event: Any) -> None:
        self.changes += 1

    def merge(self, update: bytes) -> None:
        """Apply a document received from another laptop. A note that reads the same on both sides
        stays as it reads: written on each side without a common history (a dossier that went
        through an older Coopguide and was seeded from its rows, a row of a former id copied under
        the new id on both laptops, one older laptop's file merged on both), Yjs keeps both
        insertions and the note would read twice. The copy Yjs orders second is deleted; both
        laptops order the copies alike, so both delete the same one, and merging again changes
        nothing."""
        incoming = DossierDocument(update)
        same = {}
        for item_id in incoming.item_ids():
            note = incoming.row(item_id).note
            if note and self.row(item_id).note == note:
                same[item_id] = note
        values, notes = self._first_meetings(incoming)
        self.apply(update)
        for item_id, note in {**same, **notes}.items():
            merged = self._note_text(item_id)
            if merged != note:
                with self.doc.transaction():
                    edit_text(self.doc.get(NOTE_PREFIX + item_id, type=Text), merged, note, merged)
        with self.doc.transaction():
            for key, value in values.items():
                self._items[key] = value
        with self.doc.transaction():  # a key date moved there, a rule set here (or both): due dates follow
            self.recompute_dues()

    def _first_meetings(self, incoming: DossierDocument) -> tuple[dict[str, Any], dict[str, str]]:
        """Values that both documents hold from two different seeds: rows that diverged on two
        laptops before either had documents (they exchanged format 1 files, then each changed the
        item). Yjs would order the two seeds by client id and keep both note texts; as format 1
        did, the more recent one (its ``at``) wins here, written as an edit on top of both. Both
        laptops choose alike, so they converge. Returns (group key → value, item id → note)."""
        values: dict[str, Any] = {}
        notes: dict[str, str] = {}
        for key in incoming._items.keys():  # noqa: SIM118 (pycrdt types keys only)
            theirs, mine = incoming._items.get(key), self._items.get(key)
            if not (_seeded(theirs) and _seeded(mine)) or theirs == mine:
                continue
            assert isinstance(mine, dict) and isinstance(theirs, dict)  # _seeded checked it
            newer = max((mine, theirs), key=lambda v: (instant(str(v.get("at", ""))), json.dumps(v, sort_keys=True)))
            values[key] = {field: value for field, value in newer.items() if field != SEED_MARK}
            item_id, _, group = key.rpartition("|")
            if group == "note":
                notes[item_id] = (incoming if newer is theirs else self)._note_text(item_id)
        return values, notes

    def state(self) -> bytes:
        return bytes(self.doc.get_state())

    def update(self, since: bytes | None = None) -> bytes:
        """Everything (``since`` None) or what a peer at state ``since`` lacks."""
        return bytes(self.doc.get_update(since) if since is not None else self.doc.get_update())

    def copy(self) -> DossierDocument:
        return DossierDocument(self.update())

    # -- reading -------------------------------------------------------------------------------
    def item_ids(self) -> list[str]:
        return sorted({key.rpartition("|")[0] for key in self._items.keys()})  # noqa: SIM118 (pycrdt types keys only)

    def row(self, item_id: str) -> ItemProgress:
        """The item's values as an :class:`ItemProgress`; :class:`DocumentError` on a bad shape."""
        status = self._group(item_id, "etat", ("state", "done_at", "done_by", "at"))
        due = self._group(item_id, "echeance", ("value", "at", "regle"))
        assignee = self._group(item_id, "responsable", ("value", "at"))
        text = self._group(item_id, "texte", ("item_text", "content_edition"))
        note = self._group(item_id, "note", ("at",))
        stamps = [group.get("at", "") for group in (status, due, assignee, note)]
        return ItemProgress(
            item_id,
            state=status.get("state", ""),
            done_at=status.get("done_at", ""),
            done_by=status.get("done_by", ""),
            note=self._note_text(item_id) if note else "",
            due=due.get("value", ""),
            assignee=assignee.get("value", ""),
            updated_at=max(stamps, key=instant),
            item_text=text.get("item_text", ""),
            content_edition=text.get("content_edition", ""),
            due_rule=due.get("regle", ""),
        )

    def rows(self) -> list[ItemProgress]:
        return [self.row(item_id) for item_id in self.item_ids()]

    def dossier_values(self) -> dict[str, Any]:
        """``name``, ``description``, ``created_at`` (empty when never set), ``members`` and
        ``scope`` (a tuple of check-list ids, or None: every check-list; not cleaned here)."""
        values = {key: self._dossier.get(key, "") for key in ("nom", "description", "cree_le")}
        members = [self._members[key] for key in sorted(self._members.keys())]
        if not all(isinstance(v, str) for v in (*values.values(), *members)):
            raise DocumentError("une valeur du dossier n'est pas un texte")
        return {
            "name": values["nom"],
            "description": values["description"],
            "created_at": values["cree_le"],
            "members": tuple(members),
            "scope": self.scope(),
        }

    def scope(self) -> tuple[str, ...] | None:
        """The followed check-lists; :class:`DocumentError` when the value is not a JSON list of texts."""
        stored = self._dossier.get(SCOPE)
        if stored is None:
            return None
        try:
            parsed = json.loads(stored) if isinstance(stored, str) else None
        except ValueError:
            parsed = None
        if not isinstance(parsed, list) or not all(isinstance(i, str) for i in parsed):
            raise DocumentError("la liste des check-lists suivies est illisible")
        return tuple(parsed)

    def _group(self, item_id: str, group: str, fields: tuple[str, ...]) -> dict[str, str]:
        value = self._items.get(_key(item_id, group))
        if value is None:
            return {}
        if not isinstance(value, dict) or not all(isinstance(value.get(f, ""), str) for f in fields):
            raise DocumentError(f"valeur illisible pour l'élément {item_id[:60]}")
        return {f: value.get(f, "") for f in fields}

    def _note_text(self, item_id: str) -> str:
        return str(self.doc.get(NOTE_PREFIX + item_id, type=Text))

    def key_dates(self) -> dict[str, dict[str, str]]:
        """Key date kind → {date, label, at}; :class:`DocumentError` on a bad shape (checking the
        values themselves is the exchange file's business)."""
        found = {}
        for kind in sorted(self._dates.keys()):
            value = self._dates.get(kind)
            if not isinstance(value, dict) or not all(isinstance(value.get(f, ""), str) for f in KEY_DATE_FIELDS):
                raise DocumentError(f"date clé illisible : {kind[:60]}")
            found[kind] = {f: value.get(f, "") for f in KEY_DATE_FIELDS}
        return found

    def _rule_due(self, rule_text: str) -> tuple[str, str] | None:
        """(due date, the key date's ``at``) that ``rule_text`` gives now; None without its key date."""
        rule = parse_rule(rule_text)
        value = self._dates.get(rule.kind) if rule else None
        if rule is None or not isinstance(value, dict):
            return None
        due = rule.due(str(value.get("date", "")))
        return (due, str(value.get("at", ""))) if due else None

    # -- writing (each call is one Yjs transaction) ---------------------------------------------
    def write_row(self, row: ItemProgress, note_base: str | None = None) -> None:
        """Make the item's values those of ``row``, touching only the groups that differ, so a
        concurrent edit of another field on another laptop stays. The note is changed by the
        smallest insertions and deletions; with ``note_base`` (the text the editor started from)
        they are applied as a change from that text, so a note merged meanwhile is kept."""
        current = self.row(row.item_id)
        key = row.item_id
        with self.doc.transaction():
            if (row.state, row.done_at, row.done_by) != (current.state, current.done_at, current.done_by):
                self._items[_key(key, "etat")] = {
                    "state": row.state,
                    "done_at": row.done_at,
                    "done_by": row.done_by,
                    "at": row.updated_at,
                }
            due = row.due
            if row.due_rule:  # counted from its key date; without it, the date given is kept
                due = (self._rule_due(row.due_rule) or (row.due, ""))[0]
            if (due, row.due_rule) != (current.due, current.due_rule):
                value = {"value": due, "at": row.updated_at}
                self._items[_key(key, "echeance")] = {**value, "regle": row.due_rule} if row.due_rule else value
            if row.assignee != current.assignee:
                self._items[_key(key, "responsable")] = {"value": row.assignee, "at": row.updated_at}
            if (row.item_text, row.content_edition) != (current.item_text, current.content_edition):
                self._items[_key(key, "texte")] = {"item_text": row.item_text, "content_edition": row.content_edition}
            if row.note != current.note:
                text = self.doc.get(NOTE_PREFIX + key, type=Text)
                edit_text(text, current.note, row.note, current.note if note_base is None else note_base)
                self._items[_key(key, "note")] = {"at": row.updated_at}

    def write_scope(self, scope: Iterable[str] | None) -> None:
        """Follow these check-lists (already cleaned), or every one (None: the key goes)."""
        with self.doc.transaction():
            if scope is None:
                if SCOPE in self._dossier:
                    del self._dossier[SCOPE]
                return
            value = json.dumps(list(scope), ensure_ascii=False)
            if self._dossier.get(SCOPE) != value:
                self._dossier[SCOPE] = value

    def write_key_date(self, kind: str, date: str, label: str, at: str) -> None:
        """Set a key date (values already checked) and recompute the due dates counted from it."""
        with self.doc.transaction():
            if self._dates.get(kind) != {"date": date, "label": label, "at": at}:
                self._dates[kind] = {"date": date, "label": label, "at": at}
            self.recompute_dues()

    def remove_key_date(self, kind: str) -> None:
        """Remove a key date. The due dates counted from it keep their last value and their rule:
        the échéance the group worked with does not vanish, and it follows the date again once the
        date is entered again; the views say the key date is missing."""
        if kind in self._dates:
            with self.doc.transaction():
                del self._dates[kind]

    def recompute_dues(self) -> list[str]:
        """Every due date counted from a key date, made what its rule gives now (call inside a
        transaction); returns the ids of the items changed. Written with the key date's ``at``:
        two laptops recomputing after the same merge write identical values."""
        changed = []
        for key in list(self._items.keys()):
            item_id, _, group = key.rpartition("|")
            value = self._items.get(key)
            if group != "echeance" or not isinstance(value, dict) or not isinstance(value.get("regle"), str):
                continue
            computed = self._rule_due(value["regle"])
            if computed and computed[0] != value.get("value"):
                self._items[key] = {"value": computed[0], "at": computed[1], "regle": value["regle"]}
                changed.append(item_id)
        return changed

    def write_dossier(self, name: str, description: str, members: Iterable[str], created_at: str = "") -> None:
        """Set the dossier's values; members missing from ``members`` are removed."""
        wanted = {m.casefold(): m for m in members}
        with self.doc.transaction():
            for key, value in (("nom", name), ("cree_le", created_at)):
                if value and self._dossier.get(key) != value:
                    self._dossier[key] = value
            if self._dossier.get("description", "") != description:
                self._dossier["description"] = description
            for key in list(self._members.keys()):
                if key not in wanted:
                    del self._members[key]
            for key, member in wanted.items():
                if self._members.get(key) != member:
                    self._members[key] = member


# -- seeding --------------------------------------------------------------------------------------
def seed_update(rows: Iterable[ItemProgress], dossier: Mapping[str, Any] | None = None) -> bytes:
    """The first state of a document from rows (see « Seeding » above): the same values give the
    same update bytes on any laptop, so two seeds of one dossier merge without doubling."""
    merged: Doc[Any] = Doc()
    for row in rows:
        fields = (
            row.item_id,
            row.state,
            row.done_at,
            row.done_by,
            row.due,
            row.assignee,
            row.item_text,
            row.content_edition,
            row.updated_at,
        )
        values: Doc[Any] = Doc(client_id=_seed_client("element", *fields))
        items = values.get(ITEMS, type=Map)
        with values.transaction():
            # even unticked: its time tells a recent untick from an old tick, and is the row's
            seed = {SEED_MARK: "1"}
            items[_key(row.item_id, "etat")] = {
                "state": row.state,
                "done_at": row.done_at,
                "done_by": row.done_by,
                "at": row.updated_at,
                **seed,
            }
            if row.due or row.due_rule:
                rule = {"regle": row.due_rule} if row.due_rule else {}
                items[_key(row.item_id, "echeance")] = {"value": row.due, "at": row.updated_at, **rule, **seed}
            if row.assignee:
                items[_key(row.item_id, "responsable")] = {"value": row.assignee, "at": row.updated_at, **seed}
            items[_key(row.item_id, "texte")] = {
                "item_text": row.item_text,
                "content_edition": row.content_edition,
                **seed,
            }
            if row.note:
                items[_key(row.item_id, "note")] = {"at": row.updated_at, **seed}
        merged.apply_update(values.get_update())
        if row.note:
            note: Doc[Any] = Doc(client_id=_seed_client("note", row.item_id, row.note))
            note.get(NOTE_PREFIX + row.item_id, type=Text).insert(0, row.note)
            merged.apply_update(note.get_update())
    if dossier is not None:
        name, description = str(dossier.get("name", "")), str(dossier.get("description", ""))
        created_at = str(dossier.get("created_at", ""))
        dossier_values: Doc[Any] = Doc(client_id=_seed_client("dossier", name, description, created_at))
        with dossier_values.transaction():
            fields_map = dossier_values.get(DOSSIER, type=Map)
            for key, value in (("nom", name), ("description", description), ("cree_le", created_at)):
                if value:
                    fields_map[key] = value
        merged.apply_update(dossier_values.get_update())
        for member in dossier.get("members", ()):
            person: Doc[Any] = Doc(client_id=_seed_client("membre", member))
            person.get(MEMBERS, type=Map)[member.casefold()] = member
            merged.apply_update(person.get_update())
    return bytes(merged.get_update())
