"""Full-text search over guide sections, checklist items and glossary terms (SQLite FTS5).

The index holds *normalised* words (see :mod:`french_text`), so accents, case, plurals and verb forms
meet; the words the user reads are kept beside them with each word's position, and snippets are cut
and highlighted in that original text (:mod:`snippets`). A query goes through :mod:`query` (stems,
completions of the word being typed, synonyms, spelling corrections), FTS5 picks the candidates and
:mod:`scoring` ranks them from the term frequencies stored at build time (:mod:`building`).

Candidates: results holding every group of the query (an FTS5 AND query, cheap even on a large
index); only when there are fewer than FALLBACK does the search add results holding some of the
groups, those holding more of them first, at most CANDIDATES rows either way. Results holding every
group are shown first, each tier in the order of :mod:`scoring`.

The index is a separate SQLite file in the cache folder, named after a key made of the app version,
the index format and the content: the content cache's fingerprint (the content files' names, sizes
and dates), so reopening it costs a small hash, not a pass over the whole content. Built once, in a
temporary file renamed into place, rebuilt only when that key changes or when the file proves
damaged on opening (a matching key is not enough: see :func:`_checked_index`). A folder that cannot
be written gets an index in memory. The user's database is never touched.
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from coopguide import __version__
from coopguide.core.content.model import Content
from coopguide.core.search import scoring
from coopguide.core.search import snippets as search_snippets
from coopguide.core.search.building import TABLES, fill
from coopguide.core.search.cards import Card, Cards
from coopguide.core.search.documents import KIND_LABELS, SECTION
from coopguide.core.search.query import Group, QueryParser, quoted
from coopguide.core.search.spelling import Speller, Word
from coopguide.core.shared import french_text
from coopguide.core.shared.files import atomic_target, remove_leftovers

INDEX_FORMAT = 3  # 2: plurals Snowball misses; 3: postings, vocabulary spellings, synonyms, cards
CANDIDATES = 200  # rows FTS5 hands over for rescoring: every match on the shipped content
FALLBACK = 30  # fewer results holding every group: those holding some of them are added, ranked after
TITLE_SUGGESTIONS = 6


@dataclass(frozen=True)
class SearchResult:
    kind: str  # "section", "item" or "glossary"
    kind_label: str  # « Guide », « Check-list », « Glossaire »
    guide_id: str
    guide_title: str
    section_title: str
    title_html: str  # escaped, matches in <b>
    snippet_html: str  # escaped, matches in <b>
    target: str  # guide:ID, guide:ID#ANCHOR or item:ID, for MainWindow.follow_link
    matched: int  # how many of the query's groups this result holds
    wanted: int  # how many groups the query has

    @property
    def title(self) -> str:
        return highlight_removed(self.title_html)

    @property
    def snippet(self) -> str:
        return highlight_removed(self.snippet_html)


@dataclass(frozen=True)
class Answer:
    """Everything the search popup shows for one query."""

    query: str  # as typed
    searched: str  # as searched: the query with its corrections
    corrections: tuple[tuple[str, str], ...] = ()  # (as typed, as searched), made automatically
    suggestion: str | None = None  # another query to propose: « Vouliez-vous dire … ? »
    card: Card | None = None  # a short answer to show above the results
    results: list[SearchResult] = field(default_factory=list)


@dataclass(frozen=True)
class TitleSuggestion:
    title: str  # the guide's title, or the section's heading
    guide_title: str
    target: str


def highlight_removed(fragment: str) -> str:
    """A snippet or title without the <b> marks of the matched words."""
    return html.unescape(fragment.replace("<b>", "").replace("</b>", ""))


def index_key(content: Content, source_key: str | None = None) -> str:
    """The index's key: from ``source_key`` (the content cache's fingerprint) when given, else from
    the whole content (a content made in memory, which has no files)."""
    digest = hashlib.sha256(f"{__version__}/{INDEX_FORMAT}/".encode())
    if source_key is not None:
        digest.update(b"files\n" + source_key.encode())
    else:
        digest.update(json.dumps(content.to_dict(), sort_keys=True, ensure_ascii=False).encode())
    return digest.hexdigest()[:20]


def open_index(content: Content, cache_dir: Path | None, source_key: str | None = None) -> SearchIndex:
    """The index of ``content``: the cached file when its key matches, else built now (and cached).

    ``source_key``: the fingerprint of the files ``content`` was read from (``LoadedContent.key``)."""
    key = index_key(content, source_key)
    if cache_dir is None:
        return _in_memory(content, key)
    path = Path(cache_dir).resolve() / f"recherche-{key}.sqlite3"
    if path.exists():
        try:
            return _checked_index(_open_read_only(path, key), path)
        except (sqlite3.Error, ValueError, KeyError, TypeError, AttributeError):
            pass  # damaged or foreign: rebuilt below
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_target(path) as temporary:
            conn = sqlite3.connect(temporary)
            try:
                conn.execute("PRAGMA journal_mode = OFF")  # a cache: the rename is what makes it safe
                fill(conn, content, key)
            finally:
                conn.close()
        _remove_stale(path)
        return SearchIndex(_open_read_only(path, key), path=path, built=True)
    except (OSError, sqlite3.Error, ValueError, KeyError):
        return _in_memory(content, key)


def _remove_stale(kept: Path) -> None:
    """Indexes of former contents, and temporary files of writes killed over an hour ago."""
    for old in kept.parent.glob("recherche-*.sqlite3"):
        if old != kept:
            with contextlib.suppress(OSError):  # still open in another process (Windows): next time
                old.unlink()
    remove_leftovers(kept.parent)


def _checked_index(conn: sqlite3.Connection, path: Path) -> SearchIndex:
    """The cached index once it has proved whole: its key matched, but a truncated file, random
    bytes or missing tables would only fail at the first search. ``PRAGMA quick_check`` reads every
    page (a few milliseconds, off the start path); then the tables, the meta values and one FTS5
    query must be there. Raises (and closes ``conn``) when anything is wrong."""
    try:
        if [row[0] for row in conn.execute("PRAGMA quick_check")] != ["ok"]:
            raise ValueError("index de recherche endommagé")
        tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not tables >= TABLES:
            raise ValueError("index de recherche incomplet")
        index = SearchIndex(conn, path=path, built=False)
        rows = conn.execute("SELECT count(*) FROM docs").fetchone()[0]
        if rows != index.documents or len(index.average_lengths) != len(scoring.WEIGHTS):
            raise ValueError("index de recherche incohérent")
        conn.execute("SELECT count(*) FROM fts WHERE fts MATCH 'coop*'").fetchone()
    except BaseException:
        conn.close()
        raise
    return index


def _open_read_only(path: Path, key: str) -> sqlite3.Connection:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, check_same_thread=False)
    try:
        stored = conn.execute("SELECT value FROM meta WHERE name = 'key'").fetchone()
        if not stored or stored[0] != key:
            raise ValueError("index d'une autre version du contenu")
    except BaseException:
        conn.close()
        raise
    return conn


def _in_memory(content: Content, key: str) -> SearchIndex:
    conn = sqlite3.connect(":memory:", check_same_thread=False)
    fill(conn, content, key)
    return SearchIndex(conn, path=None, built=True)


class SearchIndex:
    """An open index. Searches may come from any one thread at a time (the popup's UI thread)."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None, built: bool):
        self.conn, self.path, self.built = conn, path, built
        meta = dict(conn.execute("SELECT name, value FROM meta"))
        self.acronyms = frozenset(meta["acronyms"].split())
        self.documents = int(meta["documents"])
        self.average_lengths = [float(length) for length in meta["average_lengths"].split()]
        synonyms = {
            words: (json.loads(means), bool(replaces))
            for words, means, replaces in conn.execute("SELECT words, means, replaces FROM synonyms")
        }
        self.cards = Cards(conn)
        self._speller: Speller | None = None
        self.parser = QueryParser(conn, self.acronyms, synonyms, self.speller)

    def close(self) -> None:
        self.conn.close()

    def speller(self) -> Speller:
        """The vocabulary for spelling corrections, read on the first word the index does not know."""
        if self._speller is None:
            self._speller = Speller(
                [Word(*row) for row in self.conn.execute("SELECT word, term, freq, shown FROM vocab ORDER BY word")]
            )
        return self._speller

    def search(self, query: str, limit: int = 20, prefix: bool = True) -> list[SearchResult]:
        """Ranked results for what the user typed; any text is accepted (there is no query syntax).

        ``prefix``: the last word may be incomplete (search as you type); False for a whole query.
        Misspelt words are corrected (see :meth:`ask` for what was corrected).
        """
        return self.ask(query, limit, prefix).results

    def ask(self, query: str, limit: int = 20, prefix: bool = True, correct: bool = True) -> Answer:
        """The results for ``query`` and what goes with them: corrections made, a query to propose
        instead, an answer card. ``correct=False`` searches the words as typed.

        Sure corrections are made at once; unsure ones are proposed, and made when the query finds
        nothing without them."""
        parsed = self.parser.parse(query, prefix, correct)
        results = self._results(parsed.groups, limit, parsed.definition)
        if not results and parsed.suggestion:
            parsed = self.parser.parse(query, prefix, correct, sure=False)
            results = self._results(parsed.groups, limit, parsed.definition)
        return Answer(
            query,
            parsed.searched,
            tuple(parsed.corrections),
            parsed.suggestion,
            self.cards.best(parsed.own_terms),
            results,
        )

    def suggest_titles(self, query: str, limit: int = TITLE_SUGGESTIONS) -> list[TitleSuggestion]:
        """Guides and sections whose title holds every word typed, each word as the beginning of a
        title word (« calend » → « Un calendrier réaliste »): the titles to jump to as you type.
        Guides first, then the titles where the words come earliest, then the shortest."""
        parts: list[str] = []
        wanted: set[str] = set()
        for match in french_text.WORD_RE.finditer(french_text.normalise(query)):
            if french_text.term(match.group(), self.acronyms, in_query=True):
                for group in self.parser.parse(match.group(), prefix=True, correct=False).groups:
                    parts.append("{title} : " + group.expression)
                    wanted |= group.terms
        if not parts or limit <= 0:
            return []
        rows = self.conn.execute(
            "SELECT d.title_text, d.guide_title, d.section_title, d.target, d.title_terms FROM fts"
            " JOIN docs d ON d.id = fts.rowid WHERE fts MATCH ? AND d.kind = ? LIMIT ?",
            [" AND ".join(parts), SECTION, CANDIDATES],
        )
        ranked = []
        for title, guide_title, section_title, target, title_terms in rows:
            first = next((n for n, term in enumerate(title_terms.split()) if term in wanted), 99)
            ranked.append(
                ((bool(section_title), first, len(title), title), TitleSuggestion(title, guide_title, target))
            )
        seen: set[str] = set()
        found: list[TitleSuggestion] = []
        for _, suggestion in sorted(ranked, key=lambda r: r[0]):
            if suggestion.target not in seen and len(found) < limit:
                seen.add(suggestion.target)
                found.append(suggestion)
        return found

    def _results(self, groups: list[Group], limit: int, definition: bool = False) -> list[SearchResult]:
        if not groups or limit <= 0:
            return []
        expressions = [g.expression for g in groups]
        found = [
            rowid
            for (rowid,) in self.conn.execute(
                "SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY bm25(fts, ?, ?, ?) LIMIT ?",
                [" AND ".join(expressions), *scoring.WEIGHTS, CANDIDATES],
            )
        ]
        if len(found) < FALLBACK and len(groups) > 1:  # not « limit »: the ranking never depends on it
            hits = " + ".join("(rowid IN (SELECT rowid FROM fts WHERE fts MATCH ?))" for _ in groups)
            found = [
                rowid
                for rowid, _ in self.conn.execute(
                    f"SELECT rowid, {hits} AS hits FROM fts WHERE fts MATCH ? ORDER BY hits DESC, bm25(fts, ?, ?, ?)"
                    " LIMIT ?",
                    [*expressions, " OR ".join(expressions), *scoring.WEIGHTS, CANDIDATES],
                )
            ]
        if not found:
            return []
        scores = scoring.scores(self.conn, found, groups, definition)
        # Results holding every group first (in their own text or their guide's tags), then the
        # others; each tier by score.
        best = sorted(found, key=lambda rowid: (scores[rowid][1] < len(groups), -scores[rowid][0]))[:limit]
        rows = {
            row[0]: row[1:]
            for row in self.conn.execute(
                "SELECT id, kind, guide_id, guide_title, section_title, title_text, body_text, target, title_terms,"
                f" body_terms, title_spans, body_spans FROM docs WHERE id IN ({scoring.marks(len(best))})",
                best,
            )
        }
        wanted = frozenset().union(*(g.terms for g in groups))
        results = []
        for rowid in best:
            kind, guide_id, guide_title, section_title, title, body, target, title_terms, body_terms, *spans = rows[
                rowid
            ]
            in_title = search_snippets.hits(title_terms, spans[0], wanted)
            in_body = search_snippets.hits(body_terms, spans[1], wanted)
            results.append(
                SearchResult(
                    kind,
                    KIND_LABELS[kind],
                    guide_id,
                    guide_title,
                    section_title,
                    search_snippets.highlight(title, in_title, 0, len(title)),
                    search_snippets.snippet(body, in_body),
                    target,
                    max(1, scores[rowid][1]),
                    len(groups),
                )
            )
        return results


__all__ = ["Answer", "Card", "SearchIndex", "SearchResult", "TitleSuggestion", "index_key", "open_index", "quoted"]
