"""Search results as the user reads them: matched words in bold in the original text, never in the
normalised one, and a snippet cut around the stretch that holds the most different matched words.

The index stores, for each document, its terms in order and the (start, end) of each term's word
in the original text, so finding the words to highlight is a split and a set lookup: no stemming
at query time, which keeps a results list within the latency budget.
"""

from __future__ import annotations

import html
from array import array

SNIPPET_CHARS = 180

Hit = tuple[int, int, str]


def spans(found: list[Hit]) -> bytes:
    """The (start, end) of each token, packed for the index."""
    return array("I", [offset for start, end, _ in found for offset in (start, end)]).tobytes()


def hits(terms: str, packed: bytes, wanted: frozenset[str]) -> list[Hit]:
    """Where the wanted terms are in the original text: the i-th indexed term is the i-th span."""
    offsets = array("I")
    offsets.frombytes(packed)
    return [(offsets[2 * i], offsets[2 * i + 1], t) for i, t in enumerate(terms.split()) if t in wanted]


def highlight(text: str, found: list[Hit], start: int, end: int) -> str:
    """``text[start:end]`` escaped, with the found words (those wholly inside) in <b>."""
    parts, position = [], start
    for hit_start, hit_end, _ in found:
        if hit_start >= start and hit_end <= end:
            parts += [html.escape(text[position:hit_start]), "<b>", html.escape(text[hit_start:hit_end]), "</b>"]
            position = hit_end
    parts.append(html.escape(text[position:end]))
    return "".join(parts)


def snippet(text: str, found: list[Hit]) -> str:
    """About SNIPPET_CHARS of ``text`` around the stretch holding the most different matched words."""
    if len(text) <= SNIPPET_CHARS:
        return highlight(text, found, 0, len(text))
    best, best_score = 0, (0, 0)
    for i, (first, _, _) in enumerate(found):
        inside = [hit for hit in found[i:] if hit[1] <= first + SNIPPET_CHARS - 30]
        score = (len({t for *_, t in inside}), len(inside))
        if score > best_score:
            best, best_score = first, score
    start = 0 if best < 40 else text.rfind(" ", 0, best - 30) + 1
    end = min(len(text), start + SNIPPET_CHARS)
    if end < len(text):
        end = max(text.rfind(" ", start, end), best + 1)
    return ("… " if start else "") + highlight(text, found, start, end) + (" …" if end < len(text) else "")
