"""Characters no name, note or message needs, and which can deceive: terminal controls (ESC, BEL,
backspace…), bidirectional overrides (U+202A–202E, U+2066–2069) that show text in another order
than it is stored, and zero-width characters (U+200B–200D, U+2060, U+FEFF) that make two names look
alike or a name look empty.

:func:`strip_controls` removes them from what users type and from imported files (the store's
``clean_*`` functions and item rows); :func:`printable` shows any that remain as ``\\u001b`` where
the command line prints, so the terminal never receives them.
"""

from __future__ import annotations

import unicodedata

# C0 controls except tab, line feed and carriage return; DEL and C1; bidi; zero-width. Tables for
# str.translate rather than a regular expression: the same characters, without compiling two
# character-class patterns on every start (~0.7 ms).
_HIDDEN = [
    *range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0),  # C0 but \t \n \r; DEL, C1
    *range(0x202A, 0x202F), *range(0x2066, 0x206A),  # bidi embeddings, overrides, isolates
    *range(0x200B, 0x200E), 0x2060, 0xFEFF,  # zero-width spaces and joiners, word joiner, BOM
]  # fmt: skip
_REMOVED = dict.fromkeys(_HIDDEN)
_WRITTEN_OUT = {code: f"\\u{code:04x}" for code in [*_HIDDEN, ord("\r")]}


def strip_controls(text: str, multiline: bool = False) -> str:
    """``text`` without hidden or control characters, in NFC (« Zoé » typed two ways is one name).
    Line breaks are kept as ``\\n`` when ``multiline``, else they become spaces."""
    text = text.translate(_REMOVED).replace("\r\n", "\n").replace("\r", "\n")
    if not multiline:
        text = text.replace("\n", " ")
    return unicodedata.normalize("NFC", text)


def printable(text: str) -> str:
    """``text`` with every control character written out (``\\u001b``), line breaks and tabs kept."""
    return text.translate(_WRITTEN_OUT)
