"""Search latency on the shipped content and on the content replicated 100×, plus index build time.

Each query of QUERIES is run as typed live (prefix on the last word, the way the search popup asks)
and as a whole query (the CLI), REPEAT times each after one warm-up; the p95 over all of them is
compared with the goals (5 ms on the real content, 30 ms on 100×). The index is built in memory and
in a file (the app's case), and reopening the file is timed too (the everyday start of a search).

    .venv/bin/python benchmarks/search.py [REPEAT]
"""

from __future__ import annotations

import dataclasses
import statistics
import sys
import tempfile
import time
from pathlib import Path

from coopguide.core.content.cache import build
from coopguide.core.content.model import Content
from coopguide.core.search import index as search
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


def replicated(content: Content, times: int) -> Content:
    guides = {}
    for copy in range(times):
        for guide in content.guides.values():
            guide_id = f"{guide.id}-{copy}" if copy else guide.id
            guides[guide_id] = dataclasses.replace(guide, id=guide_id)
    return dataclasses.replace(content, guides=guides)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure(name: str, content: Content, repeat: int, goal_ms: float) -> bool:
    start = time.perf_counter()
    search.open_index(content, None).close()
    in_memory = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        search.open_index(content, Path(folder)).close()
        to_file = time.perf_counter() - start
        start = time.perf_counter()
        index = search.open_index(content, Path(folder))
        reopen = time.perf_counter() - start
        assert not index.built
        size = index.path.stat().st_size
        times = []
        for query in QUERIES:
            for prefix in (True, False):
                index.search(query, prefix=prefix)
                for _ in range(repeat):
                    start = time.perf_counter()
                    index.search(query, prefix=prefix)
                    times.append((time.perf_counter() - start) * 1000)
        index.close()
    p95 = percentile(times, 0.95)
    documents = sum(1 for _ in search.documents(content))
    print(f"{name}: {len(content.guides)} guides, {documents} documents, index file {size / 1e6:.1f} MB")
    print(
        f"  build: {in_memory * 1000:.0f} ms in memory, {to_file * 1000:.0f} ms to a file;"
        f" reopen (key + digest): {reopen * 1000:.1f} ms"
    )
    print(
        f"  {len(times)} searches: median {statistics.median(times):.2f} ms, p95 {p95:.2f} ms,"
        f" max {max(times):.2f} ms (goal p95 < {goal_ms:g} ms: {'met' if p95 < goal_ms else 'NOT met'})"
    )
    return p95 < goal_ms


def main() -> int:
    repeat = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    content = build(paths.content_dir()).content
    measure("real content", content, repeat, 5)
    measure("content ×100", replicated(content, 100), max(3, repeat // 4), 30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
