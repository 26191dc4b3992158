"""Characters no name, note or message needs, and which can deceive: terminal controls (ESC, BEL,
backspace…), bidirectional overrides (U+202A–202E, U+2066–2069) that show text in another order
than it is stored, and zero-width characters (U+200B–200D, U+2060, U+FEFF) that make two names look
alike or a name look empty.

:func:`strip_controls` removes them from what users type and from imported files (the store's
``clean_*`` functions and item rows); :func:`printable` shows any that remain as ``\\u001b`` where
the command line prints, so the terminal never receives them.
"""

from __future__ import annotations

import re
import unicodedata

# C0 controls except tab, line feed and carriage return; DEL and C1; bidi; zero-width.
_HIDDEN = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b-\u200d\u2060\ufeff"
HIDDEN_RE = re.compile(f"[{_HIDDEN}]")
UNPRINTABLE_RE = re.compile(f"[{_HIDDEN}\r]")


def strip_controls(text: str, multiline: bool = False) -> str:
    """``text`` without hidden or control characters, in NFC (« Zoé » typed two ways is one name).
    Line breaks are kept as ``\\n`` when ``multiline``, else they become spaces."""
    text = HIDDEN_RE.sub("", text).replace("\r\n", "\n").replace("\r", "\n")
    if not multiline:
        text = text.replace("\n", " ")
    return unicodedata.normalize("NFC", text)


def printable(text: str) -> str:
    """``text`` with every control character written out (``\\u001b``), line breaks and tabs kept."""
    return UNPRINTABLE_RE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)
