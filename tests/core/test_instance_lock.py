"""The CLI's reading of the window's lock on Windows: a PID is probed through kernel32 (ctypes).

These tests run on any system: kernel32 is replaced by a fake that answers as Windows documents
(OpenProcess, GetExitCodeProcess, CloseHandle), so the decisions are tested here; the ctypes
declarations themselves only run on Windows.
"""

from __future__ import annotations

import os
import socket
import sys

import pytest

from coopguide.core.shared import instance_lock
from coopguide.core.shared.instance_lock import ERROR_INVALID_PARAMETER, STILL_ACTIVE


class FakeKernel32:
    """Processes by PID: their exit code (STILL_ACTIVE while running), or no entry when no process
    has that PID. ``protected`` PIDs refuse OpenProcess with ERROR_ACCESS_DENIED."""

    def __init__(self, processes: dict[int, int], protected: frozenset[int] = frozenset(), exit_code_fails=False):
        self.processes = processes
        self.protected = protected
        self.exit_code_fails = exit_code_fails
        self.error = 0
        self.open_handles: set[int] = set()
        self.asked_access: list[int] = []

    def OpenProcess(self, access, inherit, pid):
        self.asked_access.append(access)
        if pid in self.protected:
            self.error = 5
            return None
        if pid not in self.processes:
            self.error = ERROR_INVALID_PARAMETER
            return None
        handle = 0x7FFF_0000_0000 + pid  # above 32 bits, as handles can be on 64-bit Windows
        self.open_handles.add(handle)
        return handle

    def GetExitCodeProcess(self, handle, code):
        assert handle in self.open_handles
        if self.exit_code_fails:
            self.error = 6  # ERROR_INVALID_HANDLE
            return 0
        code.contents.value = self.processes[handle - 0x7FFF_0000_0000]
        return 1

    def CloseHandle(self, handle):
        self.open_handles.remove(handle)
        return 1

    def last_error(self) -> int:
        return self.error


def alive(kernel32: FakeKernel32, pid: int) -> bool:
    answer = instance_lock.alive_on_windows(pid, kernel32, kernel32.last_error)
    assert kernel32.open_handles == set()  # every handle opened was closed
    return answer


def test_a_running_process_is_alive():
    kernel32 = FakeKernel32({4242: STILL_ACTIVE})
    assert alive(kernel32, 4242)
    assert kernel32.asked_access == [instance_lock.PROCESS_QUERY_LIMITED_INFORMATION]


def test_a_pid_no_process_has_is_not_alive():
    assert not alive(FakeKernel32({}), 4242)


def test_a_process_that_ended_but_is_still_openable_is_not_alive():
    assert not alive(FakeKernel32({4242: 0}), 4242)
    assert not alive(FakeKernel32({4242: 0xC0000005}), 4242)  # crashed: access violation


def test_an_unclear_answer_counts_as_alive():
    """Refused access (another account's protected process) or a failed query: the import is
    refused rather than allowed to write under a window that may be running."""
    assert alive(FakeKernel32({4242: STILL_ACTIVE}, protected=frozenset({4242})), 4242)
    assert alive(FakeKernel32({4242: 0}, exit_code_fails=True), 4242)


@pytest.fixture
def on_windows(monkeypatch):
    """The POSIX probe is not used: any os.kill call fails the test (on Windows it ends the process)."""
    kernel32 = FakeKernel32({})
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(instance_lock, "windows_api", lambda: (kernel32, kernel32.last_error))
    monkeypatch.setattr(os, "kill", lambda *args: pytest.fail("os.kill called on Windows"))
    return kernel32


def test_a_lock_left_on_this_computer_by_a_crashed_window_does_not_block(tmp_path, on_windows):
    (tmp_path / instance_lock.LOCK_NAME).write_text(f"4242\ncoopguide\n{socket.gethostname()}\n")
    assert not instance_lock.held_by_window(tmp_path)  # no process 4242
    on_windows.processes[4242] = STILL_ACTIVE
    assert instance_lock.held_by_window(tmp_path)  # the window runs
    on_windows.processes[4242] = 1
    assert not instance_lock.held_by_window(tmp_path)  # it ended, a handle still open somewhere


def test_the_real_kernel32_is_only_loaded_on_windows():
    if sys.platform == "win32":
        kernel32, last_error = instance_lock.windows_api()
        assert instance_lock.alive_on_windows(os.getpid(), kernel32, last_error)
    else:
        with pytest.raises(OSError):
            instance_lock.windows_api()
