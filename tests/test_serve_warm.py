"""A gunicorn worker compiles the page templates and freezes them before its first request."""

from __future__ import annotations

import gc

from web.ops.serve import warm


def test_warm_compiles_every_page_template_and_freezes_them(app):
    pages = app.jinja_env.list_templates(filter_func=lambda n: n.endswith(".html"))
    assert len(pages) > 20
    try:
        warm(app)
        compiled = {key[1] for key in app.jinja_env.cache.keys()}
        assert set(pages) <= compiled
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
