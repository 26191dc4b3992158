"""Building the search index: everything a query needs is computed here, once per content edition.

A query must not split or stem text (see :mod:`scoring`), so the build stores, besides the FTS5
table that picks the candidates:

- ``postings``: for each term and each document holding it, the term's BM25 weight there (summed
  over the document's columns, each normalised by its length: everything BM25 needs but the query)
  and the columns it is in; ``terms``: in how many documents each term appears, and its IDF;
  ``stats``: each document's prior (:mod:`scoring`);
- ``vocab``: every word as it is written in the content, folded, with its term, its frequency and
  its most frequent spelling: completions of a word being typed, corrections of a misspelt one;
- ``synonyms`` and ``cards``: the content's search aids (:mod:`coopguide.core.content.search_aids`)
  turned into terms, so that opening the index needs neither YAML nor the stemmer;
- ``docs``: what a result shows, and for snippets each document's terms with the place of their
  word in the original text (:mod:`snippets`).

The FTS5 table is contentless: it only answers MATCH, every text it would hold is in ``docs``.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable

from coopguide.core.content.model import Content
from coopguide.core.search import scoring
from coopguide.core.search import snippets as search_snippets
from coopguide.core.search.documents import GLOSSARY, ITEM, Document, documents
from coopguide.core.shared import french_text

COLUMNS = ("title", "body", "context")
# A checklist item is a task to tick, not an answer: among equal matches, the section that explains
# comes first (the item stays one row further down, and its section is a click away).
PRIORS = {ITEM: 0.6, GLOSSARY: 1.0}

SCHEMA = """
CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
CREATE TABLE docs (id INTEGER PRIMARY KEY, kind TEXT, guide_id TEXT, guide_title TEXT, section_title TEXT,
                   title_text TEXT, body_text TEXT, target TEXT, title_terms TEXT, body_terms TEXT,
                   title_spans BLOB, body_spans BLOB);
CREATE TABLE stats (id INTEGER PRIMARY KEY, title_len INTEGER, body_len INTEGER, context_len INTEGER, prior REAL,
                    kind TEXT);
CREATE TABLE postings (term TEXT, doc INTEGER, weight REAL, columns INTEGER, PRIMARY KEY (term, doc)) WITHOUT ROWID;
CREATE TABLE terms (term TEXT PRIMARY KEY, docs INTEGER, idf REAL) WITHOUT ROWID;
CREATE TABLE vocab (word TEXT PRIMARY KEY, term TEXT, freq INTEGER, shown TEXT) WITHOUT ROWID;
CREATE TABLE synonyms (words TEXT PRIMARY KEY, means TEXT, replaces INTEGER) WITHOUT ROWID;
CREATE TABLE cards (position INTEGER PRIMARY KEY, id TEXT, question TEXT, triggers TEXT, points TEXT);
CREATE VIRTUAL TABLE fts USING fts5(title, body, context, content='', tokenize='unicode61 remove_diacritics 2');
"""
TABLES = frozenset({"meta", "docs", "stats", "postings", "terms", "vocab", "synonyms", "cards", "fts"})


def fill(conn: sqlite3.Connection, content: Content, key: str) -> None:
    docs = list(documents(content))
    acronyms = frozenset(french_text.acronyms_of(" ".join(f"{d.title} {d.body} {d.context}" for d in docs)))
    conn.executescript(SCHEMA)
    words: dict[str, Counter[str]] = defaultdict(Counter)  # folded word → its spellings, counted
    terms_of: dict[str, str] = {}  # folded word → its term
    doc_rows, stat_rows, fts_rows, counts, document_frequency = [], [], [], [], Counter[str]()
    totals = [0, 0, 0]
    for number, doc in enumerate(docs, start=1):
        title, body = french_text.normalise(doc.title), french_text.normalise(doc.body)
        in_title, in_body = list(french_text.tokens(title, acronyms)), list(french_text.tokens(body, acronyms))
        for text, found in ((title, in_title), (body, in_body)):
            for start, end, term in found:
                written = text[start:end]
                folded = french_text.fold(written)
                words[folded][written.lower()] += 1
                terms_of.setdefault(folded, term)
        columns = (
            [t for *_, t in in_title],
            [t for *_, t in in_body],
            [t for *_, t in french_text.tokens(french_text.normalise(doc.context), acronyms)],
        )
        for column, column_terms in enumerate(columns):
            totals[column] += len(column_terms)
        counts.append([Counter(column_terms) for column_terms in columns])
        document_frequency.update(set().union(*columns))
        fts_rows.append((number, *(" ".join(c) for c in columns)))
        stat_rows.append((number, *(len(c) for c in columns), PRIORS.get(doc.kind, 1.0), doc.kind))
        doc_rows.append(_doc_row(number, doc, title, body, in_title, in_body))
    conn.executemany(f"INSERT INTO docs VALUES ({','.join('?' * 12)})", doc_rows)
    conn.executemany("INSERT INTO stats VALUES (?, ?, ?, ?, ?, ?)", stat_rows)
    conn.executemany("INSERT INTO fts (rowid, title, body, context) VALUES (?, ?, ?, ?)", fts_rows)
    averages = [max(1.0, total / max(1, len(docs))) for total in totals]
    idf = {term: scoring.idf(count, len(docs)) for term, count in document_frequency.items()}
    conn.executemany("INSERT INTO postings VALUES (?, ?, ?, ?)", sorted(_postings(counts, idf, averages)))
    conn.executemany(
        "INSERT INTO terms VALUES (?, ?, ?)", [(t, c, idf[t]) for t, c in sorted(document_frequency.items())]
    )
    conn.executemany(
        "INSERT INTO vocab VALUES (?, ?, ?, ?)",
        [(w, terms_of[w], sum(s.values()), s.most_common(1)[0][0]) for w, s in sorted(words.items())],
    )
    conn.executemany("INSERT INTO synonyms VALUES (?, ?, ?)", _synonym_rows(content, acronyms))
    conn.executemany("INSERT INTO cards VALUES (?, ?, ?, ?, ?)", _card_rows(content, acronyms, docs))
    conn.executemany(
        "INSERT INTO meta VALUES (?, ?)",
        [
            ("key", key),
            ("acronyms", " ".join(sorted(acronyms))),
            ("documents", str(len(docs))),
            ("average_lengths", " ".join(str(length) for length in averages)),
        ],
    )
    conn.commit()


def _postings(
    counts: list[list[Counter[str]]], idf: dict[str, float], averages: list[float]
) -> Iterable[tuple[str, int, float, int]]:
    """(term, document, BM25 weight summed over the columns, columns as bits) of every term of every
    document: what a query's score adds up, so that nothing is counted at query time."""
    for number, columns in enumerate(counts, start=1):
        lengths = [sum(c.values()) for c in columns]
        weights: dict[str, float] = defaultdict(float)
        held: dict[str, int] = defaultdict(int)
        for column, counted in enumerate(columns):
            for term, tf in counted.items():
                weights[term] += scoring.bm25(column, tf, lengths[column], averages[column], idf[term])
                held[term] |= 1 << column
        yield from ((term, number, weight, held[term]) for term, weight in weights.items())


def _doc_row(
    number: int,
    doc: Document,
    title: str,
    body: str,
    in_title: list[search_snippets.Hit],
    in_body: list[search_snippets.Hit],
) -> tuple[object, ...]:
    return (
        number,
        doc.kind,
        doc.guide_id,
        doc.guide_title,
        doc.section_title,
        title,
        body,
        doc.target,
        " ".join(t for *_, t in in_title),
        " ".join(t for *_, t in in_body),
        search_snippets.spans(in_title),
        search_snippets.spans(in_body),
    )


def _terms(text: str, acronyms: frozenset[str]) -> list[str]:
    return [t for *_, t in french_text.tokens(french_text.normalise(text), acronyms, in_query=True)]


def _synonym_rows(content: Content, acronyms: frozenset[str]) -> Iterable[tuple[str, str, int]]:
    """Each synonym as the terms of its words (the key a query is matched on), as JSON the terms of
    each thing it stands for (a list of several terms is searched as a phrase), and whether those
    replace the words typed (a question word) or come beside them."""
    rows: dict[str, tuple[list[list[str]], bool]] = {}
    for synonym in content.search_aids.synonyms:
        own = _terms(synonym.words, acronyms)
        means = [found for meant in synonym.means if (found := _terms(meant, acronyms)) and found != own]
        if own and means:
            rows.setdefault(" ".join(own), (means, synonym.replaces))
    return [(words, json.dumps(means), int(replaces)) for words, (means, replaces) in rows.items()]


def _card_rows(content: Content, acronyms: frozenset[str], docs: list[Document]) -> Iterable[tuple[object, ...]]:
    """Each answer card with its triggers as terms and, for each point, where it leads (the
    section's guide and heading, as a result shows them)."""
    where = {d.target: (d.guide_title, d.section_title) for d in docs if d.kind != ITEM}
    for position, card in enumerate(content.search_aids.cards):
        triggers = [found for when in card.when if (found := _terms(when, acronyms))]
        points = [
            {
                "text": p.text,
                "target": p.target,
                "guide": where.get(p.target, ("", ""))[0],
                "section": where.get(p.target, ("", ""))[1],
            }
            for p in card.points
        ]
        yield position, card.id, card.question, json.dumps(triggers), json.dumps(points, ensure_ascii=False)
