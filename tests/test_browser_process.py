"""Issue 13's process pages in headless Chromium, in English and Welsh: the case list with a
search and a filter, case pages (timeline and key dates), deadlines and figures pass axe-core's
WCAG 2.2 A/AA rules and do not scroll sideways at phone width (390 px)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from forms.i18n import Translator
from web.core.extensions import db
from web.core.models import Case, CaseKeyDate

from .test_browser import live_server, page  # noqa: F401  (fixtures)
from .test_browser_flows import axe_clean, demo, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.db]


def process_pages(app) -> dict:
    """The demo home: the first case (records, an overdue decision letter) and one that has
    moved stage with several key dates, so both timelines have entries."""
    ids = demo(app)
    year = dt.date.today().year
    with app.app_context():
        moved = db.session.scalar(select(Case).where(Case.provider == "Gofal Glan-y-Môr Cyf"))
        key_date = db.session.scalar(select(CaseKeyDate).where(CaseKeyDate.case_id == moved.id))
        return {
            "case list, searched and filtered": "/?q=Glan&stage=escalating",
            "case page": f"/cases/{ids['case']}",
            "case page, moved stage": f"/cases/{moved.id}",
            "stage form": f"/cases/{moved.id}/stage",
            "new key date": f"/cases/{moved.id}/dates/new",
            "key date": f"/cases/{moved.id}/dates/{key_date.id}",
            "deadlines": "/deadlines",
            "deadlines, overdue only": "/deadlines?overdue=1",
            "figures": "/figures",
            "figures, a period": f"/figures?from={year}-01-01&to={year}-12-31",
        }


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_process_pages_pass_axe_and_fit_a_phone(live_server, page, lang):  # noqa: F811
    app, base = live_server
    pages = process_pages(app)
    t = Translator(lang)
    sign_in(page, base, lang)
    problems, wide = {}, {}
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 844})
        for name, path in pages.items():
            response = page.goto(base + path)
            assert response.ok and page.url == base + path, (name, response.status, page.url)
            assert page.locator("html").get_attribute("lang") == lang
            assert page.locator(".govuk-error-summary").count() == 0, name
            if violations := axe_clean(page):
                problems[f"{name} @ {width}px"] = violations
            scroll, client = page.evaluate(
                "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
            )
            if scroll > client:
                wide[f"{name} @ {width}px"] = (scroll, client)
    assert not problems, problems
    assert not wide, wide
    # the pages show what they are for, not an empty shell
    page.goto(base + pages["case list, searched and filtered"])
    main = page.locator("main").inner_text()
    assert "Gofal Glan-y-Môr Cyf" in main and "Meadowbank" not in main
    page.goto(base + pages["case page, moved stage"])
    main = page.locator("main").inner_text()
    assert t("Timeline") in main and t("Key dates") in main
    page.goto(base + pages["deadlines"])
    assert page.locator("main table tbody tr").count() > 0  # the demo's overdue letters


def test_the_checks_can_fail(live_server, page):  # noqa: F811
    """An image with no text and a too-wide block are caught, so a pass above means something."""
    app, base = live_server
    process_pages(app)
    sign_in(page, base)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(base + "/deadlines")
    page.evaluate(  # the style set from script: the CSP refuses inline style attributes
        """() => {
        const main = document.querySelector("main");
        main.insertAdjacentHTML("beforeend", '<img src="data:,"><div>wide</div>');
        main.lastElementChild.style.width = "900px";
        }"""
    )
    assert "image-alt" in [rule for rule, _ in axe_clean(page)]
    assert page.evaluate(
        "document.documentElement.scrollWidth > document.documentElement.clientWidth"
    )
