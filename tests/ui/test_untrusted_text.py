"""Text that users typed or that came in a file is never read as rich text (review F1).

Every name, note and value here is ``<img src="FIFO"> <b>…</b>``, where FIFO is a named pipe in
tmp_path. If Qt's rich-text engine reads the text, it opens the pipe to load the « image »: a
watcher thread notices the open (opening a pipe's write end without blocking only succeeds while
someone reads it), then closes its end so the reader gets end-of-file instead of hanging. Each
surface must also show the literal ``<img`` characters: its text format is plain text.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget

from coopguide.core.merge_preview import MergePreview, PreviewGroup, PreviewLine
from coopguide.ui.dossiers import dialogs
from coopguide.ui.search_dialog import SearchDialog

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")


WATCHER = """
import errno, os, sys, time
path, log = sys.argv[1], sys.argv[2]
while True:
    try:
        fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
    except OSError as error:
        if error.errno != errno.ENXIO:  # ENXIO: nobody reads the pipe
            raise
        time.sleep(0.002)
        continue
    with open(log, "a") as f:
        f.write("ouvert\\n")
    os.close(fd)  # the reader gets end-of-file and goes on
    time.sleep(0.01)
"""


class PipeWatcher:
    """Counts the times someone opened ``path`` (a FIFO) for reading, and lets each reader go. It is
    another process: a thread would wait for the GIL that the blocked Qt call may hold."""

    def __init__(self, path) -> None:
        self.path = str(path)
        self.log = Path(f"{path}.log")
        os.mkfifo(self.path)
        self.process = subprocess.Popen([sys.executable, "-c", WATCHER, self.path, str(self.log)])

    @property
    def opened(self) -> int:
        return len(self.log.read_text().splitlines()) if self.log.exists() else 0

    def stop(self) -> None:
        self.process.kill()
        self.process.wait(5)


@pytest.fixture
def pipe(tmp_path):
    watcher = PipeWatcher(tmp_path / "sonde.png")
    yield watcher
    watcher.stop()


@pytest.fixture
def evil(pipe) -> str:
    return f'<img src="{pipe.path}"> <b>Zoé</b>'


def settle(widget: QWidget, qtbot) -> None:
    """Show ``widget`` and let Qt lay it out (the moment a rich label loads its images)."""
    widget.show()
    qtbot.waitExposed(widget)
    for label in widget.findChildren(QLabel):
        label.sizeHint()
    QApplication.processEvents()
    time.sleep(0.1)  # the watcher polls every 2 ms
    QApplication.processEvents()


def assert_plain(widget: QWidget, pipe) -> None:
    assert pipe.opened == 0, "Qt opened the file named in the text"
    quoting = [label for label in widget.findChildren(QLabel) if "<img" in label.text()]
    assert quoting, "the untrusted text is not shown at all"
    for label in quoting:
        assert label.textFormat() == Qt.TextFormat.PlainText, label.text()


@pytest.fixture
def boxes(monkeypatch, qtbot):
    """Question boxes are shown (not run modally) and answered « No »/« Cancel »; kept for checks."""
    shown: list[QMessageBox] = []

    def fake_exec(box: QMessageBox) -> int:
        shown.append(box)
        settle(box, qtbot)
        box.hide()
        return (
            QMessageBox.StandardButton.Cancel
            if box.standardButtons() & QMessageBox.StandardButton.Cancel
            else (QMessageBox.StandardButton.No)
        )

    def static_helper(*args, **kwargs):
        pytest.fail("QMessageBox.question/warning/information read their text as rich text")

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    for name in ("question", "warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, name, static_helper)
    return shown


def test_import_dialog_shows_file_and_dossier_names_as_typed(qtbot, window, pipe, evil):
    dialog = dialogs.ImportDialog(f"{evil}.coopguide", evil, 3, window.store.dossiers.all(), window.state.dossier_id)
    qtbot.addWidget(dialog)
    settle(dialog, qtbot)
    assert_plain(dialog, pipe)


def test_merge_preview_shows_names_and_texts_from_the_file_as_typed(qtbot, window, pipe, evil):
    line = PreviewLine("x", evil, f"note : {evil}", f"fait par {evil}")
    preview = MergePreview((PreviewGroup(evil, (line,), removed=True),), (evil,), f"{evil} dans le futur")
    dialog = dialogs.MergePreviewDialog(preview, evil)
    qtbot.addWidget(dialog)
    settle(dialog, qtbot)
    assert_plain(dialog, pipe)
    assert dialog.details.toPlainText().count("<img") == 5  # the text, as typed, in the list


def test_a_batch_import_and_its_summary_show_names_and_reasons_as_typed(qtbot, window, pipe, evil, tmp_path):
    from coopguide.core.exchange_batch import ReadFile
    from coopguide.core.store.exchange import ExchangeFile
    from coopguide.ui.dossiers.batch_dialogs import BatchImportDialog, SummaryDialog

    window.dossiers.edit_dossier(name=evil)  # the file is merged into it by default: its name is in the list
    inside = ExchangeFile(evil, "", (evil,), "", "test-1", "2099-01-01T00:00:00+00:00", ())
    files = [
        ReadFile(tmp_path / "<b>groupe.coopguide", inside),
        ReadFile(tmp_path / "b.coopguide", refused=f"« {evil} » est abîmé."),
    ]
    preview = MergePreview((), (evil,), "")
    dialog = BatchImportDialog(files, window.store.dossiers.all(), lambda read, target: preview, window)
    qtbot.addWidget(dialog)
    settle(dialog, qtbot)
    assert_plain(dialog, pipe)
    cells = [dialog.table.item(r, c).text() for r in range(2) for c in range(4)]
    assert "<b>groupe.coopguide" in cells and evil in cells
    assert dialog.target.currentText() == f"Fusionner dans « {evil} »"
    dialog.table.selectRow(1)
    settle(dialog, qtbot)
    assert_plain(dialog, pipe)
    summary = SummaryDialog(
        "Importation terminée", f"1 fichier : {evil}", ["Fichier", "Résultat"], [(evil, evil, True)]
    )
    qtbot.addWidget(summary)
    settle(summary, qtbot)
    assert_plain(summary, pipe)
    assert summary.rows() == [(evil, evil)]


def test_duplicate_and_reset_dialogs_show_names_as_typed(qtbot, window, pipe, evil):
    window.dossiers.edit_dossier(name=evil)
    dossier = window.store.dossiers.get(window.state.dossier_id)
    duplicate = dialogs.DuplicateDialog(dossier, "Copie", window)
    qtbot.addWidget(duplicate)
    settle(duplicate, qtbot)
    assert_plain(duplicate, pipe)
    reset = dialogs.ResetDialog(evil, 2, window)
    qtbot.addWidget(reset)
    settle(reset, qtbot)
    assert_plain(reset, pipe)


def test_delete_and_purge_questions_show_the_name_as_typed(qtbot, window, pipe, evil, boxes):
    window.dossiers.edit_dossier(name=evil)
    window.dossiers.ask_delete_dossier()
    other = window.store.dossiers.create(f"{evil} 2")
    window.dossiers.trash_dossier(other.id)
    trash = dialogs.TrashDialog(window.dossiers, window)
    qtbot.addWidget(trash)
    settle(trash, qtbot)
    trash.purge.click()
    assert len(boxes) == 2
    assert pipe.opened == 0
    for box in boxes:
        assert "<img" in box.text() and box.textFormat() == Qt.TextFormat.PlainText


def test_item_editor_shows_who_ticked_as_typed(qtbot, window, pipe, evil):
    window.dossiers.edit_dossier(members=[evil])
    window.panel.ticker.setCurrentIndex(window.panel.ticker.findData(evil))
    window.model.toggle("alpha.groupe")
    window.panel.select_item("alpha.groupe")
    editor = window.panel.editor
    settle(window, qtbot)
    assert "<img" in editor.when.text()
    assert_plain(editor, pipe)


def test_search_status_quotes_the_query_as_typed(qtbot, window, pipe, evil, shipped_index):
    dialog = SearchDialog(window.content, None, window, index=shipped_index)
    qtbot.addWidget(dialog)
    dialog.edit.setText(f"{evil} xqzwv")
    dialog.run_search()
    settle(dialog, qtbot)
    assert "<img" in dialog.status.text()
    assert_plain(dialog, pipe)


def test_an_external_link_question_shows_the_address_as_typed(qtbot, window, pipe, boxes):
    window.open_external(f'https://x.example/<img src="{pipe.path}">')
    assert pipe.opened == 0
    assert len(boxes) == 1 and boxes[0].textFormat() == Qt.TextFormat.PlainText


def test_the_guide_view_loads_no_image_outside_the_content_folder(qtbot, content_root, pipe):
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QImage, QTextDocument

    from coopguide.ui.guide_view import GuideView

    view = GuideView(content_root, "")
    qtbot.addWidget(view)
    for name in (pipe.path, f"../../{os.path.relpath(pipe.path, content_root)}"):
        image = view.loadResource(QTextDocument.ResourceType.ImageResource, QUrl(name))
        assert isinstance(image, QImage) and image.size().width() == 1
    view.setHtml(f'<p>x</p><img src="{pipe.path}"><img src="file://{pipe.path}">')
    settle(view, qtbot)
    assert pipe.opened == 0  # on None, Qt's own loader would have read the absolute path
