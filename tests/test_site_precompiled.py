"""nohero's templates shipped already translated (`nohero.site.precompiled`):
up to date, used when they match, ignored (never wrong) when they do not."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jinja2
import pytest

from gitrepo import Repo, runbook
from nohero.config import load_config
from nohero.site import SiteLayout, SiteRenderer, build_site_model, precompiled
from nohero.site.analysis import analyse
from nohero.site.pages import generated_pages

TODAY = dt.date(2026, 11, 25)


def test_the_shipped_translations_are_those_of_the_templates_as_they_are() -> None:
    shipped = json.loads(precompiled.SHIPPED.read_text(encoding="utf-8"))
    if not shipped["key"].startswith(repr((jinja2.__version__,))[:-2]):
        pytest.skip(f"translated with another Jinja than {jinja2.__version__}: used nowhere here")
    fresh = precompiled.translate(SiteRenderer(shipped=False).env)
    stale = sorted(
        name
        for name in {*shipped["templates"], *fresh["templates"]}
        if shipped["templates"].get(name) != fresh["templates"].get(name)
    )
    assert shipped["key"] == fresh["key"] and not stale, (
        f"{stale or 'the environment'} changed: run `python -m nohero.site.precompiled`"
    )


def _pages(folder: Repo, renderer: SiteRenderer) -> dict[str, tuple[str, tuple[str, ...]]]:
    config = load_config(None, folder.path)
    analysis = analyse(config, TODAY)
    model = build_site_model(analysis.report, analysis.kb.roster, TODAY, SiteLayout(), None)
    panels = [renderer.panel_block(p, lambda _: None, "") for p in model.panels.values()]
    pages = {p.src_uri: (p.content, p.slots) for p in generated_pages(model, renderer)}
    return {**pages, "panels": ("".join(panels), ())}


def test_a_build_renders_from_them_exactly_what_it_renders_from_source(folder: Repo) -> None:
    folder.knowledge_base(docs={"db.md": runbook(), "web.md": runbook(owner="bob")})
    shipped = SiteRenderer()
    from_source = SiteRenderer(shipped=False)
    assert _pages(folder, shipped) == _pages(folder, from_source)
    assert shipped.shipped is not None and shipped.shipped.used >= 5  # none translated again


def test_a_translation_for_another_environment_is_not_used(
    folder: Repo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another Jinja (or other settings) may translate a template otherwise:
    its shipped code is then ignored and the template compiled from source."""
    data = json.loads(precompiled.SHIPPED.read_text(encoding="utf-8"))
    data["key"] = data["key"].replace(repr(jinja2.__version__), "'0.0.1'", 1)
    other = tmp_path / "templates.compiled.json"
    other.write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setattr(precompiled, "SHIPPED", other)
    folder.knowledge_base(docs={"db.md": runbook()})
    renderer = SiteRenderer()
    assert _pages(folder, renderer) == _pages(folder, SiteRenderer(shipped=False))
    assert renderer.shipped is not None and renderer.shipped.used == 0


def test_a_user_override_is_compiled_from_its_own_text(folder: Repo, tmp_path: Path) -> None:
    folder.knowledge_base(docs={"db.md": runbook()})
    overrides = tmp_path / "overrides"
    overrides.mkdir()
    template = "# Our owners\n\n{{ people | length }}\n"
    (overrides / "owners.md").write_text(template, encoding="utf-8")
    pages = _pages(folder, SiteRenderer([overrides]))
    assert pages["nohero/owners.md"][0].startswith("# Our owners\n\n4")
