"""Rendering a guide for the view, and the start-up cache of the rendered content."""

from __future__ import annotations

import os
import pickle
import shutil

from coopguide.core.content import cache as content_cache
from coopguide.core.content.guide_html import render_guide
from coopguide.core.content.item_boxes import BOX_DONE, BOX_EMPTY, fill_items, plain_text
from coopguide.core.content.toc import Heading, table_of_contents
from coopguide.core.content.validate import check_content
from coopguide.core.search.documents import documents
from coopguide.core.shared.dates import long_date


def rendered(content_root, guide_id="alpha"):
    content = check_content(content_root).content
    return render_guide(content.guides[guide_id], content), content


def test_items_become_boxes_reflecting_the_dossier(content_root):
    html, _ = rendered(content_root)
    assert html.count("@@cgitem:") == 4
    filled = fill_items(html, {"alpha.groupe"})
    assert f'href="cocher:alpha.groupe" title="fait — cliquer pour changer">{BOX_DONE}</a>' in filled
    assert f'href="cocher:alpha.depot" title="à faire — cliquer pour changer">{BOX_EMPTY}</a>' in filled
    assert "@@cgitem" not in filled and "{#alpha" not in filled


def test_raw_html_in_content_is_shown_as_text_never_interpreted(content_root):
    path = content_root / "guides" / "alpha.md"
    path.write_text(path.read_text("utf-8") + '\n<img src="https://tracker.example/x.png">\n', "utf-8")
    html, _ = rendered(content_root)
    assert "<img" not in html and "&lt;img" in html


def test_sources_date_and_disclaimer_end_every_guide(content_root):
    html, content = rendered(content_root)
    tail = html[html.index('<h2 id="sources">') :]
    assert '<a href="https://www.legifrance.gouv.fr/a">Source officielle A</a>' in tail
    assert "Source imprimée B — Code du travail, art. L1" in tail
    assert "à jour au 1er novembre 2026" in tail.lower()
    assert content.disclaimer in tail


def test_glossary_links_carry_their_term_not_its_definition(content_root):
    """ui/glossary_hover.py shows the definition from the href: as a title it made the page's HTML a
    third longer, parsed at every display."""
    html, _ = rendered(content_root)
    assert '<a class="terme" href="glossaire:scop">Scop</a>' in html
    assert "Société coopérative de production" not in html


def test_french_dates_and_plain_item_text():
    assert long_date("2026-02-01") == "1er février 2026"  # as French writes the first of a month
    assert long_date("2026-02-02") == "2 février 2026"
    assert long_date("pas une date") == "pas une date"
    assert plain_text("Lire [la loi](https://x) **vite**") == "Lire la loi vite"


def test_second_load_comes_from_the_cache(content_root, tmp_path):
    cache_dir = tmp_path / "cache"
    first = content_cache.load(content_root, cache_dir)
    second = content_cache.load(content_root, cache_dir)
    assert (first.from_cache, second.from_cache) == (False, True)
    assert second.content.items().keys() == first.content.items().keys()
    assert second.html == first.html
    assert second.content.guides["alpha"] == first.content.guides["alpha"]


def test_editing_the_content_rebuilds_the_cache(content_root, tmp_path):
    cache_dir = tmp_path / "cache"
    content_cache.load(content_root, cache_dir)
    path = content_root / "guides" / "beta.md"
    path.write_text(path.read_text("utf-8").replace("Étape deux", "Étape numéro deux"), "utf-8")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10_000_000))
    again = content_cache.load(content_root, cache_dir)
    assert not again.from_cache
    assert again.content.items()["beta.deux"].text == "Étape numéro deux"
    assert len(list(cache_dir.glob("content-*.pickle"))) == 1


def test_a_damaged_cache_is_rebuilt(content_root, tmp_path):
    cache_dir = tmp_path / "cache"
    content_cache.load(content_root, cache_dir)
    cache_file = next(cache_dir.glob("content-*.pickle"))
    cache_file.write_text("{pas du json", "utf-8")
    (cache_dir / "content-0badcafe.json").write_text("{}", "utf-8")  # the JSON cache of a version before 8
    again = content_cache.load(content_root, cache_dir)
    assert not again.from_cache and "alpha" in again.content.guides
    rewritten = content_cache.load(content_root, cache_dir)
    assert rewritten.from_cache and rewritten.content.edition == "test-1"
    assert [p.name for p in cache_dir.iterdir()] == [cache_file.name]  # the older cache removed


# -- the rendered content shipped with a build -------------------------------------------------


def no_rendering(monkeypatch) -> None:
    def refused(root):
        raise AssertionError("the content was rendered")

    monkeypatch.setattr(content_cache, "build", refused)


def test_a_first_start_takes_the_shipped_rendered_content_then_its_own_cache(content_root, tmp_path, monkeypatch):
    expected = content_cache.build(content_root)
    content_cache.write_shipped(content_root)
    installed = tmp_path / "installed" / "content"  # installing changes paths and times, not bytes
    shutil.copytree(content_root, installed)
    no_rendering(monkeypatch)
    first = content_cache.load(installed, tmp_path / "cache")
    assert first.from_cache
    assert (first.content, first.html, first.problems) == (expected.content, expected.html, expected.problems)
    (installed / content_cache.SHIPPED).unlink()  # the next start reads the user's cache
    assert content_cache.load(installed, tmp_path / "cache").html == expected.html


def test_shipped_rendered_content_of_other_files_or_damaged_is_not_used(content_root, tmp_path):
    content_cache.write_shipped(content_root)
    path = content_root / "guides" / "beta.md"
    path.write_text(path.read_text("utf-8").replace("Étape deux", "Étape numéro deux"), "utf-8")
    edited = content_cache.load(content_root, tmp_path / "cache")
    assert not edited.from_cache
    assert edited.content.items()["beta.deux"].text == "Étape numéro deux"
    content_cache.write_shipped(content_root)
    shipped = content_root / content_cache.SHIPPED
    shipped.write_bytes(shipped.read_bytes()[:-200])  # truncated
    assert not content_cache.load(content_root, tmp_path / "other-cache").from_cache


def test_the_shipped_file_is_not_part_of_the_content(content_root):
    before = content_cache.fingerprint(content_root), content_cache.content_key(content_root)
    content_cache.write_shipped(content_root)
    assert (content_cache.fingerprint(content_root), content_cache.content_key(content_root)) == before
    assert check_content(content_root).problems == []


# -- « Voir aussi » ----------------------------------------------------------------------------


def with_see_also(content_root, *related: str):
    """The fixture content with alpha pointing at ``related`` and beta's title and summary full of
    characters HTML must escape."""
    content = check_content(content_root).content
    beta = content.guides["beta"]
    content.guides["beta"] = beta._replace(title='Beta <b> & "co"', summary="Le second <guide>.")
    content.guides["alpha"] = content.guides["alpha"]._replace(see_also=related)
    return content


def test_see_also_block_lists_titles_and_summaries_before_the_sources(content_root):
    content = with_see_also(content_root, "beta", "glossaire")
    html = render_guide(content.guides["alpha"], content)
    start, sources = html.index('<h2 id="voir-aussi">Voir aussi</h2>'), html.index('<h2 id="sources">')
    assert html.index("pas du HTML") < start < sources  # after the body's last line
    block = html[start:sources]
    beta = block.index(
        '<li><a href="guide:beta"><b>Beta &lt;b&gt; &amp; &quot;co&quot;</b></a> — Le second &lt;guide&gt;.</li>'
    )
    glossary = block.index('<li><a href="guide:glossaire"><b>Glossaire</b></a> — ')
    assert beta < glossary  # the order of voir_aussi
    assert "<b>Beta <b>" not in html


def test_no_see_also_block_without_related_guides(content_root):
    content = with_see_also(content_root)
    assert "voir-aussi" not in render_guide(content.guides["alpha"], content)
    content = with_see_also(content_root, "alpha", "absent")  # itself and unknown: check-content reports them
    assert "voir-aussi" not in render_guide(content.guides["alpha"], content)


def test_see_also_is_in_the_table_of_contents_but_not_in_the_search_documents(content_root):
    content = with_see_also(content_root, "beta")
    assert table_of_contents(content.guides["alpha"])[-1] == Heading(2, "Voir aussi", "voir-aussi")
    assert all(h.anchor != "voir-aussi" for h in table_of_contents(content.guides["beta"]))
    alpha_text = " ".join(d.title + " " + d.body for d in documents(content) if d.guide_id == "alpha")
    assert "second" not in alpha_text  # beta's summary is found in beta only, not twice


def test_a_cache_of_another_model_shape_is_rebuilt(content_root, tmp_path, monkeypatch):
    """A model class whose fields change (one added, removed or reordered) makes every cache stale:
    the model's shape is in the key, so values are never read into the wrong fields."""
    cache_dir = tmp_path / "cache"
    assert "Guide(id,title," in content_cache.MODEL_SHAPE and "ChecklistItem(" in content_cache.MODEL_SHAPE
    monkeypatch.setattr(
        content_cache, "MODEL_SHAPE", content_cache.MODEL_SHAPE.replace("Guide(id,title,", "Guide(title,id,")
    )
    content_cache.load(content_root, cache_dir)
    monkeypatch.undo()
    again = content_cache.load(content_root, cache_dir)
    assert not again.from_cache and again.content.guides["alpha"].id == "alpha"
    assert content_cache.load(content_root, cache_dir).from_cache


def test_the_cached_pages_are_decoded_when_read_and_a_damaged_byte_stays_in_its_page(content_root, tmp_path):
    cache_dir = tmp_path / "cache"
    built = content_cache.load(content_root, cache_dir)
    (cache_file,) = cache_dir.glob("content-*.pickle")
    data = pickle.loads(cache_file.read_bytes())
    assert all(isinstance(page, bytes) for page in data["html"].values())  # decoded when shown
    data["html"]["alpha"] = data["html"]["alpha"].replace("é".encode(), b"\xff", 1)
    cache_file.write_bytes(pickle.dumps(data))
    cached = content_cache.load(content_root, cache_dir)
    assert cached.from_cache and "\ufffd" in cached.html["alpha"]
    assert {g: cached.html[g] for g in cached.html if g != "alpha"} == {
        g: p for g, p in built.html.items() if g != "alpha"
    }


def test_the_cache_gives_back_the_very_content_it_was_built_from(content_root, tmp_path):
    built = content_cache.load(content_root, tmp_path / "cache")
    cached = content_cache.load(content_root, tmp_path / "cache")
    assert (built.from_cache, cached.from_cache) == (False, True)
    assert cached.content == built.content and cached.content.to_dict() == built.content.to_dict()
    assert cached.html == built.html and cached.problems == built.problems
    assert cached.content.items() == built.content.items()


def test_the_cache_format_bump_rebuilds_older_caches(content_root, tmp_path, monkeypatch):
    cache_dir = tmp_path / "cache"
    monkeypatch.setattr(content_cache, "CACHE_FORMAT", content_cache.CACHE_FORMAT - 1)
    content_cache.load(content_root, cache_dir)
    monkeypatch.undo()
    assert not content_cache.load(content_root, cache_dir).from_cache
