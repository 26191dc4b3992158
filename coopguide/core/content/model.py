"""The content model: what a guide, a checklist and an item are, independent of files and of Qt.

The loaded content is cached as these very values (``core/content/cache.py``, pickled) and read back
at start-up without parsing YAML or Markdown again; ``to_dict`` gives them as plain JSON-ready data.

The values are ``typing.NamedTuple`` classes, immutable and compared by value as frozen dataclasses
were, because they are defined at every start: on Python 3.11 a frozen dataclass compiles six
generated methods when its class is made (~0.45 ms each class, ~7 ms for this module before the
first frame), a NamedTuple one (~0.1 ms). What that changes: ``x._replace(…)`` instead of
``dataclasses.replace``, :func:`plain` instead of ``asdict``, and a value is also a tuple (never
compared with one here). :class:`Content`, filled in place by the loader, is a plain class: no
dataclass is defined on the start path, which spares importing ``dataclasses`` too (~2 ms).

No ``from __future__ import annotations`` here: a NamedTuple's field annotations given as strings
are each made into a ``typing.ForwardRef``, which compiles them (~1.3 ms for this module's 75).
"""

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, NamedTuple


def plain(value: Any) -> Any:
    """``value`` as JSON-ready data, as ``dataclasses.asdict`` gave it: each NamedTuple becomes a
    dict of its fields, other tuples lists, recursively."""
    if hasattr(value, "_fields"):
        return {name: plain(field_value) for name, field_value in zip(value._fields, value, strict=True)}
    if isinstance(value, tuple | list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {key: plain(v) for key, v in value.items()}
    return value


class Problem(NamedTuple):
    """One thing wrong in the content, located at ``path:line``."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class Source(NamedTuple):
    titre: str
    url: str | None = None
    reference: str | None = None


class ChecklistItem(NamedTuple):
    id: str
    text: str
    line: int
    guide_id: str
    checklist_id: str
    aliases: tuple[str, ...] = ()


class Checklist(NamedTuple):
    id: str
    title: str
    guide_id: str
    line: int
    items: tuple[ChecklistItem, ...]


class GlossaryTerm(NamedTuple):
    id: str
    term: str
    definition: str  # plain Markdown, note markers left out: what a tooltip shows
    references: str = ""  # the text of the term's reference notes, « ; » between two


class Link(NamedTuple):
    """A link or image found in a guide's body, kept for validation."""

    line: int
    target: str
    is_image: bool = False


class Guide(NamedTuple):
    id: str
    title: str
    summary: str
    theme: str
    order: int
    version: int
    updated: str
    path: str
    body: str
    body_first_line: int
    sources: tuple[Source, ...] = ()
    tags: tuple[str, ...] = ()
    kind: str = "guide"
    checklists: tuple[Checklist, ...] = ()
    anchors: tuple[str, ...] = ()
    links: tuple[Link, ...] = ()
    glossary: tuple[GlossaryTerm, ...] = ()
    see_also: tuple[str, ...] = ()  # ids of related guides (front matter ``voir_aussi``), in order

    @property
    def items(self) -> list[ChecklistItem]:
        return [item for checklist in self.checklists for item in checklist.items]

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = plain(self)
        return data


class Synonym(NamedTuple):
    """Everyday words (« boîte », « combien de temps ») and the guides' words they stand for."""

    words: str
    means: tuple[str, ...]
    line: int = 0  # in content/recherche-synonymes.yaml, for check-content's messages
    replaces: bool = False  # a question word (« combien »): only what it stands for is searched


class CardPoint(NamedTuple):
    """One line of an answer card: a short answer and the section of a guide that says it."""

    target: str  # guide:ID or guide:ID#ANCHOR, as written in the guides' links
    text: str
    line: int = 0


class AnswerCard(NamedTuple):
    """A short answer to a question people often ask, shown above the search results."""

    id: str
    question: str
    when: tuple[str, ...]  # each one a set of words that, all in a query, show the card
    points: tuple[CardPoint, ...]
    line: int = 0  # in content/recherche-reponses.yaml


class SearchAids(NamedTuple):
    """What content authors add to the search: synonyms and answer cards (core/content/search_aids.py)."""

    synonyms: tuple[Synonym, ...] = ()
    cards: tuple[AnswerCard, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = plain(self)
        return data


class KeyDateKind(NamedTuple):
    """A kind of key date of a dossier (jugement d'ouverture, audience…): ``content/dates-cles.yaml``."""

    id: str
    label: str
    explanation: str
    line: int = 0


class KeyDateSuggestion(NamedTuple):
    """A date Coopguide proposes for the key date ``target`` from the key date ``start`` (``amount``
    ``unit`` later, or earlier when negative), with the rule it comes from. Without ``start`` it
    computes nothing: its text says why (a deadline the administrateur fixes)."""

    target: str
    text: str
    reference: str
    source_title: str
    source_url: str
    updated: str  # à jour au, ISO date
    start: str = ""
    amount: int = 0
    unit: str = ""  # "jours", "jours ouvrés", "mois" (core/shared/relative_dates.py)
    line: int = 0


class KeyDates(NamedTuple):
    """The kinds of key dates, their suggestions and the due dates suggested for check-list items
    (item id → rule such as ``jugement-ouverture+10``): core/content/key_dates.py."""

    kinds: tuple[KeyDateKind, ...] = ()
    suggestions: tuple[KeyDateSuggestion, ...] = ()
    item_rules: tuple[tuple[str, str, int], ...] = ()  # (item id, rule, line)

    def kind(self, kind_id: str) -> KeyDateKind | None:
        return next((k for k in self.kinds if k.id == kind_id), None)

    def suggested_rule(self, item_id: str) -> str:
        return next((rule for item, rule, _ in self.item_rules if item == item_id), "")

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = plain(self)
        return data


class Theme(NamedTuple):
    id: str
    title: str


class Content:
    """All bundled content of one edition. A plain class (see the module docstring): compared by
    its fields, copied with :meth:`replace`; the indexes are not part of its value."""

    FIELDS = ("edition", "updated", "default_guide", "disclaimer", "themes", "guides", "search_aids", "key_dates")
    __slots__ = (*FIELDS, "_indexed", "_by_id")

    def __init__(
        self,
        edition: str,
        updated: str,
        default_guide: str,
        disclaimer: str,
        themes: tuple[Theme, ...],
        guides: dict[str, Guide] | None = None,
        search_aids: SearchAids | None = None,
        key_dates: KeyDates | None = None,
    ) -> None:
        self.edition = edition
        self.updated = updated
        self.default_guide = default_guide
        self.disclaimer = disclaimer
        self.themes = themes
        self.guides: dict[str, Guide] = {} if guides is None else guides
        self.search_aids = SearchAids() if search_aids is None else search_aids
        self.key_dates = KeyDates() if key_dates is None else key_dates
        # The indexes, built once for the guides they were built from (see _indexes).
        self._indexed: tuple[Guide, ...] = ()
        self._by_id: tuple[Mapping[str, Any], ...] = ()

    def fields(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.FIELDS}

    def replace(self, **changes: Any) -> "Content":
        """A new Content with these fields changed (as ``dataclasses.replace``)."""
        return Content(**{**self.fields(), **changes})

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Content) and self.fields() == other.fields()

    __hash__ = None  # type: ignore[assignment]  # mutable (the loader fills guides): never a key

    def __repr__(self) -> str:
        return f"Content(edition={self.edition!r}, updated={self.updated!r}, {len(self.guides)} guides)"

    def guides_of_theme(self, theme_id: str) -> list[Guide]:
        return sorted((g for g in self.guides.values() if g.theme == theme_id), key=lambda g: (g.order, g.title))

    def items(self) -> Mapping[str, ChecklistItem]:
        return self._indexes()[0]

    def checklists(self) -> Mapping[str, Checklist]:
        return self._indexes()[1]

    def glossary(self) -> Mapping[str, GlossaryTerm]:
        return self._indexes()[2]

    def _indexes(self) -> tuple[Mapping[str, Any], ...]:
        """Items, checklists and glossary terms by id, read-only. Why kept: a tick looks an item up
        several times, and each dict over every guide took ~0.05 ms. ``guides`` may still change
        (the loader fills it, a test replaces a guide): the indexes are built again when its guides
        are not the very objects they were built from (a Guide is frozen, so same objects, same
        indexes). The guides are held, not their ids, so an id cannot be reused meanwhile."""
        guides = tuple(self.guides.values())
        if len(guides) != len(self._indexed) or any(a is not b for a, b in zip(guides, self._indexed, strict=True)):
            self._by_id = (
                MappingProxyType({item.id: item for guide in guides for item in guide.items}),
                MappingProxyType({c.id: c for guide in guides for c in guide.checklists}),
                MappingProxyType({t.id: t for guide in guides for t in guide.glossary}),
            )
            self._indexed = guides
        return self._by_id

    def guide_of_item(self, item_id: str) -> Guide | None:
        item = self.items().get(item_id)
        return self.guides.get(item.guide_id) if item else None

    def first_guide_id(self) -> str | None:
        if self.default_guide in self.guides:
            return self.default_guide
        for theme in self.themes:
            guides = self.guides_of_theme(theme.id)
            if guides:
                return guides[0].id
        return next(iter(self.guides), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "edition": self.edition,
            "updated": self.updated,
            "default_guide": self.default_guide,
            "disclaimer": self.disclaimer,
            "themes": plain(self.themes),
            "guides": [g.to_dict() for g in self.guides.values()],
            "search_aids": self.search_aids.to_dict(),
            "key_dates": self.key_dates.to_dict(),
        }
