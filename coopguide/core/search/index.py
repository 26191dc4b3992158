"""Full-text search over guide sections, checklist items and glossary terms (SQLite FTS5).

The index holds *normalised* words (see :mod:`french_text`), so accents, case, plurals and verb forms
meet; the words the user reads are kept beside them with each word's position, and snippets are cut
and highlighted in that original text (:mod:`search_snippets`).

Ranking: results holding every word of the query come first (an FTS5 AND query, cheap even on a
large index); only when there are too few does the search fall back to results holding some of the
words, those holding more of them first. Among equals, a per-column BM25 computed here (BM25F-like:
title ×8, guide title and tags ×2, body ×1, each column normalised by its own length) decides. FTS5's
own bm25() normalises by the length of the whole row, which sinks a section with a long body below
every one-line checklist item whose title matches; it only picks the CANDIDATES rescored here.
The last word of a query typed live is a prefix, completed from the index's vocabulary.

The index is a separate SQLite file in the cache folder, named after a key made of the app version,
the index format and a digest of the content: built once, in a temporary file renamed into place,
rebuilt only when that key changes or when the file proves damaged on opening (a matching key is not
enough: see :func:`_checked_index`). A folder that cannot be written gets an index in memory.
The user's database is never touched.
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import json
import math
import sqlite3
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from coopguide import __version__
from coopguide.core.content.model import Content
from coopguide.core.search import snippets as search_snippets
from coopguide.core.search.documents import KIND_LABELS, documents
from coopguide.core.shared import french_text
from coopguide.core.shared.files import atomic_target, remove_leftovers

INDEX_FORMAT = 2  # 2: plurals Snowball misses (lois), « loyer » apart from « loi »
WEIGHTS = (8.0, 1.0, 2.0)  # title, body, context (guide title and tags)
K1, B = 1.2, 0.75  # the usual BM25 constants, as in FTS5
CANDIDATES = 200  # rows FTS5 hands over for rescoring: every match on the shipped content
PREFIX_EXPANSIONS = 40  # most frequent completions of a word being typed
_SCHEMA = """
CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
CREATE TABLE docs (id INTEGER PRIMARY KEY, title TEXT, body TEXT, context TEXT, kind TEXT, guide_id TEXT,
                   guide_title TEXT, section_title TEXT, title_text TEXT, body_text TEXT, target TEXT,
                   title_spans BLOB, body_spans BLOB);
CREATE TABLE vocab (word TEXT PRIMARY KEY, term TEXT, freq INTEGER) WITHOUT ROWID;
CREATE VIRTUAL TABLE fts USING fts5(title, body, context, content='docs', content_rowid='id',
                                    tokenize='unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE fts_terms USING fts5vocab(fts, 'row');
"""
_VOCAB = "SELECT term FROM vocab WHERE word >= ? AND word < ? GROUP BY term ORDER BY sum(freq) DESC LIMIT ?"


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
    matched: int  # how many of the query's words this result holds
    wanted: int  # how many words the query has

    @property
    def title(self) -> str:
        return highlight_removed(self.title_html)

    @property
    def snippet(self) -> str:
        return highlight_removed(self.snippet_html)


def highlight_removed(fragment: str) -> str:
    """A snippet or title without the <b> marks of the matched words."""
    return html.unescape(fragment.replace("<b>", "").replace("</b>", ""))


def index_key(content: Content) -> str:
    digest = hashlib.sha256(f"{__version__}/{INDEX_FORMAT}/".encode())
    digest.update(json.dumps(content.to_dict(), sort_keys=True, ensure_ascii=False).encode())
    return digest.hexdigest()[:20]


def _fill(conn: sqlite3.Connection, content: Content, key: str) -> None:
    docs = list(documents(content))
    acronyms = frozenset(french_text.acronyms_of(" ".join(f"{d.title} {d.body} {d.context}" for d in docs)))
    vocab: dict[str, tuple[str, int]] = {}  # folded word → (the first term it gave, how often it appears)
    rows = []
    words = [0, 0, 0]  # in the indexed title, body and context columns
    for number, doc in enumerate(docs, start=1):
        title, body = french_text.normalise(doc.title), french_text.normalise(doc.body)
        in_title, in_body = list(french_text.tokens(title, acronyms)), list(french_text.tokens(body, acronyms))
        for text, found in ((title, in_title), (body, in_body)):
            for start, end, term in found:
                folded = french_text.fold(text[start:end])
                first, count = vocab.get(folded, (term, 0))
                vocab[folded] = first, count + 1
        context = " ".join(t for *_, t in french_text.tokens(french_text.normalise(doc.context), acronyms))
        indexed = (" ".join(t for *_, t in in_title), " ".join(t for *_, t in in_body), context)
        for column, column_text in enumerate(indexed):
            words[column] += len(column_text.split())
        rows.append(
            (
                number,
                *indexed,
                doc.kind,
                doc.guide_id,
                doc.guide_title,
                doc.section_title,
                title,
                body,
                doc.target,
                search_snippets.spans(in_title),
                search_snippets.spans(in_body),
            )
        )
    conn.executescript(_SCHEMA)
    conn.executemany(f"INSERT INTO docs VALUES ({','.join('?' * 13)})", rows)
    conn.executemany("INSERT INTO vocab VALUES (?, ?, ?)", [(w, t, f) for w, (t, f) in vocab.items()])
    conn.execute("INSERT INTO fts(fts) VALUES ('rebuild')")
    lengths = [total / max(1, len(rows)) for total in words]
    conn.executemany(
        "INSERT INTO meta VALUES (?, ?)",
        [
            ("key", key),
            ("acronyms", " ".join(sorted(acronyms))),
            ("documents", str(len(rows))),
            ("average_lengths", " ".join(str(max(1.0, length)) for length in lengths)),
        ],
    )
    conn.commit()


def open_index(content: Content, cache_dir: Path | None) -> SearchIndex:
    """The index of ``content``: the cached file when its key matches, else built now (and cached)."""
    key = index_key(content)
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
                _fill(conn, content, key)
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


_TABLES = frozenset({"meta", "docs", "vocab", "fts", "fts_terms"})


def _checked_index(conn: sqlite3.Connection, path: Path) -> SearchIndex:
    """The cached index once it has proved whole: its key matched, but a truncated file, random
    bytes or missing tables would only fail at the first search. ``PRAGMA quick_check`` reads every
    page (a few milliseconds, off the start path); then the tables, the meta values and one FTS5
    query must be there. Raises (and closes ``conn``) when anything is wrong."""
    try:
        if [row[0] for row in conn.execute("PRAGMA quick_check")] != ["ok"]:
            raise ValueError("index de recherche endommagé")
        tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not tables >= _TABLES:
            raise ValueError("index de recherche incomplet")
        index = SearchIndex(conn, path=path, built=False)
        rows = conn.execute("SELECT count(*) FROM docs").fetchone()[0]
        if rows != index.documents or len(index.average_lengths) != len(WEIGHTS):
            raise ValueError("index de recherche incohérent")
        conn.execute("SELECT count(*) FROM fts WHERE fts MATCH 'coop*'").fetchone()
        conn.execute("SELECT count(*) FROM fts_terms").fetchone()
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
    _fill(conn, content, key)
    return SearchIndex(conn, path=None, built=True)


def _quoted(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


class SearchIndex:
    """A ready index. One thread at a time may query it (it may have been opened in another one)."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None, built: bool):
        self.conn, self.path, self.built = conn, path, built
        meta = dict(conn.execute("SELECT name, value FROM meta"))
        self.acronyms = frozenset(meta["acronyms"].split())
        self.documents = int(meta["documents"])
        self.average_lengths = [float(length) for length in meta["average_lengths"].split()]

    def close(self) -> None:
        self.conn.close()

    def _word_terms(self, word: str, typing: bool) -> set[str]:
        folded = french_text.fold(word)
        found = french_text.term(word, self.acronyms, in_query=True)
        if not found:
            return set()
        terms = set()
        if typing and len(folded) >= 2:
            # A word being typed: its completions in the index, not its own stem, which for a
            # partial word is noise ("coopér" would also find "coop").
            terms = {t for (t,) in self.conn.execute(_VOCAB, (folded, folded + "\uffff", PREFIX_EXPANSIONS))}
        return (terms or {found}) | set(french_text.synonyms(folded, self.acronyms))

    def _groups(self, query: str, prefix: bool) -> list[tuple[str, frozenset[str]]]:
        """The query as FTS5 expressions (one per meaningful word or "quoted phrase") and their terms.

        Only terms made by :mod:`french_text` reach FTS5, each one quoted: what the user types is
        never FTS5 syntax, so quotes, stars, dashes, AND/OR/NEAR or brackets cannot break a query.
        """
        groups: dict[frozenset[str], str] = {}
        parts = french_text.normalise(query).split('"')
        last = len(parts) - 1
        for number, part in enumerate(parts):
            if number % 2 and number < last:  # a closed "quoted phrase"
                phrase = [t for *_, t in french_text.tokens(part, self.acronyms, in_query=True)]
                if phrase:
                    groups.setdefault(frozenset(phrase), _quoted(" ".join(phrase)))
                continue
            words = list(french_text.WORD_RE.finditer(part))
            for match in words:
                typing = prefix and number == last and match is words[-1] and match.end() == len(part)
                terms = self._word_terms(match.group(), typing)
                if terms:
                    groups.setdefault(frozenset(terms), "(" + " OR ".join(_quoted(t) for t in sorted(terms)) + ")")
        return [(expression, terms) for terms, expression in groups.items()]

    def search(self, query: str, limit: int = 20, prefix: bool = True) -> list[SearchResult]:
        """Ranked results for what the user typed; any text is accepted (there is no query syntax).

        ``prefix``: the last word may be incomplete (search as you type); False for a whole query.
        """
        groups = self._groups(query, prefix)
        if not groups or limit <= 0:
            return []
        expressions = [expression for expression, _ in groups]
        found = {
            rowid: len(groups)
            for (rowid,) in self.conn.execute(
                "SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY bm25(fts, ?, ?, ?) LIMIT ?",
                [" AND ".join(expressions), *WEIGHTS, CANDIDATES],
            )
        }
        if len(found) < limit and len(groups) > 1:
            hits = " + ".join("(rowid IN (SELECT rowid FROM fts WHERE fts MATCH ?))" for _ in groups)
            found = dict(
                self.conn.execute(
                    f"SELECT rowid, {hits} AS hits FROM fts WHERE fts MATCH ? ORDER BY hits DESC, bm25(fts, ?, ?, ?)"
                    " LIMIT ?",
                    [*expressions, " OR ".join(expressions), *WEIGHTS, CANDIDATES],
                )
            )
        if not found:
            return []
        wanted = frozenset().union(*(terms for _, terms in groups))
        scores = self._scores(list(found), wanted)
        best = sorted(found, key=lambda rowid: (-found[rowid], -scores[rowid]))[:limit]
        rows = {
            row[0]: row[1:]
            for row in self.conn.execute(
                "SELECT id, kind, guide_id, guide_title, section_title, title, body, title_text, body_text, target,"
                f" title_spans, body_spans FROM docs WHERE id IN ({','.join('?' * len(best))})",
                best,
            )
        }
        results = []
        for rowid in best:
            (
                kind,
                guide_id,
                guide_title,
                section_title,
                title_terms,
                body_terms,
                title,
                body,
                target,
                title_spans,
                body_spans,
            ) = rows[rowid]
            in_title = search_snippets.hits(title_terms, title_spans, wanted)
            in_body = search_snippets.hits(body_terms, body_spans, wanted)
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
                    found[rowid],
                    len(groups),
                )
            )
        return results

    def _scores(self, rowids: list[int], wanted: frozenset[str]) -> dict[int, float]:
        """BM25 per column, weighted and summed, for the candidate rows."""
        marks = ",".join("?" * len(wanted))
        idf = {
            term: max(1e-6, math.log((self.documents - count + 0.5) / (count + 0.5)))
            for term, count in self.conn.execute(
                f"SELECT term, doc FROM fts_terms WHERE term IN ({marks})", list(wanted)
            )
        }
        scores = {}
        for rowid, *columns in self.conn.execute(
            f"SELECT id, title, body, context FROM docs WHERE id IN ({','.join('?' * len(rowids))})", rowids
        ):
            score = 0.0
            for text, weight, average in zip(columns, WEIGHTS, self.average_lengths, strict=True):
                words = text.split()
                counts = Counter(words)
                norm = K1 * (1 - B + B * len(words) / average)
                for term in wanted.intersection(counts):
                    score += weight * idf.get(term, 0.0) * counts[term] * (K1 + 1) / (counts[term] + norm)
            scores[rowid] = score
        return scores
