"""Start fast: keep the loaded and rendered content in one file in the user's cache folder.

Parsing YAML and Markdown costs ~50 ms of imports plus the rendering itself; the cache turns that
into one unpickling (~1.5 ms for the shipped content). The key is the content files' names, sizes
and modification times plus the app version and the model's shape, so any edit of the content,
upgrade of the app or change of a model class rebuilds it. A cache that cannot be written
(read-only folder) is not an error: the content is simply rebuilt next time. A cache that is not of
the expected shape (damaged, hand-edited, foreign) is treated as absent and rewritten.

Why pickle, and why it is safe here: it was JSON, and reading it back took ~5 ms of the start
(decoding 1 MB, ~3 ms, then remaking the model's values from dicts, ~0.8 ms); unpickling makes the
values themselves. The file is read by an unpickler that knows only the content model's NamedTuple
classes (:data:`MODEL_CLASSES`, the « restricting globals » recipe of Python's ``pickle`` docs): any
other global (a function, a module, ``os.system``) is refused, so a damaged or forged file can at
worst hold wrong values of those classes, never run code, and what it holds is checked before use
(:func:`_content`). It is a cache: nothing in it is ever the only copy.

The first start has no cache yet, and building one (YAML, Markdown, every guide rendered) made it
~3 × the everyday start. So a build ships the same file beside its content (:data:`SHIPPED`,
written by :func:`write_shipped`, see ``packaging/ship_content_cache.py``), keyed on what the
content files *contain* (installing changes their paths and times, not their bytes): when the
user's cache is missing and the shipped one was made from these very files, it is copied into the
user's cache instead of rebuilding. Edited content (authors, ``COOPGUIDE_CONTENT_DIR``) no longer
matches and is rebuilt as before.
"""

# No `from __future__ import annotations`: NamedTuple fields as strings cost a compile each (core/content/model.py).
import _pickle  # the C unpickler itself: the ``pickle`` module around it adds ~1.5 ms of imports
import contextlib
import io
import zlib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from coopguide import __version__
from coopguide.core.content import model
from coopguide.core.content.model import Content, Guide, KeyDates, SearchAids, Theme
from coopguide.core.shared.errors import StorageError
from coopguide.core.shared.paths import content_files

# 2: Guide.see_also (voir_aussi); 3: reference notes, GlossaryTerm.references; 4: Content.search_aids;
# 5: check-list items numbered in the page (the numbers of the slides and of the printed sheet);
# 6: Content.key_dates (dates-cles.yaml); 7: JSON written in ASCII; 8: pickled (see above); 9: glossary
# links without their definition as title (ui/glossary_hover.py shows it). A change of a model class's
# fields needs no new number: MODEL_SHAPE is in the key.
CACHE_FORMAT = 9
SHIPPED = "rendered-content.pickle"  # in the content folder of a build, never in the repository
SUFFIX = ".pickle"

# The only classes a cache file may name: the content model's values.
MODEL_CLASSES: dict[str, type] = {
    name: value
    for name, value in vars(model).items()
    if isinstance(value, type) and issubclass(value, tuple) and hasattr(value, "_fields")
}
MODEL_SHAPE = ";".join(f"{name}({','.join(cls._fields)})" for name, cls in sorted(MODEL_CLASSES.items()))  # type: ignore[attr-defined]
CONTENT_FIELDS = Content.FIELDS


def _version() -> str:
    """The part of every key that is not the content: app, cache format, model shape."""
    return f"{__version__}/{CACHE_FORMAT}/model-{zlib.crc32(MODEL_SHAPE.encode()):08x}"


class _ModelOnly(_pickle.Unpickler):
    """Unpickles the content model's values and nothing else (see the module's docstring)."""

    def find_class(self, module_name: str, name: str) -> Any:
        if module_name == model.__name__ and name in MODEL_CLASSES:
            return MODEL_CLASSES[name]
        raise _pickle.UnpicklingError(f"{module_name}.{name} is not a class of the content model")


class LoadedContent(NamedTuple):  # not a dataclass: see core/content/model.py
    content: Content
    html: Mapping[str, str]  # guide id → HTML template with item placeholders
    problems: list[str]
    from_cache: bool
    key: str = ""  # the fingerprint of the files it was read from: the search index is keyed on it


class RenderedPages(Mapping[str, str]):
    """The cached guides' HTML pages, kept as the UTF-8 bytes of the file and each decoded when
    first read: a start shows one page, and decoding all of them (~0.5 MB of French) took ~0.8 ms.
    A byte damaged in the file shows as « � » in its page rather than stopping it."""

    __slots__ = ("_decoded", "_encoded")

    def __init__(self, encoded: dict[str, bytes]) -> None:
        self._encoded = encoded
        self._decoded: dict[str, str] = {}

    def __getitem__(self, guide_id: str) -> str:
        page = self._decoded.get(guide_id)
        if page is None:
            page = self._decoded[guide_id] = self._encoded[guide_id].decode(errors="replace")
        return page

    def __iter__(self) -> Iterator[str]:
        return iter(self._encoded)

    def __len__(self) -> int:
        return len(self._encoded)


def fingerprint(root: Path) -> str:
    """What the cache was built from; stored whole in the cache file and compared on load."""
    parts = [f"{_version()}/{root}"]
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
    return f"{_version()}/sha256:{digest.hexdigest()}"


def load(root: Path, cache_dir: Path | None) -> LoadedContent:
    key = fingerprint(root)
    cache_file = cache_dir / f"content-{zlib.crc32(key.encode()):08x}{SUFFIX}" if cache_dir else None
    if cache_file and cache_file.exists():
        cached = _read(cache_file, key)
        if cached is not None:
            return cached
    shipped = _shipped(root)
    # the search index is keyed on ``key``: the shipped cache carries it too, so it is not rebuilt
    loaded = shipped._replace(key=key) if shipped else build(root, key)
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
    from coopguide.core.shared.files import write_atomically

    target = target or root / SHIPPED
    loaded = build(root)
    write_atomically(target, _pickled(content_key(root), loaded), action="écrire le cache livré")
    return target


def _pickled(key: str, loaded: LoadedContent) -> bytes:
    content = loaded.content
    fields = content.fields()
    html = {guide_id: page.encode() for guide_id, page in loaded.html.items()}  # see RenderedPages
    payload = {"key": key, "content": fields, "html": html, "problems": loaded.problems}
    return _pickle.dumps(payload, protocol=5)


def _read(cache_file: Path, key: str) -> LoadedContent | None:
    """The cached content, or None when the file is unreadable, stale, or not of the expected shape
    (damaged, truncated, written by another version): then it is rebuilt, never trusted."""
    try:
        data = _ModelOnly(io.BytesIO(cache_file.read_bytes())).load()
    except Exception:  # unreadable, or whatever a damaged pickle raises (EOFError, UnpicklingError, TypeError…)
        return None
    if not isinstance(data, dict) or data.get("key") != key:
        return None
    html, problems = data.get("html"), data.get("problems")
    if not (isinstance(html, dict) and isinstance(problems, list) and all(isinstance(p, str) for p in problems)):
        return None
    if not all(isinstance(k, str) and isinstance(v, bytes) for k, v in html.items()):
        return None
    content = _content(data.get("content"))
    if content is None or set(html) != set(content.guides):
        return None
    return LoadedContent(content, RenderedPages(html), problems, True, key)


def _content(fields: object) -> Content | None:
    """The Content made of the cached ``fields``, or None when they are not of the model's types."""
    if not isinstance(fields, dict) or tuple(fields) != CONTENT_FIELDS:
        return None
    guides, themes = fields["guides"], fields["themes"]
    sound = (
        all(isinstance(fields[name], str) for name in CONTENT_FIELDS[:4])
        and isinstance(themes, tuple)
        and all(isinstance(theme, Theme) for theme in themes)
        and isinstance(guides, dict)
        and all(isinstance(guide, Guide) and guide.id == guide_id for guide_id, guide in guides.items())
        and isinstance(fields["search_aids"], SearchAids)
        and isinstance(fields["key_dates"], KeyDates)
    )
    return Content(**fields) if sound else None


def build(root: Path, key: str | None = None) -> LoadedContent:
    from coopguide.core.content.guide_html import render_all
    from coopguide.core.content.validate import check_content

    key = fingerprint(root) if key is None else key  # taken before reading: an edit meanwhile rebuilds
    report = check_content(root)
    problems = [str(p) for p in report.problems]
    return LoadedContent(report.content, render_all(report.content), problems, False, key)


def _write(cache_file: Path, key: str, loaded: LoadedContent) -> None:
    from coopguide.core.shared.files import write_atomically  # not on an everyday start, which writes nothing

    try:
        write_atomically(cache_file, _pickled(key, loaded), action="écrire le cache du contenu", create_folder=True)
    except StorageError:
        return  # read-only folder, full disk…: not an error, the content is rebuilt next time
    for old in cache_file.parent.glob("content-*"):  # older ones, and the JSON of versions before 8
        if old != cache_file and old.suffix in (SUFFIX, ".json"):
            with contextlib.suppress(OSError):  # still open in another process (Windows): next time
                old.unlink()
