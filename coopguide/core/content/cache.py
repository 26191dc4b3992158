"""Start fast: keep the loaded and rendered content in a JSON file in the user's cache folder.

Parsing YAML and Markdown costs ~50 ms of imports plus the rendering itself; the cache turns that
into one ``json.load``. The key is the content files' names, sizes and modification times plus the
app version, so any edit of the content or upgrade of the app rebuilds it. A cache that cannot be
written (read-only folder) is not an error: the content is simply rebuilt next time. A cache that
is not of the expected shape (damaged, hand-edited, foreign) is treated as absent and rewritten.

The first start has no cache yet, and building one (YAML, Markdown, every guide rendered) made it
~3 × the everyday start. So a build ships the same JSON beside its content (:data:`SHIPPED`,
written by :func:`write_shipped`, see ``packaging/ship_content_cache.py``), keyed on what the
content files *contain* (installing changes their paths and times, not their bytes): when the
user's cache is missing and the shipped one was made from these very files, it is copied into the
user's cache instead of rebuilding. Edited content (authors, ``COOPGUIDE_CONTENT_DIR``) no longer
matches and is rebuilt as before.
"""

from __future__ import annotations

import contextlib
import json
import zlib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeGuard

from coopguide import __version__
from coopguide.core.content.model import Content
from coopguide.core.shared.errors import StorageError
from coopguide.core.shared.files import write_atomically
from coopguide.core.shared.paths import content_files

# 2: Guide.see_also (voir_aussi); 3: reference notes, GlossaryTerm.references; 4: Content.search_aids;
# 5: check-list items numbered in the page (the numbers of the slides and of the printed sheet);
# 6: Content.key_dates (dates-cles.yaml); 7: written in ASCII (\u00e9 for é): read back at every
# start, ~1 MB of French is decoded from UTF-8 in ~1.4 ms, from ASCII in ~0.1 ms (parsing the escapes
# costs ~0.6 ms of that back)
CACHE_FORMAT = 7
SHIPPED = "rendered-content.json"  # in the content folder of a build, never in the repository


@dataclass
class LoadedContent:
    content: Content
    html: dict[str, str]  # guide id → HTML template with item placeholders
    problems: list[str]
    from_cache: bool
    key: str = ""  # the fingerprint of the files it was read from: the search index is keyed on it


def fingerprint(root: Path) -> str:
    """What the cache was built from; stored whole in the cache file and compared on load."""
    parts = [f"{__version__}/{CACHE_FORMAT}/{root}"]
    for path in content_files(root):
        stat = path.stat()
        parts.append(f"{path.name}|{stat.st_size}|{stat.st_mtime_ns}")
    return "\n".join(parts)


def content_key(root: Path) -> str:
    """What a shipped cache was built from: the app version, the cache format and a digest of the
    content files' names and bytes (read only when the user's cache is missing: ~1 ms). hashlib is
    imported here, off the everyday start (~2 ms)."""
    import hashlib

    digest = hashlib.sha256()
    for path in content_files(root):
        data = path.read_bytes()
        digest.update(f"{path.relative_to(root).as_posix()}|{len(data)}|".encode())
        digest.update(data)
    return f"{__version__}/{CACHE_FORMAT}/sha256:{digest.hexdigest()}"


def load(root: Path, cache_dir: Path | None) -> LoadedContent:
    key = fingerprint(root)
    cache_file = cache_dir / f"content-{zlib.crc32(key.encode()):08x}.json" if cache_dir else None
    if cache_file and cache_file.exists():
        cached = _read(cache_file, key)
        if cached is not None:
            return cached
    shipped = _shipped(root)
    # the search index is keyed on ``key``: the shipped cache carries it too, so it is not rebuilt
    loaded = replace(shipped, key=key) if shipped else build(root, key)
    if cache_file:
        _write(cache_file, key, loaded)
    return loaded


def _shipped(root: Path) -> LoadedContent | None:
    """The cache shipped with the build, when it was made from exactly these content files."""
    shipped = root / SHIPPED
    if not shipped.is_file():
        return None
    try:
        key = content_key(root)
    except OSError:
        return None
    return _read(shipped, key)


def write_shipped(root: Path, target: Path | None = None) -> Path:
    """Build the content of ``root`` and write it as the cache a build ships (default: ``root /
    SHIPPED``); returns the file written."""
    target = target or root / SHIPPED
    loaded = build(root)
    payload = {"key": content_key(root), "content": loaded.content.to_dict(), "html": loaded.html}
    payload["problems"] = loaded.problems
    write_atomically(target, json.dumps(payload).encode("ascii"), action="écrire le cache livré")
    return target


def _is_str_list(value: object) -> TypeGuard[list[str]]:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _read(cache_file: Path, key: str) -> LoadedContent | None:
    """The cached content, or None when the file is unreadable, stale, or not of the expected shape
    (damaged, truncated, written by another version): then it is rebuilt, never trusted."""
    try:
        data = json.loads(cache_file.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(data, dict) or data.get("key") != key:
        return None
    content, html, problems = data.get("content"), data.get("html"), data.get("problems")
    if not (isinstance(content, dict) and isinstance(html, dict) and _is_str_list(problems)):
        return None
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in html.items()):
        return None
    try:
        loaded = Content.from_dict(content)
    except (ValueError, KeyError, TypeError, AttributeError, IndexError):
        return None
    if set(html) != set(loaded.guides) or not all(isinstance(g, str) for g in loaded.guides):
        return None
    return LoadedContent(loaded, html, problems, True, key)


def build(root: Path, key: str | None = None) -> LoadedContent:
    from coopguide.core.content.guide_html import render_all
    from coopguide.core.content.validate import check_content

    key = fingerprint(root) if key is None else key  # taken before reading: an edit meanwhile rebuilds
    report = check_content(root)
    problems = [str(p) for p in report.problems]
    return LoadedContent(report.content, render_all(report.content), problems, False, key)


def _write(cache_file: Path, key: str, loaded: LoadedContent) -> None:
    payload = {"key": key, "content": loaded.content.to_dict(), "html": loaded.html, "problems": loaded.problems}
    data = json.dumps(payload).encode("ascii")  # see CACHE_FORMAT
    try:
        write_atomically(cache_file, data, action="écrire le cache du contenu", create_folder=True)
    except StorageError:
        return  # read-only folder, full disk…: not an error, the content is rebuilt next time
    for old in cache_file.parent.glob("content-*.json"):
        if old != cache_file:
            with contextlib.suppress(OSError):  # still open in another process (Windows): next time
                old.unlink()
