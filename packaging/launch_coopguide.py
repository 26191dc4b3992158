# SPDX-License-Identifier: GPL-3.0-or-later
"""Entry script of the frozen build (PyInstaller needs a script, not a package's ``__main__``)."""

import sys

from coopguide.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
