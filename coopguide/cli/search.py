"""``coopguide search "QUESTION"``: the app's search from a terminal, without Qt.

Importing this module is cheap (argparse only), since :mod:`coopguide.cli` builds its parser for
any command line but the everyday start; the content and the index are opened only when the command
runs, through the same caches as the app (so the first search after a content change builds the
index, the next ones only open it).
"""

from __future__ import annotations

import argparse
import textwrap
from pathlib import Path


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    search = commands.add_parser(
        "search",
        help="cherche dans les guides, les check-lists et le glossaire",
        description="Cherche une question ou des mots dans tout le contenu (accents, majuscules et pluriels "
        "indifférents). Mettez une expression entre guillemets pour la chercher telle quelle.",
    )
    search.add_argument("query", metavar="QUESTION", help='par exemple : "peut-on garder le chômage en CAE ?"')
    search.add_argument("--limit", type=int, default=10, metavar="N", help="nombre de résultats (par défaut : 10)")
    search.add_argument("--content-dir", metavar="DOSSIER", help="contenu où chercher (par défaut : celui livré)")
    search.set_defaults(handler=search_command)


def search_command(args: argparse.Namespace) -> int:
    from coopguide.core.content.cache import load
    from coopguide.core.search.index import open_index
    from coopguide.core.shared import paths

    root = Path(args.content_dir).resolve() if args.content_dir else paths.content_dir()
    cache = paths.user_data_dir(args.data_dir) / "cache"
    loaded = load(root, cache)
    index = open_index(loaded.content, cache, loaded.key)
    try:
        answer = index.ask(args.query, limit=max(1, args.limit), prefix=False)
    finally:
        index.close()
    results = answer.results
    if answer.corrections:
        print(f"Résultats pour « {answer.searched} » (vous aviez écrit « {args.query} »).")
    elif answer.suggestion:
        print(f"Vouliez-vous dire « {answer.suggestion} » ?")
    if not results:
        print(f"Aucun résultat pour « {args.query} ». Essayez d'autres mots, ou moins de mots.")
        return 1
    if answer.card:
        print(f"Réponse rapide : {answer.card.question}")
        for line in answer.card.lines:
            where = f"{line.guide_title} — {line.section_title}" if line.section_title else line.guide_title
            print(textwrap.fill(line.text, width=100, initial_indent="  • ", subsequent_indent="    "))
            print(f"    → {where} ({line.target})")
        print()
    for rank, result in enumerate(results, start=1):
        where = f"{result.guide_title} — {result.section_title}" if result.section_title else result.guide_title
        title = "" if result.title in (result.section_title, result.guide_title) else f" : {result.title}"
        print(f"{rank}. [{result.kind_label}] {where}{title}")
        if result.snippet:
            print(textwrap.fill(result.snippet, width=100, initial_indent="   ", subsequent_indent="   "))
        print(f"   → {result.target}")
    return 0
