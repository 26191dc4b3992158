"""The instance lock decides what Qt cannot: unreadable lock files, locks from another computer,
and lock files that cannot be written (full disk)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from coopguide.ui.single_instance import LOCK_NAME, InstanceLock
from tests.reliability.conftest import COUNTS, checked_for_traceback
from tests.ui.test_app import start


@pytest.fixture(params=["at-once", "early"])
def make_lock(request):
    """An InstanceLock whose first attempt is made when acquiring (« at-once »), or in a thread
    started beforehand, as the app does (« early », ``start_trying``): every answer is the same."""

    def factory(folder):
        lock = InstanceLock(folder)
        if request.param == "early":
            lock.start_trying()
        return lock

    return factory


@pytest.mark.parametrize(
    "content",
    [b"", b"\x00" * 64, b"hello\nworld\n", b"12\n\n\n"],
    ids=["empty", "zeros", "garbage", "no-host"],
)
def test_an_unreadable_lock_file_is_not_a_running_instance(qtbot, tmp_path, make_lock, content):
    (tmp_path / LOCK_NAME).write_bytes(content)
    lock = make_lock(tmp_path)
    COUNTS["damaged side files tried"] += 1
    assert lock.acquire()
    lock.release()


def test_a_folder_in_place_of_the_lock_file_is_set_aside(qtbot, tmp_path):
    (tmp_path / LOCK_NAME).mkdir()
    (tmp_path / LOCK_NAME / "keep.txt").write_text("x")
    lock = InstanceLock(tmp_path)
    COUNTS["damaged side files tried"] += 1
    assert lock.acquire()
    lock.release()
    aside = list(tmp_path.glob(f"{LOCK_NAME}.dossier-*"))
    assert len(aside) == 1 and (aside[0] / "keep.txt").read_text() == "x"


def test_an_empty_folder_in_place_of_the_lock_file_at_startup(tmp_path):
    data_dir = tmp_path / "data"
    (data_dir / LOCK_NAME).mkdir(parents=True)
    result = start(data_dir)
    COUNTS["damaged side files tried"] += 1
    checked_for_traceback(result.stderr)
    assert result.returncode == 0, result.stderr


FOREIGN = b"999999\npython3.11\nportable-de-alice\n"


def test_a_lock_from_another_computer_asks_and_no_keeps_it(qtbot, tmp_path, make_lock):
    (tmp_path / LOCK_NAME).write_bytes(FOREIGN)
    asked = []
    lock = make_lock(tmp_path)
    assert not lock.acquire(lambda host: asked.append(host) or False)
    assert asked == ["portable-de-alice"]
    assert "autre ordinateur" in lock.refusal and "portable-de-alice" in lock.refusal
    assert "déjà ouvert" not in lock.refusal
    assert (tmp_path / LOCK_NAME).read_bytes() == FOREIGN


def test_a_lock_from_another_computer_is_taken_over_when_the_user_says_so(qtbot, tmp_path, make_lock):
    (tmp_path / LOCK_NAME).write_bytes(FOREIGN)
    lock = make_lock(tmp_path)
    assert lock.acquire(lambda host: True)
    assert b"portable-de-alice" not in (tmp_path / LOCK_NAME).read_bytes()
    lock.release()


def test_a_lock_from_another_computer_without_anyone_to_ask_stops_in_french(tmp_path):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / LOCK_NAME).write_bytes(FOREIGN)
    result = start(data_dir)
    checked_for_traceback(result.stderr)
    assert result.returncode == 1
    assert "portable-de-alice" in result.stderr and "déjà ouvert" not in result.stderr


def test_a_live_instance_on_this_computer_is_still_refused(qtbot, tmp_path, make_lock):
    first = make_lock(tmp_path)
    assert first.acquire()
    try:
        second = make_lock(tmp_path)
        assert not second.acquire(lambda host: pytest.fail("must not ask for this computer"))
        assert "déjà ouvert" in second.refusal
    finally:
        first.release()


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")
def test_a_lock_file_that_cannot_be_written_is_a_storage_error(tmp_path):
    """RLIMIT_FSIZE=0 makes every write fail with EFBIG, as on a full disk."""
    code = (
        "import os, resource, signal, sys\n"
        "from pathlib import Path\n"
        "from coopguide.core.shared.errors import StorageError\n"
        "from coopguide.ui.single_instance import InstanceLock\n"
        "lock = InstanceLock(Path(sys.argv[1]))\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))\n"
        "try:\n"
        "    lock.acquire()\n"
        "except StorageError as error:\n"
        "    os.write(1, str(error).encode())\n"  # a pipe, not a file: not limited
        "    os._exit(7)\n"
        "os._exit(0)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)],
        capture_output=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=60,
    )
    assert result.returncode == 7, result.stderr
    assert "Impossible d'écrire dans le dossier des données" in result.stdout.decode()
