"""A note's change written into its shared text (pycrdt ``Text``) as the smallest insertions and
deletions, and as a three-way merge when the editor started from an older text.

Small edits matter: two people changing one note on two laptops keep both their changes only if
each laptop wrote what it changed, not the whole note again.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pycrdt import Text

MAX_DIFF_CELLS = 1_000_000  # difflib on changed middles whose lengths multiply to at most this (~0.1 s)


def edit_text(text: Text, current: str, wanted: str, base: str) -> None:
    """Turn ``current`` into ``wanted`` by the changes that lead from ``base`` to ``wanted``,
    placed where they fall in ``current`` (the usual three-way merge of text). With ``base`` equal
    to ``current`` these are simply the smallest edits."""
    if base == current:
        edits = _edits(current, wanted)
    else:
        position = _position_map(base, current)
        edits = [(position(start), position(end), new) for start, end, new in _edits(base, wanted)]
    for start, end, new in reversed(edits):  # from the end: earlier positions stay valid
        # pycrdt counts positions in UTF-8 bytes, Python in characters
        start_byte = len(current[:start].encode("utf-8"))
        end_byte = start_byte + len(current[start:end].encode("utf-8"))
        if end_byte > start_byte:
            del text[start_byte:end_byte]
        if new:
            text.insert(start_byte, new)


def _edits(old: str, new: str) -> list[tuple[int, int, str]]:
    """(start, end, replacement) on ``old``, in order, to obtain ``new``."""
    edits = []
    old_end = new_end = 0
    for a, b, size in _matching_blocks(old, new):
        if a > old_end or b > new_end:
            edits.append((old_end, a, new[new_end:b]))
        old_end, new_end = a + size, b + size
    return edits


def _matching_blocks(old: str, new: str) -> list[tuple[int, int, int]]:
    """Blocks (i, j, size) where ``old[i:i+size] == new[j:j+size]``, in order, ending with
    ``(len(old), len(new), 0)`` like difflib's. The common start and end are set aside first, so a
    change in a long note costs one pass over it; difflib (quadratic) only sees the changed middle,
    and a middle too large for it (a whole note pasted over) counts as one change."""
    limit = min(len(old), len(new))
    prefix = 0
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    blocks = [(0, 0, prefix)] if prefix else []
    middle_old, middle_new = old[prefix : len(old) - suffix], new[prefix : len(new) - suffix]
    if middle_old and middle_new and len(middle_old) * len(middle_new) <= MAX_DIFF_CELLS:
        matcher = difflib.SequenceMatcher(None, middle_old, middle_new, autojunk=False)
        blocks += [(prefix + i, prefix + j, size) for i, j, size in matcher.get_matching_blocks() if size]
    if suffix:
        blocks.append((len(old) - suffix, len(new) - suffix, suffix))
    return [*blocks, (len(old), len(new), 0)]


def _position_map(base: str, current: str) -> Callable[[int], int]:
    """A position in ``base`` → the same place in ``current`` (inside a changed span: its end)."""
    blocks = _matching_blocks(base, current)

    def position(offset: int) -> int:
        mapped = len(current)
        for a, b, size in blocks:
            if a <= offset <= a + size:
                return b + (offset - a)
            if offset < a:
                return min(b, mapped)
        return mapped

    return position
