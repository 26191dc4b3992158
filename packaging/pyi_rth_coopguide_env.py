# SPDX-License-Identifier: GPL-3.0-or-later
"""PyInstaller runtime hook: programs started by the frozen app must not inherit its library path.

On Linux the bootloader restarts itself with ``LD_LIBRARY_PATH=<bundle>/_internal`` (the original
value, if any, saved in ``LD_LIBRARY_PATH_ORIG``). The dynamic loader reads the variable once, at
start, so this process keeps finding its bundled libraries; but a child process (``xdg-open`` and the
browser opened for an external link, a PDF viewer) would load the bundle's Qt, ICU and SQLite
instead of its own, and may crash (PyInstaller docs, "LD_LIBRARY_PATH / LIBPATH considerations";
microsoft/apm#1534). Restore the user's value for everything started from here.
"""

import os
import sys

if sys.platform.startswith("linux"):
    original = os.environ.pop("LD_LIBRARY_PATH_ORIG", None)
    if original is not None:
        os.environ["LD_LIBRARY_PATH"] = original
    else:
        os.environ.pop("LD_LIBRARY_PATH", None)
