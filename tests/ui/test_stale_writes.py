"""Another process (``coopguide import --into``, simulated by a second store connection) changes an
item while the window is open: the window's next edit or Ctrl+Z must not write back its stale copy
(reliability review F2)."""

from __future__ import annotations

import json
import sqlite3

from PySide6.QtCore import QLockFile

from coopguide.core.shared.paths import DATABASE_NAME
from coopguide.core.store import open_store
from coopguide.core.store.progress import DONE, TODO
from coopguide.ui import single_instance
from tests.core.test_cli_and_paths import run_cli

CHANGED_ELSEWHERE = "Cet élément a été modifié ailleurs (import ou autre fenêtre) depuis : annulation impossible."
WINDOW_OPEN = "Coopguide est ouvert sur ce dossier de données : fermez la fenêtre ou importez depuis le menu Fichier."


def on_disk(data_dir, item_id):
    with sqlite3.connect(data_dir / DATABASE_NAME) as conn:
        return conn.execute(
            "SELECT state, done_by, note, due, assignee FROM item_progress WHERE item_id = ?", (item_id,)
        ).fetchone()


def merge_elsewhere(data_dir, dossier_id, item_id, **fields):
    """What ``coopguide import --into`` does: its own connection writes a newer row."""
    other = open_store(data_dir)
    try:
        row = other.items.row(dossier_id, item_id).with_changes(**fields)
        other.items.save(dossier_id, [row], "fusionner")
    finally:
        other.close()


def test_a_tick_in_the_window_keeps_a_note_merged_meanwhile(window, data_dir):
    dossier_id = window.state.dossier_id
    merge_elsewhere(data_dir, dossier_id, "alpha.groupe", note="Note fusionnée")
    window.model.toggle("alpha.groupe")  # the window still has the row without the note
    assert on_disk(data_dir, "alpha.groupe")[0] == DONE
    assert on_disk(data_dir, "alpha.groupe")[2] == "Note fusionnée"
    assert window.state.resolved.get("alpha.groupe").note == "Note fusionnée"  # the window shows the truth


def test_a_note_edit_keeps_a_tick_merged_meanwhile(window, data_dir):
    merge_elsewhere(data_dir, window.state.dossier_id, "alpha.groupe", state=DONE, done_by="Aline")
    window.panel.select_item("alpha.groupe")
    window.edits.change_item("alpha.groupe", {"note": "ma note"}, "modifier la note")
    assert on_disk(data_dir, "alpha.groupe")[:3] == (DONE, "Aline", "ma note")


def test_undo_after_an_external_change_is_refused_and_loses_nothing(window, data_dir, shown_errors):
    window.model.toggle("alpha.groupe")
    merge_elsewhere(data_dir, window.state.dossier_id, "alpha.groupe", note="Note fusionnée")
    window.undo_stack.undo()
    assert shown_errors == [CHANGED_ELSEWHERE]
    assert on_disk(data_dir, "alpha.groupe")[0] == DONE and on_disk(data_dir, "alpha.groupe")[2] == "Note fusionnée"
    assert window.state.resolved.get("alpha.groupe").note == "Note fusionnée"  # read again from the store
    assert window.model.is_done("alpha.groupe")


def test_undo_redo_undo_still_works_without_external_change(window, data_dir, shown_errors):
    window.model.toggle("alpha.groupe")
    window.undo_stack.undo()
    window.undo_stack.redo()
    window.undo_stack.undo()
    assert on_disk(data_dir, "alpha.groupe")[0] == TODO and not shown_errors


def test_redo_after_an_external_change_is_refused(window, data_dir, shown_errors):
    window.model.toggle("alpha.groupe")
    window.undo_stack.undo()
    merge_elsewhere(data_dir, window.state.dossier_id, "alpha.groupe", note="Note fusionnée")
    window.undo_stack.redo()
    assert shown_errors == [CHANGED_ELSEWHERE]
    assert on_disk(data_dir, "alpha.groupe")[0] == TODO and on_disk(data_dir, "alpha.groupe")[2] == "Note fusionnée"


def held_lock(data_dir):
    data_dir.mkdir(parents=True, exist_ok=True)
    lock = QLockFile(str(data_dir / single_instance.LOCK_NAME))
    assert lock.tryLock(0)
    return lock


def test_the_lock_helper_reads_a_real_qlockfile(tmp_path):
    from coopguide.core.shared import instance_lock

    assert instance_lock.LOCK_NAME == single_instance.LOCK_NAME
    assert not instance_lock.held_by_window(tmp_path)
    lock = held_lock(tmp_path)
    try:
        owner = instance_lock.lock_owner(tmp_path)
        assert owner is not None and owner[0] > 0
        assert instance_lock._alive(owner[0])
    finally:
        lock.unlock()
    assert not (tmp_path / single_instance.LOCK_NAME).exists()
    (tmp_path / single_instance.LOCK_NAME).write_text("999999999\ncoopguide\nailleurs\n")
    assert not instance_lock.held_by_window(tmp_path)  # another computer: decided by the window


def test_cli_import_into_is_refused_while_the_window_holds_the_lock(data_dir, content_root, tmp_path):
    store = open_store(data_dir)
    dossier = store.dossiers.create("Reprise Dupont")
    store.items.set_state(dossier.id, "alpha.groupe", DONE, content_edition="test-1", done_by="Aline")
    store.close()
    assert run_cli("export", "Reprise Dupont", str(tmp_path / "dupont")).returncode == 0
    payload = json.loads((tmp_path / "dupont.coopguide").read_text(encoding="utf-8"))
    payload["items"][0].update(note="fusion", updated_at="2099-01-01T00:00:00+00:00")
    (tmp_path / "plus-tard.coopguide").write_text(json.dumps(payload), encoding="utf-8")
    before = (data_dir / DATABASE_NAME).read_bytes()
    lock = held_lock(data_dir)  # a window open on this data folder (this process holds the lock)
    try:
        merged = run_cli("import", str(tmp_path / "plus-tard.coopguide"), "--into", "Reprise Dupont")
        as_new = run_cli("import", str(tmp_path / "dupont.coopguide"))
    finally:
        lock.unlock()
    for result in (merged, as_new):
        assert result.returncode == 1
        assert result.stderr.strip() == WINDOW_OPEN
    assert (data_dir / DATABASE_NAME).read_bytes() == before
    merged = run_cli("import", str(tmp_path / "plus-tard.coopguide"), "--into", "Reprise Dupont")
    assert merged.returncode == 0, merged.stderr  # once the window is closed
