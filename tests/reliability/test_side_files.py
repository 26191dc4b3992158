"""Side files (content cache, search index, fenetre.ini) that are damaged but still look current
are detected and rebuilt, never trusted nor crashed on."""

from __future__ import annotations

import os
import pickle
import sqlite3

import pytest

from coopguide.core.content import cache as content_cache
from coopguide.core.search import index as search
from coopguide.ui import theme
from coopguide.ui.window_settings import SETTINGS_FILE, WindowSettings
from tests.conftest import FIXTURE_CONTENT
from tests.reliability.conftest import COUNTS

# -- content cache ---------------------------------------------------------------------------------


def _cache_file(cache_dir):
    (found,) = cache_dir.glob("content-*.pickle")
    return found


def _damage_cache(cache_dir, change):
    path = _cache_file(cache_dir)
    data = pickle.loads(path.read_bytes())
    path.write_bytes(pickle.dumps(change(data)))


WRONG_SHAPES = {
    "list": lambda data: [],
    "content-number": lambda data: {**data, "content": 3},
    "html-null": lambda data: {**data, "html": None},
    "html-value-null": lambda data: {**data, "html": dict.fromkeys(data["html"])},
    "html-missing-guide": lambda data: {**data, "html": {}},
    "problems-string": lambda data: {**data, "problems": "aucun"},
    "guides-number": lambda data: {**data, "content": {**data["content"], "guides": 7}},
    "guide-is-a-string": lambda data: {**data, "content": {**data["content"], "guides": ["x"]}},
    "guide-under-another-id": lambda data: {
        **data,
        "content": {**data["content"], "guides": {f"x{key}": g for key, g in data["content"]["guides"].items()}},
    },
    "themes-of-strings": lambda data: {**data, "content": {**data["content"], "themes": ("x",)}},
    "content-field-missing": lambda data: {**data, "content": {**data["content"], "key_dates": None}},
}


class _Planted:
    """What a forged cache could hold: a value whose unpickling would run a command."""

    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def test_a_content_cache_naming_anything_but_the_model_is_refused_unrun(tmp_path):
    """The cache is read by an unpickler that knows the content model's classes only: a file
    naming another global (here ``os.system``) is rebuilt and the call never happens."""
    cache_dir = tmp_path / "cache"
    first = content_cache.load(FIXTURE_CONTENT, cache_dir)
    marker = tmp_path / "ran"
    _damage_cache(cache_dir, lambda data: {**data, "problems": [_Planted(marker)]})
    again = content_cache.load(FIXTURE_CONTENT, cache_dir)
    assert not again.from_cache and again.html == first.html
    assert not marker.exists()


@pytest.mark.parametrize("change", WRONG_SHAPES.values(), ids=WRONG_SHAPES.keys())
def test_a_content_cache_of_the_wrong_shape_is_rebuilt(tmp_path, change):
    cache_dir = tmp_path / "cache"
    first = content_cache.load(FIXTURE_CONTENT, cache_dir)
    _damage_cache(cache_dir, change)
    COUNTS["damaged side files tried"] += 1
    again = content_cache.load(FIXTURE_CONTENT, cache_dir)
    assert not again.from_cache
    assert again.html == first.html and set(again.content.guides) == set(first.content.guides)
    assert content_cache.load(FIXTURE_CONTENT, cache_dir).from_cache  # rewritten whole


def test_a_sound_content_cache_is_still_used(tmp_path):
    cache_dir = tmp_path / "cache"
    content_cache.load(FIXTURE_CONTENT, cache_dir)
    assert content_cache.load(FIXTURE_CONTENT, cache_dir).from_cache


# -- search index ----------------------------------------------------------------------------------


def _truncate(path):
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _scramble_the_end(path):
    data = bytearray(path.read_bytes())
    page = 4096
    start = page * 3  # leave the header and the first pages (meta) alone
    for offset in range(start, len(data)):
        data[offset] = (offset * 131 + 7) % 256
    path.write_bytes(bytes(data))


def _drop_tables(path):
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE fts")
    conn.execute("DROP TABLE docs")
    conn.commit()
    conn.close()


def _empty_docs(path):
    conn = sqlite3.connect(path)
    conn.execute("DELETE FROM docs")
    conn.commit()
    conn.close()


def _bad_meta(path):
    conn = sqlite3.connect(path)
    conn.execute("UPDATE meta SET value = NULL WHERE name = 'documents'")
    conn.commit()
    conn.close()


DAMAGES = {
    "truncated": _truncate,
    "random-bytes": _scramble_the_end,
    "missing-tables": _drop_tables,
    "empty-docs": _empty_docs,
    "bad-meta": _bad_meta,
}


@pytest.mark.parametrize("damage", DAMAGES.values(), ids=DAMAGES.keys())
def test_a_damaged_search_index_whose_key_matches_is_rebuilt(shipped, tmp_path, damage):
    cache = tmp_path / "cache"
    first = search.open_index(shipped.content, cache)
    path = first.path
    first.close()
    damage(path)
    COUNTS["damaged side files tried"] += 1
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:  # the key still reads back for the damages made here: only a check can tell
        stored = conn.execute("SELECT value FROM meta WHERE name = 'key'").fetchone()
    except sqlite3.Error:
        stored = None
    finally:
        conn.close()
    if damage is not _truncate:
        assert stored == (search.index_key(shipped.content),)
    index = search.open_index(shipped.content, cache)
    try:
        assert index.built
        assert index.search("cape chomage")[0].guide_id == "cae-et-cape"
    finally:
        index.close()


def test_a_sound_search_index_is_reopened_not_rebuilt(shipped, tmp_path):
    cache = tmp_path / "cache"
    search.open_index(shipped.content, cache).close()
    index = search.open_index(shipped.content, cache)
    assert not index.built
    index.close()


# -- fenetre.ini -----------------------------------------------------------------------------------


def test_invalid_qsettings_values_read_as_the_defaults(tmp_path):
    """``@Invalid()`` is how QSettings writes an invalid QVariant; a hand edit can put it anywhere."""
    (tmp_path / SETTINGS_FILE).write_text(
        "[General]\nzoom=@Invalid()\napparence=@Invalid()\ngeometrie=@Invalid()\nseparateurs=@Invalid()\n"
        "dernier_guide=@Invalid()\n",
        encoding="utf-8",
    )
    COUNTS["damaged side files tried"] += 1
    settings = WindowSettings(tmp_path / SETTINGS_FILE)
    assert settings.zoom == 0
    assert settings.appearance == theme.SYSTEM
    assert settings.geometry is None and settings.splitter is None
    assert settings.last_guide is None


def test_odd_zoom_values_read_as_the_default(tmp_path):
    (tmp_path / SETTINGS_FILE).write_text(
        "[General]\nzoom=abc\nseparateurs=12\ngeometrie=@ByteArray()\n", encoding="utf-8"
    )
    COUNTS["damaged side files tried"] += 1
    settings = WindowSettings(tmp_path / SETTINGS_FILE)
    assert settings.zoom == 0 and settings.splitter is None and settings.geometry is None
