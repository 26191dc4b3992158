"""Answer cards: a short answer shown above the results when the question is one people often ask.

The cards are content (``content/recherche-reponses.yaml``, checked against the guides by
:mod:`coopguide.core.content.search_aids`); the index stores them with their triggers as terms. A
card is shown when all the words of one of its triggers are among the words typed (as terms:
accents, plurals and stop words do not matter; synonyms do not count, a card answers what was
asked). When several cards match, the one whose trigger holds the most words wins, then the first
in the file: « la commune peut-elle aider » shows the commune card, not the one on aides.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass


@dataclass(frozen=True)
class CardLine:
    text: str
    target: str  # guide:ID#ANCHOR, for MainWindow.follow_link
    guide_title: str
    section_title: str


@dataclass(frozen=True)
class Card:
    id: str
    question: str
    lines: tuple[CardLine, ...]


@dataclass(frozen=True)
class _Stored:
    card: Card
    triggers: tuple[frozenset[str], ...]


class Cards:
    def __init__(self, conn: sqlite3.Connection):
        self._cards = [
            _Stored(
                Card(
                    card_id,
                    question,
                    tuple(CardLine(p["text"], p["target"], p["guide"], p["section"]) for p in json.loads(points)),
                ),
                tuple(frozenset(t) for t in json.loads(triggers)),
            )
            for card_id, question, triggers, points in conn.execute(
                "SELECT id, question, triggers, points FROM cards ORDER BY position"
            )
        ]

    def best(self, terms: frozenset[str]) -> Card | None:
        """The card for a query made of ``terms``, or None."""
        best, best_size = None, 0
        for stored in self._cards:
            size = max((len(t) for t in stored.triggers if t <= terms), default=0)
            if size > best_size:
                best, best_size = stored.card, size
        return best
