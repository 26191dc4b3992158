"""File names made from names people typed, valid on Windows, macOS and Linux.

A dossier named « Séance 02/12 — Groupe 1 » exported as ``Séance 02/12 — Groupe 1.coopguide`` was
written as ``12 — Groupe 1.coopguide`` in a sub-folder: the slash split the path. Files travel on
USB keys (FAT32, exFAT) between laptops of every kind, so a proposed name must satisfy all three
systems at once.

The character rules and Windows' reserved device names (CON, NUL, COM1…) come from ``pathvalidate``
(platform « universal », the union of the three systems' rules): a small, typed, maintained library
whose rules follow Microsoft's documentation. It fixes one problem per call (a name that becomes
``LPT9`` once its trailing space is cut is left so), so it is applied until the name no longer
changes. Around it, what it leaves to its caller:

- hidden characters (bidirectional overrides, zero-width, controls) are dropped and the text is
  NFC, as for every name in the store (:func:`~coopguide.core.shared.safe_text.strip_controls`);
- no leading dot (a hidden file on macOS and Linux) nor leading dash (read as an option by
  command-line tools);
- Windows also reserves a device name followed by spaces and an extension (``CON .coopguide``);
- the length is bounded in characters *and* bytes, leaving room for a suffix and a « (2) »;
- an empty result becomes a fallback name rather than an error: proposing a name never fails.

Accents are kept: « Séance » stays « Séance ».
"""

from __future__ import annotations

from collections.abc import Collection

from pathvalidate import is_valid_filename, sanitize_filename

from coopguide.core.shared.safe_text import strip_controls

MAX_STEM_CHARS = 80  # a readable name in a file dialog; far below every system's limit
MAX_STEM_BYTES = 200  # UTF-8: ext4 allows 255 bytes, « ♥ » takes 3; room for « (99).coopguide »
RESERVED_EXTRA = ("CONIN$", "CONOUT$")  # console devices pathvalidate does not list
EDGES = " .-"
REPLACEMENT = "-"  # « 02/12 » becomes « 02-12 »


def _sanitized(text: str) -> str:
    for _ in range(4):  # each call fixes one problem; a name needs at most a few rounds
        cleaned = sanitize_filename(
            text,
            replacement_text=REPLACEMENT,
            platform="universal",
            max_len=255,
            additional_reserved_names=RESERVED_EXTRA,
        ).strip(EDGES)
        if cleaned == text:
            break
        text = cleaned
    return text


def _shortened(text: str) -> str:
    text = text[:MAX_STEM_CHARS]
    while len(text.encode("utf-8")) > MAX_STEM_BYTES:
        text = text[:-1]
    return text


def _device_safe(stem: str) -> str:
    """``CON .coopguide`` opens the console on Windows: the part before the first dot, trailing
    spaces ignored, must not be a device name either."""
    first = stem.split(".", 1)[0].rstrip(" ")
    if first and not is_valid_filename(first, platform="universal", additional_reserved_names=RESERVED_EXTRA):
        return f"{first}_{stem[len(first) :]}"
    return stem


def safe_file_name(name: str, suffix: str = "", fallback: str = "dossier") -> str:
    """``name`` as a file name valid everywhere (``suffix``, such as ``.coopguide``, appended).

    >>> safe_file_name("Séance 02/12 — Groupe 1", ".coopguide")
    'Séance 02-12 — Groupe 1.coopguide'
    """
    text = " ".join(strip_controls(name).split())
    stem = _device_safe(_sanitized(_shortened(_sanitized(text))))
    return f"{stem or fallback}{suffix}"


def free_file_name(stem: str, suffix: str, taken: Collection[str]) -> str:
    """``stem + suffix``, or ``stem (2) + suffix``…: the first name not in ``taken``.

    ``taken`` holds names already casefolded: Windows and macOS (and a FAT or exFAT key anywhere)
    do not tell ``Groupe.coopguide`` from ``groupe.coopguide``.
    """
    candidate, number = f"{stem}{suffix}", 2
    while candidate.casefold() in taken:
        candidate, number = f"{stem} ({number}){suffix}", number + 1
    return candidate
