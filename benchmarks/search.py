"""Search latency against a bare FTS5 MATCH measured in the same run, on the shipped content and on
the content replicated 100×, plus index build and reopen times.

Two sets of queries: QUERIES (words, phrases, prefixes) and the natural questions of
tests/core/search_questions.yaml (typos, everyday words, whole questions: they go through spelling
corrections and synonyms). Each query is run as typed live (prefix on the last word, the way the
search popup asks) and as a whole query (the CLI), REPEAT times each after one warm-up. The floor is
a bare ``SELECT rowid FROM fts WHERE fts MATCH <the same groups, AND-ed> ORDER BY rank LIMIT 20``
on the same index: what FTS5 alone costs for the same words, without corrections, ranking or
snippets. Goals: p95 ≤ 2 ms on the real content; on 100× the ratio is reported.

Reopening the index file is the everyday start of a search: it is timed with the key taken from the
content cache's fingerprint (what the app does) and, for comparison, from a digest of the whole
content (what it did before).

    .venv/bin/python benchmarks/search.py [REPEAT]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

from coopguide.core.content.cache import build
from coopguide.core.content.model import Content
from coopguide.core.search import index as search
from coopguide.core.search.documents import documents
from coopguide.core.shared import paths

QUERIES = [
    "cooperative",
    "scic collectivite",
    "reprise difficulte",
    "cape chomage",
    "coopér",
    "co",
    "rep",
    "peut-on garder le chômage en CAE ?",
    "la mairie peut-elle entrer au capital ?",
    "entreprise",
    "capital salariés associés",
    '"garantie des salaires"',
    "liquidation judiciaire offre de reprise",
    "révision coopérative",
    "prêt participatif France Active",
    "statuts",
    "assemblée générale vote",
]
QUESTIONS = Path(__file__).resolve().parents[1] / "tests" / "core" / "search_questions.yaml"
GOAL_MS = 2.0


def replicated(content: Content, times: int) -> Content:
    guides = {}
    for copy in range(times):
        for guide in content.guides.values():
            guide_id = f"{guide.id}-{copy}" if copy else guide.id
            guides[guide_id] = guide._replace(id=guide_id)
    return content.replace(guides=guides)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def timed(run, repeat: int) -> list[float]:
    run()  # warm-up
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return times


def latencies(index: search.SearchIndex, queries: list[str], repeat: int) -> tuple[list[float], list[float]]:
    """(the app's search, the bare MATCH floor), in ms, interleaved query by query."""
    app, floor = [], []
    for query in queries:
        for prefix in (True, False):
            expression = " AND ".join(g.expression for g in index.parser.parse(query, prefix).groups)

            def bare(expression: str = expression) -> None:
                if expression:
                    index.conn.execute(
                        "SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY rank LIMIT 20", (expression,)
                    ).fetchall()

            app += timed(lambda query=query, prefix=prefix: index.ask(query, prefix=prefix), repeat)
            floor += timed(bare, repeat)
    return app, floor


def line(name: str, app: list[float], floor: list[float], goal: float | None = None) -> str:
    p50, p95 = statistics.median(app), percentile(app, 0.95)
    f50, f95 = statistics.median(floor), percentile(floor, 0.95)
    verdict = "" if goal is None else f" (goal p95 ≤ {goal:g} ms: {'met' if p95 <= goal else 'NOT met'})"
    return (
        f"  {name}: {len(app)} searches, p50 {p50:.2f} ms, p95 {p95:.2f} ms, max {max(app):.2f} ms;"
        f" bare MATCH p50 {f50:.2f} ms, p95 {f95:.2f} ms; ratio p50 {p50 / f50:.1f}, p95 {p95 / f95:.1f}{verdict}"
    )


def measure(name: str, content: Content, repeat: int, questions: list[str], goal: float | None) -> None:
    source_key = f"benchmark {name} {len(content.guides)}"
    start = time.perf_counter()
    search.open_index(content, None).close()
    in_memory = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        search.open_index(content, Path(folder), source_key).close()
        to_file = time.perf_counter() - start
        start = time.perf_counter()
        index = search.open_index(content, Path(folder), source_key)
        reopen = time.perf_counter() - start
        assert not index.built
        start = time.perf_counter()
        search.index_key(content)
        digest = time.perf_counter() - start
        size = index.path.stat().st_size
        words = latencies(index, QUERIES, repeat)
        asked = latencies(index, questions, max(1, repeat // 2))
        index.close()
    print(
        f"{name}: {len(content.guides)} guides, {sum(1 for _ in documents(content))} documents, "
        f"index file {size / 1e6:.1f} MB"
    )
    print(
        f"  build: {in_memory * 1000:.0f} ms in memory, {to_file * 1000:.0f} ms to a file;"
        f" reopen (key from the fingerprint, quick_check): {reopen * 1000:.1f} ms"
        f" (a digest of the whole content, as before, would add {digest * 1000:.0f} ms)"
    )
    print(line("benchmark queries", *words, goal))
    print(line("natural questions", *asked, goal))
    print(line("all", words[0] + asked[0], words[1] + asked[1], goal))


def main() -> int:
    repeat = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    content = build(paths.content_dir()).content
    questions = [entry["q"] for entry in yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))]
    measure("real content", content, repeat, questions, GOAL_MS)
    measure("content ×100", replicated(content, 100), max(3, repeat // 4), questions, None)
    return 0


if __name__ == "__main__":
    sys.exit(main())
