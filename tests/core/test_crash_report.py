"""The Qt-free half of the crash handler: the rotating journal, the fault log, the command-line line."""

from __future__ import annotations

import logging
import subprocess
import sys

import pytest

from coopguide.core.shared import crash_report
from coopguide.core.shared.errors import BugError


@pytest.fixture(autouse=True)
def stopped():
    yield
    crash_report.stop_logging()
    crash_report.stop_fault_log()


def raised(error: BaseException) -> BaseException:
    try:
        raise error
    except BaseException as caught:
        return caught


def test_the_journal_is_opened_at_the_first_record_and_rotates(tmp_path, monkeypatch):
    monkeypatch.setattr(crash_report, "LOG_BYTES", 2_000)
    assert crash_report.start_logging(tmp_path) == tmp_path / "journal.log"
    assert not (tmp_path / "journal.log").exists()  # nothing logged yet: nothing written at start
    for number in range(40):
        crash_report.logger.warning("ligne %d %s", number, "x" * 100)
    assert (tmp_path / "journal.log").exists() and (tmp_path / "journal.log.1").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "journal.log",
        "journal.log.1",
        "journal.log.2",
        "journal.log.3",
    ]
    assert "ligne 39" in (tmp_path / "journal.log").read_text(encoding="utf-8")


def test_logging_handlers_is_not_imported_at_start():
    code = (
        "import sys, tempfile, pathlib\n"
        "from coopguide.core.shared import crash_report\n"
        "folder = pathlib.Path(tempfile.mkdtemp())\n"
        "crash_report.start_logging(folder); crash_report.start_fault_log(folder)\n"
        "print('logging.handlers' in sys.modules, 'platform' in sys.modules)\n"
        "crash_report.logger.error('x')\n"
        "print('logging.handlers' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False", "False", "True"]


def test_a_read_only_data_folder_logs_to_stderr_only(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(crash_report.os, "access", lambda *args: False)
    assert crash_report.start_logging(tmp_path) is None
    assert crash_report.start_fault_log(tmp_path) is None
    crash_report.logger.error("rien sur le disque")
    assert "rien sur le disque" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_a_bug_is_logged_with_version_platform_and_traceback(tmp_path):
    crash_report.start_logging(tmp_path)
    error = raised(ZeroDivisionError("division by zero"))
    details = crash_report.record_bug((type(error), error, error.__traceback__), extra=["Qt 6"], where="essai")
    assert details.startswith("Coopguide ") and "\nPython " in details and "\nQt 6\n" in details
    assert f"Journal : {tmp_path / 'journal.log'}" in details
    assert "Traceback (most recent call last)" in details and details.rstrip().endswith("division by zero")
    logged = (tmp_path / "journal.log").read_text(encoding="utf-8")
    assert "ERROR coopguide" in logged and "Erreur inattendue (essai)" in logged and "ZeroDivisionError" in logged


def test_the_command_line_gets_one_french_line_and_the_log_the_traceback(tmp_path):
    original = raised(OSError(18, "Invalid cross-device link"))
    bug = raised(BugError("écrire le fichier x.csv", original))
    line = crash_report.report_for_cli(bug, tmp_path)
    log = tmp_path / "journal.log"
    assert line == f"Coopguide a rencontré une erreur inattendue (BugError). Les détails sont notés dans {log}."
    assert "\n" not in line and crash_report.BUG_EXIT_CODE == 2
    logged = (tmp_path / "journal.log").read_text(encoding="utf-8")
    assert "ligne de commande" in logged and "BugError: écrire le fichier x.csv" in logged


def test_the_command_line_without_a_writable_folder_shows_the_details_on_stderr(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(crash_report.os, "access", lambda *args: False)
    line = crash_report.report_for_cli(raised(KeyError("x")), tmp_path)
    assert line == "Coopguide a rencontré une erreur inattendue (KeyError). Les détails sont affichés ci-dessus."
    assert "Traceback (most recent call last)" in capsys.readouterr().err


def test_a_hard_crash_leaves_its_stack_in_plantage_log(tmp_path):
    code = (
        "import faulthandler, pathlib, sys\n"
        "from coopguide.core.shared import crash_report\n"
        f"crash_report.start_fault_log(pathlib.Path({str(tmp_path)!r}))\n"
        "faulthandler._sigsegv()\n"
    )
    (tmp_path / "plantage.log").write_text("plantage précédent\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode != 0
    written = (tmp_path / "plantage.log").read_text(encoding="utf-8")
    assert written.startswith("plantage précédent\n")  # appended, not replaced
    assert "Fatal Python error: Segmentation fault" in written and "<string>" in written


def test_logging_set_up_twice_keeps_one_handler(tmp_path):
    crash_report.start_logging(tmp_path)
    crash_report.start_logging(tmp_path)
    ours = [h for h in logging.getLogger("coopguide").handlers if isinstance(h, crash_report._LogFile)]
    assert len(ours) == 1
